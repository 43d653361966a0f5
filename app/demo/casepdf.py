"""Lay out one case file as a born-digital PDF with reportlab, and say exactly what is where.

The truth returned with each PDF (document kinds and 1-based page ranges) is what segmentation
tests are measured against, so it is computed from the same layout that draws the pages.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.demo.content import CasePlan, TranscriptPlan, inquiry_body, inspection_body
from app.reports.fonts import FONT, register_cjk_font
from app.vocabulary import CASE_TYPE_LABELS

PAGE_W, PAGE_H = A4
MARGIN_X = 72.0
TOP = PAGE_H - 80
BOTTOM = 110.0
BODY_SIZE = 12.0
LEADING = 21.0


@dataclass
class DocumentSpec:
    kind: str
    title: str
    header: list[str]
    body: list[str]
    footer_each_page: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    numbered: bool = False
    """transcripts carry 第X页 共Y页 and a signature line on every page"""
    photos: int = 0


@dataclass
class LaidOut:
    spec: DocumentSpec
    pages: list[list[str]]


def wrap(text: str, width: float, size: float = BODY_SIZE) -> list[str]:
    """Break a paragraph into lines that fit ``width`` points; Chinese breaks between any characters."""
    register_cjk_font()
    lines, current = [], ""
    for char in text:
        if pdfmetrics.stringWidth(current + char, FONT, size) > width:
            lines.append(current)
            current = ""
        current += char
    lines.append(current)
    return lines


def layout(spec: DocumentSpec, min_pages: int = 1) -> LaidOut:
    width = PAGE_W - 2 * MARGIN_X
    lines: list[str] = []
    for paragraph in spec.header + spec.body + spec.closing:
        lines.extend(wrap(paragraph, width) if paragraph else [""])
    reserved = 3 if spec.numbered else 0
    per_page = int((TOP - 60 - BOTTOM) // LEADING) - reserved
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    while len(pages) < min_pages:
        # Spread the body over the planned number of pages, as a longer real record would be.
        longest = max(range(len(pages)), key=lambda i: len(pages[i]))
        half = len(pages[longest]) // 2
        pages[longest : longest + 1] = [pages[longest][:half], pages[longest][half:]]
    return LaidOut(spec, pages)


def _draw_page(canvas: Canvas, laid: LaidOut, index: int, bureau: str) -> None:
    spec = laid.spec
    canvas.setFont(FONT, 13)
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 50, bureau)
    canvas.setFont(FONT, 18)
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 78, spec.title)
    canvas.setFont(FONT, BODY_SIZE)
    y = TOP - 40
    for line in laid.pages[index]:
        canvas.drawString(MARGIN_X, y, line)
        y -= LEADING
    if spec.photos and index == 0:
        for n in range(spec.photos):
            x = MARGIN_X + n * 230
            canvas.setFillGray(0.75)
            canvas.rect(x, 200, 210, 150, fill=1, stroke=1)
            canvas.setFillGray(0)
            canvas.drawString(x, 185, f"照片{n + 1}：现场情况")
    if spec.numbered:
        for offset, line in enumerate(spec.footer_each_page):
            canvas.drawString(MARGIN_X, BOTTOM - 20 - offset * LEADING, line)
        canvas.drawRightString(PAGE_W - MARGIN_X, 50, f"第 {index + 1} 页，共 {len(laid.pages)} 页")


def transcript_spec(plan: TranscriptPlan, case: CasePlan, rng: random.Random) -> DocumentSpec:
    bureau = case.bureau.name
    if plan.badge_shown:
        officers = "、".join(f"{o.name}（执法证号：{o.badge}）" for o in plan.officers)
    else:
        officers = "、".join(o.name for o in plan.officers)
    time_line = f"时间：{plan.start}至{plan.end}" if plan.end else f"时间：{plan.start}至"
    notice = (
        f"告知事项：我们是{bureau}的行政执法人员，这是我们的执法证件，请过目确认。"
        f"今天我们就{case.company}涉嫌{case.violation[0]}案依法进行检查并了解有关情况，你应当配合调查，"
        "如实提供材料，不得拒绝、阻碍、隐瞒或者提供虚假情况。依照法律规定，你有权进行陈述和申辩。"
        "如果你认为执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，有权申请回避。"
        "听清楚了吗？是否申请回避？"
    )
    if plan.kind == "inspection_record":
        title = "现场检查（勘察）笔录"
        header = [
            time_line,
            f"地点：{plan.place}",
            f"被检查（勘察）人名称：{plan.subject}",
            f"现场负责人：{case.main_officer.name[0]}某某　　职务：厂长",
            f"检查（勘察）人及执法证编号：{officers}",
            f"记录人：{plan.recorder.name}　　工作单位：{bureau}",
            notice,
            "确认：已确认执法人员身份。听清楚了，我不申请回避。",
        ]
        body = inspection_body(plan, case)
        signer = "被检查（勘察）人或现场负责人签字：　　　　　年　月　日"
    else:
        title = "调查询问笔录"
        header = [
            time_line,
            f"地点：{plan.place}",
            f"被调查询问人：{plan.subject}　　性别：男　　年龄：{rng.randint(28, 58)}",
            f"工作单位：{case.company}　　职务：生产部经理",
            f"调查询问人及执法证编号：{officers}",
            f"记录人：{plan.recorder.name}　　工作单位：{bureau}",
            notice,
            "确认：对执法人员身份无异议。听清楚了，我不申请回避。",
        ]
        body = inquiry_body(plan, case, rng)
        signer = "被调查询问人签字：　　　　　年　月　日"
    closing = ["以上笔录已阅无误，记录属实。", "（以下空白）"]
    return DocumentSpec(
        plan.kind,
        title,
        header,
        body,
        footer_each_page=[signer, "执法人员签字：　　　　　记录人签字："],
        closing=closing,
        numbered=True,
    )


def case_documents(case: CasePlan, rng: random.Random) -> list[tuple[DocumentSpec, int]]:
    """Every document of the case after the cover and 卷内目录, with its planned page count."""
    label = CASE_TYPE_LABELS[case.case_type]
    law, article = case.violation[1], case.violation[2]
    docs: list[tuple[DocumentSpec, int]] = [
        (
            DocumentSpec(
                "filing_approval",
                "立案审批表",
                [f"案件来源：日常监督检查　　案由：{case.company}涉嫌{case.violation[0]}案"],
                [
                    f"当事人：{case.company}",
                    f"简要案情：{case.date}，执法人员检查发现该单位涉嫌{case.violation[0]}，违反了{law}的规定。",
                    f"承办人意见：建议立案调查。承办人：{case.main_officer.name}",
                    "负责人意见：同意立案。",
                ],
            ),
            1,
        )
    ]
    for plan in case.transcripts:
        docs.append((transcript_spec(plan, case, rng), plan.pages))
    docs += [
        (
            DocumentSpec(
                "evidence",
                "监测报告",
                ["报告编号：QHJC-2024-0" + str(rng.randint(100, 999))],
                [
                    f"受{case.bureau.name}委托，对{case.company}排放口进行采样监测。",
                    "监测项目：颗粒物、二氧化硫、氮氧化物、化学需氧量、氨氮。",
                    "监测结果：颗粒物排放浓度为 45.6 mg/m³，超过排放标准限值 30 mg/m³。",
                    "监测结论：所测颗粒物排放浓度超过标准限值。",
                ],
            ),
            2,
        ),
        (
            DocumentSpec(
                "evidence", "现场照片", [f"拍摄地点：{case.company}"], ["拍摄人：执法人员"], photos=2
            ),
            1,
        ),
        (
            DocumentSpec(
                "investigation_report",
                "案件调查报告",
                [f"案由：{case.company}{case.violation[0]}案　　案卷类别：{label}"],
                [
                    f"一、当事人基本情况：{case.company}，统一社会信用代码 9163{rng.randint(10**13, 10**14 - 1)}。",
                    f"二、违法事实：{case.date}，执法人员现场检查发现该单位{case.violation[0]}。",
                    "三、证据：现场检查（勘察）笔录、调查询问笔录、监测报告、现场照片等。",
                    f"四、处理意见：依据{law.split('》')[0]}》{article}，建议处以罚款{case.fine}元。",
                ],
            ),
            2,
        ),
        (
            DocumentSpec(
                "hearing_notice",
                "行政处罚事先（听证）告知书",
                [f"{case.company}："],
                [
                    f"经调查，你单位{case.violation[0]}，违反了{law}的规定。",
                    f"我局拟对你单位作出罚款{case.fine}元的行政处罚。",
                    "你单位有权进行陈述、申辩，并有权要求举行听证。",
                ],
            ),
            1,
        ),
        (
            DocumentSpec(
                "decision",
                "行政处罚决定书",
                [case.number, f"当事人：{case.company}"],
                [
                    f"我局于{case.date}对你单位进行了调查，发现你单位实施了以下环境违法行为：{case.violation[0]}。",
                    "以上事实有现场检查（勘察）笔录、调查询问笔录、监测报告等证据为凭。",
                    f"依据{law.split('》')[0]}》{article}的规定，我局决定对你单位处以罚款人民币{case.fine}元。",
                    "如不服本决定，可在收到本决定书之日起六十日内申请行政复议，或六个月内提起行政诉讼。",
                ],
            ),
            2,
        ),
        (
            DocumentSpec(
                "service_receipt",
                "送达回证",
                [f"送达文书：行政处罚决定书（{case.number}）"],
                [f"受送达人：{case.company}", "送达方式：直接送达", "送达人：　　　　受送达人签收："],
            ),
            1,
        ),
        (
            DocumentSpec(
                "closing_approval",
                "结案审批表",
                [f"案由：{case.company}{case.violation[0]}案"],
                ["执行情况：当事人已缴纳全部罚款。", "承办人意见：建议结案。", "负责人意见：同意结案。"],
            ),
            1,
        ),
    ]
    return docs


@dataclass
class CasePdf:
    data: bytes
    documents: list[dict[str, object]]
    pages: int


def build_case_pdf(
    case: CasePlan, rng: random.Random, with_toc: bool, with_bookmarks: bool, toc_offset: int = 0
) -> CasePdf:
    """The case as PDF bytes and its truth; ``toc_offset`` shifts the 卷内目录's page numbers (a real error)."""
    register_cjk_font()
    laid = [layout(spec, pages) for spec, pages in case_documents(case, rng)]
    first_body_page = 3 if with_toc else 2
    truth: list[dict[str, object]] = [{"kind": "cover", "first_page": 1, "last_page": 1, "title": "案卷封面"}]
    if with_toc:
        truth.append({"kind": "toc", "first_page": 2, "last_page": 2, "title": "卷内目录"})
    page = first_body_page
    for item in laid:
        entry = {"kind": item.spec.kind, "first_page": page, "last_page": page + len(item.pages) - 1}
        entry["title"] = item.spec.title
        truth.append(entry)
        page += len(item.pages)
    total = page - 1

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle(f"{case.number} {case.company}{case.violation[0]}案")
    canvas.setAuthor(case.bureau.name)
    _draw_cover(canvas, case, total)
    _bookmark(canvas, with_bookmarks, "案卷封面", 1)
    canvas.showPage()
    if with_toc:
        _draw_toc(canvas, case, truth, toc_offset)
        _bookmark(canvas, with_bookmarks, "卷内目录", 2)
        canvas.showPage()
    for item, entry in zip(laid, truth[first_body_page - 1 :], strict=True):
        for index in range(len(item.pages)):
            if index == 0:
                _bookmark(canvas, with_bookmarks, item.spec.title, int(str(entry["first_page"])))
            _draw_page(canvas, item, index, case.bureau.name)
            canvas.showPage()
    canvas.save()
    return CasePdf(buffer.getvalue(), truth, total)


def _bookmark(canvas: Canvas, enabled: bool, title: str, page: int) -> None:
    if enabled:
        key = f"p{page}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(title, key, level=0)


def _draw_cover(canvas: Canvas, case: CasePlan, total: int) -> None:
    canvas.setFont(FONT, 16)
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 110, case.bureau.name)
    canvas.setFont(FONT, 28)
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 180, "行政处罚案卷")
    canvas.setFont(FONT, 14)
    rows = [
        f"案由：{case.company}{case.violation[0]}案",
        f"当事人：{case.company}",
        f"处罚决定书文号：{case.number}",
        f"案卷类别：{CASE_TYPE_LABELS[case.case_type]}",
        f"立案日期：{case.date}",
        f"主办人：{case.main_officer.name}",
        f"本卷共 {total} 页",
        "保管期限：长期",
    ]
    y = PAGE_H - 280
    for row in rows:
        canvas.drawString(MARGIN_X + 40, y, row)
        y -= 34


def _draw_toc(canvas: Canvas, case: CasePlan, truth: list[dict[str, object]], offset: int) -> None:
    canvas.setFont(FONT, 18)
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 78, "卷内目录")
    canvas.setFont(FONT, 12)
    y = PAGE_H - 130
    canvas.drawString(MARGIN_X, y, "序号")
    canvas.drawString(MARGIN_X + 50, y, "文件名称")
    canvas.drawString(PAGE_W - MARGIN_X - 60, y, "页码")
    for number, entry in enumerate(truth[2:], start=1):
        y -= 24
        first = int(str(entry["first_page"])) + (offset if number > 2 else 0)
        last = int(str(entry["last_page"])) + (offset if number > 2 else 0)
        pages = f"{first}" if first == last else f"{first}-{last}"
        canvas.drawString(MARGIN_X, y, str(number))
        canvas.drawString(MARGIN_X + 50, y, str(entry["title"]))
        canvas.drawString(PAGE_W - MARGIN_X - 60, y, pages)
