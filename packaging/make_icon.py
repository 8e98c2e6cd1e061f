"""Draw the application icon (packaging/icons/fieldapp.png and .ico) from the shipped font.

.venv/bin/python packaging/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PACKAGING = Path(__file__).resolve().parent
HERE = PACKAGING / "icons"
# The window shows the same icon: resources/ ships with the code.
RESOURCES = PACKAGING.parent / "resources" / "icons"
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
SIZE = 256
COURT_RED = (160, 28, 32, 255)
GOLD = (246, 213, 120, 255)


def draw(size: int = SIZE) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin = size // 16
    pen.rounded_rectangle(
        (margin, margin, size - margin, size - margin), radius=size // 6, fill=COURT_RED
    )
    inset = size // 7
    pen.rounded_rectangle(
        (inset, inset, size - inset, size - inset),
        radius=size // 9,
        outline=GOLD,
        width=max(2, size // 40),
    )
    font = ImageFont.truetype(FONT, int(size * 0.5))
    pen.text((size / 2, size / 2), "外", font=font, fill=GOLD, anchor="mm")
    return image


def main() -> int:
    HERE.mkdir(exist_ok=True)
    icon = draw()
    RESOURCES.mkdir(exist_ok=True)
    icon.save(RESOURCES / "fieldapp.png")
    icon.save(HERE / "fieldapp.png")
    icon.save(HERE / "fieldapp.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (256, 256)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
