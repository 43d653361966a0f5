"""Times as a person reads them (local, with the zone) and as they are signed (UTC, with the offset).

The store and every signed manifest keep UTC ISO 8601 with ``+00:00`` (``app.models.store.now_iso``), so
a package means the same instant everywhere. Whatever a person reads shows local time and says which
zone it is in: a score sheet printed at 07:30 in Xining is dated that day, not the UTC day before.
The local zone comes from the operating system (``datetime.astimezone``), which needs no tz database
(Windows has none for ``zoneinfo`` without the tzdata package).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo


def parse(value: str | datetime) -> datetime:
    """An aware datetime; a stored time without an offset is UTC (how the store writes them)."""
    moment = (
        value if isinstance(value, datetime) else datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    )
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def to_local(value: str | datetime, zone: tzinfo | None = None) -> datetime:
    return parse(value).astimezone(zone)


def zone_label(moment: datetime) -> str:
    """``UTC+08:00``: unambiguous everywhere, unlike zone names (``CST`` is China and US Central)."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def local_text(value: str | datetime | None, zone: tzinfo | None = None, *, seconds: bool = False) -> str:
    """``2026-11-30 13:42 (UTC+08:00)`` for a person; empty for no time."""
    if value is None or value == "":
        return ""
    moment = to_local(value, zone)
    shown = moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return f"{shown} ({zone_label(moment)})"


def local_date(value: str | datetime, zone: tzinfo | None = None) -> str:
    """The local calendar date (a score sheet's date), ``2026-11-30``."""
    return to_local(value, zone).date().isoformat()


def signed_now() -> str:
    """Now for a signed record: UTC with its offset, to the millisecond (as ``now_iso``)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")
