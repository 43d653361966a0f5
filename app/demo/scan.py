"""Turn a born-digital PDF into what a scanner produces: image-only pages, noise, skew, a page fed sideways."""

from __future__ import annotations

import hashlib
import io
import random

import numpy as np
import pymupdf
from PIL import Image, ImageFilter

A4_POINTS = (595.276, 841.89)


def scan_pdf(
    data: bytes,
    rng: random.Random,
    dpi: int = 150,
    max_skew: float = 1.5,
    noise: float = 0.04,
    sideways_pages: frozenset[int] = frozenset(),
) -> bytes:
    """An image-only PDF of ``data``; ``sideways_pages`` (0-based) are turned 90° as if fed sideways."""
    source = pymupdf.open(stream=data, filetype="pdf")
    output = pymupdf.open()
    for index, page in enumerate(source.pages()):
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
        image = _age(image, rng, max_skew, noise)
        if index in sideways_pages:
            image = image.rotate(90, expand=True)
        jpeg = io.BytesIO()
        image.save(jpeg, format="JPEG", quality=70)
        width, height = A4_POINTS if image.width < image.height else A4_POINTS[::-1]
        new_page = output.new_page(width=width, height=height)
        new_page.insert_image(new_page.rect, stream=jpeg.getvalue())
    fix_identity(output, hashlib.sha256(data).hexdigest()[:32])
    result = output.tobytes(garbage=3, deflate=True, no_new_id=True)
    source.close()
    output.close()
    return result


FIXED_DATE = "D:20241020093000+08'00'"
"""the demo's one date, for every PDF date field: the same disc wherever and whenever it is made"""


def fix_identity(doc: pymupdf.Document, hex_id: str) -> None:
    """A fixed /ID and fixed dates instead of PyMuPDF's random /ID and the time of saving."""
    doc.set_metadata({"creationDate": FIXED_DATE, "modDate": FIXED_DATE, "producer": "ReviewDesk demo"})
    doc.xref_set_key(-1, "ID", f"[<{hex_id}><{hex_id}>]")


def _age(image: Image.Image, rng: random.Random, max_skew: float, noise: float) -> Image.Image:
    angle = rng.uniform(-max_skew, max_skew)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if noise > 0:
        # Pillow's effect_noise draws from C's unseeded random(): the speckle comes from ``rng`` instead
        field = np.random.default_rng(rng.getrandbits(64)).normal(128, 40, (image.height, image.width))
        speckle = Image.fromarray(np.where(field < 128 * noise, 0, 255).astype(np.uint8), "L")
        image = Image.composite(image, speckle, speckle)
        image = image.filter(ImageFilter.GaussianBlur(0.4))
    return image
