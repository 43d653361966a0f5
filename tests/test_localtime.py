from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from app.localtime import local_date, local_text, parse, signed_now

CHINA = timezone(timedelta(hours=8))
NEWFOUNDLAND = timezone(-timedelta(hours=3, minutes=30))


def test_stored_utc_is_shown_in_local_time_with_its_offset() -> None:
    assert local_text("2026-11-29T23:30:05.123+00:00", CHINA) == "2026-11-30 07:30 (UTC+08:00)"
    assert local_text("2026-11-29T23:30:05", CHINA, seconds=True) == "2026-11-30 07:30:05 (UTC+08:00)"
    assert local_text("2026-11-30T01:00:00Z", NEWFOUNDLAND) == "2026-11-29 21:30 (UTC-03:30)"
    assert local_text(None) == "" and local_text("") == ""


def test_score_sheet_date_is_the_local_day_not_the_utc_day() -> None:
    assert local_date("2026-11-29T23:30:00+00:00", CHINA) == "2026-11-30"
    assert local_date("2026-11-29T23:30:00+00:00", UTC) == "2026-11-29"


def test_signed_times_are_utc_with_an_explicit_offset() -> None:
    stamp = signed_now()
    assert stamp.endswith("+00:00")
    assert abs(parse(stamp) - datetime.now(UTC)) < timedelta(seconds=5)
