"""Analysis of the demo disc measured against the generator's own truth."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.analysis.analyzer import Analyzer
from app.intake.importer import Importer
from app.models.cases import CaseRepository
from app.models.documents import DocumentRepository
from app.models.search import search
from app.models.store import Store
from app.workflow import analyse_listed

TRANSCRIPTS = ("inspection_record", "inquiry_record")


@pytest.fixture(scope="module")
def analysed(demo_disc, tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("analysed"))
    Importer(store, "tester").run([demo_disc.root])
    report = analyse_listed(Analyzer(store), None, titles_only=True)
    yield store, report
    store.close()


def _cases(store, demo_disc):
    by_path = {c.source_path: c for c in CaseRepository(store.db).list()}
    return [(truth, by_path[truth.path]) for truth in demo_disc.cases]


def test_every_document_range_is_exact(analysed, demo_disc) -> None:
    store, report = analysed
    assert all(f.status == "analysed" for f in report.files)
    for truth, case in _cases(store, demo_disc):
        got = [(d.kind, d.first_page, d.last_page) for d in case.documents]
        want = [(d["kind"], d["first_page"], d["last_page"]) for d in truth.documents]
        assert got == want, f"{truth.path} (scanned={truth.scanned})"


def test_transcript_flags_match_the_planted_defects(analysed, demo_disc) -> None:
    store, _report = analysed
    for truth, case in _cases(store, demo_disc):
        facts = DocumentRepository(store.db).facts(case.sha256)
        assert [f["kind"] for f in facts] == [t["kind"] for t in truth.transcripts]
        for record, planted in zip(facts, truth.transcripts, strict=True):
            assert sorted(f["code"] for f in record["flags"]) == sorted(planted["defects"]), truth.path
            if not truth.scanned:
                names = [o["name"] for o in record["officers"]]
                assert names == [o["name"] for o in planted["officers"]]
                assert record["recorder"] == planted["recorder"]
                assert record["subject"].startswith(planted["subject"])
                assert record["checks"]["rights_notice"] and record["checks"]["blank_marked"]


def test_sideways_scan_is_turned_upright(analysed, demo_disc) -> None:
    store, _report = analysed
    scanned = [case for truth, case in _cases(store, demo_disc) if truth.scanned]
    for case in scanned:
        rotations = [
            r[0] for r in store.db.execute("SELECT rotation FROM page_texts WHERE sha256 = ?", [case.sha256])
        ]
        assert sorted(r for r in rotations if r) in ([90], [270]), case.source_path


def test_toc_off_by_one_is_detected(analysed, demo_disc) -> None:
    store, _report = analysed
    _truth, case = next((t, c) for t, c in _cases(store, demo_disc) if t.toc_offset)
    assert any("页码偏差 -1" in d.found_by for d in case.documents), [d.found_by for d in case.documents]


def test_search_three_characters_and_short_queries(analysed, demo_disc) -> None:
    store, _report = analysed
    truth, case = next((t, c) for t, c in _cases(store, demo_disc) if t.scanned)
    subject = truth.transcripts[1]["subject"]  # an interviewee's name, only on an OCR'd transcript page
    hits = search(store.db, subject, case.id)
    first_inquiry = next(d for d in truth.documents if d["kind"] == "inquiry_record")
    assert any(h.page == first_inquiry["first_page"] for h in hits)
    assert all(h.case_id == case.id for h in hits)
    short = search(store.db, subject[:2])
    assert {h.case_id for h in short} >= {case.id}
    assert search(store.db, "这段文字不存在于任何案卷") == []


def test_corrections_survive_reanalysis(demo_disc, tmp_path) -> None:
    store = Store.open(tmp_path / "data")
    try:
        Importer(store, "tester").run([demo_disc.root])
        truth = next(t for t in demo_disc.cases if not t.scanned and ".zip/" not in t.path)
        case = next(c for c in CaseRepository(store.db).list() if c.source_path == truth.path)
        analyzer = Analyzer(store)
        analyzer.analyze_file(case.sha256, case.source_path)
        documents = DocumentRepository(store.db)
        documents.correct(case.sha256, "set", "evidence", 2, 2, case.pages or 0, "专家甲")
        analyzer.analyze_file(case.sha256, case.source_path, force=True)
        corrected = documents.documents(case.sha256)
        assert (corrected[1].kind, corrected[1].first_page, corrected[1].last_page) == ("evidence", 2, 2)
        assert "专家甲" in corrected[1].found_by
        assert analyzer.analyze_file(case.sha256, case.source_path).status == "cached"
    finally:
        store.close()


def test_cli_analyze_segment_and_case_show(cli, demo_disc) -> None:
    cli("import", demo_disc.root)
    cases = cli("cases", "--json").json()
    born_digital = next(c for c in cases if not c["scanned"])
    assert cli("analyze", str(born_digital["id"])).code == 0
    shown = cli("case", "show", str(born_digital["id"]), "--json").json()
    assert shown["documents"] and shown["transcripts"]
    assert {"start", "end", "officers", "flags", "checks"} <= set(shown["transcripts"][0])
    result = cli("segment", "set", str(born_digital["id"]), "decision", "9-x")
    assert result.code == 2 and "5-8" in result.err
    assert cli("segment", "delete", str(born_digital["id"]), "1-1").code == 0
    after = cli("cases", "--json").json()
    assert next(c for c in after if c["id"] == born_digital["id"])["documents"][0]["first_page"] == 2
    hits = cli("search", "笔录", "--case", str(born_digital["id"]), "--json").json()
    assert hits and all(h["case"] == born_digital["id"] for h in hits)


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare")
def test_ocr_runs_with_the_network_cut(tmp_path: Path) -> None:
    """The models come from the wheel: OCR works in a process with no network at all."""
    code = (
        "import numpy as np, pymupdf\n"
        "from app.analysis.ocr import OcrEngine\n"
        "doc = pymupdf.open(); page = doc.new_page()\n"
        "page.insert_text((150, 100), '调查询问笔录', fontname='china-s', fontsize=24)\n"
        "pix = page.get_pixmap(dpi=150, clip=pymupdf.Rect(0, 40, 595, 140))\n"
        "img = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n).copy()\n"
        "print(''.join(line.text for line in OcrEngine().read(img)))\n"
    )
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("unshare -n is not permitted here")
    result = subprocess.run(
        ["unshare", "-n", sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert "调查询问笔录" in result.stdout
