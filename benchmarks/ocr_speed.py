"""OCR speed and character error rate: our pipeline, RapidOCR alone and Tesseract chi_sim, side by side.

    python3 benchmarks/ocr_speed.py [--pages 24] [--case-pages 25] [--skip-case] [--no-tesseract]

Pages come from the demo case generator (app/demo), so their true text is the born-digital text
layer. Two sets of the same pages:
- clean: scanned at 200 dpi, no skew, no speckle (JPEG only);
- noisy: scanned at 150 dpi, skewed up to 1.5°, speckled and blurred (app/demo/scan.py).

Every reader gets the same page images (the scan rendered at 150 dpi, as analysis renders it):
- ``pipeline``: what analysis does with a scanned page (app.analysis.pages.PageReader): orientation
  and the title/footer bands first, then the full page, pages read by the OCR workers as analysis
  runs them (ocr_workers.py: on OpenVINO one engine using every core, on onnxruntime one
  thread per core, each with its own engine);
- ``rapidocr``: ``OcrEngine.read`` on the whole image (RapidOCR as configured, one call, one page
  at a time);
- ``tesseract``: ``tesseract IMAGE - -l chi_sim --psm 6``, run well: two pages at a time, one thread
  each (OMP_THREAD_LIMIT=1), wall time over all pages.

Each reader's wall seconds a page and CPU seconds a page (this process's CPU time for ours, the
children's for Tesseract): on a machine others share, the CPU seconds are the steadier comparison.
The recogniser is the shipped int8 one where OpenVINO computes in f32 and the float one where it
has bfloat16 (app.analysis.ocr.int8_recogniser); ``--recogniser int8|float`` chooses; ``--runtime onnxruntime`` measures the fallback runtime instead of OpenVINO; ``--f32`` has OpenVINO
compute in 32-bit floats, as it does on a CPU without bfloat16 (it uses bf16 where the CPU has it).

CER: edit distance between the OCR text and the text layer, both folded (NFKC, no white space),
over the length of the truth, averaged over pages.

Then a scanned case file of ``--case-pages`` pages is imported and analysed as ``reviewdesk analyze``
does: seconds from import until its documents are known, until its full text is stored, and the
same pages through Tesseract for comparison. The machine's load (``os.getloadavg``) is printed
with the figures: on a shared machine they mean little without it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from text_errors import edit_distance  # noqa: E402

from app.analysis.ocr import OcrEngine, int8_recogniser, runtime  # noqa: E402
from app.analysis.ocr_workers import OcrWorkers  # noqa: E402
from app.analysis.pages import OCR_DPI, PageReader  # noqa: E402
from app.analysis.textnorm import fold  # noqa: E402
from app.demo.casepdf import build_case_pdf  # noqa: E402
from app.demo.content import make_bureau, make_case  # noqa: E402
from app.demo.scan import scan_pdf  # noqa: E402

MIN_TRUTH_CHARS = 30
"""pages with less text (a near-empty form) say little about the error rate"""


def cer(text: str, truth: str) -> float:
    return edit_distance(fold(text), truth) / max(1, len(truth))


def born_digital_pages(count: int, seed: int = 7) -> tuple[bytes, list[str]]:
    """A PDF of ``count`` pages with text from demo case files, and each page's folded text."""
    rng = random.Random(seed)
    bureau = make_bureau(rng, "测试市生态环境局", "测环罚", "测试市", "6300")
    out = pymupdf.open()
    truths: list[str] = []
    serial = 0
    while len(truths) < count:
        serial += 1
        case = make_case(rng, bureau, serial, "general_penalty", 1 + serial % 3, [])
        built = build_case_pdf(case, rng, True, False)
        with pymupdf.open(stream=built.data, filetype="pdf") as source:
            for index, page in enumerate(source):
                truth = fold(page.get_text())
                if len(truth) >= MIN_TRUTH_CHARS and len(truths) < count:
                    out.insert_pdf(source, from_page=index, to_page=index)
                    truths.append(truth)
    data = out.tobytes(garbage=3, deflate=True)
    out.close()
    return data, truths


def scanned_sets(count: int) -> tuple[dict[str, bytes], list[str]]:
    data, truths = born_digital_pages(count)
    rng = random.Random(11)
    return {
        "clean": scan_pdf(data, rng, dpi=200, max_skew=0.0, noise=0.0),
        "noisy": scan_pdf(data, rng, dpi=150, max_skew=1.5, noise=0.04),
    }, truths


def page_images(pdf: bytes) -> list[np.ndarray]:
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        images = []
        for page in doc:
            pix = page.get_pixmap(dpi=OCR_DPI, colorspace=pymupdf.csRGB)
            images.append(np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy())
        return images


def run_pipeline(pdf: bytes, truths: list[str], workers: OcrWorkers) -> dict[str, float]:
    """Bands first, then the full page, as analysis reads a scanned page, by the OCR workers."""
    workers.warm()  # models loaded outside the timing
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        reader = PageReader(doc, workers)

        def read(index: int) -> str:
            bands = reader.ocr_page(index, "bands")
            return reader.ocr_page(index, "full", bands.rotation).text

        started, cpu = time.perf_counter(), time.process_time()
        texts = list(workers.ordered(read, range(doc.page_count)))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    errors = [cer(text, truth) for text, truth in zip(texts, truths, strict=True)]
    return _figures(errors, seconds, len(truths), cpu)


def run_rapidocr(images: list[np.ndarray], truths: list[str], engine: OcrEngine) -> dict[str, float]:
    engine.read(images[0])
    started, cpu = time.perf_counter(), time.process_time()
    texts = ["".join(line.text for line in engine.read(image)) for image in images]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    errors = [cer(text, truth) for text, truth in zip(texts, truths, strict=True)]
    return _figures(errors, seconds, len(truths), cpu)


def run_tesseract(images: list[np.ndarray], truths: list[str], work: Path) -> dict[str, float] | None:
    """Two pages at a time, one thread each: Tesseract run as well as two cores allow."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    paths = []
    for index, image in enumerate(images):
        path = work / f"page-{index:03d}.png"
        pymupdf.Pixmap(pymupdf.csRGB, image.shape[1], image.shape[0], image.tobytes(), False).save(path)
        paths.append(path)
    env = os.environ | {"OMP_THREAD_LIMIT": "1"}

    def read(path: Path) -> str:
        command = [binary, str(path), "-", "-l", "chi_sim", "--psm", "6"]
        return subprocess.run(command, capture_output=True, text=True, check=False, env=env).stdout

    started, cpu = time.perf_counter(), _children_cpu()
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = list(pool.map(read, paths))
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    errors = [cer(text, truth) for text, truth in zip(texts, truths, strict=True)]
    return _figures(errors, seconds, len(truths), cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _figures(errors: list[float], seconds: float, pages: int, cpu: float) -> dict[str, float]:
    return {
        "seconds_per_page": round(seconds / pages, 3),
        "cpu_seconds_per_page": round(cpu / pages, 3),
        "seconds": round(seconds, 2),
        "cer_percent": round(100 * sum(errors) / len(errors), 2),
    }


def scanned_case(work: Path, pages: int, tesseract: bool) -> dict[str, object]:
    """A scanned case file imported and analysed: seconds until documents known, until full text."""
    from app.analysis.analyzer import AnalysisProgress, Analyzer
    from app.intake.importer import Importer
    from app.models.cases import CaseRepository
    from app.models.store import Store

    rng = random.Random(25)
    bureau = make_bureau(rng, "测试市生态环境局", "测环罚", "测试市", "6300")
    data = b""
    for inquiries in range(1, 8):
        built = build_case_pdf(make_case(rng, bureau, 1, "general_penalty", inquiries, []), rng, True, False)
        with pymupdf.open(stream=built.data, filetype="pdf") as doc:
            if doc.page_count >= pages:
                data = built.data
                break
    folder = work / "case"
    folder.mkdir()
    scanned = scan_pdf(data, rng, dpi=150, max_skew=1.5, noise=0.04, sideways_pages=frozenset({5}))
    (folder / "扫描案卷.pdf").write_bytes(scanned)
    with pymupdf.open(stream=scanned, filetype="pdf") as doc:
        page_count = doc.page_count
    marks: dict[str, float] = {}
    store = Store.open(work / "data")

    def progress(step: AnalysisProgress) -> None:
        if step.phase != "pages" and "documents_known" not in marks:
            marks["documents_known"] = time.perf_counter() - started

    analyzer = Analyzer(store, progress=progress)
    analyzer.ocr.warm()  # models loaded outside the timing, as in a running desk
    started = time.perf_counter()
    Importer(store, "bench").run([folder])
    marks["imported"] = time.perf_counter() - started
    case = CaseRepository(store.db).list()[0]
    analyzer.analyze_file(case.sha256, case.source_path)
    marks["full_text"] = time.perf_counter() - started
    analyzer.close()
    store.close()
    result: dict[str, object] = {"pages": page_count} | {k: round(v, 2) for k, v in marks.items()}
    if tesseract:
        images = page_images(scanned)
        figures = run_tesseract(images, [""] * len(images), work)
        if figures is not None:
            result["tesseract_seconds"] = figures["seconds"]
            result["analysis_vs_tesseract"] = round(marks["full_text"] / max(figures["seconds"], 1e-6), 2)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--case-pages", type=int, default=25)
    parser.add_argument("--skip-case", action="store_true")
    parser.add_argument("--no-tesseract", action="store_true")
    parser.add_argument("--runtime", choices=("openvino", "onnxruntime"), default="openvino")
    parser.add_argument(
        "--f32", action="store_true", help="OpenVINO in 32-bit floats, as on a CPU without bfloat16"
    )
    parser.add_argument(
        "--recogniser",
        choices=("int8", "float"),
        help="this recogniser whatever the CPU (default: as chosen)",
    )
    args = parser.parse_args()
    if args.recogniser:
        os.environ["REVIEWDESK_OCR_RECOGNISER"] = args.recogniser
    if args.runtime == "onnxruntime":
        os.environ["REVIEWDESK_OCR_RUNTIME"] = "onnxruntime"
    if args.f32:
        os.environ["REVIEWDESK_OCR_PRECISION"] = "f32"
    work = Path(tempfile.mkdtemp(prefix="rd-ocr-speed-"))
    report: dict[str, object] = {
        "load_before": [round(v, 2) for v in os.getloadavg()],
        "cores": os.cpu_count(),
        "runtime": runtime(),
        "precision": "f32" if args.f32 else "the runtime's choice",
    }
    try:
        sets, truths = scanned_sets(args.pages)
        engine, workers = OcrEngine(), OcrWorkers()
        report["ocr_workers"] = workers.workers
        int8 = runtime() == "openvino" and int8_recogniser() is not None
        report["recogniser"] = "int8" if int8 else "float"
        for label, pdf in sets.items():
            images = page_images(pdf)
            figures = {
                "pipeline": run_pipeline(pdf, truths, workers),
                "rapidocr": run_rapidocr(images, truths, engine),
            }
            if not args.no_tesseract:
                (work / label).mkdir()
                figures["tesseract"] = run_tesseract(images, truths, work / label)
            report[label] = figures
            print(label, json.dumps(figures), file=sys.stderr, flush=True)
        if not args.skip_case:
            report["scanned_case"] = scanned_case(work, args.case_pages, not args.no_tesseract)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["pages"] = args.pages
    report["load_after"] = [round(v, 2) for v in os.getloadavg()]
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
