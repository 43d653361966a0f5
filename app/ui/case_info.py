"""The right-hand pane for now: what intake found about the selected case, where from, and its problems.

The rubric form replaces the bottom of this pane when the review-desk issue lands.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QUrl, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout, QWidget

from app import vocabulary as vocab
from app.models.cases import CaseFile
from app.models.documents import Document
from app.ui.labels import in_language, label_of
from app.vocabulary import DOCUMENT_LABELS, TITLED_KINDS, TRANSCRIPT_KINDS

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


def document_label(doc: Document) -> str:
    """``Document.label`` in the interface language: the kind translated, a printed title as it is."""
    kind = label_of(DOCUMENT_LABELS, doc.kind)
    title = " ".join(doc.title.split())
    return f"{kind}：{title}" if doc.kind in TITLED_KINDS and title else kind


class CaseInfo(QWidget):
    """The case's documents (a click goes to the page) and what intake found about it."""

    page_requested = Signal(int)
    case_page_requested = Signal(int, int)
    """another case file and a page of it: the other record of a cross-case finding"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.analysing = False
        self.analysing_now = False
        self._case: CaseFile | None = None
        layout = QVBoxLayout(self)
        self.heading = heading = QLabel()
        heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.documents = QListWidget()
        self.documents.setMaximumHeight(230)
        self.documents.itemActivated.connect(self._go)
        self.documents.itemClicked.connect(self._go)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._follow)
        layout.addWidget(heading)
        layout.addWidget(self.documents)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("文书"))
        self.title.setText(self.tr("案卷信息"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _go(self, item: QListWidgetItem) -> None:
        self.page_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _show_documents(self, case: CaseFile | None) -> None:
        self.documents.clear()
        if case is None:
            return
        if not case.documents:
            if self.analysing_now:
                waiting = self.tr("正在分析…文书识别后会显示在这里。")
            elif self.analysing:
                waiting = self.tr("等待分析…（正在分析其他案卷，本案卷排在前面）")
            else:
                waiting = self.tr("尚未分析：导入后会在后台自动分析（文件 → 分析全部案卷）。")
            placeholder = QListWidgetItem(waiting)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.documents.addItem(placeholder)
            return
        for doc in case.documents:
            pages = (
                f"{doc.first_page}"
                if doc.first_page == doc.last_page
                else f"{doc.first_page}–{doc.last_page}"
            )
            item = QListWidgetItem(f"{pages:>7}  {document_label(doc)}")
            item.setData(Qt.ItemDataRole.UserRole, doc.first_page)
            item.setToolTip(doc.found_by)
            if doc.kind in TRANSCRIPT_KINDS:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.documents.addItem(item)

    def set_analysing(self, running: bool, now: bool = False) -> None:
        """Whether a background analysis runs, and whether it is reading this case now."""
        if (running, now) == (self.analysing, self.analysing_now):
            return
        self.analysing, self.analysing_now = running, now
        if self._case is not None and not self._case.documents:
            self._show_documents(self._case)

    def _follow(self, url: QUrl) -> None:
        """``page:N`` goes to a page of this case; ``case:ID:N`` opens another case at a page."""
        parts = url.toString().split(":")
        if parts[0] == "page" and len(parts) == 2:
            self.page_requested.emit(int(parts[1]))
        elif parts[0] == "case" and len(parts) == 3:
            self.case_page_requested.emit(int(parts[1]), int(parts[2]))

    def show_case(
        self,
        case: CaseFile | None,
        transcripts: list[dict] | None = None,
        crossfindings: list[dict] | None = None,
    ) -> None:
        self._case = case
        self._show_documents(case)
        if case is None:
            choose = self.tr("请在左侧选择一份案卷。")
            self.body.setHtml(f"<p>{escape(choose)}</p>")
            return
        rows = []
        for name, label in FIELD_LABELS.items():
            found = case.fields.get(name)
            value = label_of(VALUE_LABELS, found.value) if found else "—"
            origin = f"{tr(FOUND_BY.get(found.found_by, found.found_by))}：{found.detail}" if found else ""
            rows.append(
                f"<tr><td style='color:#555;padding-right:8px'>{escape(tr(label))}</td>"
                f"<td><b>{escape(value)}</b><br><span style='color:#888;font-size:11px'>{escape(origin)}</span></td></tr>"
            )
        no_problems = self.tr("未发现问题")
        problems = (
            "".join(
                f"<p style='color:#b45309'>⚠ {escape(in_language(p['message'], p.get('message_en')))}</p>"
                for p in case.problems
            )
            or f"<p style='color:#2e7d32'>{escape(no_problems)}</p>"
        )
        hints = "".join(self._transcript_hint(record) for record in transcripts or [])
        crossed = "".join(self._cross_finding(case, finding) for finding in crossfindings or [])
        if crossed:
            heading = self.tr("跨案卷核查（监理站运行 reviewdesk crosscheck 所得，由专家判断）")
            problems = f"<p><b>{escape(heading)}</b></p>{crossed}{problems}"
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

    def _cross_finding(self, case: CaseFile, finding: dict) -> str:
        """One cross-case finding: what it says, this case's record and the other one, both linked."""
        mine, other = finding["a"], finding.get("b")
        if case.id not in mine.get("case_ids", []) and other and case.id in other.get("case_ids", []):
            mine, other = other, mine
        this_page = self.tr("本案第 {first}–{last} 页").format(
            first=mine["first_page"], last=mine["last_page"]
        )
        links = f"<a href='page:{mine['first_page']}'>{escape(this_page)}</a>"
        if other and other.get("case_ids"):
            other_id = other["case_ids"][0]
            there = self.tr("案卷 {case} 第 {first}–{last} 页").format(
                case=other_id, first=other["first_page"], last=other["last_page"]
            )
            links += f" ↔ <a href='case:{other_id}:{other['first_page']}'>{escape(there)}</a>"
        message = in_language(finding["message"], finding.get("message_en"))
        passages = "".join(
            f"<br><span style='color:#555;font-size:11px'>“{escape(p['a'][:60])}”</span>"
            for p in list(finding.get("passages") or [])[:2]
        )
        return (
            f"<p style='margin:4px 0;color:#9a3412'>⚑ {escape(message)}<br>"
            f"<span style='font-size:11px'>{links}</span>{passages}</p>"
        )

    def _transcript_hint(self, record: dict) -> str:
        label = label_of(DOCUMENT_LABELS, str(record["kind"]))
        no_badge = self.tr("无证号")
        officers = (
            "、".join(f"{o['name'] or '？'}（{o['badge'] or no_badge}）" for o in record["officers"]) or "—"
        )
        flags = "".join(
            f"<br><span style='color:#b45309'>⚑ {escape(in_language(f['message'], f.get('message_en')))}</span>"
            for f in record["flags"]
        )
        when = f"{record['start'] or '?'} → {record['end'] or '?'}".replace("T", " ")
        page = self.tr("第 {page} 页").format(page=record["first_page"])
        return (
            f"<p style='margin:4px 0'>{escape(page)} {escape(label)}<br>"
            f"<span style='color:#555;font-size:11px'>{escape(when)}；{escape(officers)}</span>{flags}</p>"
        )
