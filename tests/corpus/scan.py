"""A case file as a bureau's copier returns it: image-only pages, skewed, speckled, some fed turned.

The rotation recorded for a page is how far its content is turned clockwise as stored
(90: the top of the text points right).
"""

from __future__ import annotations

import io
import random

import numpy as np
import pymupdf
from PIL import Image, ImageFilter


def scan(
    pdf: bytes, rng: random.Random, dpi: int, max_skew: float, rotations: list[int], stamp_date: str
) -> bytes:
    source = pymupdf.open(stream=pdf, filetype="pdf")
    out = pymupdf.open()
    noise = np.random.default_rng(rng.randrange(2**32))
    for index, page in enumerate(source):
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
        image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
        skew = rng.uniform(-max_skew, max_skew)
        image = image.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=(255, 255, 255))
        if rng.random() < 0.5:
            image = image.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.3, 0.8)))
        pixels = np.asarray(image, dtype=np.int16)
        grain = noise.normal(0, rng.uniform(6, 14), pixels.shape[:2])[..., None]
        pixels = pixels + grain.astype(np.int16)
        speckle = noise.random(pixels.shape[:2]) < 0.0015
        pixels[speckle] = 20
        pixels = np.clip(pixels, 0, 255).astype(np.uint8)
        image = Image.fromarray(pixels, "RGB")
        turn = rotations[index]
        if turn:
            image = image.rotate(-turn, expand=True)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=55, optimize=False)
        width, height = image.width * 72 / dpi, image.height * 72 / dpi
        target = out.new_page(width=width, height=height)
        target.insert_image(target.rect, stream=buffer.getvalue())
    out.set_metadata({"producer": "Canon iR-ADV C5535", "creationDate": stamp_date, "modDate": stamp_date})
    data = out.tobytes(garbage=3, deflate=True, no_new_id=True)
    out.close()
    source.close()
    return data
