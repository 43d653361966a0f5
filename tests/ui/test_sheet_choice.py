"""The desk opens each case on the 2024 sheet of its case type, and the expert may choose another."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox

from app.analysis.analyzer import Analyzer
from app.intake.importer import Importer
from app.models.cases import CaseRepository
from app.models.scores import ScoreRepository, SheetChoices
from app.models.store import Store
from app.ui.main_window import MainWindow
from app.workflow import analyse_listed

EXPECTED = {
    "general_penalty": "case-review-2024-general",
    "no_penalty": "case-review-2024-no-penalty",
    "daily_penalty": "case-review-2024-daily-penalty",
    "seizure": "case-review-2024-seizure",
    "detention_referral": "case-review-2024-detention-referral",
    "crime_referral": "case-review-2024-crime-referral",
    "court_enforcement": "case-review-2024-general",
}


@pytest.fixture
def desk_data(demo_disc, tmp_path: Path) -> Path:
    """The demo disc, with two general cases retyped as 不予行政处罚 and 移送行政拘留."""
    data = tmp_path / "data"
    store = Store.open(data)
    Importer(store, "tester").run([demo_disc.root])
    cases = CaseRepository(store.db)
    born_digital = [c.id for c in cases.list() if c.has_text]
    analyse_listed(Analyzer(store), born_digital, titles_only=True)
    general = [c for c in cases.list() if c.value("case_type") == "general_penalty"]
    cases.correct(general[-1].id, {"case_type": "no_penalty"}, "tester")
    cases.correct(general[-2].id, {"case_type": "detention_referral"}, "tester")
    store.close()
    settings = QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat)
    settings.setValue("desk/rubric", "case-review-2024")
    settings.sync()
    return data


def open_window(qtbot, data: Path) -> tuple[MainWindow, Store]:
    store = Store.open(data)
    settings = QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, expert="专家甲")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.viewer.page_count > 0, timeout=5000)
    return window, store


def open_case(qtbot, window: MainWindow, case_id: int) -> None:
    window.select_case(case_id)
    qtbot.waitUntil(
        lambda: window.form.sheet is not None and window.form.sheet.case_id == case_id, timeout=5000
    )


def on_sheet(window: MainWindow, rubric_id: str) -> bool:
    return window.form.sheet is not None and window.form.sheet.rubric.id == rubric_id


def test_each_case_type_opens_on_its_own_sheet(qtbot, desk_data: Path) -> None:
    window, store = open_window(qtbot, desk_data)
    by_type = {c.value("case_type"): c.id for c in CaseRepository(store.db).list()}
    assert set(EXPECTED) <= set(by_type)
    for case_type, rubric_id in EXPECTED.items():
        open_case(qtbot, window, by_type[case_type])
        assert window.form.sheet.rubric.id == rubric_id, case_type
        assert window.sheet_choice.isVisible() and window.sheet_choice.currentData() == rubric_id
        # the sheet's own items are on the form: 加分 for the referrals, 再次责令改正 for 按日连续处罚
        bonus = {"detention_referral": "police_decision", "crime_referral": "police_filing"}.get(case_type)
        assert (
            (bonus in window.form.item_editors)
            if bonus
            else not any(i in window.form.item_editors for i in ("police_decision", "police_filing"))
        )
        daily = "repeat_rectification_order" in window.form.item_editors
        assert daily == (case_type == "daily_penalty")
    window.close()
    store.close()


def test_the_expert_overrides_the_sheet_and_it_is_kept(qtbot, desk_data: Path) -> None:
    window, store = open_window(qtbot, desk_data)
    general = next(c for c in CaseRepository(store.db).list() if c.value("case_type") == "general_penalty")
    open_case(qtbot, window, general.id)
    assert window.form.sheet.rubric.id == "case-review-2024-general"
    index = window.sheet_choice.findData("case-review-2024-seizure")
    window.sheet_choice.setCurrentIndex(index)
    window.sheet_choice.activated.emit(index)
    qtbot.waitUntil(lambda: on_sheet(window, "case-review-2024-seizure"), timeout=5000)
    assert SheetChoices(store.db, "x").override(general.id, "case-review-2024") == "case-review-2024-seizure"
    history = ScoreRepository(store.db, "x").history(general.id, "case-review-2024-seizure")
    assert history[-1]["path"] == "sheet" and history[-1]["expert"] == "专家甲"
    window.close()
    store.close()
    again, store = open_window(qtbot, desk_data)
    open_case(qtbot, again, general.id)
    assert again.form.sheet.rubric.id == "case-review-2024-seizure"
    # back to the case type's sheet: the override is gone
    again.choose_sheet("case-review-2024-general")
    qtbot.waitUntil(lambda: on_sheet(again, "case-review-2024-general"), timeout=5000)
    assert SheetChoices(store.db, "x").override(general.id, "case-review-2024") is None
    again.close()
    store.close()


def test_case_closed_is_asked_and_no_makes_the_closing_approval_not_applicable(
    qtbot, desk_data: Path
) -> None:
    window, store = open_window(qtbot, desk_data)
    general = next(c for c in CaseRepository(store.db).list() if c.value("case_type") == "general_penalty")
    open_case(qtbot, window, general.id)
    window.form.editors["missing/closing_approval"].click()
    assert "请确认" in window.form.explanation.toPlainText()
    combo = window.form.editors["facts/case_closed"]
    assert isinstance(combo, QComboBox) and combo.currentData() == "unknown"
    combo.setCurrentIndex(combo.findData("no"))
    sheet = ScoreRepository(store.db, "x").sheet(general.id, window.form.sheet.rubric)
    assert sheet.inputs["facts"] == {"case_closed": False}
    assert sheet.result().item_scores["closing_approval"] is None
    assert "本项无需评审" in window.form.explanation.toPlainText()
    window.form.undo()
    assert combo.currentData() == "unknown"
    window.close()
    store.close()


def test_the_veto_list_is_folded_until_a_gate_is_raised(qtbot, desk_data: Path) -> None:
    """25 合法性 rows above the items would push every score below a laptop's fold."""
    window, store = open_window(qtbot, desk_data)
    general = next(c.id for c in CaseRepository(store.db).list() if c.value("case_type") == "general_penalty")
    open_case(qtbot, window, general)
    gate_paths = [p for p in window.form.editors if p.startswith("gates/")]
    assert len(gate_paths) == 25
    gate_editor = window.form.editors[gate_paths[0]]
    toggle = window.form.sections[0].header
    assert "25" in toggle.text() and not toggle.isChecked()
    assert not gate_editor.isVisible()
    item_editor = next(e for p, e in window.form.editors.items() if p.startswith("scores/"))
    assert item_editor.isVisibleTo(window.form)
    toggle.click()
    assert gate_editor.isVisible()
    # a case with a gate raised opens with the list unfolded, the count in its line
    sheet = window.form.sheet
    ScoreRepository(store.db, "专家甲").change(sheet, gate_paths[0], "超出职权")
    other = next(c.id for c in CaseRepository(store.db).list() if c.id != general)
    open_case(qtbot, window, other)
    open_case(qtbot, window, general)
    toggle = window.form.sections[0].header
    assert toggle.isChecked() and "已认定 1 项" in toggle.text()
