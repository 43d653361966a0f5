"""Draw ReviewDesk's icon: a case file with a red seal and a check mark, from one set of shapes.

Writes the SVG (kept in resources/icons, small text) and, for the bundle, a PNG and a multi-size ICO.
Drawn here rather than downloaded, so its licence is the program's own.

    python3 packaging/make_icon.py --svg resources/icons/reviewdesk.svg --png OUT.png --ico OUT.ico
"""

from __future__ import annotations

import argparse
from pathlib import Path

SIZE = 256
BACKGROUND = "#1f4e79"
PAPER = "#fdfcf7"
LINES = "#9fb3c8"
SEAL = "#c0392b"
CHECK = "#2e8b57"

# (x, y, width, height, radius, colour) on a 256 × 256 canvas
RECTANGLES = [
    (0, 0, 256, 256, 48, BACKGROUND),
    (60, 34, 136, 188, 10, PAPER),
    *[(82, 70 + 22 * i, 92, 8, 4, LINES) for i in range(5)],
]
SEAL_CIRCLE = (158, 176, 34)  # centre x, y, radius
CHECK_LINE = [(138, 178), (154, 194), (182, 160)]


def svg() -> str:
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 256 256">']
    for x, y, w, h, r, colour in RECTANGLES:
        parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="{colour}"/>')
    cx, cy, r = SEAL_CIRCLE
    parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{SEAL}"/>')
    points = " ".join(f"{x},{y}" for x, y in CHECK_LINE)
    parts.append(
        f'<polyline points="{points}" fill="none" stroke="{PAPER}" stroke-width="10" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def raster(scale: int = 4):
    """Drawn 4× larger and scaled down: Pillow draws no anti-aliased shapes."""
    from PIL import Image, ImageDraw

    big = SIZE * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for x, y, w, h, r, colour in RECTANGLES:
        draw.rounded_rectangle(
            [x * scale, y * scale, (x + w) * scale, (y + h) * scale], radius=r * scale, fill=colour
        )
    cx, cy, r = SEAL_CIRCLE
    draw.ellipse([(cx - r) * scale, (cy - r) * scale, (cx + r) * scale, (cy + r) * scale], fill=SEAL)
    draw.line([(x * scale, y * scale) for x, y in CHECK_LINE], fill=PAPER, width=10 * scale, joint="curve")
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--svg", type=Path)
    parser.add_argument("--png", type=Path)
    parser.add_argument("--ico", type=Path)
    args = parser.parse_args()
    if args.svg:
        args.svg.write_text(svg(), encoding="utf-8")
    if args.png or args.ico:
        image = raster()
        if args.png:
            image.save(args.png)
        if args.ico:
            image.save(
                args.ico, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
            )


if __name__ == "__main__":
    main()
