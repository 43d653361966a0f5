"""Turn a born-digital PDF into what a scanner produces: image-only pages, noise, skew, a page fed sideways."""

from __future__ import annotations

import io
import random

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
    result = output.tobytes(garbage=3, deflate=True)
    source.close()
    output.close()
    return result


def _age(image: Image.Image, rng: random.Random, max_skew: float, noise: float) -> Image.Image:
    angle = rng.uniform(-max_skew, max_skew)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if noise > 0:
        speckle = Image.effect_noise(image.size, 40).point(lambda v: 0 if v < 128 * noise else 255)
        image = Image.composite(image, speckle, speckle)
        image = image.filter(ImageFilter.GaussianBlur(0.4))
    return image
