"""Segmentation of small generated case files: unknown titles, page footers, scanned transcripts.

Born-digital pages go through the text layer; scanned ones are rasterized and read by OCR (a few
pages only: OCR costs seconds a page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pymupdf
import pytest

from app.analysis.footers import read_footer
from app.analysis.ocr import OcrEngine
from app.analysis.pages import Line, PageReader, PageText
from app.analysis.segmenter import segment
from app.analysis.titles import match_title
from app.models.documents import Document, apply_corrections

FONT = pymupdf.Font("china-s")
WIDTH, HEIGHT = 595, 842


@dataclass
class Sheet:
    """One page as a bureau prints it: header lines, a title (maybe over two lines), body, footer."""

    title: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    footer: str = ""
    title_size: float = 20


def _centred(page: pymupdf.Page, y: float, text: str, size: float) -> None:
    x = (WIDTH - FONT.text_length(text, fontsize=size)) / 2
    page.insert_text((x, y), text, fontname="china-s", fontsize=size)


def build(sheets: list[Sheet]) -> pymupdf.Document:
    doc = pymupdf.open()
    for sheet in sheets:
        page = doc.new_page(width=WIDTH, height=HEIGHT)
        y = 60.0
        for line in sheet.header:
            _centred(page, y, line, 12)
            y += 22
        for line in sheet.title:
            y += sheet.title_size * 0.4
            _centred(page, y + sheet.title_size * 0.6, line, sheet.title_size)
            y += sheet.title_size * 1.5
        y += 16
        for line in sheet.body:
            page.insert_text((72, y), line, fontname="china-s", fontsize=12)
            y += 21
        if sheet.footer:
            _centred(page, HEIGHT - 50, sheet.footer, 10.5)
    return doc


def born_digital(sheets: list[Sheet]) -> list[PageText]:
    doc = build(sheets)
    reader = PageReader(doc, OcrEngine())
    return [reader.text_layer(i) for i in range(doc.page_count)]


def scanned(sheets: list[Sheet]) -> list[PageText]:
    """Each page rasterized (no text layer left) and read by OCR, title and footer bands only."""
    source = build(sheets)
    doc = pymupdf.open()
    for page in source:
        pix = page.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
        doc.new_page(width=WIDTH, height=HEIGHT).insert_image(pymupdf.Rect(0, 0, WIDTH, HEIGHT), pixmap=pix)
    reader = PageReader(doc, OcrEngine())
    assert not reader.has_text_layer(0)
    return [reader.ocr_page(i, "bands") for i in range(doc.page_count)]


def found(pages: list[PageText], **hints) -> list[tuple[str, int, int, str]]:
    return [(d.kind, d.first_page, d.last_page, d.title) for d in segment(pages, **hints)]


def inquiry(pages: int, footer: str = "第{k}页 共{n}页", first_title: str = "调查询问笔录") -> list[Sheet]:
    """An inquiry record: its title on page 1, questions and answers, 以下空白 and signatures at the end."""
    sheets = []
    for k in range(1, pages + 1):
        body = (
            ["时间：2024年5月6日9时30分至10时40分", "地点：某某公司会议室", "被调查询问人：王某"]
            if k == 1
            else []
        )
        body += [f"问：第{k}页的问题，请如实回答。", "答：好的，我如实回答。"] * 3
        if k == pages:
            body += ["以上笔录已阅无误，记录属实。", "（以下空白）"]
        body += ["被调查询问人签名：        年  月  日"]
        sheets.append(
            Sheet(title=[first_title] if k == 1 else [], body=body, footer=footer.format(k=k, n=pages))
        )
    return sheets


def paper(title: str, lines: int = 4) -> Sheet:
    return Sheet(
        title=[title], body=[f"这是{title.replace(' ', '')}的正文内容，第{n}行。" for n in range(lines)]
    )


OPENING = [
    Sheet(header=["某某市生态环境局"], title=["行政处罚案卷"], body=["案由：某某公司超标排放案"]),
    Sheet(title=["立案审批表"], body=["案件来源：日常监督检查", "承办人意见：建议立案。"]),
    Sheet(
        title=["现场检查（勘察）笔录"],
        body=["时间：2024年5月6日8时至9时", "检查情况：正在生产。"],
        footer="第1页 共1页",
    ),
    paper("现场照片"),
]


def test_unknown_titles_after_an_inquiry_record_are_documents_of_their_own() -> None:
    """Issue 11, case 1: the inquiry record is 5–6, and the three papers behind it keep their titles."""
    sheets = OPENING + inquiry(2, "共{n}页  第{k}页")
    sheets += [paper("授 权 委 托 书"), paper("营业执照（副本）复印件"), paper("居民身份证复印件")]
    documents = found(born_digital(sheets))
    assert ("inquiry_record", 5, 6, "调查询问笔录") in documents
    assert [d[1:] for d in documents[-3:]] == [
        (7, 7, "授 权 委 托 书"),
        (8, 8, "营业执照（副本）复印件"),
        (9, 9, "居民身份证复印件"),
    ]
    assert {d[0] for d in documents[-3:]} <= {"evidence", "other"}


@pytest.mark.parametrize(
    "title",
    ["江苏省非税收入一般缴款书", "卷内备考表", "危险废物称重记录", "移送案件受案回执", "立案告知书"],
)
def test_each_unknown_title_of_the_issue_ends_the_record_before_it(title: str) -> None:
    sheets = [*OPENING[:2], *inquiry(2, "第{k}页/共{n}页"), paper(title), paper("行政处罚决定书")]
    assert found(born_digital(sheets))[2:] == [
        ("inquiry_record", 3, 4, "调查询问笔录"),
        (found(born_digital(sheets))[3][0], 5, 5, title),
        ("decision", 6, 6, "行政处罚决定书"),
    ]


@pytest.mark.parametrize(
    "title",
    ["排污口规范化整治验收单", "企业环保管理制度汇编", "厂区雨污管网分布示意"],
)
def test_a_title_nobody_listed_is_seen_by_its_place_and_size(title: str) -> None:
    """Not in the vocabulary: found by being short, centred and larger than the body; kept as printed."""
    assert match_title(title) is None
    sheets = [*OPENING[:2], *inquiry(2, "第{k}页 共{n}页"), paper(title, lines=6), paper("行政处罚决定书")]
    documents = found(born_digital(sheets))
    assert documents[2][:3] == ("inquiry_record", 3, 4)
    assert documents[3][1:] == (5, 5, title)
    assert documents[3][0] in ("evidence", "other")


FOOTER_FORMS = [
    "共{n}页  第{k}页",
    "第 {k} 页/共 {n} 页",
    "第{k}页共{n}页",
    "第{k}页，共{n}页",
    "{k}/{n}",
    "- {k}/{n} -",
    "第{k}页（共{n}页）",
    "共{n}页之第{k}页",
    "笫{k}页 共{n}页",  # OCR's 笫 for 第
]


@pytest.mark.parametrize("form", FOOTER_FORMS)
def test_every_footer_form_bounds_the_record(form: str) -> None:
    """The record ends on its page N; an untitled page after it (an ID card scan) is not part of it."""
    assert read_footer(form.format(k=2, n=3)) is not None
    assert (read_footer(form.format(k=2, n=3)).number, read_footer(form.format(k=2, n=3)).total) == (2, 3)
    untitled = Sheet(body=["姓名 王某 性别 男 民族 汉", "住址 某某市某某路1号"])
    sheets = [*OPENING[:2], *inquiry(3, form), untitled, paper("行政处罚决定书")]
    assert [d[:3] for d in found(born_digital(sheets))[2:]] == [
        ("inquiry_record", 3, 5),
        ("other", 6, 6),
        ("decision", 7, 7),
    ]


def test_a_bare_page_number_bounds_nothing() -> None:
    """“- 1 -” numbers a page of a longer paper; it neither starts nor ends a document."""
    assert read_footer("- 1 -").total is None
    assert read_footer("第 3 页").total is None
    sheets = [*OPENING[:2], paper("案件调查报告")]
    sheets += [Sheet(body=["二、违法事实：该公司超标排放。"] * 4, footer="- 2 -")]
    sheets[2].footer = "- 1 -"
    assert found(born_digital(sheets))[2] == ("investigation_report", 3, 4, "案件调查报告")


def test_a_two_line_title_is_one_title() -> None:
    sheets = [
        *OPENING[:2],
        Sheet(title=["涉嫌环境犯罪案件", "移送审批表"], body=["案件名称：某某公司非法处置危险废物案"]),
        Sheet(title=["关于某某公司", "整改完成情况的复查意见"], body=["经复查，该公司已完成整改。"] * 3),
        paper("行政处罚决定书"),
    ]
    documents = found(born_digital(sheets))
    assert documents[2] == ("other", 3, 3, "涉嫌环境犯罪案件移送审批表")
    assert documents[3][1:] == (4, 4, "关于某某公司整改完成情况的复查意见")


def test_a_title_below_a_header_and_a_document_number() -> None:
    sheets = [
        *OPENING[:2],
        Sheet(
            header=["某某市生态环境局", "某环罚〔2024〕12号"],
            title=["污染源自动监控设施运行核查单"],
            body=["核查内容：在线监测设备运行正常。"] * 3,
        ),
        paper("行政处罚决定书"),
    ]
    documents = found(born_digital(sheets))
    assert documents[2] == ("evidence", 3, 3, "污染源自动监控设施运行核查单") or documents[2] == (
        "other",
        3,
        3,
        "污染源自动监控设施运行核查单",
    )
    assert documents[3][:3] == ("decision", 4, 4)


def test_the_table_of_contents_does_not_split_a_record_its_footer_holds_together() -> None:
    """A 卷内目录 two pages off would start a document inside the record: the footer wins."""
    sheets = [*OPENING[:2], *inquiry(2), paper("行政处罚决定书")]
    pages = born_digital(sheets)
    toc = [
        Line((0.2, 0.20, 0.5, 0.22), "调查询问笔录"),
        Line((0.8, 0.20, 0.9, 0.22), "1"),
        Line((0.2, 0.24, 0.5, 0.26), "监测报告"),
        Line((0.8, 0.24, 0.9, 0.26), "4"),
    ]
    documents = found(pages, toc_page_lines={99: toc}, bookmarks=[(1, "监测报告", 4)])
    assert ("inquiry_record", 3, 4, "调查询问笔录") in documents
    assert all(d[1] != 4 for d in documents)


def test_a_scanned_three_page_inquiry_record_stays_three_pages() -> None:
    """Issue 11, case 2: its last sheet prints the title another way; its footer says page 3 of 3."""
    sheets = inquiry(3, "第{k}页 共{n}页")
    sheets[2].title = ["询问笔录（续页）"]
    sheets.append(paper("授 权 委 托 书"))
    documents = found(scanned(sheets))
    assert documents[0][:3] == ("inquiry_record", 1, 3)
    assert documents[1][:3] in (("other", 4, 4), ("evidence", 4, 4))
    assert documents[1][3].replace(" ", "") == "授权委托书"


def test_an_unknown_papers_title_is_shown_and_survives_a_correction() -> None:
    found_documents = [
        Document("inquiry_record", 1, 2, "调查询问笔录"),
        Document("other", 3, 3, "授 权 委 托 书"),
    ]
    assert found_documents[1].label == "其他：授 权 委 托 书"
    assert found_documents[0].label == "调查询问笔录"
    corrected = apply_corrections(found_documents, [("set", "evidence", 3, 3, "专家甲")])
    assert (corrected[1].kind, corrected[1].title) == ("evidence", "授 权 委 托 书")
    assert corrected[1].label == "证据：授 权 委 托 书"


def _signed_inspection(pages: int, every_page_signed_in_full: bool = False) -> list[Sheet]:
    """An inspection record with no footer: the person's signature line on each page, and the
    officers' and recorder's lines on the last (on every page when ``every_page_signed_in_full``)."""
    full = [
        "被检查人签字：        年  月  日",
        "检查人签字：        年  月  日",
        "记录人签字：        年  月  日",
    ]
    sheets = []
    for k in range(1, pages + 1):
        body = ["时间：2020年7月3日14时至15时", "地点：某某厂车间", "被检查人名称：某某厂"] if k == 1 else []
        body += [f"现场情况：第{k}页记载的检查情况，设备正在运行。"] * 3
        last = k == pages or every_page_signed_in_full
        body += full if last else full[:1]
        sheets.append(Sheet(title=["现场检查(勘察)笔录"] if k == 1 else [], body=body))
    return sheets


def _untitled_copy() -> Sheet:
    """A copy of an ID card: no title at the top, its words in the middle of the page."""
    return Sheet(body=[""] * 12 + ["姓名　王某", "性别　男　民族　汉", "公民身份号码　320000197803120000"])


def test_an_untitled_copy_after_a_records_closing_signatures_is_not_part_of_it() -> None:
    """A record without footers ends where its officers and recorder signed; the copy behind it
    (no title, no signature line) is a paper of its own."""
    sheets = [*OPENING[:2], *_signed_inspection(2), _untitled_copy(), *inquiry(1)]
    documents = found(born_digital(sheets))
    assert ("inspection_record", 3, 4, "现场检查(勘察)笔录") in documents
    assert [d[1:3] for d in documents if d[1] == 5] == [(5, 5)]
    assert ("inquiry_record", 6, 6, "调查询问笔录") in documents


def test_a_record_signed_in_full_on_every_page_runs_on_over_its_pages() -> None:
    """Some bureaus print every signature line on every page: a page that signs again is the record's."""
    sheets = [*OPENING[:2], *_signed_inspection(3, every_page_signed_in_full=True), paper("行政处罚决定书")]
    documents = found(born_digital(sheets))
    assert ("inspection_record", 3, 5, "现场检查(勘察)笔录") in documents


def test_a_footer_in_chinese_numerals_counts_as_digits() -> None:
    for text, expected in (
        ("第二页 共三页", (2, 3)),
        ("共十二页 第十页", (10, 12)),
        ("第一页，共两页", (1, 2)),
    ):
        footer = read_footer(text)
        assert footer is not None and (footer.number, footer.total) == expected


def test_a_sentence_at_a_pages_top_that_names_a_paper_is_not_its_title() -> None:
    """A report's second page opening mid-sentence (“告、营业执照复印件等证据为凭。”) goes on with the report."""
    report = [
        paper("案件调查报告", lines=6),
        Sheet(
            body=["告、营业执照复印件等证据为凭。", "三、处理意见：建议罚款人民币十万元。", "承办人：王某"]
        ),
    ]
    documents = found(born_digital([*OPENING[:2], *report, paper("行政处罚决定书")]))
    assert ("investigation_report", 3, 4, "案件调查报告") in documents


def _free_text_inquiry(pages: int, day: int, signatures_run_over: bool = False) -> list[Sheet]:
    """A free-text inquiry record: no 时间：/地点： fields, one opening sentence; the title repeated at
    the top of every page, no footer; 以下空白, then the person's, the officers' and the recorder's
    signature lines (the last two on a sheet of their own when ``signatures_run_over``)."""
    close = ["（以下空白）", "以上笔录已阅无误，记录属实。", "被询问人签字：        年  月  日"]
    officers = ["询问人签字：        年  月  日", "记录人签字：        年  月  日"]
    sheets = []
    for k in range(1, pages + 1):
        body = (
            [
                f"2018年8月{day}日下午3时至下午4时，某某市环保局执法人员张三、李四在某某公司",
                "会议室对王五（某某公司总经理）进行调查询问，赵六记录。",
            ]
            if k == 1
            else []
        )
        body += [f"问：第{k}页的问题，请如实回答。", "答：好的，我如实回答。"] * 3
        if k == pages:
            body += close + ([] if signatures_run_over else officers)
        sheets.append(Sheet(title=["调查询问笔录"], body=body))
    if signatures_run_over:
        sheets.append(Sheet(title=["调查询问笔录"], body=officers))
    return sheets


@pytest.mark.parametrize("run_over", [False, True], ids=["signed-on-the-last-page", "signatures-run-over"])
def test_two_free_text_records_under_the_same_title_are_two_records(run_over: bool) -> None:
    """The second record repeats the first's title on every page and has no 时间： field: its
    opening sentence (date, span, 执法人员…进行调查询问) starts it, as does the first one's
    completed close (以下空白, then every signature)."""
    first = _free_text_inquiry(2, 22, signatures_run_over=run_over)
    sheets = [*OPENING[:2], *first, *_free_text_inquiry(2, 23), paper("行政处罚决定书")]
    documents = found(born_digital(sheets))
    end = 2 + len(first)
    assert ("inquiry_record", 3, end, "调查询问笔录") in documents
    assert ("inquiry_record", end + 1, end + 2, "调查询问笔录") in documents


def test_a_completed_record_ends_even_when_the_next_one_shows_no_opening() -> None:
    """以下空白 and then the officers' and recorder's signatures close a record: the same title on the
    next sheet, with no opening the code can read, is the next record, not a run-over page."""
    first = _free_text_inquiry(2, 22)
    second = _free_text_inquiry(2, 23)
    second[0].body = second[0].body[2:]  # the opening sentence unreadable (a stamp over it)
    documents = found(born_digital([*OPENING[:2], *first, *second]))
    assert ("inquiry_record", 3, 4, "调查询问笔录") in documents
    assert ("inquiry_record", 5, 6, "调查询问笔录") in documents


def test_an_answer_that_starts_with_a_date_opens_nothing() -> None:
    """A free-text opening is a sentence at the top of the page naming the 执法人员 and the act; a
    date in the body (an answer's wrapped line) is none."""
    from app.analysis.record_marks import record_marks

    def lines(texts: list[str], top: float) -> list[Line]:
        return [Line((0.12, top + 0.03 * i, 0.8, top + 0.03 * i + 0.02), t, 1.0) for i, t in enumerate(texts)]

    opening = [
        "2018年8月22日下午3时至下午6时，某局执法人员张三、李四在某厂",
        "对王五进行调查询问，赵六记录。",
    ]
    assert record_marks(lines(opening, 0.18)).opening_kind == "inquiry_record"
    inspection = ["二〇一八年八月二十二日九时至十时，某局执法人员张三、李四对某厂进行现场检查。"]
    marks = record_marks(lines(inspection, 0.18))
    assert marks.opening and marks.opening_kind == "inspection_record"
    assert not record_marks(lines(opening, 0.6)).opening
    assert not record_marks(lines(["2018年8月1日至今一直正常生产，没有停产。"], 0.18)).opening


def _id_card(side: str) -> Sheet:
    """A copy of a 居民身份证, one side a sheet, no title: the card's printed fields in mid-page."""
    front = ["姓名　王某", "性别　男　民族　汉", "出生　1978年3月12日", "公民身份号码　320000197803120000"]
    back = ["中华人民共和国", "居民身份证", "签发机关　某某市公安局　有效期限　2012.03.01-2032.03.01"]
    return Sheet(body=[""] * 6 + (front if side == "front" else back))


def test_an_id_card_copy_behind_a_power_of_attorney_is_a_paper_of_its_own() -> None:
    """授权委托书 (it names a 身份证号 itself), then the agent's ID card, front and back: two papers."""
    attorney = paper("授 权 委 托 书")
    attorney.body.append("受委托人：王某，身份证号：320000197803120000")
    sheets = [*OPENING[:2], attorney, _id_card("front"), _id_card("back"), *inquiry(1)]
    documents = found(born_digital(sheets))
    assert [d[1:3] for d in documents if d[1] in (3, 4)] == [(3, 3), (4, 5)]
    assert documents[3][0] == "other" and ("inquiry_record", 6, 6, "调查询问笔录") in documents
