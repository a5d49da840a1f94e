"""Contrast between two colours, as WCAG 2.1 measures it, and the pairs a theme must keep
readable: the formula is a few lines, and writing it here keeps its rounding in view."""

import re
from decimal import ROUND_DOWN, Decimal

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")
WHITE = "#ffffff"


def is_hex_colour(value):
    return isinstance(value, str) and HEX_COLOUR.match(value) is not None


def _linear(channel):
    """One sRGB channel (0–255) on the linear scale WCAG 2.1 defines."""
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour):
    """The relative luminance of a ``#rrggbb`` colour: 0 for black, 1 for white."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first, second):
    """The contrast ratio of two ``#rrggbb`` colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rounded_down(ratio):
    """``ratio`` with two decimals, never rounded up: 4.499 shows as 4.49, not as 4.50,
    so the number an editor reads never seems to pass a minimum it misses."""
    return Decimal(repr(ratio)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
