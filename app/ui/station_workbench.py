"""The station's workbench in the desk: discs, assignment, packets, receipts and the panel, in order.

Each tab does what one station command does (``reviewdesk import/check``, ``assign``, ``packet``,
``aggregate``), through the same core functions; the buttons ask for files and the passphrase, the
methods they call take them as arguments so a scripted walk can drive the same path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.aggregate import receive
from app.errors import KnownError
from app.models.cases import CaseRepository
from app.models.store import Store
from app.rubric import catalog
from app.rubric.model import Rubric
from app.signing import identity as ident
from app.signing.roster import load_roster
from app.station.assign import Expert, assign, read_experts, summary
from app.station.packets import latest_assignment, record_assignment, write_packet
from app.ui.export_flow import ask_passphrase
from app.ui.station_panel_view import PanelView, save_outputs

EXPERT_COLUMNS = ("id", "name", "unit", "region", "conflicts")


def _cell(text: object) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _fill(table: QTableWidget, header: list[str], rows: list[list[Any]]) -> None:
    table.clear()
    table.setColumnCount(len(header))
    table.setHorizontalHeaderLabels(header)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, _cell(value))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


class StationWorkbench(QDialog):
    def __init__(self, window: Any, user: str) -> None:
        super().__init__(window)
        self.window_ = window
        self.store: Store = window.store
        self.user = user
        self.setWindowTitle(self.tr("监理站工作台"))
        self.resize(1100, 680)
        self.last_warning = ""
        self.tabs = QTabWidget()
        self.tabs.addTab(self._discs_tab(), self.tr("1 光盘与检查"))
        self.tabs.addTab(self._assign_tab(), self.tr("2 分配"))
        self.tabs.addTab(self._packets_tab(), self.tr("3 评审包"))
        self.tabs.addTab(self._receive_tab(), self.tr("4 接收评分包"))
        self.panel_view = PanelView(self.store, user)
        self.tabs.addTab(self._panel_tab(), self.tr("5 评审汇总与裁定"))
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.refresh_discs()

    # -- 1 discs ----------------------------------------------------------------------------------

    def _discs_tab(self) -> QWidget:
        page = QWidget()
        self.discs_summary = QLabel()
        self.discs_table = QTableWidget()
        import_button = QPushButton(self.tr("导入光盘文件夹…"))
        import_button.clicked.connect(self.window_.choose_folder)
        image_button = QPushButton(self.tr("导入映像或压缩包…"))
        image_button.clicked.connect(self.window_.choose_files)
        check_button = QPushButton(self.tr("报送材料检查…"))
        check_button.clicked.connect(self.window_.show_check)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh_discs)
        row = QHBoxLayout()
        for button in (import_button, image_button, check_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(refresh)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.discs_summary)
        layout.addWidget(self.discs_table)
        return page

    def refresh_discs(self) -> None:
        cases = CaseRepository(self.store.db).list()
        units = sorted({c.value("unit") or "?" for c in cases})
        self.discs_summary.setText(
            self.tr("已导入 {cases} 份案卷，来自 {units} 个单位。").format(cases=len(cases), units=len(units))
        )
        rows = [
            [
                c.id,
                c.value("unit"),
                c.value("case_number"),
                c.value("selection"),
                c.value("case_type"),
                c.pages,
            ]
            for c in cases
        ]
        _fill(
            self.discs_table,
            [
                self.tr("编号"),
                self.tr("单位"),
                self.tr("文号"),
                self.tr("推/抽"),
                self.tr("类型"),
                self.tr("页数"),
            ],
            rows,
        )

    # -- 2 assignment -----------------------------------------------------------------------------

    def _assign_tab(self) -> QWidget:
        page = QWidget()
        self.experts_table = QTableWidget(0, len(EXPERT_COLUMNS))
        self.experts_table.setHorizontalHeaderLabels(
            [
                self.tr("编号"),
                self.tr("姓名"),
                self.tr("单位"),
                self.tr("地区"),
                self.tr("回避（单位:理由；单位:理由）"),
            ]
        )
        self.experts_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        load = QPushButton(self.tr("读入专家名单…"))
        load.clicked.connect(self._choose_experts_file)
        add = QPushButton(self.tr("添加专家"))
        add.clicked.connect(lambda: self.experts_table.insertRow(self.experts_table.rowCount()))
        self.per_case = QSpinBox()
        self.per_case.setRange(1, 9)
        self.per_case.setValue(3)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(int.from_bytes(os.urandom(3), "big"))
        run = QPushButton(self.tr("分配"))
        run.clicked.connect(self._assign_clicked)
        row = QHBoxLayout()
        row.addWidget(load)
        row.addWidget(add)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("每份案卷专家数：")))
        row.addWidget(self.per_case)
        row.addWidget(QLabel(self.tr("随机种子：")))
        row.addWidget(self.seed)
        row.addWidget(run)
        self.assign_summary = QLabel()
        self.assign_summary.setWordWrap(True)
        self.assignment_table = QTableWidget()
        self.conflicts_table = QTableWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.experts_table, 2)
        layout.addLayout(row)
        layout.addWidget(self.assign_summary)
        layout.addWidget(self.assignment_table, 3)
        layout.addWidget(QLabel(self.tr("回避的专家与理由：")))
        layout.addWidget(self.conflicts_table, 1)
        return page

    def _choose_experts_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("专家名单"), "", self.tr("专家名单 (*.json)")
        )
        if name:
            self.load_experts(Path(name))

    def load_experts(self, path: Path) -> None:
        try:
            experts = read_experts(path)
        except KnownError as error:
            self._warn(error.zh)
            return
        self.experts_table.setRowCount(len(experts))
        for r, expert in enumerate(experts):
            conflicts = "；".join(f"{c.unit}:{c.reason}" for c in expert.conflicts)
            for c, value in enumerate([expert.id, expert.name, expert.unit, expert.region, conflicts]):
                self.experts_table.setItem(r, c, QTableWidgetItem(value))

    def experts_from_form(self) -> list[Expert]:
        experts = []
        for r in range(self.experts_table.rowCount()):
            values = [
                (self.experts_table.item(r, c).text().strip() if self.experts_table.item(r, c) else "")
                for c in range(len(EXPERT_COLUMNS))
            ]
            if not values[0]:
                continue
            conflicts = []
            for part in values[4].replace(";", "；").split("；"):
                if part.strip():
                    unit, _sep, reason = part.replace("：", ":").partition(":")
                    conflicts.append({"unit": unit.strip(), "reason": reason.strip() or "声明回避"})
            item = {"id": values[0], "name": values[1] or values[0], "unit": values[2], "region": values[3]}
            experts.append(Expert.from_json(item | {"conflicts": conflicts}))
        return experts

    def _assign_clicked(self) -> None:
        self.assign_experts(self.experts_from_form(), self.per_case.value(), self.seed.value())

    def assign_experts(self, experts: list[Expert], per_case: int, seed: int) -> int | None:
        """Assign, record, show the cases per expert and every conflict with its reason."""
        cases = CaseRepository(self.store.db).list()
        try:
            result = assign(cases, experts, per_case, seed)
        except KnownError as error:
            self._warn(error.zh)
            return None
        assignment_id = record_assignment(self.store, result, cases, self.user)
        body = summary(result, cases)
        names = {e.id: e.name for e in experts}
        self.assign_summary.setText(
            self.tr(
                "分配方案 {id}：每份案卷 {n} 位专家，随机种子 {seed}（以同一种子重新分配得到同一结果）。"
            ).format(id=assignment_id, n=per_case, seed=seed)
        )
        rows = [
            [c["case_id"], c["unit"], c["case_number"], "、".join(names[e] for e in c["experts"])]
            for c in body["cases"]
        ]
        _fill(
            self.assignment_table, [self.tr("编号"), self.tr("单位"), self.tr("文号"), self.tr("专家")], rows
        )
        conflicts = [[c["case_id"], names[c["expert"]], c["reason"]] for c in body["conflicts"]]
        _fill(self.conflicts_table, [self.tr("案卷"), self.tr("专家"), self.tr("回避理由")], conflicts)
        self.refresh_packets()
        return assignment_id

    # -- 3 packets ----------------------------------------------------------------------------------

    def _packets_tab(self) -> QWidget:
        page = QWidget()
        self.blind = QCheckBox(self.tr("盲评（隐去单位、文号和文头）"))
        self.rubric = QComboBox()
        found, _errors = catalog.load_all(self.store.root)
        for rubric in sorted((r for r in found.values() if isinstance(r, Rubric)), key=lambda r: r.id):
            self.rubric.addItem(rubric.title, rubric.id)
        index = self.rubric.findData("transcripts-2024")
        self.rubric.setCurrentIndex(max(index, 0))
        make = QPushButton(self.tr("生成全部评审包…"))
        make.clicked.connect(self._packets_clicked)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("评分标准：")))
        row.addWidget(self.rubric, 1)
        row.addWidget(self.blind)
        row.addWidget(make)
        self.packets_table = QTableWidget()
        self.station_key = QLabel()
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.station_key)
        layout.addWidget(self.packets_table)
        return page

    def refresh_packets(self, written: dict[str, dict[str, Any]] | None = None) -> None:
        station = ident.load_identity(self.store.root)
        self.station_key.setText(
            self.tr("监理站密钥指纹（请告知专家，用于核对评审包）：{fp}").format(fp=station.short_fingerprint)
            if station
            else self.tr("还没有监理站密钥：请先在“帮助 → 专家身份与密钥指纹”中生成。")
        )
        assignment = latest_assignment(self.store.db)
        written = written or {}
        rows = []
        for expert in assignment.experts if assignment else []:
            count = sum(1 for who, _sha, _path in assignment.rows if who == expert.id) if assignment else 0
            made = written.get(expert.id, {})
            rows.append(
                [
                    expert.id,
                    expert.name,
                    expert.unit,
                    count,
                    made.get("file", ""),
                    "是" if made.get("blind") else "",
                ]
            )
        _fill(
            self.packets_table,
            [
                self.tr("编号"),
                self.tr("专家"),
                self.tr("单位"),
                self.tr("案卷数"),
                self.tr("评审包"),
                self.tr("盲评"),
            ],
            rows,
        )

    def _packets_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("评审包保存到"))
        if not folder:
            return
        passphrase = ask_passphrase(self)
        if passphrase is not None:
            self.make_packets(Path(folder), passphrase, self.blind.isChecked())

    def make_packets(self, folder: Path, passphrase: str, blind: bool) -> dict[str, dict[str, Any]]:
        written: dict[str, dict[str, Any]] = {}
        try:
            folder.mkdir(parents=True, exist_ok=True)
            station = ident.require_identity(self.store.root)
            key = ident.load_private_key(self.store.root, passphrase)
            assignment = latest_assignment(self.store.db)
            for expert in assignment.experts if assignment else []:
                out = folder / f"评审包-{expert.id}-{expert.name}.zip"
                written[expert.id] = write_packet(
                    self.store, station, key, expert.id, str(self.rubric.currentData()), out, blind=blind
                )
        except KnownError as error:
            self._warn(error.zh)
        self.refresh_packets(written)
        return written

    # -- 4 receipts ---------------------------------------------------------------------------------

    def _receive_tab(self) -> QWidget:
        page = QWidget()
        choose = QPushButton(self.tr("接收评分包…"))
        choose.clicked.connect(self._receive_clicked)
        self.accept_unknown = QCheckBox(self.tr("接收名册中没有的密钥（以指纹标识，不建议）"))
        row = QHBoxLayout()
        row.addWidget(choose)
        row.addWidget(self.accept_unknown)
        row.addStretch(1)
        self.receipts_table = QTableWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(
                self.tr("每个评分包都先核验（签名、成员、名册、案卷、重算分数）；拒收的列出理由，不计入。")
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.receipts_table)
        return page

    def _receive_clicked(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("专家的评分包"), "", self.tr("评分包 (*.zip)")
        )
        if names:
            self.receive_packages([Path(n) for n in names])

    def receive_packages(self, files: list[Path]) -> list[receive.Receipt]:
        try:
            roster = load_roster(None, self.store.root)
            context = receive.station_context(self.store, roster, self.accept_unknown.isChecked())
        except KnownError as error:
            self._warn(error.zh)
            return []
        receipts = receive.receive_files(self.store, files, context)
        rows = []
        for receipt in receipts:
            if receipt.refused:
                rows.append(
                    [receipt.file.name, "", self.tr("拒收"), f"[{receipt.refused_code}] {receipt.refused_zh}"]
                )
                continue
            for event in receipt.events:
                rows.append([receipt.file.name, receipt.signer, event.label.split(" / ")[0], event.detail])
        _fill(self.receipts_table, [self.tr("文件"), self.tr("专家"), self.tr("结果"), self.tr("说明")], rows)
        self.panel_view.refresh()
        return receipts

    # -- 5 panel ------------------------------------------------------------------------------------

    def _panel_tab(self) -> QWidget:
        page = QWidget()
        save = QPushButton(self.tr("导出汇总表和评查意见…"))
        save.clicked.connect(self._save_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(save)
        layout = QVBoxLayout(page)
        layout.addWidget(self.panel_view)
        layout.addLayout(row)
        return page

    def _save_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("保存到"))
        if folder:
            self.save_outputs(Path(folder))

    def save_outputs(self, folder: Path) -> list[Path]:
        if self.panel_view.panel is None:
            self.panel_view.refresh()
        assert self.panel_view.panel is not None
        try:
            return save_outputs(self.store, self.panel_view.panel, folder)
        except KnownError as error:
            self._warn(error.zh)
            return []

    # -- common -------------------------------------------------------------------------------------

    def _tab_shown(self, index: int) -> None:
        if index == 0:
            self.refresh_discs()
        elif index == 2:
            self.refresh_packets()
        elif index == 4:
            self.panel_view.refresh()

    def _warn(self, text: str) -> None:
        self.last_warning = text
        if getattr(self.window_, "dialogs", True):
            QMessageBox.warning(self, self.tr("监理站"), text)
