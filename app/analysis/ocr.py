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

import logging
import os
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import util
from pathlib import Path

import cv2
import numpy as np

from app.analysis.reading_order import canonical, reading_order
from app.errors import KnownError

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
        """RapidOCR on OpenVINO, every stage loaded now so that a failure shows here, not mid-page."""
        from rapidocr import EngineType, RapidOCR

        params = params | {f"{stage}.engine_type": EngineType.OPENVINO for stage in ("Det", "Cls", "Rec")}
        engine = RapidOCR(params=params)
        for load in (engine._load_det_model, engine._load_cls_model, engine._load_rec_model):
            _bounded_openvino(load().session, self.threads)
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
        """Text boxes (corner arrays in pixels of ``image``), found on a copy at most ``max_side`` long."""
        height, width = image.shape[:2]
        scale = min(1.0, max_side / max(height, width, 1))
        small = image
        if scale < 1.0:
            size = (max(int(width * scale), 32), max(int(height * scale), 32))
            small = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        found = self._engine._load_det_model()(np.ascontiguousarray(small))
        if found.boxes is None:
            return []
        return [np.asarray(box, dtype=np.float64) / scale for box in found.boxes]

    def classify(self, crops: list[np.ndarray]) -> list[tuple[bool, float]]:
        """For each line crop: is it upside down, and how sure the direction classifier is."""
        if not crops:
            return []
        result = self._engine._load_cls_model()(crops)
        return [("180" in label, float(score)) for label, score in result.cls_res]

    def recognize(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        """The text of each line crop as given (not turned), with the recogniser's confidence.

        Batched here rather than by RapidOCR, whose batches are padded to at least 320 columns and to
        their widest line: on a form page a quarter of what the recogniser saw was padding. Lines
        are grouped by width instead (see ``width_batches``); the model and its decoder are RapidOCR's.
        """
        if not crops:
            return []
        recognizer = self._engine._load_rec_model()
        height = int(recognizer.rec_image_shape[1])
        images = [_line_input(line, height) for line in crops]
        results: list[tuple[str, float]] = [("", 0.0)] * len(images)
        for batch in width_batches([image.shape[2] for image in images]):
            width = -(-max(images[i].shape[2] for i in batch) // WIDTH_STEP) * WIDTH_STEP
            tensor = np.zeros((len(batch), 3, height, width), dtype=np.float32)
            for row, index in enumerate(batch):
                tensor[row, :, :, : images[index].shape[2]] = images[index]
            decoded, _ = recognizer.postprocess_op(recognizer.session(tensor))
            for index, (text, score) in zip(batch, decoded, strict=True):
                results[index] = (str(text), float(score))
        return results


WIDTH_STEP = 32
"""recognition calls are padded to a multiple of this many columns: fewer distinct shapes for the
runtime to prepare and keep (see OPENVINO_SHAPE_CACHE), at ~3 % more columns"""
MAX_BATCH = 8
"""lines per recognition call; more gains nothing on two cores"""
BATCH_SLACK = 1.15
"""a batch's widest line is at most this much wider than its narrowest (the rest is padding)"""
BATCH_COLUMNS = 2400
"""columns per recognition call (about one full-width line at 150 dpi): the runtime keeps memory for
the largest call it has seen, and eight such lines at once cost ~150 MB more per engine for no
speed (measured on 8 form pages: 4.6 CPU-s in calls of at most 2,400 columns, 5.3 s unbounded)"""


def width_batches(widths: list[int]) -> list[list[int]]:
    """Indices of lines grouped by width, narrowest first, so that little of each batch is padding."""
    order = sorted(range(len(widths)), key=widths.__getitem__)
    batches: list[list[int]] = []
    for index in order:
        current = batches[-1] if batches else None
        if (
            current
            and len(current) < MAX_BATCH
            and widths[index] <= BATCH_SLACK * widths[current[0]]
            and widths[index] * (len(current) + 1) <= BATCH_COLUMNS
        ):
            current.append(index)
        else:
            batches.append([index])
    return batches


def _line_input(line: np.ndarray, height: int) -> np.ndarray:
    """A line crop as the recogniser takes it: ``height`` rows, its width in proportion, scaled to ±1."""
    rows, columns = line.shape[:2]
    width = max(int(np.ceil(height * columns / max(rows, 1))), height // 2)
    resized = cv2.resize(line, (width, height)).astype(np.float32)
    return (resized.transpose(2, 0, 1) / 255.0 - 0.5) / 0.5


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
grow by ~20 MB a page (1.3 GB after 30 pages); with none kept it stays at ~680 MB but takes a fifth
more CPU; 100, with line widths rounded (``WIDTH_STEP``) so that shapes recur, costs no CPU and
~+60 MB (the rest of the slow growth, ~2 MB a page up to MuPDF's 256 MB, is MuPDF's cache of the
pages' decoded images, the same with either runtime)."""


def _bounded_openvino(session, threads: int) -> None:
    """Recompile a stage's model (as RapidOCR read it) with a bounded shape cache and ``threads``."""
    import openvino

    config: dict[str, object] = {
        "PERFORMANCE_HINT": "LATENCY",
        "CPU_RUNTIME_CACHE_CAPACITY": OPENVINO_SHAPE_CACHE,
    }
    if threads:
        config["INFERENCE_NUM_THREADS"] = threads
    session.session = openvino.Core().compile_model(session.model, "CPU", config).create_infer_request()


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


def crop(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The line inside a (near-horizontal) box, straightened: its long side becomes the crop's width."""
    corners = canonical(quad)
    width = max(round(float(np.hypot(*(corners[1] - corners[0])))), 1)
    height = max(round(float(np.hypot(*(corners[3] - corners[0])))), 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(
        image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC
    )
