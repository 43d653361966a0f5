"""A case's cross-case findings show beside its own flags, each linking to both records' pages."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from app.models.cases import CaseFile
from app.ui.case_info import CaseInfo


def _ref(case_id: int, first: int, last: int) -> dict:
    return {
        "sha256": str(case_id) * 64,
        "kind": "inquiry_record",
        "kind_label": "调查询问笔录",
        "first_page": first,
        "last_page": last,
        "case_ids": [case_id],
        "unit": "德州市生态环境局",
    }


FINDING = {
    "code": "copied_record",
    "a": _ref(7, 12, 14),
    "b": _ref(3, 5, 7),
    "score": 0.833,
    "message": "问答 5/6 相同（已遮蔽人名、单位、地点、日期和数字）：与案卷 7 第 12–14 页",
    "message_en": "5/6 answers identical after masking names, places, dates and numbers",
    "passages": [{"a": "我单位成立于2007年，主要生产螺纹钢。", "b": "我单位成立于2007年，主要生产螺纹钢。"}],
}


def test_the_finding_is_shown_from_this_case_s_side_and_both_pages_are_links(qtbot) -> None:
    info = CaseInfo()
    qtbot.addWidget(info)
    case = CaseFile(3, 3, "3" * 64, "德州/案卷3.pdf", "disc", 20, True, "folder")
    info.show_case(case, [], [FINDING])
    html = info.body.toHtml()
    assert "跨案卷核查" in html and "问答 5/6 相同" in html and "螺纹钢" in html
    assert "page:5" in html and "case:7:12" in html  # this case is b: its own page first, the other linked
    with qtbot.waitSignal(info.page_requested) as here:
        info.body.anchorClicked.emit(QUrl("page:5"))
    assert here.args == [5]
    with qtbot.waitSignal(info.case_page_requested) as there:
        info.body.anchorClicked.emit(QUrl("case:7:12"))
    assert there.args == [7, 12]


def test_no_findings_no_section(qtbot) -> None:
    info = CaseInfo()
    qtbot.addWidget(info)
    info.show_case(CaseFile(3, 3, "3" * 64, "案卷3.pdf", "disc", 20, True, "folder"), [], [])
    assert "跨案卷核查" not in info.body.toHtml()
