"""How the desk feels: timings on a 300-page case file, at laptop and desktop sizes.

    QT_QPA_PLATFORM=offscreen python benchmarks/desk_speed.py

Builds a data directory with two 300-page case files (born-digital, and one with its pages
scanned), imported and analysed, then measures in one process:
- select a case → its first transcript page rendered on screen;
- page to page (PgDn through the file): median and 95th percentile;
- one score change durable in the store (the form's change → committed);
- peak memory (ru_maxrss);
and, in a fresh process, start-up to a usable window (first page rendered).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pymupdf  # noqa: E402

from app.demo.disc import generate_demo_disc  # noqa: E402
from app.demo.scan import scan_pdf  # noqa: E402


def build(work: Path) -> Path:
    disc = generate_demo_disc(work / "source", seed=11, scans=False)
    parts = [disc.root / c.path for c in disc.cases if (disc.root / c.path).exists()]
    big = pymupdf.open()
    while big.page_count < 300:
        for path in parts:
            with pymupdf.open(path) as part:
                big.insert_pdf(part)
    big.select(list(range(300)))
    folder = work / "disc" / "集体" / "推选案卷"
    folder.mkdir(parents=True)
    big.save(folder / "测环罚〔2024〕1号.pdf")
    head = pymupdf.open()
    head.insert_pdf(big, from_page=0, to_page=39)
    scanned = pymupdf.open(stream=scan_pdf(head.tobytes(), __import__("random").Random(1)), filetype="pdf")
    scanned.insert_pdf(big, from_page=40, to_page=299)
    scanned.save(folder / "测环罚〔2024〕2号.pdf")
    return work / "disc"


def prepare(work: Path) -> Path:
    from app.analysis.analyzer import Analyzer
    from app.intake.importer import Importer
    from app.models.store import Store
    from app.workflow import analyse_listed

    data = work / "data"
    store = Store.open(data)
    Importer(store, "bench").run([build(work)])
    analyse_listed(Analyzer(store), None, titles_only=True)
    store.close()
    return data


def measure_window(data: Path, size: tuple[int, int]) -> dict[str, float]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.models.store import Store
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    store = Store.open(data)
    settings = QSettings(str(data / f"desk-{size[0]}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, expert="bench", dialogs=False)
    window.resize(*size)
    window.show()
    app.processEvents()

    timeouts: list[str] = []

    def wait(condition, what: str, limit: float = 3.0) -> None:
        deadline = time.perf_counter() + limit
        while not condition():
            if time.perf_counter() > deadline:
                timeouts.append(what)
                return
            app.processEvents()

    selects = []
    for _ in range(3):
        for row in (1, 0):
            started = time.perf_counter()
            window.case_queue.table.selectRow(row)
            target = window._target_page
            wait(lambda t=target: window.viewer._labels[t - 1].rendered, f"select row {row} → page {target}")
            selects.append((time.perf_counter() - started) * 1000)
    window.case_queue.table.selectRow(0)
    wait(lambda: window.viewer.page_count > 0, "open")
    steps = []
    for number in range(2, 120):
        started = time.perf_counter()
        window.viewer.go_to_page(number)
        wait(lambda n=number: window.viewer._labels[n - 1].rendered, f"page {number}")
        steps.append((time.perf_counter() - started) * 1000)
    form = window.form
    wait(lambda: form.sheet is not None, "form")
    durable = []
    for index in range(100):
        started = time.perf_counter()
        form._apply("scores/inquiry_record", float(index % 35))
        durable.append((time.perf_counter() - started) * 1000)
    window.close()
    store.close()
    return {
        "select_to_transcript_ms_median": round(statistics.median(selects), 1),
        "select_to_transcript_ms_max": round(max(selects), 1),
        "page_to_page_ms_median": round(statistics.median(steps), 1),
        "page_to_page_ms_p95": round(sorted(steps)[int(len(steps) * 0.95)], 1),
        "score_change_durable_ms_median": round(statistics.median(durable), 2),
        "score_change_durable_ms_p95": round(sorted(durable)[95], 2),
        "timeouts": timeouts,
    }


STARTUP = """
import time, os, sys
started = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from app.models.store import Store
from app.ui.main_window import MainWindow
from pathlib import Path
data = Path(sys.argv[1])
app = QApplication([])
window = MainWindow(Store.open(data), QSettings(str(data / "startup.ini"), QSettings.Format.IniFormat), dialogs=False)
window.first_page_shown.connect(lambda: (print(round((time.perf_counter() - started) * 1000)), app.quit()))
QTimer.singleShot(30000, lambda: (print(-1), app.quit()))
window.show()
app.exec()
"""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="rd-desk-") as tmp:
        work = Path(tmp)
        # Import and OCR in a child process: the peak memory below is then the desk's own.
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"import sys; sys.path.insert(0, 'benchmarks'); from pathlib import Path; "
                f"import desk_speed; desk_speed.prepare(Path({str(work)!r}))",
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        data = work / "data"
        report = {size: measure_window(data, size) for size in ((1366, 768), (1920, 1080))}
        startup = []
        for _ in range(3):
            started = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", STARTUP, str(data)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=True,
            )
            startup.append(
                {
                    "in_process_ms": int(out.stdout.strip().splitlines()[-1]),
                    "wall_ms": round((time.perf_counter() - started) * 1000),
                }
            )
        result = {f"{w}x{h}": v for (w, h), v in report.items()}
        result["startup_to_first_page"] = startup
        result["desk_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
