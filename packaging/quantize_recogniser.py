"""Make the int8 text recogniser shipped in resources/models from the one inside RapidOCR's wheel.

    pip install 'nncf==3.4.0' && python3 packaging/quantize_recogniser.py

The recogniser is most of a scanned page's OCR time. Quantised to int8 by NNCF (OpenVINO's own
compression tool: post-training, no retraining), it reads a row of lines in a fraction of the f32
time on any CPU with VNNI and faster than bfloat16 where the CPU has that too; `benchmarks/ocr_speed.py`
measures it against the float model (``--float-recogniser``) and Tesseract.

Calibration rows are made as analysis makes them (lines detected, cut and laid side by side by
app.analysis.ocr) from scans of demo case files with seeds of their own: the benchmark's pages are
not among them. The result is an OpenVINO model (``.xml`` + ``.bin``) with a ``.json`` beside it that
names the SHA-256 of the model it was made from: the program uses the int8 model only while RapidOCR
ships that same model (``app.analysis.ocr.int8_recogniser``), and a test fails when it no longer does,
so that this script is run again.

nncf is needed only here, not by the program.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import numpy as np
import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.analysis.ocr import (  # noqa: E402
    INT8_SUFFIX,
    READ_TALLER,
    REC_MODEL,
    OcrEngine,
    crop,
    model_dir,
    row_tensors,
)
from app.analysis.orientation import orient  # noqa: E402
from app.analysis.pages import OCR_DPI  # noqa: E402
from app.demo.casepdf import build_case_pdf  # noqa: E402
from app.demo.content import make_bureau, make_case  # noqa: E402
from app.demo.scan import scan_pdf  # noqa: E402

CALIBRATION_SEED = 20261130
ROWS = 120
"""rows of lines shown to NNCF: about 30 pages' worth"""
REC_HEIGHT = 48
"""the recogniser's input rows (RapidOCR's rec_image_shape)"""


def calibration_rows() -> list[np.ndarray]:
    rng = random.Random(CALIBRATION_SEED)
    bureau = make_bureau(rng, "校准市生态环境局", "校环罚", "校准市", "6400")
    engine = OcrEngine(threads=0)
    rows: list[np.ndarray] = []
    serial = 0
    while len(rows) < ROWS:
        serial += 1
        built = build_case_pdf(make_case(rng, bureau, serial, "general_penalty", 2, []), rng, True, False)
        noisy = serial % 2 == 0
        scanned = scan_pdf(
            built.data,
            rng,
            dpi=150 if noisy else 200,
            max_skew=1.5 if noisy else 0.0,
            noise=0.04 if noisy else 0.0,
        )
        with pymupdf.open(stream=scanned, filetype="pdf") as doc:
            for page in doc:
                pix = page.get_pixmap(dpi=OCR_DPI, colorspace=pymupdf.csRGB)
                image = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy()
                found = orient(engine, image)
                crops = [crop(found.image, quad, READ_TALLER) for quad in found.quads]
                rows += [tensor for _, _, tensor in row_tensors(crops, REC_HEIGHT)]
    return rows[:ROWS]


def _kept_in_float(model) -> list[str]:
    """The first convolution (the picture itself) and the last matrix product (the alphabet's scores).

    All quantised, the tuning discs' 证号 lost digits: officers with 证号 148/158 against 154/158 in
    float (tuning seeds 1-6 of tests/corpus, ``analysis_quality.py --corpus tuning``).
    """
    ops = list(model.get_ordered_ops())
    first = next(op for op in ops if op.get_type_name() == "Convolution")
    last = [op for op in ops if op.get_type_name() == "MatMul"][-1]
    return [first.get_friendly_name(), last.get_friendly_name()]


def main() -> int:
    import nncf
    import openvino

    source = model_dir() / REC_MODEL
    target = ROOT / "resources" / "models" / (Path(REC_MODEL).stem + INT8_SUFFIX)
    target.parent.mkdir(parents=True, exist_ok=True)
    rows = calibration_rows()
    model = openvino.Core().read_model(str(source))
    quantized = nncf.quantize(
        model,
        nncf.Dataset(rows),
        subset_size=len(rows),
        model_type=nncf.ModelType.TRANSFORMER,
        ignored_scope=nncf.IgnoredScope(names=_kept_in_float(model)),
    )
    openvino.save_model(quantized, str(target.with_suffix(".xml")), compress_to_fp16=False)
    made_from = {
        "source_model": REC_MODEL,
        "source_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "nncf": nncf.__version__,
        "openvino": openvino.__version__,
        "calibration": f"{len(rows)} rows of lines from demo scans, seed {CALIBRATION_SEED}",
    }
    target.with_suffix(".json").write_text(json.dumps(made_from, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {target.with_suffix('.xml')} (+ .bin, .json)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
