"""The right-hand pane for now: what intake found about the selected case, where from, and its problems.

The rubric form replaces the bottom of this pane when the review-desk issue lands.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout, QWidget

from app import vocabulary as vocab
from app.models.cases import CaseFile
from app.vocabulary import DOCUMENT_LABELS, TRANSCRIPT_KINDS

FIELD_LABELS = {
    "unit": QT_TRANSLATE_NOOP("CaseInfo", "报送单位"),
    "candidate_kind": QT_TRANSLATE_NOOP("CaseInfo", "候选类别"),
    "candidate_name": QT_TRANSLATE_NOOP("CaseInfo", "个人候选人"),
    "selection": QT_TRANSLATE_NOOP("CaseInfo", "推选/抽选"),
    "case_type": QT_TRANSLATE_NOOP("CaseInfo", "案卷类型"),
    "case_number": QT_TRANSLATE_NOOP("CaseInfo", "文号"),
}
FOUND_BY = {
    "folder": QT_TRANSLATE_NOOP("CaseInfo", "目录名"),
    "file_name": QT_TRANSLATE_NOOP("CaseInfo", "文件名"),
    "cover": QT_TRANSLATE_NOOP("CaseInfo", "封面"),
    "manual": QT_TRANSLATE_NOOP("CaseInfo", "人工更正"),
    "case_number": QT_TRANSLATE_NOOP("CaseInfo", "文号"),
    "decision": QT_TRANSLATE_NOOP("CaseInfo", "卷内决定书"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseInfo", text)


VALUE_LABELS = {**vocab.CASE_TYPE_LABELS, **vocab.SELECTION_LABELS, **vocab.CANDIDATE_LABELS}


class CaseInfo(QWidget):
    """The case's documents (a click goes to the page) and what intake found about it."""

    page_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("文书"))
        heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.documents = QListWidget()
        self.documents.setMaximumHeight(230)
        self.documents.itemActivated.connect(self._go)
        self.documents.itemClicked.connect(self._go)
        self.title = QLabel(self.tr("案卷信息"))
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        layout.addWidget(heading)
        layout.addWidget(self.documents)
        layout.addWidget(self.title)
        layout.addWidget(self.body)

    def _go(self, item: QListWidgetItem) -> None:
        self.page_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _show_documents(self, case: CaseFile | None) -> None:
        self.documents.clear()
        if case is None:
            return
        if not case.documents:
            placeholder = QListWidgetItem(self.tr("尚未分析（reviewdesk analyze）"))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.documents.addItem(placeholder)
            return
        for doc in case.documents:
            pages = (
                f"{doc.first_page}"
                if doc.first_page == doc.last_page
                else f"{doc.first_page}–{doc.last_page}"
            )
            item = QListWidgetItem(f"{pages:>7}  {doc.label}")
            item.setData(Qt.ItemDataRole.UserRole, doc.first_page)
            item.setToolTip(doc.found_by)
            if doc.kind in TRANSCRIPT_KINDS:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.documents.addItem(item)

    def show_case(self, case: CaseFile | None, transcripts: list[dict] | None = None) -> None:
        self._show_documents(case)
        if case is None:
            choose = self.tr("请在左侧选择一份案卷。")
            self.body.setHtml(f"<p>{escape(choose)}</p>")
            return
        rows = []
        for name, label in FIELD_LABELS.items():
            found = case.fields.get(name)
            value = VALUE_LABELS.get(found.value or "", found.value) if found and found.value else "—"
            origin = f"{tr(FOUND_BY.get(found.found_by, found.found_by))}：{found.detail}" if found else ""
            rows.append(
                f"<tr><td style='color:#555;padding-right:8px'>{escape(tr(label))}</td>"
                f"<td><b>{escape(value)}</b><br><span style='color:#888;font-size:11px'>{escape(origin)}</span></td></tr>"
            )
        no_problems = self.tr("未发现问题")
        problems = (
            "".join(f"<p style='color:#b45309'>⚠ {escape(p['message'])}</p>" for p in case.problems)
            or f"<p style='color:#2e7d32'>{escape(no_problems)}</p>"
        )
        hints = "".join(self._transcript_hint(record) for record in transcripts or [])
        if hints:
            heading = self.tr("笔录提示（仅供参考，由专家判断）")
            problems = f"<p><b>{escape(heading)}</b></p>{hints}{problems}"
        scanned = self.tr("扫描件（无文字层）") if case.has_text is False else self.tr("有文字层")
        pages = self.tr("{pages} 页").format(pages=case.pages)
        found_as = self.tr("识别依据：")
        self.body.setHtml(
            f"<table>{''.join(rows)}</table>"
            f"<p style='color:#555'>{escape(pages)} · {escape(scanned)}<br>"
            f"{escape(found_as)}{escape(case.class_reason)}<br>"
            f"<span style='font-size:11px'>{escape(case.source_label)}/{escape(case.source_path)}<br>"
            f"SHA-256 {case.sha256[:16]}…</span></p>"
            f"{problems}"
        )

    def _transcript_hint(self, record: dict) -> str:
        label = DOCUMENT_LABELS.get(str(record["kind"]), str(record["kind"]))
        no_badge = self.tr("无证号")
        officers = (
            "、".join(f"{o['name'] or '？'}（{o['badge'] or no_badge}）" for o in record["officers"]) or "—"
        )
        flags = "".join(
            f"<br><span style='color:#b45309'>⚑ {escape(f['message'])}</span>" for f in record["flags"]
        )
        when = f"{record['start'] or '?'} → {record['end'] or '?'}".replace("T", " ")
        page = self.tr("第 {page} 页").format(page=record["first_page"])
        return (
            f"<p style='margin:4px 0'>{escape(page)} {escape(label)}<br>"
            f"<span style='color:#555;font-size:11px'>{escape(when)}；{escape(officers)}</span>{flags}</p>"
        )
