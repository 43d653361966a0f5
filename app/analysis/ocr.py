"""Offline Chinese OCR with RapidOCR, using only the PP-OCR models inside its wheel.

RapidOCR fetches a model (or the recogniser's alphabet) it does not find locally, so every model
path is given explicitly from the installed package; nothing can be downloaded at run time (the
alphabet is inside the recognition model, read from it by both runtimes). Detection runs with ``limit_type =
max``: the default (``min``, 736) scales a page strip's short side *up* to 736 pixels, which made
a title band cost as much as a whole page.

Besides whole reads, the three stages are offered one by one (detect, classify, recognize) so that
a page's orientation can be judged from its text boxes before anything is read.

The engine is created on first use (model loading takes ~0.7 s) and belongs to one thread. Its
onnxruntime sessions do not spin while idle (see ``_waiting_session``).

The models run on OpenVINO when it is installed (a dependency; see ``runtime``): on the same models
and pages it took a quarter less CPU than onnxruntime (0.93 against 1.28 CPU-seconds a clean page,
0.76 against 1.02 a noisy one, 10 pages each, one thread). onnxruntime stays as RapidOCR's own
dependency and runs the models where OpenVINO cannot be imported;
``REVIEWDESK_OCR_RUNTIME=onnxruntime`` chooses it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Generator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import util
from pathlib import Path

import cv2
import numpy as np

from app.analysis.reading_order import canonical, reading_order
from app.errors import KnownError
from app.resourcefiles import resource_root

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
MIN_SCORE = 0.5
"""RapidOCR's own floor (Global.text_score): lines read with less confidence are dropped"""


@dataclass(frozen=True)
class OcrLine:
    """A recognised line; box in pixels of the image given (x0, y0, x1, y1)."""

    box: tuple[float, float, float, float]
    text: str
    score: float


def model_dir() -> Path:
    spec = util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise KnownError(
            "ocr_missing",
            "未安装文字识别组件（rapidocr），扫描件无法识别文字。",
            "the OCR component (rapidocr) is not installed; scanned pages cannot be read",
        )
    return Path(spec.origin).parent / "models"


class OcrEngine:
    """Recognises text lines in page images (numpy RGB arrays)."""

    def __init__(self, max_side: int = 1600, threads: int = 0) -> None:
        self.max_side = max_side
        self.threads = threads
        """the runtime's threads per model run; 0: its default (one per core)"""
        self.recogniser = "float"
        """``int8`` once the engine is built with the shipped int8 recogniser (OpenVINO only)"""

    @cached_property
    def _engine(self):
        from omegaconf import flag_override
        from rapidocr import RapidOCR

        models = model_dir()
        for name in (DET_MODEL, REC_MODEL, CLS_MODEL):
            if not (models / name).is_file():
                raise KnownError(
                    "ocr_model_missing",
                    f"文字识别模型缺失：{name}。请重新安装 rapidocr。",
                    f"the OCR model {name} is missing from the rapidocr package; reinstall it",
                )
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        params: dict[str, object] = {
            "Global.log_level": "error",
            "Global.use_cls": True,
            "Det.model_path": str(models / DET_MODEL),
            "Rec.model_path": str(models / REC_MODEL),
            "Cls.model_path": str(models / CLS_MODEL),
            "Det.limit_type": "max",
            "Det.limit_side_len": self.max_side,
        }
        if runtime() == "openvino":
            try:
                return self._openvino_engine(params)
            except Exception as exc:  # a model OpenVINO cannot read, a reader left out of a bundle
                _openvino_failed(exc)
        engine = RapidOCR(params=params)
        # RapidOCR takes a ready session from a stage's config ("session"); each stage still loads lazily
        for stage, name in (
            (engine.cfg.Det, DET_MODEL),
            (engine.cfg.Cls, CLS_MODEL),
            (engine.cfg.Rec, REC_MODEL),
        ):
            with flag_override(stage, "allow_objects", True):
                stage.session = _waiting_session(models / name, self.threads)
        return engine

    def _openvino_engine(self, params: dict[str, object]):
        """RapidOCR on OpenVINO, every stage loaded now so that a failure shows here, not mid-page.

        The recogniser is the int8 one shipped in resources/models when there is one for the model
        RapidOCR ships (``int8_recogniser``); its alphabet and decoder stay RapidOCR's.
        """
        from rapidocr import EngineType, RapidOCR

        params = params | {f"{stage}.engine_type": EngineType.OPENVINO for stage in ("Det", "Cls", "Rec")}
        engine = RapidOCR(params=params)
        _bounded_openvino(engine._load_det_model().session, self.threads)
        _bounded_openvino(engine._load_cls_model().session, self.threads)
        int8 = int8_recogniser()
        _bounded_openvino(engine._load_rec_model().session, self.threads, int8)
        self.recogniser = "int8" if int8 else "float"
        return engine

    def warm(self) -> None:
        """Load the models now rather than on the first page."""
        blank = np.full((48, 200, 3), 255, np.uint8)
        self.recognize([blank])
        self.classify([blank])
        self.detect(np.full((64, 64, 3), 255, np.uint8), 64)

    def read(self, image: np.ndarray) -> list[OcrLine]:
        """Detect, orient each line and recognise; lines in reading order."""
        result = self._engine(image)
        if result.boxes is None or result.txts is None:
            return []
        quads = [np.asarray(box, dtype=np.float64) for box in result.boxes]
        lines = []
        for line in reading_order(quads):
            for index in line:
                xs, ys = quads[index][:, 0], quads[index][:, 1]
                box = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
                lines.append(OcrLine(box, str(result.txts[index]), float(result.scores[index])))
        return lines

    # The stages one by one. rapidocr is pinned (pyproject), and its stage objects are reached
    # through the loaders its own pipeline uses.

    def detect(self, image: np.ndarray, max_side: int) -> list[np.ndarray]:
        """Text boxes (corner arrays in pixels of ``image``), found on a copy at most ``max_side`` long.

        The copy is resized to the detector's multiple of 32 as RapidOCR does, but normalised here in
        float32 (RapidOCR's float64 arithmetic took a twentieth of a page's CPU). Resized in one step
        instead of two, boxes came out a pixel lower and the clean pages read worse (0.09 % against
        0.03 % of characters wrong).
        """
        height, width = image.shape[:2]
        scale = min(1.0, max_side / max(height, width, 1))
        small = image
        if scale < 1.0:
            size = (max(int(width * scale), 32), max(int(height * scale), 32))
            small = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        rows, columns = small.shape[:2]
        size = (max(round(columns / 32), 1) * 32, max(round(rows / 32), 1) * 32)
        if size != (columns, rows):
            small = cv2.resize(small, size)
        blob = cv2.dnn.blobFromImage(small, 1 / 127.5, mean=(127.5, 127.5, 127.5))  # to ±1, NCHW
        detector = self._engine._load_det_model()
        boxes, _ = detector.postprocess_op(detector.session(blob), (rows, columns))
        if len(boxes) == 0:
            return []
        return [np.asarray(box, dtype=np.float64) / scale for box in detector.sorted_boxes(boxes)]

    def classify(self, crops: list[np.ndarray]) -> list[tuple[bool, float]]:
        """For each line crop: is it upside down, and how sure the direction classifier is."""
        if not crops:
            return []
        result = self._engine._load_cls_model()(crops)
        return [("180" in label, float(score)) for label, score in result.cls_res]

    def recognize(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        """The text of each line crop as given (not turned), with the recogniser's confidence.

        Lines are laid side by side in rows (see ``pack_rows``) rather than batched by RapidOCR, whose
        batches are padded to at least 320 columns and to their widest line: on a form page a quarter
        of what the recogniser saw was padding, and nearly every call had a shape of its own. The
        recogniser reads a row as one long line, one output step per ``STRIDE`` columns, and each
        line's steps are decoded on their own. The model and its decoder are RapidOCR's.
        """
        if not crops:
            return []
        recognizer = self._engine._load_rec_model()
        results: list[tuple[str, float]] = [("", 0.0)] * len(crops)
        for row, widths, tensor in row_tensors(crops, int(recognizer.rec_image_shape[1])):
            steps = recognizer.session(tensor)
            for index, offset in row:
                first = max(offset // STRIDE - 1, 0)  # a step of the gap on either side: blank
                last = (offset + widths[index]) // STRIDE + 1
                decoded, _ = recognizer.postprocess_op(steps[:, first:last])
                text, score = decoded[0]
                results[index] = (_close_spaced_digits(str(text)), float(score))
        return results


SPACED_DIGITS = re.compile(r"(?<!\d)(?<!\d )\d(?: \d){2,}(?!\d)(?! \d)")
"""three or more single digits one space apart: the int8 recogniser now and then reads a number in
large type so (执法证号：6 3 0 0 1 2 3 4), which neither 证号 nor search would find; two numbers
of several digits with a space between stay apart"""


def _close_spaced_digits(text: str) -> str:
    return SPACED_DIGITS.sub(lambda run: run.group().replace(" ", ""), text)


STRIDE = 8
"""columns of a line per output step of the recogniser (a 320-column line gives 40 steps)"""
ROW_COLUMNS = 2400
"""columns per recognition call, about one full-width line at 150 dpi. On 24 clean and 24 noisy
pages, one thread, rows of 1,600-2,400 columns took the least CPU: 0.35/0.28 s a page against
0.48/0.36 s for lines batched by like width. The runtime keeps memory for the largest call."""
GAP = 32
"""blank columns between two lines of a row (four output steps): with 16 the noisy pages' error
rate rose (0.54 against 0.48 %); 64 read no better"""
ROW_STEP = 128
"""a row is padded to a multiple of this many columns, so that calls have few distinct shapes for
the runtime to prepare and keep (see OPENVINO_SHAPE_CACHE)"""


def pack_rows(widths: list[int]) -> list[list[tuple[int, int]]]:
    """Lines laid into rows of at most ROW_COLUMNS, GAP apart: each row's (line index, offset) pairs.

    First fit on the widths in decreasing order leaves little of a row unused; a line wider than a
    row has a row of its own. Offsets are multiples of STRIDE when the widths are.
    """
    rows: list[list[tuple[int, int]]] = []
    ends: list[int] = []
    for index in sorted(range(len(widths)), key=lambda i: -widths[i]):
        for row, end in enumerate(ends):
            if end + GAP + widths[index] <= ROW_COLUMNS:
                rows[row].append((index, end + GAP))
                ends[row] = end + GAP + widths[index]
                break
        else:
            rows.append([(index, 0)])
            ends.append(widths[index])
    return rows


def row_tensors(
    crops: list[np.ndarray], height: int
) -> Generator[tuple[list[tuple[int, int]], list[int], np.ndarray], None, None]:
    """The recogniser's input for line crops: each row (``pack_rows``), the lines' widths, its tensor.

    Recognition reads these; packaging/quantize_recogniser.py calibrates the int8 recogniser on them.
    """
    images = [_line_input(line, height) for line in crops]
    widths = [-(-image.shape[2] // STRIDE) * STRIDE for image in images]
    for row in pack_rows(widths):
        used = max(offset + widths[index] for index, offset in row)
        tensor = np.zeros((1, 3, height, -(-used // ROW_STEP) * ROW_STEP), dtype=np.float32)
        for index, offset in row:
            tensor[0, :, :, offset : offset + images[index].shape[2]] = images[index]
        yield row, widths, tensor


def _line_input(line: np.ndarray, height: int) -> np.ndarray:
    """A line crop as the recogniser takes it: ``height`` rows, its width in proportion, scaled to ±1."""
    rows, columns = line.shape[:2]
    width = max(int(np.ceil(height * columns / max(rows, 1))), height // 2)
    resized = cv2.resize(line, (width, height)).astype(np.float32)
    return (resized.transpose(2, 0, 1) / 255.0 - 0.5) / 0.5


INT8_SUFFIX = "-int8"
"""resources/models/<recogniser>-int8.xml (+ .bin, .json), made by packaging/quantize_recogniser.py"""


def int8_recogniser() -> Path | None:
    """The int8 recogniser where it is wanted: on a CPU that computes in 32-bit floats.

    Quantised to int8 (NNCF, post-training), the recogniser took 0.50 CPU-s a clean page where
    float32 took 0.80, at the same character error rates (24 clean and 24 noisy pages: 0.06 %,
    0.43-0.45 %) — but it read more 证号 wrong: officers with 证号 152/158 against 154/158 on the
    tuning discs (its first and last layers kept in float; 148/158 with none). Where the CPU has
    bfloat16 the float recogniser is fast enough (0.47 CPU-s a page), so it is used there; most
    laptops have no bfloat16 and get the int8 one. ``REVIEWDESK_OCR_RECOGNISER=int8`` or ``float``
    chooses.
    """
    chosen = os.environ.get("REVIEWDESK_OCR_RECOGNISER", "").strip().lower()
    if chosen == "float" or (chosen != "int8" and _computes_bf16()):
        return None
    return shipped_int8()


def _computes_bf16() -> bool:
    """Whether OpenVINO computes in bfloat16 here (its own choice where the CPU has it)."""
    return not _f32_forced() and _cpu_has_bf16()


def _f32_forced() -> bool:
    """``REVIEWDESK_OCR_PRECISION=f32``: OpenVINO computes in 32-bit floats even where the CPU has bfloat16.

    To see how a CPU without it would fare: on this project's machines f32 took 0.80/0.65 CPU-s a
    clean/noisy page against 0.47/0.39 in bf16 (float recogniser), at 0.06/0.45 % of characters
    wrong (bf16: 0.03/0.48 %).
    """
    return os.environ.get("REVIEWDESK_OCR_PRECISION", "").strip().lower() == "f32"


@cache
def _cpu_has_bf16() -> bool:
    try:
        import openvino

        return "BF16" in openvino.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    except Exception:  # no OpenVINO, no CPU plugin: nothing runs the int8 model anyway
        return False


def shipped_int8() -> Path | None:
    """The shipped int8 recogniser, if it was made from the recogniser RapidOCR ships now.

    Made from another model it would read nonsense, so the SHA-256 it names must be the installed model's.
    """
    model = resource_root() / "models" / (Path(REC_MODEL).stem + INT8_SUFFIX + ".xml")
    made_from = model.with_suffix(".json")
    if not (model.is_file() and model.with_suffix(".bin").is_file() and made_from.is_file()):
        return None
    source = json.loads(made_from.read_text(encoding="utf-8")).get("source_sha256")
    if source != _sha256(model_dir() / REC_MODEL):
        _stale_int8(model.name)
        return None
    return model


@cache
def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def _stale_int8(name: str) -> None:
    logging.getLogger(__name__).warning(
        "%s was made from another recogniser than rapidocr's; the float one is used", name
    )


def runtime() -> str:
    """``openvino`` when its CPU plugin loads (unless ``REVIEWDESK_OCR_RUNTIME`` says otherwise), else ``onnxruntime``.

    The plugin is loaded here, not just the package imported: a bundle that left the plugin
    behind would otherwise fail on the first scanned page instead of reading it more slowly.
    """
    chosen = os.environ.get("REVIEWDESK_OCR_RUNTIME", "").strip().lower()
    if chosen not in RUNTIMES:
        _unknown_runtime(chosen)
    if chosen == "onnxruntime" or _FAILED:
        return "onnxruntime"
    return _openvino_cpu()


RUNTIMES = ("", "openvino", "onnxruntime")


@cache
def _unknown_runtime(chosen: str) -> None:
    logging.getLogger(__name__).warning(
        "REVIEWDESK_OCR_RUNTIME=%s 无效，可选 openvino 或 onnxruntime；按默认处理。"
        " / REVIEWDESK_OCR_RUNTIME=%s is not openvino or onnxruntime; the default is used",
        chosen,
        chosen,
    )


_FAILED: list[str] = []
"""why OpenVINO failed to build an engine in this process, if it did: the others then use onnxruntime"""


def _openvino_failed(exc: Exception) -> None:
    logging.getLogger(__name__).warning("OpenVINO failed, OCR runs on onnxruntime: %s", exc)
    _FAILED.append(str(exc))


@cache
def _openvino_cpu() -> str:
    try:
        import openvino

        openvino.Core().get_property("CPU", "FULL_DEVICE_NAME")
    except Exception as exc:  # ImportError, or the runtime's own error for a missing plugin
        logging.getLogger(__name__).warning("OpenVINO unavailable, OCR runs on onnxruntime: %s", exc)
        return "onnxruntime"
    return "openvino"


OPENVINO_SHAPE_CACHE = int(os.environ.get("REVIEWDESK_OCR_SHAPE_CACHE", "100"))
"""kernels OpenVINO keeps per engine for input shapes it has met. Its default (5,000) let an engine
grow by ~20 MB a page (1.3 GB after 30 pages) when lines were batched by width, nearly every call a
shape of its own; with rows of few widths (``ROW_STEP``) 100 reads as fast as 5,000 (0.39 against
0.38 CPU-s a page). The rest of the slow growth, ~2 MB a page up to MuPDF's 256 MB, is MuPDF's
cache of the pages' decoded images, the same with either runtime."""


def _bounded_openvino(session, threads: int, model: Path | None = None) -> None:
    """Recompile a stage's model (as RapidOCR read it, or ``model``) with a bounded shape cache and ``threads``."""
    import openvino

    config: dict[str, object] = {
        "PERFORMANCE_HINT": "LATENCY",
        "CPU_RUNTIME_CACHE_CAPACITY": OPENVINO_SHAPE_CACHE,
        # Pinned, every one-threaded engine of a process ran on the same core: two OCR workers took
        # turns (one 2.1 s, both 4.4 s); unpinned, both finished in 2.2 s.
        "ENABLE_CPU_PINNING": False,
    }
    if threads:
        config["INFERENCE_NUM_THREADS"] = threads
    if _f32_forced():
        config["INFERENCE_PRECISION_HINT"] = "f32"
    core = openvino.Core()
    network = session.model if model is None else core.read_model(str(model))
    session.session = core.compile_model(network, "CPU", config).create_infer_request()


def _waiting_session(model: Path, threads: int = 0):
    """An onnxruntime session whose idle threads sleep instead of spinning.

    onnxruntime's threads spin between operators by default: on two cores shared with the desk, the
    importer or other analyses that burnt ~30 % more CPU for the same result (measured on line
    recognition: 9.5 against 6.5 CPU seconds, same wall time, same text). RapidOCR builds its own
    sessions without this setting, so each stage is given one made here, from the same model.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.enable_cpu_mem_arena = False
    options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


def crop(image: np.ndarray, quad: np.ndarray, taller: float = 1.0) -> np.ndarray:
    """The line inside a (near-horizontal) box, straightened: its long side becomes the crop's width.

    ``taller`` grows the box above and below (1.15: by 15 % of its height): see READ_TALLER.
    """
    corners = canonical(quad)
    if taller != 1.0:
        grow = (corners[3] - corners[0] + corners[2] - corners[1]) * ((taller - 1) / 4)
        corners = np.array([corners[0] - grow, corners[1] - grow, corners[2] + grow, corners[3] + grow])
        corners = corners.astype(np.float32)
    width = max(round(float(np.hypot(*(corners[1] - corners[0])))), 1)
    height = max(round(float(np.hypot(*(corners[3] - corners[0])))), 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(
        image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC
    )


READ_TALLER = 1.15
"""how much taller than its detected box a line is cut out to be read. The recogniser scales every
line to 48 rows, so a taller cut is fewer columns to read: on 16 pages each clean, noisy and dense
(type at 3/4 size), 1.15 took 8-12 % less CPU than the box itself at the same error rates (0.07,
0.41/0.42, 0.77 %); 1.3 less again, but the noisy pages read worse (0.46 %)."""
