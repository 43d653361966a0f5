"""The desk's main window: case queue | page viewer | scoring form and case information.

Sizes, position, the case and the page are remembered, so a desk killed at any moment reopens where
the expert was; every score is already in the store.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.analysis.find import Match, find_in_file
from app.errors import KnownError
from app.jobs import DEMO_SOURCE, import_and_analyze
from app.models.cases import CaseFile, CaseRepository
from app.models.documents import DocumentRepository
from app.models.scores import ScoreRepository, SheetChoices
from app.models.store import Store
from app.rubric import catalog
from app.rubric.model import Rubric
from app.signing.identity import ExpertIdentity, load_identity
from app.station.packets import visible_cases
from app.ui import export_flow
from app.ui.case_info import CaseInfo
from app.ui.case_table import CaseTableModel
from app.ui.history_view import HistoryView
from app.ui.identity_dialog import FirstRunDialog
from app.ui.jobs import BackgroundJob
from app.ui.language import LANGUAGES, chosen_language
from app.ui.language import SETTING as LANGUAGE_SETTING
from app.ui.page_view import PageView
from app.ui.score_form import ScoreForm
from app.ui.viewer_pane import ViewerPane
from app.vocabulary import TRANSCRIPT_KINDS

DEFAULT_RUBRIC = "transcripts-2024"
SHORTCUTS = [
    ("F8 / Shift+F8", QT_TRANSLATE_NOOP("MainWindow", "下一份 / 上一份未完成的案卷")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("MainWindow", "完成本案卷并打开下一份")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("MainWindow", "在评分项之间移动；数字键直接给分")),
    ("Enter / Alt+1…9", QT_TRANSLATE_NOOP("MainWindow", "下一个评分框 / 跳到评分表的第1…9部分")),
    ("Ctrl+Z / Ctrl+Shift+Z", QT_TRANSLATE_NOOP("MainWindow", "撤销 / 重做")),
    ("PgDn / PgUp", QT_TRANSLATE_NOOP("MainWindow", "下一页 / 上一页")),
    ("Ctrl+F / F3 / Shift+F3", QT_TRANSLATE_NOOP("MainWindow", "在本案卷中查找 / 下一处 / 上一处")),
    (
        "Ctrl+= / Ctrl+- / Ctrl+0 / Ctrl+9",
        QT_TRANSLATE_NOOP("MainWindow", "放大 / 缩小 / 适合宽度 / 适合页面"),
    ),
    ("Ctrl+R / Ctrl+T", QT_TRANSLATE_NOOP("MainWindow", "旋转页面 / 缩略图")),
    ("Ctrl+O", QT_TRANSLATE_NOOP("MainWindow", "导入光盘文件夹")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("MainWindow", "导出签名评分包")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("MainWindow", "筛选案卷队列")),
    ("F1", QT_TRANSLATE_NOOP("MainWindow", "本快捷键表")),
]


class MainWindow(QMainWindow):
    first_page_shown = Signal()

    def __init__(self, store: Store, settings: QSettings, expert: str = "", dialogs: bool = True) -> None:
        super().__init__()
        self.dialogs = dialogs
        self.expert = expert or "expert"
        self.job: BackgroundJob | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.setAcceptDrops(True)
        self.store = store
        self.settings = settings
        self.repository = CaseRepository(store.db)
        self.documents = DocumentRepository(store.db)
        self.scores = ScoreRepository(store.db, self.expert)
        self.rubrics = {r.id: r for r in catalog.load_all(store.root)[0].values() if isinstance(r, Rubric)}
        self.families = catalog.families(dict(self.rubrics))
        self.sheet_choices = SheetChoices(store.db, self.expert)
        self.setWindowTitle(self.tr("案卷评审台 ReviewDesk"))
        self.model = CaseTableModel()
        self.queue = QTableView()
        self.queue.setModel(self.model)
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue.verticalHeader().hide()
        self.queue.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.queue.horizontalHeader().setStretchLastSection(True)
        self.queue.setAlternatingRowColors(True)
        self.viewer = PageView()
        self.viewer_pane = ViewerPane(self.viewer, self._find_in_current_case)
        self.info = CaseInfo()
        self.form = ScoreForm(self.scores)
        self.form.evidence_source = self._evidence_here
        # A family of sheets (the 2024 细则's six) is one choice: each case opens on its own sheet.
        self.rubric_choice = QComboBox()
        for rubric in sorted(self.rubrics.values(), key=lambda r: r.id):
            if not rubric.family:
                self.rubric_choice.addItem(rubric.title, rubric.id)
        for family in self.families:
            self.rubric_choice.addItem(catalog.FAMILY_LABELS.get(family, family), family)
        wanted = str(self.settings.value("desk/rubric", DEFAULT_RUBRIC))
        if wanted in self.rubrics and self.rubrics[wanted].family:
            wanted = self.rubrics[wanted].family
        self.rubric_choice.setCurrentIndex(max(0, self.rubric_choice.findData(wanted)))
        self.rubric_choice.currentIndexChanged.connect(self._rubric_changed)
        self.sheet_choice = QComboBox()
        self.sheet_choice.setToolTip(self.tr("按案卷类型选定评查表；改选后本案卷按所选评查表评分"))
        self.sheet_choice.activated.connect(lambda _i: self._sheet_chosen())
        scoring = QWidget()
        scoring_layout = QVBoxLayout(scoring)
        scoring_layout.setContentsMargins(0, 0, 0, 0)
        scoring_layout.addWidget(self.rubric_choice)
        scoring_layout.addWidget(self.sheet_choice)
        scoring_layout.addWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.addTab(scoring, self.tr("评分"))
        self.tabs.addTab(self.info, self.tr("文书与信息"))
        self.history = HistoryView()
        self.tabs.addTab(self.history, self.tr("修改记录"))
        self.tabs.currentChanged.connect(lambda _i: self._refresh_history())
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        self.queue_title = QLabel()
        self.queue_filter = QLineEdit()
        self.queue_filter.setPlaceholderText(self.tr("筛选：单位、文号、类型、状态… (Ctrl+L)"))
        self.queue_filter.setClearButtonEnabled(True)
        self.queue_filter.textChanged.connect(self.apply_filter)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("全部"), None)
        self.status_filter.addItem(self.tr("未完成"), "open")
        self.status_filter.addItem(self.tr("已完成"), "complete")
        self.status_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        filters = QHBoxLayout()
        filters.addWidget(self.queue_filter, 1)
        filters.addWidget(self.status_filter)
        left_layout.addWidget(self.queue_title)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.queue)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.viewer_pane)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.page_label = QLabel()
        self.identity_label = QLabel()
        self.statusBar().addPermanentWidget(self.identity_label)
        self.statusBar().addPermanentWidget(self.page_label)
        self.identity: ExpertIdentity | None = None
        self._set_identity(load_identity(store.root))
        self._add_actions()
        self.queue.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._open_row(cur.row()))
        self.viewer.page_shown.connect(self._on_page_shown)
        self.viewer.verticalScrollBar().valueChanged.connect(self._page_moved)
        self.info.page_requested.connect(self.viewer.go_to_page)
        self.form.page_requested.connect(self.viewer.go_to_page)
        self.form.completed.connect(self._completed)
        self.form.changed.connect(self._form_changed)
        self._first_page_reported = False
        self._target_page = 1
        self._panes_for: CaseFile | None = None
        self._panes_timer = QTimer(self, singleShot=True, interval=250)
        self._panes_timer.timeout.connect(self._load_pending_panes)
        self._restore_layout()
        self.reload_cases()

    @property
    def family(self) -> str | None:
        chosen = self.rubric_choice.currentData()
        return chosen if chosen in self.families else None

    @property
    def rubric(self) -> Rubric:
        """The sheet the current case is scored on."""
        return self.rubric_for(self.current_case())

    def rubric_for(self, case: CaseFile | None) -> Rubric:
        family = self.family
        if family is None:
            return self.rubrics[self.rubric_choice.currentData()]
        case_type = case.value("case_type") if case else None
        return self.sheet_choices.choice(self.rubrics, family, case.id if case else -1, case_type).rubric

    def _statuses(self, cases: list[CaseFile]) -> dict[int, str]:
        """Each case's status on the sheet it is scored on."""
        if self.family is None:
            return self.scores.statuses(self.rubric_for(None).id)
        chosen = self.sheet_choices.choices(self.rubrics, self.family, cases)
        return self.scores.statuses_on({cid: choice.rubric.id for cid, choice in chosen.items()})

    def _show_sheet_choice(self, case: CaseFile | None) -> None:
        """The family's sheets, the case's own selected; hidden for a rubric that is not a family."""
        family = self.family
        self.sheet_choice.setVisible(family is not None)
        if family is None:
            return
        self.sheet_choice.blockSignals(True)
        self.sheet_choice.clear()
        for sheet in catalog.family_sheets(dict(self.rubrics), family):
            self.sheet_choice.addItem(sheet.title, sheet.id)
        self.sheet_choice.setCurrentIndex(max(0, self.sheet_choice.findData(self.rubric_for(case).id)))
        self.sheet_choice.setEnabled(case is not None)
        self.sheet_choice.blockSignals(False)

    def choose_sheet(self, rubric_id: str) -> None:
        """The expert's sheet for the current case (stored per case), and the form rebuilt on it."""
        case, family = self.current_case(), self.family
        if case is None or family is None:
            return
        current = self.rubric_for(case)
        if rubric_id != current.id:
            by_type = catalog.sheet_for_case(dict(self.rubrics), family, case.value("case_type"))
            self.sheet_choices.expert = self.expert
            self.sheet_choices.choose(
                case.id, family, None if rubric_id == by_type.rubric.id else rubric_id, current.id
            )
        self.model.set_status(case.id, self._statuses([case]).get(case.id, "not_started"))
        self._open_row(self.queue.currentIndex().row())

    def _sheet_chosen(self) -> None:
        self.choose_sheet(self.sheet_choice.currentData())

    def _add_actions(self) -> None:
        for text, keys, slot in (
            (self.tr("下一份未完成的案卷"), [QKeySequence(Qt.Key.Key_F8)], lambda: self.step_unfinished(1)),
            (
                self.tr("上一份未完成的案卷"),
                [QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F8)],
                lambda: self.step_unfinished(-1),
            ),
            (self.tr("下一页"), [QKeySequence(Qt.Key.Key_PageDown)], lambda: self._page(1)),
            (self.tr("上一页"), [QKeySequence(Qt.Key.Key_PageUp)], lambda: self._page(-1)),
            (
                self.tr("完成并打开下一份"),
                [
                    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return),
                    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter),
                ],
                self.form.complete,
            ),
            (self.tr("撤销"), [QKeySequence.StandardKey.Undo], self.form.undo),
            (self.tr("重做"), [QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")], self.form.redo),
            (self.tr("快捷键"), [QKeySequence(Qt.Key.Key_F1)], self.show_shortcuts),
            (self.tr("筛选案卷"), [QKeySequence("Ctrl+L")], self._focus_filter),
        ):
            action = QAction(text, self)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        menu = self.menuBar().addMenu(self.tr("文件"))
        for text, keys, slot in (
            (self.tr("导入光盘文件夹…"), QKeySequence("Ctrl+O"), self.choose_folder),
            (self.tr("导入映像、压缩包或 PDF…"), QKeySequence("Ctrl+Shift+O"), self.choose_files),
            (self.tr("分析全部案卷"), QKeySequence("Ctrl+Shift+A"), lambda: self.start_import([])),
            (self.tr("导出签名评分包…"), QKeySequence("Ctrl+E"), self.export_scores),
        ):
            action = menu.addAction(text)
            action.setShortcut(keys)
            action.triggered.connect(slot)
        station_menu = self.menuBar().addMenu(self.tr("监理站"))
        station_menu.addAction(self.tr("报送材料检查…")).triggered.connect(self.show_check)
        from app.ui.station_menu import install_station_menu

        install_station_menu(self, station_menu, menu)
        settings_menu = self.menuBar().addMenu(self.tr("设置"))
        language_menu = settings_menu.addMenu(self.tr("界面语言"))
        current = chosen_language(self.settings)
        for code, name in LANGUAGES.items():
            action = language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, code=code: self.set_language(code))
        help_menu = self.menuBar().addMenu(self.tr("帮助"))
        help_menu.addAction(self.tr("快捷键 (F1)")).triggered.connect(self.show_shortcuts)
        help_menu.addAction(self.tr("专家身份与密钥指纹…")).triggered.connect(self.show_identity)

    def show_check(self) -> None:
        from app.ui.check_dialog import CheckDialog

        dialog = CheckDialog(self.store, self)
        dialog.open()

    def set_language(self, code: str) -> None:
        self.settings.setValue(LANGUAGE_SETTING, code)
        self.settings.sync()
        text = self.tr("界面语言已设为 {name}，重新启动评审台后生效。").format(name=LANGUAGES[code])
        self.statusBar().showMessage(text, 15000)
        if self.dialogs:
            QMessageBox.information(self, self.tr("界面语言"), text)

    # -- the expert: first run, identity, export ------------------------------------------------------

    def _set_identity(self, identity: ExpertIdentity | None) -> None:
        self.identity = identity
        if identity is None:
            self.identity_label.setText(self.tr("未设置专家身份"))
            return
        self.expert = identity.name
        self.scores.expert = identity.name
        self.identity_label.setText(
            self.tr("专家：{name} · 指纹 {fp}").format(name=identity.name, fp=identity.short_fingerprint[:19])
        )

    def first_run(self) -> bool:
        """Ask who the expert is (and offer the demo disc on an empty store); True when an identity was made."""
        dialog = FirstRunDialog(self.store.root, offer_demo=self.model.rowCount() == 0, parent=self)
        if dialog.exec() != FirstRunDialog.DialogCode.Accepted or dialog.identity is None:
            return False
        self._set_identity(dialog.identity)
        if dialog.demo.isChecked():
            self.start_import([DEMO_SOURCE])
        return True

    def show_identity(self) -> None:
        if self.identity is None:
            self.first_run()
            return
        made = self.identity
        QMessageBox.information(
            self,
            self.tr("专家身份"),
            self.tr("专家：{name}\n单位：{unit}\n编号：{number}\n\n密钥指纹：\n{fp}").format(
                name=made.name, unit=made.unit, number=made.number or "—", fp=made.fingerprint
            ),
        )

    def export_scores(self) -> None:
        if self.identity is None and not self.first_run():
            return
        assert self.identity is not None
        folder = str(self.settings.value("desk/export_folder", str(Path.home())))
        target = export_flow.ask_target(self, self.identity, folder)
        if target is None:
            return
        passphrase = export_flow.ask_passphrase(self)
        if passphrase is None:
            return
        self.export_to(target, passphrase)

    def export_to(self, target: Path, passphrase: str) -> bool:
        """The export itself, for the menu and for tests; a known problem becomes a message."""
        assert self.identity is not None
        try:
            result = export_flow.export_signed(self.store, self.identity, target, passphrase)
        except KnownError as error:
            self._report(error.zh)
            return False
        self.settings.setValue("desk/export_folder", str(target.parent))
        text = export_flow.summary(result, self.identity)
        self.statusBar().showMessage(text.splitlines()[0], 15000)
        if self.dialogs:
            QMessageBox.information(self, self.tr("导出评分包"), text)
        return True

    # -- import and analysis in the background ------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择光盘或文件夹"))
        if folder:
            self.start_import([folder])

    def choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("选择光盘映像、压缩包或 PDF"), "", self.tr("所有文件 (*)")
        )
        if files:
            self.start_import(files)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    def start_import(self, sources: list[str]) -> None:
        """Import (if any sources) and analyse in a child process; the desk stays usable."""
        if self.job is not None and self.job.running:
            self.statusBar().showMessage(self.tr("已有后台任务在进行中。"), 5000)
            return
        self.job = BackgroundJob(import_and_analyze, str(self.store.root), sources, self.expert)
        self.progress_dialog = QProgressDialog(self.tr("正在准备…"), self.tr("取消"), 0, 1000, self)
        self.progress_dialog.setWindowTitle(self.tr("导入与分析"))
        self.progress_dialog.setModal(False)
        self.progress_dialog.setMinimumDuration(0)
        self.progress_dialog.canceled.connect(self.job.cancel)
        self.job.progress.connect(self._job_progress)
        self.job.files_changed.connect(self._files_changed)
        self.job.finished.connect(self._job_finished)
        self.job.failed.connect(self._job_failed)
        self.job.start()

    def _job_progress(self, text: str, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(text[-60:])
            self.progress_dialog.setValue(int(1000 * done / total) if total else 0)

    def _files_changed(self) -> None:
        """New cases or documents: refresh the queue, keep the case being scored as it is."""
        current = self.current_case()
        cases = visible_cases(self.store.db, self.repository.list())
        self.queue.selectionModel().blockSignals(True)
        self.model.set_cases(cases, self._statuses(cases))
        self.apply_filter()
        row = self.model.row_of(current.id) if current else (0 if cases else None)
        if row is not None:
            self.queue.selectRow(row)
        self.queue.selectionModel().blockSignals(False)
        if row is None:
            return
        fresh = self.model.case_at(row)
        if current is None or [d.as_json() for d in fresh.documents] != [
            d.as_json() for d in current.documents
        ]:
            self._open_row(row)

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog = None

    def _job_finished(self, summary: dict) -> None:
        self._close_progress()
        self._files_changed()
        if summary.get("cancelled"):
            self.statusBar().showMessage(self.tr("已取消，已完成的部分已保存。"), 10000)
            return
        message = self.tr("完成。")
        if "files" in summary:
            message = self.tr(
                "导入 {files} 个文件（新增 {new}），案卷 {cases} 份，有问题 {problems} 个。"
            ).format(
                files=summary["files"],
                new=summary["new"],
                cases=summary["case_file"],
                problems=summary["problems"],
            )
        self.statusBar().showMessage(message, 15000)
        errors = summary.get("errors") or []
        if errors:
            self._report(self.tr("有来源无法读取"), "\n".join(errors))

    def _job_failed(self, zh: str, details: str) -> None:
        self._close_progress()
        self._files_changed()
        self._report(zh, details)

    def _report(self, text: str, details: str = "") -> None:
        self.statusBar().showMessage(text, 15000)
        if self.dialogs:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("ReviewDesk"), text, parent=self)
            if details:
                box.setDetailedText(details)
            box.open()

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{self.tr(v)}</td></tr>" for k, v in SHORTCUTS)
        QMessageBox.information(self, self.tr("快捷键"), f"<table>{rows}</table>")

    def reload_cases(self) -> None:
        cases = visible_cases(self.store.db, self.repository.list())
        self.model.set_cases(cases, self._statuses(cases))
        self.apply_filter()
        self._show_sheet_choice(None)
        if not cases:
            self.info.show_case(None)
            return
        last = int(self.settings.value("desk/last_case", 0) or 0)
        row = self.model.row_of(last)
        self.queue.selectRow(row if row is not None else 0)

    def current_case(self) -> CaseFile | None:
        row = self.queue.currentIndex().row()
        return self.model.case_at(row) if row >= 0 else None

    def _open_row(self, row: int) -> None:
        if row < 0:
            return
        case = self.model.case_at(row)
        self.form.unload()
        same_case = int(self.settings.value("desk/last_case", 0) or 0) == case.id
        remembered = int(self.settings.value("desk/last_page", 0) or 0) if same_case else 0
        self.settings.setValue("desk/last_case", case.id)
        # The page first: the form of a file with dozens of transcripts takes a few hundred ms to
        # build, so it follows on the next turn of the event loop.
        self.viewer.open(self._blob_path(case))
        self.viewer_pane.document_opened()
        transcript = next((d for d in case.documents if d.kind in TRANSCRIPT_KINDS), None)
        self._target_page = remembered or (transcript.first_page if transcript else 1)
        if self._target_page > 1:
            self.viewer.go_to_page(self._target_page)
        self._update_page_label()
        # The form waits for the page to be painted (or 250 ms, whichever comes first).
        self._panes_for = case
        self._panes_timer.start(250)

    def _evidence_here(self) -> tuple[int, str | None]:
        """The page in view, and the text found on it when the current match is on that page."""
        page = self.viewer.current_page() if self.viewer.page_count else 0
        pane = self.viewer_pane
        if pane.matches and 0 <= pane.current < len(pane.matches) and pane.matches[pane.current].page == page:
            return page, pane.find_box.text().strip() or None
        return page, None

    def _find_in_current_case(self, query: str) -> list[Match]:
        """Matches from the stored text; on text-layer pages placed exactly where the PDF has them."""
        case = self.current_case()
        if case is None:
            return []
        matches = find_in_file(self.store.db, case.sha256, query)
        refined: list[Match] = []
        for page in sorted({m.page for m in matches}):
            on_page = [m for m in matches if m.page == page]
            exact = self.viewer.exact_boxes(page, query) if on_page[0].source == "text" else []
            if len(exact) == len(on_page):
                on_page = [replace(m, box=box) for m, box in zip(on_page, exact, strict=True)]
            refined += on_page
        return refined

    def _load_case_panes(self, case: CaseFile) -> None:
        if self.current_case() is None or self.current_case().id != case.id:
            return  # the expert has already moved on
        transcripts = self.documents.facts(case.sha256)
        self.info.show_case(case, transcripts)
        self._show_sheet_choice(case)
        self.form.load(case, self.rubric_for(case), transcripts)
        self._refresh_history()

    def _rubric_changed(self) -> None:
        self.settings.setValue("desk/rubric", self.rubric_choice.currentData())
        cases = self.repository.list()
        self.model.set_cases(cases, self._statuses(cases))
        case = self.current_case()
        row = self.queue.currentIndex().row()
        if case is not None:
            self._open_row(row)

    def _blob_path(self, case: CaseFile) -> Path:
        return self.store.blobs.path_for(case.sha256)

    def _focus_filter(self) -> None:
        self.queue_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.queue_filter.selectAll()

    def apply_filter(self) -> None:
        """Hide the rows that do not match the words typed (all of them) and the status chosen."""
        words = self.queue_filter.text().split()
        wanted = self.status_filter.currentData()
        shown = 0
        for row in range(self.model.rowCount()):
            text = self.model.row_text(row)
            status = self.model.status_of(row)
            visible = all(w in text for w in words) and (
                wanted is None or (status == "complete") == (wanted == "complete")
            )
            self.queue.setRowHidden(row, not visible)
            shown += visible
        total = self.model.rowCount()
        text = self.tr("案卷队列（{count} 份）").format(count=total)
        if shown != total:
            text += self.tr("，显示 {shown} 份").format(shown=shown)
        self.queue_title.setText(text)

    def step_unfinished(self, delta: int) -> None:
        """The next (or previous) shown case not yet complete, wrapping around."""
        count = self.model.rowCount()
        start = self.queue.currentIndex().row()
        for offset in range(1, count + 1):
            row = (start + delta * offset) % count
            if self.model.status_of(row) != "complete" and not self.queue.isRowHidden(row):
                self.queue.selectRow(row)
                return

    def _completed(self, case_id: int) -> None:
        self.model.set_status(case_id, "complete")
        self.step_unfinished(1)

    def _form_changed(self) -> None:
        if self.form.sheet is not None:
            self.model.set_status(self.form.sheet.case_id, self.form.sheet.status)
        self._refresh_history()

    def _refresh_history(self) -> None:
        """Only while the history tab is shown: scoring does not pay for a table nobody looks at."""
        if self.tabs.currentWidget() is not self.history:
            return
        sheet = self.form.sheet
        if sheet is None:
            self.history.show_history(None, [])
            return
        self.history.show_history(sheet.rubric, self.scores.history(sheet.case_id, sheet.rubric.id))

    def _page(self, delta: int) -> None:
        self.viewer.go_to_page(self.viewer.current_page() + delta)

    def _on_page_shown(self, page: int) -> None:
        if page != self._target_page:
            return
        if not self._first_page_reported:
            self._first_page_reported = True
            self.first_page_shown.emit()
        if self._panes_for is not None:
            # after this paint, not inside it: the page reaches the screen before the form is built
            self._panes_timer.start(0)

    def _load_pending_panes(self) -> None:
        case, self._panes_for = self._panes_for, None
        if case is not None:
            self._load_case_panes(case)

    def _page_moved(self) -> None:
        self._update_page_label()
        if self.viewer.page_count:
            self.settings.setValue("desk/last_page", self.viewer.current_page())

    def _update_page_label(self) -> None:
        if self.viewer.page_count:
            self.page_label.setText(
                self.tr("第 {page} / {count} 页").format(
                    page=self.viewer.current_page(), count=self.viewer.page_count
                )
            )

    def _restore_layout(self) -> None:
        geometry = self.settings.value("desk/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        state = self.settings.value("desk/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([380, 560, 426])

    def closeEvent(self, event) -> None:
        self._panes_timer.stop()  # a form still due must not be built on a store about to close
        self.settings.setValue("desk/geometry", self.saveGeometry())
        self.settings.setValue("desk/splitter", self.splitter.saveState())
        self.settings.sync()
        self.viewer.close_document()
        super().closeEvent(event)
