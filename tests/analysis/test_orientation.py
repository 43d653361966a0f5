"""Page orientation and reading order on generated scans: upright pages stay, turned pages are found.

The scans are made here: a Chinese page is set with PyMuPDF's built-in ``china-s`` font,
rasterised at 150 or 200 dpi, skewed, speckled and turned with Pillow, saved as JPEG in an
image-only PDF. Each page costs about a second of OCR, so there are ten.
"""

from __future__ import annotations

import io
import math
import random
from difflib import SequenceMatcher

import numpy as np
import pymupdf
import pytest
from PIL import Image, ImageFilter

from app.analysis.ocr import OcrEngine
from app.analysis.orientation import turn_quad
from app.analysis.pages import PageReader, PageText
from app.analysis.reading_order import canonical, reading_order, skew
from app.analysis.textnorm import fold

A4 = (595.276, 841.89)
TITLE = "调查询问笔录"
HEADER = [
    "时间：2017年5月4日9时30分至10时40分",
    "地点：海西州环境保护局二楼会议室",
    "询问人：曹海春  执法证号：6328085802   记录人：李明",
    "被询问人：王建国  性别：男  年龄：45岁",
]
QUESTIONS = [
    "问：我们是海西州环境保护局的执法人员，现依法向你进行调查询问。",
    "答：好的，我明白，我会如实回答问题。",
    "问：你的姓名、工作单位和职务是什么？",
    "答：我叫王建国，是青海某某化工有限公司的生产部经理。",
    "问：你公司的主要产品是什么，年产量多少？",
    "答：我公司主要生产工业硫酸，年产量约为三万吨。",
    "问：你公司的废水处理设施是否正常运行？",
    "答：废水处理设施在五月一日因设备故障停止运行。",
    "问：停运期间是否向环境保护主管部门报告？",
    "答：没有报告，我们以为很快就能修好。",
    "问：以上所述是否属实，你还有什么需要补充的吗？",
    "答：以上所述属实，没有需要补充的内容。",
]
FOOTER = "第 1 页 共 2 页"
RECEIPT = ["送达文书：行政处罚决定书", "受送达人：青海某某化工有限公司", "收件人签名："]


def _inquiry(doc: pymupdf.Document, title_y: float) -> list[str]:
    """An inquiry record; ``title_y`` low (100 pt) leaves the top band almost empty. Its lines in order."""
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_text((220, title_y), " ".join(TITLE), fontname="china-s", fontsize=20)
    y = title_y + 45
    for text in HEADER + QUESTIONS:
        page.insert_text((60, y), text, fontname="china-s", fontsize=12)
        y += 26
    page.insert_text((260, 812), FOOTER, fontname="china-s", fontsize=10)
    return [TITLE, *HEADER, *QUESTIONS, FOOTER]


def _receipt(doc: pymupdf.Document) -> None:
    """A sparse page: a title and three short lines."""
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_text((250, 90), "送达回证", fontname="china-s", fontsize=22)
    for number, text in enumerate(RECEIPT):
        page.insert_text((80, 170 + 70 * number), text, fontname="china-s", fontsize=13)


def _scan(page: pymupdf.Page, dpi: int, skew_degrees: float, turn: int, seed: int) -> Image.Image:
    """What a scanner makes of ``page``: skewed (counter-clockwise), speckled, blurred, then turned."""
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    image = image.rotate(skew_degrees, resample=Image.Resampling.BICUBIC, fillcolor=255)
    rng = np.random.default_rng(seed)
    speckle = Image.fromarray(np.where(rng.random(image.size[::-1]) < 0.01, 0, 255).astype(np.uint8))
    image = Image.composite(image, speckle, speckle).filter(ImageFilter.GaussianBlur(0.4))
    return image.rotate(turn, expand=True) if turn else image


# name: (source page, dpi, skew in degrees, turned counter-clockwise by)
PAGES = {
    "low title, +1.3°": (0, 150, 1.3, 0),
    "low title, +0.5°": (0, 200, 0.5, 0),
    "-0.5°": (1, 150, -0.5, 0),
    "-1.3°": (1, 200, -1.3, 0),
    "+3°": (1, 150, 3.0, 0),
    "-3°": (1, 200, -3.0, 0),
    "upside down": (1, 150, 1.0, 180),
    "turned left": (1, 150, 0.7, 90),
    "turned right": (1, 200, -0.7, 270),
    "sparse receipt": (2, 150, -2.0, 0),
}


@pytest.fixture(scope="module")
def scanned() -> pymupdf.Document:
    source = pymupdf.open()
    _inquiry(source, title_y=100)
    _inquiry(source, title_y=70)
    _receipt(source)
    output = pymupdf.open()
    for seed, (index, dpi, skew_degrees, turn) in enumerate(PAGES.values()):
        image = _scan(source[index], dpi, skew_degrees, turn, seed)
        jpeg = io.BytesIO()
        image.convert("RGB").save(jpeg, format="JPEG", quality=70)
        size = A4 if image.width < image.height else A4[::-1]
        page = output.new_page(width=size[0], height=size[1])
        page.insert_image(page.rect, stream=jpeg.getvalue())
    return output


@pytest.fixture(scope="module")
def reader(scanned) -> PageReader:
    return PageReader(scanned, OcrEngine())


@pytest.fixture(scope="module")
def bands(reader) -> dict[str, PageText]:
    return {name: reader.ocr_page(index, "bands") for index, name in enumerate(PAGES)}


def _expected_lines() -> list[str]:
    return [TITLE, *HEADER, *QUESTIONS, FOOTER]


def _like(found: str, wanted: str) -> bool:
    return SequenceMatcher(None, fold(found), fold(wanted)).ratio() >= 0.75


@pytest.mark.parametrize("name", ["low title, +1.3°", "low title, +0.5°", "-0.5°", "-1.3°", "+3°", "-3°"])
def test_upright_pages_with_skew_stay_upright_title_first(bands, name) -> None:
    page = bands[name]
    assert page.rotation == 0, name
    assert _like(page.lines[0].text, TITLE), [line.text for line in page.lines]
    assert _like(page.lines[-1].text, FOOTER), [line.text for line in page.lines]


@pytest.mark.parametrize(
    ("name", "rotation"), [("upside down", 180), ("turned left", 270), ("turned right", 90)]
)
def test_turned_pages_are_found_and_read_the_right_way(bands, name, rotation) -> None:
    page = bands[name]
    assert page.rotation == rotation, name
    assert _like(page.lines[0].text, TITLE), [line.text for line in page.lines]
    assert _like(page.lines[-1].text, FOOTER), [line.text for line in page.lines]


def test_sparse_page_is_not_turned(bands) -> None:
    page = bands["sparse receipt"]
    assert page.rotation == 0
    assert fold(page.lines[0].text) == "送达回证"


def test_lines_of_a_page_skewed_3_degrees_come_top_to_bottom(reader) -> None:
    page = reader.ocr_page(list(PAGES).index("-3°"), "full")
    texts = [line.text for line in page.lines]
    positions = []
    for wanted in _expected_lines():
        matches = [i for i, text in enumerate(texts) if _like(text, wanted)]
        if matches:
            positions.append(matches[0])
    assert len(positions) >= len(_expected_lines()) - 2, texts
    assert positions == sorted(positions), texts
    tops = [line.box[1] for line in page.lines]
    assert tops[0] < 0.14 and tops[-1] > 0.9


# -- the geometry, without OCR -------------------------------------------------------------------


def _line_boxes(angle: float, rows: int = 12, per_row: int = 3) -> list[np.ndarray]:
    """Boxes of a page set in ``rows`` lines of ``per_row`` words each, turned by ``angle`` radians."""
    cos, sin = math.cos(angle), math.sin(angle)
    boxes = []
    for row in range(rows):
        for word in range(per_row):
            x0, y0 = 100 + word * 330, 150 + row * 32
            corners = np.array([[x0, y0], [x0 + 300, y0], [x0 + 300, y0 + 24], [x0, y0 + 24]], float)
            boxes.append(np.array([[x * cos - y * sin, x * sin + y * cos] for x, y in corners]))
    return boxes


@pytest.mark.parametrize("degrees", [-3.0, -1.3, 0.0, 0.5, 3.0])
def test_skew_is_estimated_from_the_boxes(degrees) -> None:
    assert math.degrees(skew(_line_boxes(math.radians(degrees)))) == pytest.approx(degrees, abs=0.05)


@pytest.mark.parametrize("degrees", [-3.0, 3.0])
def test_reading_order_groups_words_into_lines_under_skew(degrees) -> None:
    boxes = _line_boxes(math.radians(degrees))
    shuffled = list(range(len(boxes)))
    random.Random(7).shuffle(shuffled)
    lines = reading_order([boxes[i] for i in shuffled])
    assert [[shuffled[i] for i in line] for line in lines] == [
        [3 * r, 3 * r + 1, 3 * r + 2] for r in range(12)
    ]


def test_sorting_by_the_corner_y_would_interleave_these_lines() -> None:
    """The case above is a real test: at 3° the raw top corner of a line's last word lies below
    the next line's first word."""
    boxes = _line_boxes(math.radians(3.0))
    assert boxes[2][0][1] > boxes[3][0][1]


def test_turned_boxes_land_where_the_turned_image_puts_their_pixels() -> None:
    image = np.zeros((40, 60), np.uint8)
    image[10:14, 20:30] = 255
    quad = np.array([[20, 10], [30, 10], [30, 14], [20, 14]], float)
    for turns in range(4):
        turned = np.rot90(image, turns)
        moved = turn_quad(quad, turns, 60, 40)
        x0, y0 = moved.min(axis=0).astype(int)
        x1, y1 = moved.max(axis=0).astype(int)
        assert turned[y0:y1, x0:x1].all() and turned.sum() == turned[y0:y1, x0:x1].sum(), turns


def test_a_tilted_box_starts_at_its_top_left_corner() -> None:
    """The detector sorts corners on x; a long box tilted past its thickness then starts at the
    bottom-left. Its canonical corners run top-left, top-right, bottom-right, bottom-left."""
    box = _line_boxes(math.radians(3.0), rows=1, per_row=1)[0]
    shuffled = box[[3, 0, 1, 2]]
    corners = canonical(shuffled)
    assert np.allclose(corners, box, atol=1e-3)


def test_bands_at_a_given_rotation_are_read_at_that_rotation(reader) -> None:
    page = reader.ocr_page(list(PAGES).index("upside down"), "bands", 180)
    assert page.rotation == 180
    assert _like(page.lines[0].text, TITLE), [line.text for line in page.lines]
