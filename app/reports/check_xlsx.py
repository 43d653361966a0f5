"""The completeness check as a workbook: one sheet of candidates, one of findings, to print and sign off."""

from __future__ import annotations

from pathlib import Path

from app.aggregate.panel_tables import Table
from app.reports.panel_xlsx import write_tables_xlsx
from app.rubric.scheme import Scheme
from app.station.candidates import Candidate
from app.station.check import Finding

ROLE_LABELS = {"merit_statement": "事迹材料", "integrity_certificate": "廉洁执法证明"}


def write_check_xlsx(scheme: Scheme, cands: list[Candidate], findings: list[Finding], out: Path) -> None:
    overview = Table(
        "候选", f"报送材料检查 · {scheme.title}", ["候选", "单位", "案卷数", "其他材料", "问题数", "否决"]
    )
    for cand in cands:
        mine = [f for f in findings if f.candidate == cand.id]
        papers = "、".join(ROLE_LABELS.get(p.role, p.role) for p in cand.papers)
        vetoed = "是" if any(f.severity == "veto" for f in mine) else ""
        overview.rows.append([cand.name, cand.unit, len(cand.cases), papers, len(mine), vetoed])
    detail = Table("问题", "问题清单（每项注明理由和所涉文件）", ["候选", "问题", "说明", "文件", "Finding"])
    for finding in findings:
        detail.rows.append([finding.candidate, finding.label, finding.zh, finding.file, finding.en])
    if not findings:
        detail.notes.append("未发现问题。")
    write_tables_xlsx([overview, detail], out)
