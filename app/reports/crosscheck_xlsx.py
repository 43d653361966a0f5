"""The cross-case findings as a workbook the station prints: one sheet per kind of finding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.aggregate.panel_tables import Table
from app.crosscheck.codes import CODES
from app.crosscheck.run import CrosscheckReport
from app.reports.panel_xlsx import write_tables_xlsx


def _where(ref: dict[str, Any]) -> str:
    cases = "、".join(str(c) for c in ref.get("case_ids") or [])
    return f"案卷 {cases} · {ref['kind_label']} 第 {ref['first_page']}–{ref['last_page']} 页"


def crosscheck_tables(report: CrosscheckReport) -> list[Table]:
    overview = Table(
        "概况",
        f"跨案卷核查 · {report.records} 份笔录 · {report.files} 个案卷文件",
        ["问题", "数量"],
        [[CODES[code][0], count] for code, count in report.counts().items()],
    )
    overview.notes.append(
        f"笔录雷同的阈值：相同问答（或叙述）占较短笔录的 {report.threshold:.0%} 以上，且至少 3 处。"
    )
    overview.notes.append("比较前已遮蔽人名、单位名称、地点、日期和数字；格式化的告知和常用答语不计。")
    tables = [overview]
    for code, (label, _) in CODES.items():
        table = Table(label, label, ["序号", "单位", "笔录", "另一份笔录", "说明", "相似度"])
        for number, finding in enumerate((f for f in report.findings if f["code"] == code), 1):
            a, b = finding["a"], finding.get("b")
            score = finding.get("score")
            table.rows.append(
                [
                    number,
                    a.get("unit") or "",
                    _where(a),
                    _where(b) if b else "",
                    finding["message"],
                    f"{score:.0%}" if isinstance(score, float) else "",
                ]
            )
        if not table.rows:
            table.notes.append("未发现。")
        tables.append(table)
    return tables


def write_crosscheck_xlsx(report: CrosscheckReport, out: Path) -> None:
    write_tables_xlsx(crosscheck_tables(report), out)
