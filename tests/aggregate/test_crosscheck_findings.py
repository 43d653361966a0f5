"""The station's cross-case findings reach the bureau's findings, from the case's own side."""

from __future__ import annotations

from decimal import Decimal

from app.aggregate.findings import CaseFindings, crosscheck_findings
from app.aggregate.panel import CaseResult
from app.reports.findings_tables import case_table


def _ref(sha: str, case_id: int, first: int) -> dict:
    return {
        "sha256": sha,
        "kind_label": "调查询问笔录",
        "first_page": first,
        "last_page": first + 2,
        "case_ids": [case_id],
    }


def test_a_copied_record_is_reported_on_both_cases_each_from_its_side() -> None:
    stored = [
        {
            "code": "copied_record",
            "a": _ref("a" * 64, 1, 12),
            "b": _ref("b" * 64, 2, 5),
            "message": "问答 5/6 相同（已遮蔽人名、单位、地点、日期和数字）",
            "passages": [{"a": "案卷1的原话。", "b": "案卷2的原话。"}],
        }
    ]
    case_b = CaseResult(
        "b" * 64, "b.pdf", None, "transcripts-2024", Decimal(100), [], Decimal(80), "mean", Decimal(0), False
    )
    [finding] = crosscheck_findings(case_b, stored)
    assert finding.pages == [5]
    assert "笔录雷同" in finding.subject and "另见案卷 1 第12页" in finding.subject
    assert "“案卷2的原话。”" in finding.notes
    table = case_table(CaseFindings(case_b, 3, [finding]))
    assert table.rows[0][2] == "监理站核查"
