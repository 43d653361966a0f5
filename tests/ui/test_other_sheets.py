"""A case scored on the command line under one sheet, opened in a desk showing another: never shown as 未评.

The queue says 另表已完成 (or 另表评审中) and names the sheet in its tooltip; the case opens with a
notice over the form naming the sheet and its total, and one click shows the scores on that sheet.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QSettings, Qt

from app.models.scores import STATUS_LABELS
from app.models.store import Store
from app.rubric import catalog
from app.rubric.rounding import format_points
from app.ui.main_window import MainWindow
from tests.helpers.cli import run

OUTPUT = Path(__file__).parents[2] / "test-output"
TRANSCRIPTS = catalog.get("transcripts-2024", None)


def _disc(root: Path) -> Path:
    """One born-digital case file: a 现场检查笔录 and a 询问笔录."""
    folder = root / "德令哈市生态环境局" / "集体" / "推选案卷"
    folder.mkdir(parents=True)
    doc = pymupdf.open()
    for title in ("现场检查（勘察）笔录", "调查询问笔录"):
        page = doc.new_page()
        page.insert_text((72, 72), "德令哈市生态环境局", fontname="china-s", fontsize=14)
        page.insert_text((72, 110), title, fontname="china-s", fontsize=16)
        for row in range(6):
            page.insert_text(
                (72, 160 + 24 * row), "检查人员出示执法证件，说明来意。", fontname="china-s", fontsize=12
            )
    doc.save(folder / "德环罚〔2024〕7号.pdf")
    return root


@pytest.fixture
def scored_elsewhere(tmp_path: Path) -> tuple[Path, float]:
    """Completed on the CLI under the transcripts sheet; the desk set to the 2024 case sheets."""
    data = tmp_path / "data"
    assert run(data, "import", _disc(tmp_path / "disc")).code == 0
    done = run(
        data,
        "score",
        "set",
        "1",
        "inspection_record=30",
        "inquiry_record=28",
        "--rubric",
        "transcripts-2024",
        "--complete",
    )
    assert done.code == 0, done.err
    shown = run(data, "score", "show", "1", "--rubric", "transcripts-2024", "--json").json()
    assert shown["status"] == "complete"
    settings = QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat)
    settings.setValue("desk/rubric", "case-review-2024")
    settings.sync()
    return data, float(shown["result"]["score"])


def _status(window: MainWindow) -> str:
    """The queue's status line of the one case (推/抽 is under it)."""
    return window.model.data(window.model.index(0, 0)).split("\n")[0]


def _open(qtbot, data: Path) -> tuple[MainWindow, Store]:
    store = Store.open(data)
    window = MainWindow(store, QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat), expert="专家甲")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.form.sheet is not None, timeout=5000)
    return window, store


def test_the_queue_says_the_case_is_scored_on_another_sheet_and_names_it(qtbot, scored_elsewhere) -> None:
    data, total = scored_elsewhere
    window, store = _open(qtbot, data)
    model = window.model
    status = _status(window)
    assert status == "另表已完成" and status != STATUS_LABELS["not_started"]
    tooltip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert TRANSCRIPTS.title in tooltip and format_points(total) in tooltip
    # the status filter still goes by the sheet shown: not complete on it
    assert model.status_of(0) == "not_started"
    window.close()
    store.close()


def test_opening_the_case_names_the_other_sheet_and_switches_to_it(qtbot, scored_elsewhere) -> None:
    data, total = scored_elsewhere
    window, store = _open(qtbot, data)
    form, notice = window.form, window.other_sheets
    assert form.sheet.rubric.id == "case-review-2024-general" and form.sheet.status == "not_started"
    assert notice.isVisible()
    said = "\n".join(label.text() for label in [*notice.lines, notice.current])
    assert TRANSCRIPTS.title in said and format_points(total) in said and "尚未评分" in said
    OUTPUT.mkdir(exist_ok=True)
    qtbot.wait(100)  # the notice's lines laid out
    assert window.grab().save(str(OUTPUT / "other-sheet-notice-zh_CN-1366x768.png"))
    qtbot.mouseClick(notice.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: form.sheet is not None and form.sheet.rubric.id == "transcripts-2024", timeout=5000
    )
    assert window.rubric_choice.currentData() == "transcripts-2024"
    assert form.sheet.status == "complete"
    assert "30" in form.item_editors["inspection_record"].whole.text()
    assert _status(window) == STATUS_LABELS["complete"]
    # nothing is on the 2024 case sheet: no notice the other way
    assert not notice.isVisible()
    window.close()
    store.close()


def test_a_sheet_of_the_same_family_is_offered_too(qtbot, tmp_path: Path) -> None:
    """Scored on the 查封/扣押 sheet, then the case put back on its type's sheet: the seizure scores are offered."""
    data = tmp_path / "data"
    assert run(data, "import", _disc(tmp_path / "disc")).code == 0
    rubric = catalog.get("case-review-2024-seizure", None)
    item = rubric.items[0]
    value = f"{item.id}.{item.criteria[0].id}=0" if item.criteria else f"{item.id}=0"
    assert run(data, "score", "set", "1", value, "--rubric", rubric.id).code == 0
    assert run(data, "score", "sheet", "1", "--auto").code == 0
    settings = QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat)
    settings.setValue("desk/rubric", "case-review-2024")
    settings.sync()
    window, store = _open(qtbot, data)
    assert _status(window) == "另表评审中"
    assert window.form.sheet.rubric.id == "case-review-2024-general"
    qtbot.mouseClick(window.other_sheets.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.form.sheet is not None and window.form.sheet.rubric.id == rubric.id, timeout=5000
    )
    assert window.sheet_choice.currentData() == rubric.id
    assert _status(window) == STATUS_LABELS["in_progress"]
    window.close()
    store.close()
