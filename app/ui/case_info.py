"""The right-hand pane for now: what intake found about the selected case, where from, and its problems.

The rubric form replaces the bottom of this pane when the review-desk issue lands.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.intake import vocabulary as vocab
from app.models.cases import CaseFile

FIELD_LABELS = {
    "unit": "报送单位",
    "candidate_kind": "候选类别",
    "candidate_name": "个人候选人",
    "selection": "推选/抽选",
    "case_type": "案卷类型",
    "case_number": "文号",
}
FOUND_BY = {"folder": "目录名", "file_name": "文件名", "cover": "封面", "manual": "人工更正"}
VALUE_LABELS = {**vocab.CASE_TYPE_LABELS, **vocab.SELECTION_LABELS, **vocab.CANDIDATE_LABELS}


class CaseInfo(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = QLabel(self.tr("案卷信息"))
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        layout.addWidget(self.title)
        layout.addWidget(self.body)

    def show_case(self, case: CaseFile | None) -> None:
        if case is None:
            self.body.setHtml(f"<p>{escape(self.tr('请在左侧选择一份案卷。'))}</p>")
            return
        rows = []
        for name, label in FIELD_LABELS.items():
            found = case.fields.get(name)
            value = VALUE_LABELS.get(found.value or "", found.value) if found and found.value else "—"
            origin = f"{FOUND_BY.get(found.found_by, found.found_by)}：{found.detail}" if found else ""
            rows.append(
                f"<tr><td style='color:#555;padding-right:8px'>{escape(label)}</td>"
                f"<td><b>{escape(value)}</b><br><span style='color:#888;font-size:11px'>{escape(origin)}</span></td></tr>"
            )
        problems = (
            "".join(f"<p style='color:#b45309'>⚠ {escape(p['message'])}</p>" for p in case.problems)
            or f"<p style='color:#2e7d32'>{escape(self.tr('未发现问题'))}</p>"
        )
        scanned = self.tr("扫描件（无文字层）") if case.has_text is False else self.tr("有文字层")
        self.body.setHtml(
            f"<table>{''.join(rows)}</table>"
            f"<p style='color:#555'>{case.pages} 页 · {escape(scanned)}<br>"
            f"识别依据：{escape(case.class_reason)}<br>"
            f"<span style='font-size:11px'>{escape(case.source_label)}/{escape(case.source_path)}<br>"
            f"SHA-256 {case.sha256[:16]}…</span></p>"
            f"{problems}"
        )
