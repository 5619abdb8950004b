"""Draws the application icon: a calm calendar page with one day marked, on a teal tile.

Run ``python resources/icons/draw_icon.py`` to regenerate the PNG and ICO files beside it.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 1024
TEAL = (38, 110, 122, 255)
PAPER = (250, 248, 242, 255)
BAND = (230, 160, 90, 255)
INK = (38, 110, 122, 255)
SOFT = (200, 214, 216, 255)


def draw(size: int = SIZE) -> Image.Image:
    scale = size / SIZE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * scale), round(y0 * scale), round(x1 * scale), round(y1 * scale))

    pen.rounded_rectangle(box(40, 40, 984, 984), radius=round(200 * scale), fill=TEAL)
    pen.rounded_rectangle(box(220, 250, 804, 820), radius=round(60 * scale), fill=PAPER)
    pen.rounded_rectangle(box(220, 250, 804, 390), radius=round(60 * scale), fill=BAND)
    pen.rectangle(box(220, 330, 804, 390), fill=BAND)
    for x in (340, 684):
        pen.rounded_rectangle(box(x - 22, 200, x + 22, 300), radius=round(20 * scale), fill=PAPER)
    # A grid of days, one of them circled: the hearing day.
    for row in range(3):
        for column in range(4):
            cx, cy = 310 + column * 135, 480 + row * 115
            pen.ellipse(box(cx - 22, cy - 22, cx + 22, cy + 22), fill=SOFT)
    cx, cy = 310 + 2 * 135, 480 + 115
    pen.ellipse(box(cx - 62, cy - 62, cx + 62, cy + 62), outline=INK, width=round(22 * scale))
    pen.ellipse(box(cx - 22, cy - 22, cx + 22, cy + 22), fill=INK)
    return image


def main() -> None:
    image = draw()
    image.resize((256, 256), Image.LANCZOS).save(HERE / "court-companion.png")
    image.save(HERE / "court-companion.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48),
                                                     (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
