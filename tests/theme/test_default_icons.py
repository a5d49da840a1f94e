"""Samen's own site icons are drawn from its logo by a command, and the committed files are
what it draws."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from PIL import Image, ImageChops

COMMITTED = Path(settings.BASE_DIR) / "static" / "images" / "icons"


def test_the_command_draws_every_icon_and_they_match_the_committed_ones(tmp_path):
    call_command("make_default_icons", into=tmp_path, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with Image.open(tmp_path / "favicon.ico") as ico:
        assert ico.ico.sizes() == {(16, 16), (32, 32), (48, 48)}
    expected = {
        "apple-touch-icon.png": ((180, 180), "RGB"),
        "icon-192.png": ((192, 192), "RGBA"),
        "icon-512.png": ((512, 512), "RGBA"),
    }
    for name, (size, mode) in expected.items():
        with Image.open(tmp_path / name) as made, Image.open(COMMITTED / name) as committed:
            assert (made.size, made.mode) == (size, mode), name
            assert ImageChops.difference(made, committed).getbbox() is None, f"{name} differs from the command's"
    assert (tmp_path / "favicon.svg").read_bytes() == (
        Path(settings.BASE_DIR) / "static/images/samen-logo.svg"
    ).read_bytes()


def test_the_touch_icon_is_on_white_with_the_logos_colours(tmp_path):
    call_command("make_default_icons", into=tmp_path, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with Image.open(tmp_path / "apple-touch-icon.png") as touch:
        assert touch.getpixel((2, 2)) == (255, 255, 255)
        assert touch.getpixel((40, 90)) == (0x0B, 0x5D, 0x6B)  # the first circle only
        # The second circle at 85% on white: 0.85 × #e0a526 + 0.15 × white, give or take rounding.
        second = touch.getpixel((140, 90))
        assert all(abs(got - want) <= 3 for got, want in zip(second, (229, 178, 71), strict=True)), second
    with Image.open(tmp_path / "icon-512.png") as icon:
        assert icon.getpixel((5, 5))[3] == 0  # transparent around the circles
