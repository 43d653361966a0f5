"""The findings for one bureau as plain tables, shared by its PDF and its workbook."""

from __future__ import annotations

from app.aggregate.findings import BureauFindings, CaseFindings, Finding
from app.aggregate.panel_tables import Table
from app.rubric.rounding import format_points

HEADER = ["类别", "问题", "发现的专家", "扣分", "页码", "专家意见"]


def case_table(found: CaseFindings) -> Table:
    case = found.case
    title = f"{found.case_number}　得分 {format_points(case.final)}"
    table = Table(found.case_number[:31] or "案卷", title, list(HEADER))
    for finding in found.findings:
        table.rows.append(_cells(finding, found.reviewers))
    if not found.findings:
        table.notes.append("专家未发现问题。")
    return table


def bureau_table(bureau: BureauFindings) -> Table:
    """All of a bureau's case files in one sheet: the case first on each line."""
    table = Table("评查意见", f"案卷评查意见 · {bureau.unit}", ["案卷", "得分", *HEADER])
    table.notes.append("“发现的专家”为评查该案卷的专家中发现该问题的人数；扣分为各专家扣分的范围。")
    for found in bureau.cases:
        if not found.findings:
            table.rows.append([found.case_number, found.case.final, "", "专家未发现问题", "", "", "", ""])
        for finding in found.findings:
            table.rows.append([found.case_number, found.case.final, *_cells(finding, found.reviewers)])
    return table


def _cells(finding: Finding, reviewers: int) -> list[object]:
    """One finding under ``HEADER``."""
    return [
        finding.kind_label,
        finding.subject,
        _who(finding, reviewers),
        finding.lost_text,
        finding.pages_text,
        "\n".join(finding.notes),
    ]


def _who(finding: Finding, reviewers: int) -> str:
    """How many of the case's experts found it; the station's own cross-case checks say so."""
    return "监理站核查" if finding.kind == "crosscheck" else f"{finding.experts}/{reviewers}"
