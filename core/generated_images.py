"""Pictures for demo content and tests, drawn with Pillow: nothing is downloaded."""

import hashlib
import io
import random

from django.core.files.images import ImageFile

from PIL import Image, ImageDraw

PALETTES = [
    ((11, 93, 107), (224, 165, 38)),
    ((46, 94, 58), (238, 214, 140)),
    ((92, 46, 112), (240, 170, 150)),
    ((24, 62, 120), (150, 205, 230)),
    ((150, 60, 30), (250, 220, 170)),
]


def generated_image_file(title, size=(1600, 900)):
    """A PNG with a soft gradient and overlapping circles, the same every time for the
    same title, so demo content and tests are reproducible."""
    seed = int(hashlib.sha256(title.encode()).hexdigest()[:8], 16)
    rng = random.Random(seed)  # noqa: S311 - a picture, not a secret
    dark, light = PALETTES[seed % len(PALETTES)]
    width, height = size
    picture = Image.new("RGB", size, dark)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        share = y / height
        colour = tuple(int(d + (l_ - d) * share * 0.6) for d, l_ in zip(dark, light, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(7):
        radius = rng.randint(height // 8, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=light, width=6)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")[:60] or "afbeelding"
    return ImageFile(buffer, name=f"{slug}.png")
