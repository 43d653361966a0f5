"""The station's whole cycle walked through the desk, with a screenshot of each view and a render of
each printed output kept in ``test-output/station-walk`` (git-ignored) to be looked at.

Three generated discs are imported from the desk; the workbench assigns them to five experts (one
conflict listed), writes their packets; one expert opens the packet in their own desk and exports
from it, the other four by the command line; the station receives the five packages and a tampered
one (refused with its reason), the lead adjudicates the flagged case, and the rankings and findings
are exported and rendered.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.models.store import Store
from app.signing.identity import load_identity
from app.station.packets import latest_assignment
from app.ui import station_menu
from app.ui.main_window import MainWindow
from app.ui.station_menu import is_review_packet, open_packet, open_workbench
from tests.helpers.panel import PASSPHRASE, case_ids, public_key, run, score
from tests.helpers.station_cycle import EXPERTS, expert_round, expert_scores, prepare_station

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "station-walk"


def _window(qtbot, data: Path, tmp: Path, expert: str) -> MainWindow:
    store = Store.open(data)
    settings = QSettings(str(tmp / f"{expert}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, expert=expert, dialogs=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def _shot(widget, name: str) -> Path:
    path = OUTPUT / f"{name}.png"
    assert widget.grab().save(str(path)), path
    return path


def _render(pdf: Path, stem: str) -> list[Path]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm not installed (poppler-utils)")
    subprocess.run([tool, "-r", "60", "-png", str(pdf), str(OUTPUT / stem)], check=True, timeout=120)
    return sorted(OUTPUT.glob(f"{stem}-*.png"))


def _scheme_inputs(tmp: Path) -> Path:
    """The station's other figures for the Haixi collective scheme (cases, fines, votes …)."""
    values = {"cases": 10, "fines": 100, "major_cases": 1, "key_units": 5}
    inputs = {
        "region": {"totals": {"cases": 40, "fines": 400, "major_cases": 4, "key_units": 20}},
        "candidates": {
            unit: {"values": {**values, "votes": votes}, "manual": {"four_measures_cases": 6}}
            for unit, votes in (
                ("德令哈市生态环境局", 30),
                ("格尔木市生态环境局", 50),
                ("茫崖市生态环境局", 40),
            )
        },
    }
    path = tmp / "scheme-inputs.json"
    path.write_text(json.dumps(inputs, ensure_ascii=False), encoding="utf-8")
    return path


def test_station_cycle_through_the_desk(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(OUTPUT, ignore_errors=True)
    OUTPUT.mkdir(parents=True)
    cycle = prepare_station(tmp_path)
    desk = _window(qtbot, cycle.station, tmp_path, "组长")

    # 1. import the three discs from the desk (background job), then the workbench's disc tab
    desk.start_import([str(d) for d in cycle.discs])
    qtbot.waitUntil(
        lambda: desk.model.rowCount() == 6 and (desk.job is None or not desk.job.running), timeout=120000
    )
    bench = open_workbench(desk, 0)
    bench.resize(1200, 700)
    bench.refresh_discs()
    assert bench.discs_table.rowCount() == 6
    _shot(bench, "01-discs")

    # 2. assignment from the experts file, shown in the form; the declared conflict is listed
    bench.tabs.setCurrentIndex(1)
    bench.load_experts(cycle.experts_file)
    assert bench.experts_table.rowCount() == 5
    assignment_id = bench.assign_experts(bench.experts_from_form(), 3, 7)
    assert assignment_id is not None and bench.assignment_table.rowCount() == 6
    conflicts = [bench.conflicts_table.item(r, 2).text() for r in range(bench.conflicts_table.rowCount())]
    assert "曾在该局任职" in conflicts
    _shot(bench, "02-assign")
    stored = latest_assignment(desk.store.db)
    assert stored is not None
    listed = run(cycle.station, "cases", "--json").json()
    numbers = {c["sha256"]: c["case_number"] for c in listed}  # type: ignore[union-attr]
    for expert_id, sha, _path in stored.rows:
        cycle.assignment.setdefault(numbers[sha], []).append(expert_id)

    # 3. packets, signed with the station key
    bench.tabs.setCurrentIndex(2)
    packets = bench.make_packets(tmp_path / "packets", PASSPHRASE, blind=False)
    assert set(packets) == {e["id"] for e in EXPERTS}, bench.last_warning
    cycle.packets = {k: Path(v["file"]) for k, v in packets.items()}
    assert all(is_review_packet(p) for p in cycle.packets.values())
    _shot(bench, "03-packets")

    # 4. expert E1 opens the packet in their own desk, scores, exports back from the desk
    e1 = tmp_path / "expert-E1"
    assert (
        run(
            e1, "keys", "init", "--name", "张三", "--unit", "省厅", "--passphrase-file", cycle.passphrase
        ).code
        == 0
    )
    (cycle.station / "roster").mkdir(exist_ok=True)
    public_key(e1, cycle.station / "roster" / "E1.pem")
    laptop = _window(qtbot, e1, tmp_path, "张三")
    wrong = open_packet(laptop, cycle.packets["E1"], "00" * 32)
    assert wrong is None and "指纹" in laptop.statusBar().currentMessage()
    # dropped on the window, the packet opens as a packet (not imported as a zip of PDFs)
    monkeypatch.setattr(station_menu, "ask_fingerprint", lambda _window: cycle.station_fingerprint)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(cycle.packets["E1"]))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # offscreen Qt does not route a synthetic drop through event filters: hand it to the desk's filter
    assert laptop._packet_drops.eventFilter(laptop, drop)
    assignment_e1 = [n for n, experts in cycle.assignment.items() if "E1" in experts]
    qtbot.waitUntil(lambda: laptop.model.rowCount() == len(assignment_e1), timeout=10000)
    assert "已导入评审包" in laptop.statusBar().currentMessage()
    _shot(laptop, "04-expert-packet-opened")
    for number, case_id in case_ids(e1).items():
        first = min(cycle.assignment.get(number, ["E1"])) == "E1"
        inspection, inquiry, extra = expert_scores("E1", number, first)
        score(e1, case_id, inspection, inquiry, *extra)
    laptop.identity = load_identity(e1)
    cycle.packages["E1"] = tmp_path / "E1-scores.zip"
    assert laptop.export_to(cycle.packages["E1"], PASSPHRASE)
    laptop.close()
    laptop.store.close()
    for expert in EXPERTS[1:]:
        expert_round(cycle, expert["id"], cite_page=2)

    # 5. the station receives five packages and a tampered one, refused with its reason
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(cycle.packages["E2"]) as source, zipfile.ZipFile(tampered, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data + b" " if name == "score-sheet.pdf" else data)
    bench.tabs.setCurrentIndex(3)
    receipts = bench.receive_packages([*cycle.packages.values(), tampered])
    assert [r.refused for r in receipts] == [False] * 5 + [True]
    assert receipts[-1].refused_code == "member_changed"
    _shot(bench, "05-receipts")

    # 6. the panel: cases × experts, one case flagged; the lead adjudicates it
    bench.tabs.setCurrentIndex(4)
    view = bench.panel_view
    view.refresh()
    assert view.panel is not None and len(view.panel.cases) == 6 and not view.panel.missing
    row = view.case_row("德环罚〔2024〕1号")
    case = view.panel.cases[row]
    assert case.status == "flagged"
    _shot(bench, "06-panel-flagged")
    view.record(case, Decimal("85.5"), [], "组长复核：第2页载明检查时间，按多数意见认定")
    decided = view.panel.cases[view.case_row("德环罚〔2024〕1号")]
    assert decided.status == "decided" and decided.final == Decimal("85.5")
    assert view.cases.item(row, view.cases.columnCount() - 1).text() == "85.50"
    _shot(bench, "07-panel-adjudicated")
    view.scheme.setCurrentIndex(view.scheme.findData("haixi-2017-collective"))
    view.load_scheme_inputs(_scheme_inputs(tmp_path))
    assert view.panel.candidates is not None, view.rankings_note.text()
    assert view.rankings.rowCount() == 3 and not view.rankings_note.text()
    view.tabs.setCurrentIndex(1)
    _shot(bench, "08-rankings")
    view.tabs.setCurrentIndex(2)
    _shot(bench, "09-missing")

    # 7. rankings and findings exported; each PDF rendered and its signature block present
    written = bench.save_outputs(tmp_path / "outputs")
    pdfs = [p for p in written if p.suffix == ".pdf"]
    assert len(pdfs) == 4 and any(p.suffix == ".xlsx" for p in written)
    for index, pdf in enumerate(pdfs):
        with pymupdf.open(pdf) as doc:
            text = "".join(page.get_text() for page in doc)
            pages = doc.page_count
        assert "评审组长" in text and "复核人" in text and f"共 {pages} 页" in text
        assert _render(pdf, f"10-output-{index}-{pdf.stem}")
    with pymupdf.open(next(p for p in pdfs if p.stem == "专家评分汇总")) as doc:
        summary = "".join(page.get_text() for page in doc)
    assert "已裁定" in summary and "85.50" in summary
    bench.close()
    desk.close()
    desk.store.close()
