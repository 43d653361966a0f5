"""Offline Chinese OCR with RapidOCR, using only the PP-OCR models inside its wheel.

RapidOCR fetches a model it does not find locally, so every model path is given explicitly from
the installed package; nothing can be downloaded at run time. Detection runs with ``limit_type =
max``: the default (``min``, 736) scales a page strip's short side *up* to 736 pixels, which made
a title band cost as much as a whole page.

The engine is created on first use (model loading takes ~0.7 s) and belongs to one thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from importlib import util
from pathlib import Path

import numpy as np

from app.errors import KnownError

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"


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

    def __init__(self, max_side: int = 1600) -> None:
        self.max_side = max_side

    @cached_property
    def _engine(self):
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
        return RapidOCR(
            params={
                "Global.log_level": "error",
                "Global.use_cls": True,
                "Det.model_path": str(models / DET_MODEL),
                "Rec.model_path": str(models / REC_MODEL),
                "Cls.model_path": str(models / CLS_MODEL),
                "Det.limit_type": "max",
                "Det.limit_side_len": self.max_side,
            }
        )

    def read(self, image: np.ndarray) -> list[OcrLine]:
        result = self._engine(image)
        if result.boxes is None or result.txts is None:
            return []
        lines = []
        for box, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
            xs = [float(p[0]) for p in box]
            ys = [float(p[1]) for p in box]
            lines.append(OcrLine((min(xs), min(ys), max(xs), max(ys)), str(text), float(score)))
        lines.sort(key=lambda line: (round(line.box[1] / 12), line.box[0]))
        return lines
