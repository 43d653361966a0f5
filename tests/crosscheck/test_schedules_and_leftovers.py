"""Impossible schedules across case files, and names left over from another case."""

from __future__ import annotations

from datetime import date

from app.crosscheck.leftovers import find_leftovers
from app.crosscheck.schedules import find_double_bookings, find_out_of_line, last_date
from app.models.transcripts import CaseRef, StoredTranscript


def rec(
    sha: str,
    start: str,
    end: str,
    officers: list[tuple[str, str | None]],
    *,
    unit: str = "德州市生态环境局",
    kind: str = "inquiry_record",
    party: str = "",
    subject: str = "",
    text: str = "",
    first: int = 3,
) -> StoredTranscript:
    facts = {
        "start": start,
        "end": end,
        "party": party,
        "subject": subject,
        "officers": [{"name": n, "badge": b} for n, b in officers],
    }
    return StoredTranscript(
        sha, kind, first, first + 1, facts, text, [CaseRef(int(sha[-1], 16) + 1, unit, f"{sha}.pdf")]
    )


def test_one_officer_in_two_files_at_overlapping_times_is_found_by_badge() -> None:
    a = rec(
        "a" * 64, "2024-05-06T09:00", "2024-05-06T10:00", [("王强", "37140119001"), ("李明", "37140119002")]
    )
    b = rec(
        "b" * 64,
        "2024-05-06T09:30",
        "2024-05-06T10:30",
        [("王 强", "3714 0119 001"), ("赵云", "37140119003")],
    )
    c = rec("c" * 64, "2024-05-06T10:00", "2024-05-06T11:00", [("王强", "37140119001")])  # starts as a ends
    found = find_double_bookings([a, b, c])
    assert [(d.a.sha256[0], d.b.sha256[0]) for d in found] == [("a", "b"), ("b", "c")]
    assert found[0].badge == "37140119001"


def test_without_badges_the_name_counts_only_within_one_unit() -> None:
    a = rec("a" * 64, "2024-05-06T09:00", "2024-05-06T10:00", [("王强", None)])
    b = rec("b" * 64, "2024-05-06T09:30", "2024-05-06T10:30", [("王强", None)])
    elsewhere = rec(
        "c" * 64, "2024-05-06T09:30", "2024-05-06T10:30", [("王强", None)], unit="济宁市生态环境局"
    )
    assert len(find_double_bookings([a, b, elsewhere])) == 1


def test_overlaps_inside_one_file_and_one_inspection_filed_twice_are_not_reported() -> None:
    a = rec("a" * 64, "2024-05-06T09:00", "2024-05-06T10:00", [("王强", "37140119001")])
    same_file = rec("a" * 64, "2024-05-06T09:30", "2024-05-06T10:30", [("王强", "37140119001")], first=7)
    inspection = dict(kind="inspection_record", party="华泰纸业有限公司")
    filed_once = rec(
        "b" * 64, "2024-05-07T09:00", "2024-05-07T10:00", [("王强", "37140119001")], **inspection
    )
    filed_twice = rec(
        "c" * 64, "2024-05-07T09:00", "2024-05-07T10:00", [("王强", "37140119001")], **inspection
    )
    assert find_double_bookings([a, same_file, filed_once, filed_twice]) == []


def test_records_out_of_order_or_outside_the_case_time_line() -> None:
    backwards = rec("a" * 64, "2024-05-06T15:00", "2024-05-06T14:00", [])
    late = rec("b" * 64, "2024-09-01T09:00", "2024-09-01T10:00", [])
    early_inquiry = rec("c" * 64, "2024-04-01T09:00", "2024-04-01T10:00", [])
    early_inspection = rec("d" * 64, "2024-04-01T09:00", "2024-04-01T10:00", [], kind="inspection_record")
    lines = {sha * 64: {"filed": date(2024, 5, 1), "decided": date(2024, 8, 1)} for sha in "abcd"}
    found = {
        (f.record.sha256[0], f.code)
        for f in find_out_of_line([backwards, late, early_inquiry, early_inspection], lines)
    }
    assert found == {("a", "times_out_of_order"), ("b", "after_decision"), ("c", "before_filing")}


def test_a_decision_is_dated_by_its_last_date_in_any_numerals() -> None:
    text = "经查，你单位于2024年3月5日……\n某市生态环境局\n二〇二四年八月一日"
    assert last_date(text) == date(2024, 8, 1)


def test_a_record_naming_another_case_files_party_is_reported_not_its_own() -> None:
    own = rec(
        "a" * 64,
        "",
        "",
        [],
        party="宏达化工有限公司",
        subject="李四",
        text="答：宏达化工有限公司的废水是华泰纸业有限公司的情况就是这样。",
    )
    other = rec(
        "b" * 64, "", "", [("王强", None)], party="华泰纸业有限公司", subject="张三", text="答：我叫张三。"
    )
    same_party = rec(
        "c" * 64, "", "", [], party="宏达化工有限公司", subject="李四", text="答：宏达化工有限公司。"
    )
    found = find_leftovers([own, other, same_party])
    assert [(f.record.sha256[0], f.name, f.kind) for f in found] == [("a", "华泰纸业有限公司", "party")]
    assert found[0].owners[0].sha256 == "b" * 64


def test_officers_names_are_not_leftovers() -> None:
    a = rec(
        "a" * 64, "", "", [("王强", None)], party="宏达化工有限公司", subject="王强", text="答：我是王强。"
    )
    b = rec(
        "b" * 64,
        "",
        "",
        [("王强", None)],
        party="华泰纸业有限公司",
        subject="李四",
        text="问：我是王强，执法人员。答：好的。",
    )
    assert find_leftovers([a, b]) == []


def test_a_date_inside_a_sentence_is_not_the_document_s_date() -> None:
    """A decision that says 我局于2024年5月9日对你单位进行了调查 and has no 落款 date has no known date."""
    assert last_date("经查，我局于2024年5月9日对你单位进行了调查，发现你单位超标排放。") is None
    assert last_date("负责人意见：同意立案 2024年5月12日") == date(2024, 5, 12)
