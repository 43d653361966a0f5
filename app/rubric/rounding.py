"""How every number a rubric produces is rounded: once, here.

Arithmetic runs on exact Decimals; a number is rounded only when it is reported, to two decimal
places, half up (四舍五入), as score sheets are written by hand.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PLACES = Decimal("0.01")


def to_decimal(value: object) -> Decimal:
    """Exact decimal of a TOML/JSON number (floats go through their shortest repr: 0.1 stays 0.1)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a score")
    if isinstance(value, int | float | str):
        return Decimal(str(value))
    raise TypeError(f"not a number: {value!r}")


def report(value: Decimal) -> Decimal:
    """The reported form of a score."""
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


def as_json_number(value: Decimal) -> float | int:
    rounded = report(value)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def format_points(value: Decimal | float | int | None, *, signed: bool = False, blank: str = "—") -> str:
    """A number of points as people read it everywhere (form, history, CLI, PDF, xlsx): two places.

    ``84`` and ``95.75`` side by side read as two kinds of number; ``84.00`` and ``95.75`` do not.
    ``signed`` writes a difference (a deduction, a leniency) with its sign: ``+5.31``, ``−4.50``
    (U+2212, the minus a typesetter uses). ``None`` (not scored) is ``blank``.
    """
    if value is None:
        return blank
    rounded = report(to_decimal(value))
    text = f"{abs(rounded):.2f}"
    if signed and rounded > 0:
        return "+" + text
    if rounded < 0:
        return "−" + text
    return text
