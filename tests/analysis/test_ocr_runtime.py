"""OCR runs on OpenVINO where it loads and on onnxruntime otherwise, reading the same text either way."""

from __future__ import annotations

import sys

import numpy as np
import pymupdf
import pytest

from app.analysis import ocr
from app.analysis.ocr import OcrEngine, runtime
from app.analysis.textnorm import fold

LINE = "调查询问笔录第1页共2页"


def _line_image() -> np.ndarray:
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=40)
    page.insert_text((10, 28), LINE, fontname="china-s", fontsize=18)
    pix = page.get_pixmap(dpi=150, colorspace=pymupdf.csRGB)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy()


@pytest.fixture()
def fresh_choice():
    ocr._openvino_cpu.cache_clear()
    yield
    ocr._openvino_cpu.cache_clear()


def test_openvino_is_the_runtime_where_it_loads(fresh_choice) -> None:
    assert runtime() == "openvino"  # a dependency: installed with the project


def test_without_openvino_the_scans_are_still_read(monkeypatch, fresh_choice) -> None:
    monkeypatch.setitem(sys.modules, "openvino", None)  # as if the package or its plugin were missing
    assert runtime() == "onnxruntime"
    lines = OcrEngine(threads=1).read(_line_image())
    assert fold("".join(line.text for line in lines)) == fold(LINE)


def test_the_setting_chooses_onnxruntime(monkeypatch) -> None:
    monkeypatch.setenv("REVIEWDESK_OCR_RUNTIME", "onnxruntime")
    assert runtime() == "onnxruntime"


@pytest.mark.parametrize("chosen", ["openvino", "onnxruntime"])
def test_both_runtimes_read_a_line_alike(monkeypatch, chosen: str) -> None:
    monkeypatch.setenv("REVIEWDESK_OCR_RUNTIME", chosen)
    engine = OcrEngine(threads=1)
    image = _line_image()
    assert fold("".join(line.text for line in engine.read(image))) == fold(LINE)
    boxes = engine.detect(image, 800)
    texts = engine.recognize([ocr.crop(image, box) for box in boxes])
    assert fold("".join(text for text, _ in texts)) == fold(LINE)


def test_an_engine_openvino_cannot_build_falls_back_to_onnxruntime(monkeypatch, fresh_choice) -> None:
    """A bundle that left OpenVINO's ONNX reader behind read no scan at all; now it reads them slower."""

    def cannot_read(self, params):
        raise RuntimeError("Unable to read the model: no frontend for .onnx")

    monkeypatch.setattr(OcrEngine, "_openvino_engine", cannot_read)
    monkeypatch.setattr(ocr, "_FAILED", [])
    assert runtime() == "openvino"
    lines = OcrEngine(threads=1).read(_line_image())
    assert fold("".join(line.text for line in lines)) == fold(LINE)
    assert runtime() == "onnxruntime", "what reads the scans is reported truthfully"


def test_a_misspelt_runtime_is_warned_about_and_the_default_used(monkeypatch, caplog) -> None:
    monkeypatch.setenv("REVIEWDESK_OCR_RUNTIME", "onnxruntme")
    ocr._unknown_runtime.cache_clear()
    with caplog.at_level("WARNING"):
        assert runtime() == "openvino"
    assert any(
        "onnxruntme" in record.getMessage() and "openvino" in record.getMessage() for record in caplog.records
    )


def test_the_shipped_int8_recogniser_was_made_from_the_installed_one() -> None:
    """Fails when rapidocr ships another recogniser: run packaging/quantize_recogniser.py again."""
    assert ocr.shipped_int8() is not None


@pytest.mark.parametrize(
    ("bf16", "precision", "wanted"), [(False, "", True), (True, "", False), (True, "f32", True)]
)
def test_the_int8_recogniser_is_wanted_where_the_cpu_computes_in_f32(
    monkeypatch, bf16: bool, precision: str, wanted: bool
) -> None:
    monkeypatch.setattr(ocr, "_cpu_has_bf16", lambda: bf16)
    monkeypatch.setenv("REVIEWDESK_OCR_PRECISION", precision)
    assert (ocr.int8_recogniser() is not None) == wanted


def test_openvino_reads_with_the_int8_recogniser_and_gets_the_line_right(monkeypatch) -> None:
    monkeypatch.setenv("REVIEWDESK_OCR_RECOGNISER", "int8")
    engine = OcrEngine(threads=1)
    assert [fold(text) for text, _ in engine.recognize([_line_image()])] == [fold(LINE)]
    assert engine.recogniser == "int8"


def test_the_float_recogniser_can_be_chosen(monkeypatch) -> None:
    monkeypatch.setenv("REVIEWDESK_OCR_RECOGNISER", "float")
    engine = OcrEngine(threads=1)
    assert [fold(text) for text, _ in engine.recognize([_line_image()])] == [fold(LINE)]
    assert engine.recogniser == "float"


def test_an_int8_recogniser_made_from_another_model_is_not_used(monkeypatch, tmp_path, caplog) -> None:
    models = tmp_path / "models"
    models.mkdir()
    shipped = ocr.shipped_int8()
    assert shipped is not None
    for suffix in (".xml", ".bin"):
        (models / shipped.with_suffix(suffix).name).symlink_to(shipped.with_suffix(suffix))
    (models / shipped.with_suffix(".json").name).write_text('{"source_sha256": "0000"}', encoding="utf-8")
    monkeypatch.setattr(ocr, "resource_root", lambda: tmp_path)
    ocr._stale_int8.cache_clear()
    with caplog.at_level("WARNING"):
        assert ocr.shipped_int8() is None
    assert "float one is used" in caplog.text


@pytest.mark.parametrize(
    ("read", "kept"),
    [
        ("执法证号：6 3 0 0 1 2 3 4", "执法证号：63001234"),
        ("证号 6 3 0 0 1 2 3 4 。", "证号 63001234 。"),
        ("执法证号：63001234 63005678", "执法证号：63001234 63005678"),  # two numbers stay two
        ("第 1 页 共 2 页", "第 1 页 共 2 页"),
        ("编号 12 3 4 5", "编号 12 3 4 5"),
    ],
)
def test_a_number_read_one_digit_at_a_time_is_closed_up(read: str, kept: str) -> None:
    assert ocr._close_spaced_digits(read) == kept
