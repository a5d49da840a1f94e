"""Draw Samen's own site icons from its logo, for sites whose theme names no icon.

The logo (static/images/samen-logo.svg) is two overlapping circles on a 36 by 36 grid; the
icons are drawn from the same numbers with Pillow, at eight times their size and then
scaled down, so that their edges are smooth. The same logo gives the same files."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from PIL import Image, ImageDraw

GRID = 36
# (centre x, centre y, radius, colour, opacity), drawn in this order: the logo's circles.
CIRCLES = [
    (13, 18, 10, (0x0B, 0x5D, 0x6B), 1.0),
    (23, 18, 10, (0xE0, 0xA5, 0x26), 0.85),
]
OVERSAMPLE = 8
ICO_SIZES = (16, 32, 48)
PNG_ICONS = {"icon-192.png": 192, "icon-512.png": 512}
TOUCH_ICON = ("apple-touch-icon.png", 180)


def draw_logo(size):
    """The logo as a transparent square of ``size`` pixels."""
    big = size * OVERSAMPLE
    scale = big / GRID
    picture = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    for cx, cy, radius, colour, opacity in CIRCLES:
        layer = Image.new("RGBA", (big, big), (0, 0, 0, 0))
        box = [(cx - radius) * scale, (cy - radius) * scale, (cx + radius) * scale, (cy + radius) * scale]
        ImageDraw.Draw(layer).ellipse(box, fill=(*colour, round(255 * opacity)))
        picture = Image.alpha_composite(picture, layer)
    return picture.resize((size, size), Image.Resampling.LANCZOS)


def on_white(picture):
    background = Image.new("RGBA", picture.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, picture).convert("RGB")


class Command(BaseCommand):
    help = "Draw Samen's default site icons (favicon.ico, touch icon, PNG icons, SVG icon) from its logo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--into",
            type=Path,
            default=Path(settings.BASE_DIR) / "static" / "images" / "icons",
            help="The folder to write the icons to (default: static/images/icons).",
        )

    def handle(self, *args, into, **options):
        into.mkdir(parents=True, exist_ok=True)
        made = []

        sizes = [draw_logo(size) for size in ICO_SIZES]
        largest = sizes[-1]
        largest.save(into / "favicon.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=sizes[:-1])
        made.append("favicon.ico")

        name, size = TOUCH_ICON
        on_white(draw_logo(size)).save(into / name, format="PNG", optimize=True)
        made.append(name)

        for name, size in PNG_ICONS.items():
            draw_logo(size).save(into / name, format="PNG", optimize=True)
            made.append(name)

        shutil.copyfile(Path(settings.BASE_DIR) / "static" / "images" / "samen-logo.svg", into / "favicon.svg")
        made.append("favicon.svg")

        for name in made:
            self.stdout.write(f"{into / name}")
