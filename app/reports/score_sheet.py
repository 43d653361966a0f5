"""The expert's PDF score sheet (评分表): A4, CJK font embedded, one section per case, a signature line.

It is made from the same data as the signed manifest, so what the expert signs by hand and what the
station verifies cannot differ; its SHA-256 is in the manifest.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.reports.fonts import FONT, CjkMarkup, register_cjk_font
from app.rubric.item_types import item_type
from app.rubric.model import Rubric
from app.rubric.rounding import format_points
from app.signing.identity import display_fingerprint
from app.vocabulary import CASE_TYPE_LABELS


@dataclass
class RenderedSheet:
    pdf: bytes
    missing_glyphs: str


def styles() -> dict[str, ParagraphStyle]:
    register_cjk_font()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12.5, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=10),
        "footer": ParagraphStyle("footer", parent=base, fontSize=7.5, leading=10, textColor=colors.grey),
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=22, alignment=1, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10, alignment=1, spaceAfter=8),
        "heading": ParagraphStyle(
            "heading", parent=base, fontSize=11.5, leading=16, spaceBefore=6, spaceAfter=4, keepWithNext=1
        ),
    }


TABLE_STYLE = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.92, 0.95)),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
]


def case_title(entry: dict[str, Any]) -> str:
    parts = [entry.get("unit") or "", entry.get("case_number") or ""]
    kind = CASE_TYPE_LABELS.get(entry.get("case_type") or "", "")
    return " ".join(p for p in parts if p) + (f"（{kind}）" if kind else "") or entry["source_path"]


def local_date(stamp: str) -> str:
    """The day an ISO time (as stored, UTC) falls on where the expert signs: what they write by hand."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp[:10]
    return (moment.astimezone() if moment.tzinfo else moment).strftime("%Y-%m-%d")


class NumberedCanvas(Canvas):
    """Holds every page until the end so each footer can say 第N页 共M页."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, 1):
            self.__dict__.update(state)
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.grey)
            self.drawRightString(A4[0] - 18 * mm, 10 * mm, f"第{number}页 共{total}页")
            self.restoreState()
            super().showPage()
        super().save()


def render_score_sheet(
    header: dict[str, Any], entries: list[dict[str, Any]], rubrics: dict[str, Rubric]
) -> RenderedSheet:
    markup = CjkMarkup()
    st = styles()
    expert = header["expert"]
    fp = display_fingerprint(expert["fingerprint"])
    date = local_date(str(header["created_at"]))

    def p(text: object, style: str = "body") -> Paragraph:
        return Paragraph(markup(text), st[style])

    story: list[Any] = [
        p("环境执法案卷评分表", "title"),
        p(" · ".join(r["title"] for r in header["rubrics"]), "subtitle"),
        _info_table(p, expert, fp, header, date),
        Spacer(1, 4 * mm),
        p("汇总", "heading"),
        _summary_table(p, entries, rubrics),
        Spacer(1, 6 * mm),
        _signature_block(p, expert["name"], date),
    ]
    for number, entry in enumerate(entries, 1):
        story += [PageBreak(), *_case_section(p, number, entry, rubrics[entry["rubric"]])]

    footer_text = p(
        f"{expert['name']} · 密钥指纹 {fp} · 评分包 {header['package_id'][:8]} 第 {header['sequence']} 号",
        "footer",
    )

    def footer(canvas: Any, doc: Any) -> None:
        """On every page: the signature line (a loose page is still signed) and who made the package."""
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawString(18 * mm, 17 * mm, "评审专家（签字）：")
        canvas.line(50 * mm, 16.5 * mm, 110 * mm, 16.5 * mm)
        canvas.drawString(116 * mm, 17 * mm, f"日期：{date}")
        footer_text.wrapOn(canvas, 140 * mm, 10 * mm)
        footer_text.drawOn(canvas, 18 * mm, 9 * mm)
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=26 * mm,
        title="环境执法案卷评分表",
        author=expert["name"],
        subject=f"ReviewDesk package {header['package_id']}",
        creator="ReviewDesk",
    )
    # no ``invariant``: the PDF's creation date is the real one, in local time (reportlab's default)
    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=NumberedCanvas)
    return RenderedSheet(buffer.getvalue(), "".join(sorted(markup.missing)))


def _info_table(p: Any, expert: dict[str, Any], fp: str, header: dict[str, Any], date: str) -> Table:
    rows = [
        [p("评审专家"), p(expert["name"]), p("专家编号"), p(expert.get("number") or "—")],
        [p("工作单位"), p(expert["unit"]), p("日期"), p(date)],
        [p("密钥指纹"), p(fp), p("评分包"), p(f"{header['package_id'][:8]} · 第 {header['sequence']} 号")],
    ]
    table = Table(rows, colWidths=[22 * mm, 72 * mm, 22 * mm, 58 * mm])
    table.setStyle(TableStyle([*TABLE_STYLE, ("BACKGROUND", (0, 0), (-1, 0), colors.white)]))
    return table


def _summary_table(p: Any, entries: list[dict[str, Any]], rubrics: dict[str, Rubric]) -> Table:
    rows = [[p("序号"), p("案卷"), p("评分标准"), p("得分"), p("状态")]]
    for number, entry in enumerate(entries, 1):
        rows.append(
            [
                p(number),
                p(case_title(entry)),
                p(rubrics[entry["rubric"]].title if entry["rubric"] in rubrics else entry["rubric"]),
                p(format_points(entry["result"]["score"])),
                p("已完成" if entry["status"] == "complete" else "评审中"),
            ]
        )
    table = Table(rows, colWidths=[12 * mm, 70 * mm, 58 * mm, 16 * mm, 18 * mm], repeatRows=1)
    table.setStyle(TableStyle(TABLE_STYLE))
    return table


def _signature_block(p: Any, name: str, date: str) -> KeepTogether:
    rows = [[p("评审专家（签字）："), p(""), p("日期："), p(date)]]
    table = Table(rows, colWidths=[34 * mm, 70 * mm, 14 * mm, 40 * mm], rowHeights=[14 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LINEBELOW", (1, 0), (1, 0), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return KeepTogether([table, p(f"打印姓名：{name}", "small")])


def _case_section(p: Any, number: int, entry: dict[str, Any], rubric: Rubric) -> list[Any]:
    inputs = entry["inputs"]
    items = entry["result"]["items"]
    notes = inputs.get("notes", {})
    evidence = inputs.get("evidence", {})
    na = set(inputs.get("not_applicable", []))
    missing = set(inputs.get("missing", []))
    out: list[Any] = [
        p(f"{number}. {case_title(entry)}", "heading"),
        p(
            f"文件：{entry['source_path']}　页数：{entry.get('pages') or '—'}　"
            f"SHA-256：{entry['sha256'][:16]}…　评分标准：{rubric.title}",
            "small",
        ),
        Spacer(1, 2 * mm),
    ]
    rows = [[p("项目"), p("标准分"), p("得分"), p("备注 / 依据")]]
    for item in rubric.items:
        if item.id in na:
            got = "无需评审"
        elif item.id in missing:
            got = f"{format_points(items.get(item.id, 0))}（文书缺失）"
        else:
            got = format_points(items.get(item.id))
        remark = " ".join(
            x for x in (str(notes.get(item.id) or ""), _evidence_text(evidence.get(item.id))) if x
        )
        rows.append([p(item.label), p(format_points(item.points)), p(got), p(remark, "small")])
        if item.id in na:
            continue
        # the item's parts as its type describes them: each criterion with what it earned, or the level
        for part in item_type(item).parts(item, inputs.get("scores", {}).get(item.id)):
            rows.append(
                [
                    p(f"　· {part.label}", "small"),
                    p(format_points(part.points), "small"),
                    p("无需评审" if part.excluded else format_points(part.given), "small"),
                    "",
                ]
            )
    table = Table(rows, colWidths=[78 * mm, 16 * mm, 22 * mm, 58 * mm], repeatRows=1)
    table.setStyle(TableStyle(TABLE_STYLE))
    out += [table, Spacer(1, 3 * mm)]
    deductions = _deduction_rows(p, rubric, inputs.get("deductions", {}))
    if deductions:
        out += [p("基本要素扣分", "heading"), deductions, Spacer(1, 3 * mm)]
    gates = inputs.get("gates", {})
    for gate_id, reason in gates.items():
        label = next((g.label for g in rubric.gates if g.id == gate_id), gate_id)
        out.append(p(f"重大问题：{label}。理由：{reason}"))
    out.append(CondPageBreak(30 * mm))
    out.append(p("得分计算", "heading"))
    for step in entry["result"]["explanation"]:
        out.append(p(f"· {step['text']}", "small"))
    out.append(p(f"本案卷得分：{format_points(entry['result']['score'])}", "heading"))
    return out


def _deduction_rows(p: Any, rubric: Rubric, given: dict[str, Any]) -> Table | None:
    rows = [[p("要素"), p("文书"), p("扣分")]]
    for group in rubric.deductions:
        raw = given.get(group.id)
        per_document = raw if isinstance(raw, dict) else {"": raw or []}
        elements = {e.id: e for e in group.elements}
        for document, ids in per_document.items():
            for element_id in ids:
                element = elements.get(element_id)
                label = element.label if element else element_id
                points = format_points(-element.points) if element else ""
                rows.append([p(label, "small"), p(document or "—", "small"), p(points, "small")])
    if len(rows) == 1:
        return None
    table = Table(rows, colWidths=[110 * mm, 44 * mm, 20 * mm], repeatRows=1)
    table.setStyle(TableStyle(TABLE_STYLE))
    return table


def _evidence_text(evidence: object) -> str:
    if not evidence:
        return ""
    if isinstance(evidence, dict):
        page = evidence.get("page")
        quote = evidence.get("text")
        return f"见第 {page} 页" + (f"：“{quote}”" if quote else "")
    return f"依据：{evidence}"
