"""Blind packets are blind: unit, 文号 and letterhead removed from the PDFs, each removal listed."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from app.analysis.find import Match
from app.station.redaction import redact_pdf, remaining, terms_for
from tests.helpers.station_cycle import BUREAUS, Cycle


def test_blind_packet_pdfs_name_no_unit_and_list_their_redactions(cycle: Cycle) -> None:
    with zipfile.ZipFile(cycle.packets["E4"]) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["blind"]
        for case in manifest["cases"]:
            pdf = archive.read(case["file"])
            with pymupdf.open(stream=pdf, filetype="pdf") as doc:
                text = "".join(page.get_text() for page in doc)
            assert not any(unit in text for unit in BUREAUS), text
            assert "〔2024〕" not in text and "文号" in text  # the label stays, the number is gone
            kinds = {r["kind"] for r in case["redactions"]}
            assert {"unit", "case_number", "letterhead"} <= kinds
            assert all(r["source"] == "text" and len(r["box"]) == 4 for r in case["redactions"])


def test_the_blind_experts_scores_count_for_the_stations_own_files(cycle: Cycle) -> None:
    """E4's package names the redacted files; the station counts it for the files it imported."""
    from tests.helpers.panel import run

    body = run(cycle.station, "aggregate", "--json").json()
    zhao = [c for c in body["cases"] if any(e["name"] == "赵六" for e in c["experts"])]  # type: ignore[index]
    assigned = [n for n, experts in cycle.assignment.items() if "E4" in experts]
    assert len(zhao) == len(assigned) and all(c["case_id"] for c in zhao)
    assert not body["missing_reviews"]  # type: ignore[index]


def _scan(text_lines: list[str]) -> bytes:
    """A page that is only an image of text: no text layer to search."""
    image = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    for index, line in enumerate(text_lines):
        draw.text((60, 40 + index * 60), line, fill="black", font=font)
    doc = pymupdf.open()
    page = doc.new_page(width=600, height=800)
    buffer = __import__("io").BytesIO()
    image.save(buffer, format="PNG")
    page.insert_image(page.rect, stream=buffer.getvalue())
    data = doc.tobytes()
    doc.close()
    return data


def test_scanned_pages_are_redacted_from_the_stored_ocr_boxes() -> None:
    pdf = _scan(["UNIT-HEADER", "body text", "CASE-NO-7"])
    terms = terms_for("UNIT-HEADER", "CASE-NO-7", None)
    boxes = {"UNIT-HEADER": (0.1, 0.05, 0.4, 0.07), "CASE-NO-7": (0.1, 0.2, 0.3, 0.22)}

    def ocr_find(text: str) -> list[Match]:
        return [Match(1, "ocr", boxes[text], text)] if text in boxes else []

    redacted, found = redact_pdf(pdf, terms, ocr_find)
    assert [(r.kind, r.source) for r in found] == [("letterhead", "ocr"), ("case_number", "ocr")]
    with pymupdf.open(stream=redacted, filetype="pdf") as doc:
        pix = doc[0].get_pixmap(dpi=72)
    # the pixels under the 文号's box are blanked (black fill), those of the body line are not
    x, y = int(0.2 * pix.width), int(0.21 * pix.height)
    assert pix.pixel(x, y) == (0, 0, 0)
    assert pix.pixel(int(0.5 * pix.width), int(0.5 * pix.height)) == (255, 255, 255)
    assert remaining(redacted, terms) == []


def _on_a_turned_sheet(pdf: bytes, degrees: int) -> bytes:
    """The page's picture drawn turned on a landscape sheet whose /Rotate shows it upright again."""
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        picture = doc[0].get_pixmap(dpi=72).tobytes("png")
    turned = pymupdf.open()
    sheet = turned.new_page(width=800, height=600)
    sheet.insert_image(sheet.rect, stream=picture, rotate=degrees)
    sheet.set_rotation(degrees)
    return turned.tobytes()


@pytest.mark.parametrize("degrees", [90, 270])
def test_a_scan_on_a_turned_sheet_is_redacted_where_the_ocr_box_is_shown(degrees: int) -> None:
    """OCR boxes are fractions of the page as shown; PyMuPDF redacts in the unturned sheet's points."""
    pdf = _on_a_turned_sheet(_scan(["UNIT-HEADER", "body text", "CASE-NO-7"]), degrees)
    terms = terms_for("UNIT-HEADER", "CASE-NO-7", None)
    boxes = {"CASE-NO-7": (0.1, 0.2, 0.3, 0.22)}

    def ocr_find(text: str) -> list[Match]:
        return [Match(1, "ocr", boxes[text], text)] if text in boxes else []

    redacted, found = redact_pdf(pdf, terms, ocr_find)
    assert [(r.kind, r.box) for r in found] == [("case_number", pytest.approx((0.1, 0.2, 0.3, 0.22)))]
    with pymupdf.open(stream=redacted, filetype="pdf") as doc:
        pix = doc[0].get_pixmap(dpi=72)  # the page as shown
    assert (pix.width, pix.height) == (600, 800)
    shown = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)
    covered = shown[
        int(0.2 * pix.height) : int(0.22 * pix.height), int(0.1 * pix.width) : int(0.3 * pix.width)
    ]
    assert covered.mean() < 80, "the box as shown is filled black (its white mark aside)"
    assert shown[int(0.5 * pix.height) :, :].min() == 255, "nothing else is"
    with pymupdf.open(stream=redacted, filetype="pdf") as doc:
        (mark,) = [line for line in _shown_lines(doc[0]) if "盲评隐去" in line[0]]
    x0, y0, x1, y1 = mark[1]
    assert x1 - x0 > 3 * (y1 - y0), "the mark reads across the page as shown, not down it"
    assert x0 >= 0.1 and x1 <= 0.3 and y0 >= 0.2 and y1 <= 0.23, "inside the box"


def _shown_lines(page: pymupdf.Page) -> list[tuple[str, tuple[float, float, float, float]]]:
    lines = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            shown = pymupdf.Rect(line["bbox"]) * page.rotation_matrix
            text = "".join(span["text"] for span in line["spans"])
            box = (
                shown.x0 / page.rect.width,
                shown.y0 / page.rect.height,
                shown.x1 / page.rect.width,
                shown.y1 / page.rect.height,
            )
            lines.append((text, box))
    return lines


@pytest.mark.parametrize("degrees", [90, 270])
def test_the_letterhead_of_a_turned_page_is_the_top_of_the_page_as_shown(degrees: int) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((150, 60), "某某市生态环境局文件", fontname="china-s", fontsize=20)
    page.insert_text((72, 400), "某某市生态环境局现场检查（勘察）笔录正文", fontname="china-s", fontsize=12)
    turned = pymupdf.open()
    sheet = turned.new_page(width=842, height=595)
    sheet.show_pdf_page(sheet.rect, doc, 0, rotate=degrees)
    sheet.set_rotation(degrees)
    pdf = turned.tobytes()

    redacted, found = redact_pdf(pdf, terms_for("某某市生态环境局", "", None))
    letterheads = [r for r in found if r.kind == "letterhead"]
    assert len(letterheads) == 1 and letterheads[0].box[1] < 0.1, found
    with pymupdf.open(stream=redacted, filetype="pdf") as out:
        assert "文件" not in out[0].get_text() and "笔录正文" in out[0].get_text()
