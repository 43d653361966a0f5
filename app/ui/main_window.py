"""The desk's main window: case queue | page viewer | scoring form and case information.

Sizes, position, the case and the page are remembered, so a desk killed at any moment reopens where
the expert was; every score is already in the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.analysis.find import Box, Match, find_in_file
from app.analysis.passage import ocr_text_in_box
from app.jobs import DEMO_SOURCE
from app.models.cases import CaseFile, CaseRepository
from app.models.documents import DocumentRepository
from app.models.scores import ScoreRepository, SheetChoices
from app.models.store import Store
from app.models.transcripts import CrosscheckFindingRepository
from app.rubric import catalog
from app.rubric.model import Rubric
from app.signing.identity import ExpertIdentity, load_identity
from app.station.packets import visible_cases
from app.ui import export_flow
from app.ui.about_dialog import AboutDialog
from app.ui.case_info import CaseInfo
from app.ui.case_queue import CaseQueue
from app.ui.history_view import HistoryView
from app.ui.identity_dialog import FirstRunDialog
from app.ui.job_panel import JobPanel
from app.ui.language import LANGUAGES, chosen_language, switch_language
from app.ui.language import SETTING as LANGUAGE_SETTING
from app.ui.other_sheets import OtherSheet, OtherSheetsNotice
from app.ui.page_view import PageView
from app.ui.score_form import ScoreForm
from app.ui.shortcuts import shortcut_table
from app.ui.viewer_pane import ViewerPane
from app.ui.window_layout import FORM_WIDTH, fit_to_screen, splitter_sizes
from app.vocabulary import TRANSCRIPT_KINDS

DEFAULT_RUBRIC = "transcripts-2024"


class MainWindow(QMainWindow):
    first_page_shown = Signal()

    def __init__(self, store: Store, settings: QSettings, expert: str = "", dialogs: bool = True) -> None:
        super().__init__()
        self.dialogs = dialogs
        self.expert = expert or "expert"
        self.setAcceptDrops(True)
        self.store = store
        self.settings = settings
        self.repository = CaseRepository(store.db)
        self.documents = DocumentRepository(store.db)
        self.scores = ScoreRepository(store.db, self.expert)
        self.rubrics = {r.id: r for r in catalog.load_all(store.root)[0].values() if isinstance(r, Rubric)}
        self.families = catalog.families(dict(self.rubrics))
        self.sheet_choices = SheetChoices(store.db, self.expert)
        self.case_queue = CaseQueue()
        self.model = self.case_queue.model
        self.viewer = PageView()
        self.viewer.ocr_text = self._ocr_text
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
        # long sheet titles must not widen the pane: the page keeps its share of the window
        self.rubric_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.rubric_choice.setMinimumContentsLength(12)
        self.sheet_choice = QComboBox()
        self.sheet_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sheet_choice.setMinimumContentsLength(12)
        self.sheet_choice.activated.connect(lambda _i: self._sheet_chosen())
        scoring = QWidget()
        scoring_layout = QVBoxLayout(scoring)
        scoring_layout.setContentsMargins(0, 0, 0, 0)
        scoring_layout.addWidget(self.rubric_choice)
        scoring_layout.addWidget(self.sheet_choice)
        self.other_sheets = OtherSheetsNotice()
        self.other_sheets.switch_to.connect(self.switch_to_sheet)
        scoring_layout.addWidget(self.other_sheets)
        scoring_layout.addWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.addTab(scoring, "")
        self.tabs.addTab(self.info, "")
        self.history = HistoryView()
        self.tabs.addTab(self.history, "")
        self.tabs.currentChanged.connect(lambda _i: self._refresh_history())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.case_queue)
        self.splitter.addWidget(self.viewer_pane)
        self.splitter.addWidget(self.tabs)
        self.tabs.setMinimumWidth(FORM_WIDTH)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.page_label = QLabel()
        self.identity_label = QLabel()
        self.jobs = JobPanel()
        self.jobs.files_changed.connect(self._files_changed)
        self.jobs.analysing.connect(self._analysing)
        self.jobs.finished.connect(self._job_finished)
        self.jobs.failed.connect(self._job_failed)
        self.statusBar().addPermanentWidget(self.jobs)
        for label in (self.identity_label, self.page_label):  # apart, so they do not read as one sentence
            label.setContentsMargins(12, 0, 12, 0)
            self.statusBar().addPermanentWidget(label)
        self.identity: ExpertIdentity | None = None
        self._add_actions()
        self.retranslate()
        self._set_identity(load_identity(store.root))
        self.case_queue.case_chosen.connect(lambda _id: self._open_current())
        self.viewer.page_shown.connect(self._on_page_shown)
        self.viewer.verticalScrollBar().valueChanged.connect(self._page_moved)
        self.info.page_requested.connect(self.viewer.go_to_page)
        self.info.case_page_requested.connect(self.open_case_at)
        self.form.page_requested.connect(self.viewer.go_to_page)
        self.form.completed.connect(self._completed)
        self.form.changed.connect(self._form_changed)
        self._first_page_reported = False
        self._target_page = 1
        self._panes_for: CaseFile | None = None
        self._panes_timer = QTimer(self, singleShot=True, interval=250)
        self._panes_timer.timeout.connect(self._load_pending_panes)
        self.opens_maximized = self._restore_layout()
        self.reload_cases()

    # -- texts: set here and again when the language changes --------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("案卷评审台 ReviewDesk"))
        self.sheet_choice.setToolTip(self.tr("按案卷类型选定评查表；改选后本案卷按所选评查表评分"))
        for index, text in enumerate((self.tr("评分"), self.tr("文书与信息"), self.tr("修改记录"))):
            self.tabs.setTabText(index, text)
        self._retranslate_actions()
        self._set_identity(self.identity)
        self._update_page_label()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            case = self.current_case()
            if case is not None and self.isVisible():  # the panes hold translated texts: build them again
                self._panes_for = case
                self._panes_timer.start(0)
            else:
                self.info.show_case(None)
        super().changeEvent(event)

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

    def _shown_sheets(self, cases: list[CaseFile]) -> dict[int, str]:
        """Each case's sheet in the desk as it is set (case id → rubric id)."""
        if self.family is None:
            return {c.id: self.rubric_for(None).id for c in cases}
        chosen = self.sheet_choices.choices(self.rubrics, self.family, cases)
        return {cid: choice.rubric.id for cid, choice in chosen.items()}

    def _statuses(self, cases: list[CaseFile]) -> dict[int, str]:
        """Each case's status on the sheet it is scored on."""
        if self.family is None:
            return self.scores.statuses(self.rubric_for(None).id)
        return self.scores.statuses_on(self._shown_sheets(cases))

    def _elsewhere(self, cases: list[CaseFile]) -> dict[int, list[OtherSheet]]:
        """The sheets other than the shown one that each case has scores on."""
        scored = self.scores.scored_sheets()
        if not scored:
            return {}
        shown = self._shown_sheets([c for c in cases if c.id in scored])
        found = {
            cid: [
                OtherSheet(self.rubrics[s.rubric_id].title if s.rubric_id in self.rubrics else s.rubric_id, s)
                for s in sheets
                if s.rubric_id != shown[cid]
            ]
            for cid, sheets in scored.items()
            if cid in shown
        }
        return {cid: others for cid, others in found.items() if others}

    def _fill_queue(self, cases: list[CaseFile]) -> None:
        self.case_queue.set_cases(cases, self._statuses(cases), self._elsewhere(cases))

    def switch_to_sheet(self, rubric_id: str) -> None:
        """Show the current case on ``rubric_id``, a sheet it has scores on.

        A sheet of the family shown becomes the case's choice; any other sheet becomes the desk's (the
        queue then shows every case on it, and this case's notice offers the way back).
        """
        case, rubric = self.current_case(), self.rubrics.get(rubric_id)
        if case is None or rubric is None:
            return
        if rubric.family and rubric.family == self.family:
            self.choose_sheet(rubric_id)
            return
        if rubric.family:
            current = self.sheet_choices.choice(self.rubrics, rubric.family, case.id, case.value("case_type"))
            if current.rubric.id != rubric_id:
                by_type = catalog.sheet_for_case(dict(self.rubrics), rubric.family, case.value("case_type"))
                self.sheet_choices.expert = self.expert
                self.sheet_choices.choose(
                    case.id,
                    rubric.family,
                    None if rubric_id == by_type.rubric.id else rubric_id,
                    current.rubric.id,
                )
        self.rubric_choice.setCurrentIndex(self.rubric_choice.findData(rubric.family or rubric.id))

    def _show_other_sheets(self, case: CaseFile) -> None:
        sheet = self.form.sheet
        if sheet is None:
            return
        others = self._elsewhere([case]).get(case.id, [])
        self.other_sheets.show_for(others, sheet.rubric.title, sheet.status)
        self.case_queue.set_status(case.id, sheet.status, others)

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
        self.case_queue.set_status(
            case.id,
            self._statuses([case]).get(case.id, "not_started"),
            self._elsewhere([case]).get(case.id, []),
        )
        self._open_current()

    def _sheet_chosen(self) -> None:
        self.choose_sheet(self.sheet_choice.currentData())

    def _add_actions(self) -> None:
        """Every action and menu; their texts are set by ``_retranslate_actions``."""
        self._texts: list[tuple[QAction | QMenu, Callable[[], str]]] = []
        for text, keys, slot in (
            (
                lambda: self.tr("下一份未完成的案卷"),
                [QKeySequence(Qt.Key.Key_F8)],
                lambda: self.step_unfinished(1),
            ),
            (
                lambda: self.tr("上一份未完成的案卷"),
                [QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F8)],
                lambda: self.step_unfinished(-1),
            ),
            (lambda: self.tr("下一页"), [QKeySequence(Qt.Key.Key_PageDown)], lambda: self._page(1)),
            (lambda: self.tr("上一页"), [QKeySequence(Qt.Key.Key_PageUp)], lambda: self._page(-1)),
            (lambda: self.tr("快捷键"), [QKeySequence(Qt.Key.Key_F1)], self.show_shortcuts),
            (lambda: self.tr("筛选案卷"), [QKeySequence("Ctrl+L")], self.case_queue.focus_filter),
        ):
            self.addAction(self._action(text, keys, slot))
        # completing, undo and redo need an open case: disabled (and their keys inert) without one
        self.case_actions = [
            self._action(
                lambda: self.tr("完成并打开下一份"),
                [
                    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return),
                    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter),
                ],
                self.form.complete,
            ),
            self._action(lambda: self.tr("撤销"), [QKeySequence.StandardKey.Undo], self.form.undo),
            self._action(
                lambda: self.tr("重做"),
                [QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")],
                self.form.redo,
            ),
        ]
        for action in self.case_actions:
            self.addAction(action)

        menu = self._menu(self.menuBar(), lambda: self.tr("文件"))
        for text, key, slot in (
            (lambda: self.tr("导入光盘文件夹…"), "Ctrl+O", self.choose_folder),
            (lambda: self.tr("导入映像、压缩包或 PDF…"), "Ctrl+Shift+O", self.choose_files),
            (lambda: self.tr("分析全部案卷"), "Ctrl+Shift+A", lambda: self.start_import([])),
            (lambda: self.tr("导出签名评分包…"), "Ctrl+E", self.export_scores),
        ):
            menu.addAction(self._action(text, [QKeySequence(key)], slot))
        station_menu = self._menu(self.menuBar(), lambda: self.tr("监理站"))
        station_menu.addAction(self._action(lambda: self.tr("报送材料检查…"), [], self.show_check))
        from app.ui.station_menu import install_station_menu

        install_station_menu(self, station_menu, menu)
        settings_menu = self._menu(self.menuBar(), lambda: self.tr("设置"))
        language_menu = self._menu(settings_menu, lambda: self.tr("界面语言"))
        current = chosen_language(self.settings)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, code=code: self.set_language(code))
            self.language_actions[code] = action
        help_menu = self._menu(self.menuBar(), lambda: self.tr("帮助"))
        help_menu.addAction(self._action(lambda: self.tr("快捷键 (F1)"), [], self.show_shortcuts))
        help_menu.addAction(self._action(lambda: self.tr("专家身份与密钥指纹…"), [], self.show_identity))
        help_menu.addAction(
            self._action(lambda: self.tr("关于 ReviewDesk…"), [], lambda: AboutDialog(self).exec())
        )

    def _action(
        self, text: Callable[[], str], keys: list[QKeySequence], slot: Callable[[], object]
    ) -> QAction:
        action = QAction(self)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self._texts.append((action, text))
        return action

    def _menu(self, parent: QMenuBar | QMenu, title: Callable[[], str]) -> QMenu:
        menu = parent.addMenu("")
        self._texts.append((menu, title))
        return menu

    def _retranslate_actions(self) -> None:
        for widget, text in self._texts:
            if isinstance(widget, QMenu):
                widget.setTitle(text())
            else:
                widget.setText(text())

    def show_check(self) -> None:
        from app.ui.check_dialog import CheckDialog

        dialog = CheckDialog(self.store, self)
        dialog.open()

    def set_language(self, code: str) -> None:
        """Remembered for the next start, and applied now: every widget retranslates on LanguageChange."""
        self.settings.setValue(LANGUAGE_SETTING, code)
        self.settings.sync()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            switch_language(app, code)
        for other, action in self.language_actions.items():
            action.setChecked(other == code)
        self.statusBar().showMessage(self.tr("界面语言：{name}").format(name=LANGUAGES[code]), 5000)

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
        export_flow.ask_and_export(self, self.store, self.identity, self.settings, self.dialogs)

    def export_to(self, target: Path, passphrase: str) -> bool:
        """The export itself (for the menu and for tests); a known problem becomes a message."""
        assert self.identity is not None
        return export_flow.export_and_tell(self, self.store, self.identity, target, passphrase, self.settings)

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
        case = self.current_case()
        if not self.jobs.start(self.store.root, sources, self.expert, case.id if case else 0):
            self.statusBar().showMessage(self.tr("已有后台任务在进行中。"), 5000)
            return
        self.info.set_analysing(True)

    def analyse_pending(self) -> bool:
        """Start analysing in the background when some case is not analysed yet (the desk opening)."""
        from app.workflow import unanalysed_cases  # here: it loads the analyser, which start-up can skip

        if self.jobs.running or not unanalysed_cases(self.store):
            return False
        self.start_import([])
        return True

    @property
    def job(self):
        return self.jobs.job

    def _analysing(self, sha256: str) -> None:
        case = self.current_case()
        self.info.set_analysing(bool(sha256), now=case is not None and case.sha256 == sha256)

    def _files_changed(self) -> None:
        """New cases or documents: refresh the queue, keep the case being scored as it is."""
        current = self.current_case()
        cases = visible_cases(self.store.db, self.repository.list())
        self._fill_queue(cases)
        if current is None:
            if cases and self.case_queue.current_case() is None:
                self.case_queue.select_case(cases[0].id)
            return
        fresh = next((c for c in cases if c.id == current.id), None)
        if fresh is not None and [d.as_json() for d in fresh.documents] != [
            d.as_json() for d in current.documents
        ]:
            self._open_current()

    def _job_finished(self, summary: dict) -> None:
        self.info.set_analysing(False)
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
        if errors:  # one source's own words (e.g. nothing to import: which folder) say more than a title
            self._report(errors[0] if len(errors) == 1 else self.tr("有来源无法读取"), "\n".join(errors))
        elif summary.get("warnings"):
            self._report("\n".join(summary["warnings"]))

    def _job_failed(self, zh: str, details: str) -> None:
        self.info.set_analysing(False)
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
        QMessageBox.information(self, self.tr("快捷键"), shortcut_table())

    def reload_cases(self) -> None:
        cases = visible_cases(self.store.db, self.repository.list())
        self._fill_queue(cases)
        self._show_sheet_choice(None)
        if not cases:
            self._open_current()
            return
        last = int(self.settings.value("desk/last_case", 0) or 0)
        if not self.case_queue.select_case(last):
            self.case_queue.select_case(cases[0].id)

    def current_case(self) -> CaseFile | None:
        return self.case_queue.current_case()

    def select_case(self, case_id: int) -> bool:
        return self.case_queue.select_case(case_id)

    def open_case_at(self, case_id: int, page: int) -> None:
        """Another case file at a page (the other record of a cross-case finding), if it is in the queue."""
        if not self.select_case(case_id):
            self.statusBar().showMessage(
                self.tr("案卷 {case} 不在当前队列中（可能已被筛选或不在评审包内）。").format(case=case_id),
                6000,
            )
            return
        self._target_page = page
        self.viewer.go_to_page(page)

    def _open_current(self) -> None:
        case = self.current_case()
        for action in self.case_actions:
            action.setEnabled(case is not None)
        self.form.setEnabled(case is not None)
        self.other_sheets.hide()  # until the form of the case now current says otherwise
        if case is None:
            self.form.unload()
            self.info.show_case(None)
            return
        self.jobs.set_focus(case.id)
        self.info.set_analysing(self.jobs.running, now=self.jobs.analysing_now == case.sha256)
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
        """The passage marked on a page in view; else the page in view, with the find match on it if any."""
        marked = self.viewer.selection
        if marked is not None and marked.text and self.viewer.page_in_view(marked.page):
            return marked.page, marked.text
        page = self.viewer.current_page() if self.viewer.page_count else 0
        pane = self.viewer_pane
        if pane.matches and 0 <= pane.current < len(pane.matches) and pane.matches[pane.current].page == page:
            return page, pane.find_box.text().strip() or None
        return page, None

    def _ocr_text(self, page: int, box: Box) -> str:
        case = self.current_case()
        return ocr_text_in_box(self.store.db, case.sha256, page, box) if case is not None else ""

    def _find_in_current_case(self, query: str) -> list[Match]:
        """Matches from the stored text; on text-layer pages placed exactly where the PDF has them."""
        case = self.current_case()
        if case is None:
            return []
        matches = find_in_file(self.store.db, case.sha256, query)
        refined: list[Match] = []
        for page in sorted({m.page for m in matches}):
            on_page = [m for m in matches if m.page == page]
            if on_page[0].source == "text":
                exact = self.viewer.exact_boxes(page, query)
                if len(exact) == len(on_page):
                    on_page = [replace(m, box=box) for m, box in zip(on_page, exact, strict=True)]
            refined += on_page
        return refined

    def _load_case_panes(self, case: CaseFile) -> None:
        if self.current_case() is None or self.current_case().id != case.id:
            return  # the expert has already moved on
        transcripts = self.documents.facts(case.sha256)
        self.info.show_case(
            case, transcripts, CrosscheckFindingRepository(self.store.db).for_file(case.sha256)
        )
        self._show_sheet_choice(case)
        self.form.load(case, self.rubric_for(case), transcripts)
        self._show_other_sheets(case)
        self._refresh_history()

    def _rubric_changed(self) -> None:
        self.settings.setValue("desk/rubric", self.rubric_choice.currentData())
        cases = visible_cases(self.store.db, self.repository.list())
        self._fill_queue(cases)
        if self.current_case() is not None:
            self._open_current()

    def _blob_path(self, case: CaseFile) -> Path:
        return self.store.blobs.path_for(case.sha256)

    def step_unfinished(self, delta: int) -> None:
        self.case_queue.step_unfinished(delta)

    def _completed(self, case_id: int) -> None:
        self.case_queue.set_status(case_id, "complete")
        self.step_unfinished(1)

    def _form_changed(self) -> None:
        if self.form.sheet is not None:
            self.case_queue.set_status(self.form.sheet.case_id, self.form.sheet.status)
            self.other_sheets.shown_status(self.form.sheet.status)
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
        if case is not None and self.isVisible():
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

    def _restore_layout(self) -> bool:
        """The remembered size, kept on the screen; the first time, the screen's available area.

        True when there is nothing remembered: the window then opens maximised.
        """
        screen = self.screen() or QApplication.primaryScreen()
        available = screen.availableGeometry()
        geometry = self.settings.value("desk/geometry")
        remembered = geometry is not None
        if remembered:
            self.restoreGeometry(geometry)  # False for another screen's geometry: clamped all the same
            self.setGeometry(fit_to_screen(self.geometry(), available))
        else:
            self.setGeometry(available)
        state = self.settings.value("desk/splitter")
        self._default_panes = state is None or not self.splitter.restoreState(state)
        if self._default_panes:
            self.splitter.setSizes(splitter_sizes(self.width()))
        return not remembered

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._default_panes:  # once shown (maximised, framed), share out the width it really has
            self._default_panes = False
            self.splitter.setSizes(splitter_sizes(self.splitter.width()))

    def closeEvent(self, event) -> None:
        self._panes_timer.stop()  # a form still due must not be built on a store about to close
        self.settings.setValue("desk/geometry", self.saveGeometry())
        self.settings.setValue("desk/splitter", self.splitter.saveState())
        self.settings.sync()
        self.viewer.close_document()
        super().closeEvent(event)
