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
