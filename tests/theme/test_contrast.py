"""The WCAG 2.1 contrast ratio, checked against values WCAG's own definition gives."""

from decimal import Decimal

import pytest

from theme.contrast import contrast_ratio, is_hex_colour, relative_luminance, rounded_down


def test_black_and_white_are_the_extremes():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#0b5d6b", "#0b5d6b") == pytest.approx(1)


def test_the_order_of_the_colours_does_not_matter():
    assert contrast_ratio("#d46a00", "#ffffff") == contrast_ratio("#ffffff", "#d46a00")


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#777777", "#ffffff", "4.47"),  # just short of 4.5, which rounding to nearest would hide
        ("#d46a00", "#ffffff", "3.58"),
        ("#d46a00", "#073f49", "3.22"),
        ("#0b5d6b", "#ffffff", "7.52"),
        ("#ffffff", "#073f49", "11.56"),
        ("#e0a526", "#073f49", "5.27"),
        ("#808080", "#ffffff", "3.94"),
    ],
)
def test_samens_own_colours_and_known_greys(first, second, ratio):
    assert rounded_down(contrast_ratio(first, second)) == Decimal(ratio)


def test_ratios_are_rounded_down_never_up():
    assert rounded_down(4.4999) == Decimal("4.49")
    assert rounded_down(3.0) == Decimal("3.00")


@pytest.mark.parametrize("value", ["#0b5d6b", "#FFFFFF", "#a1B2c3"])
def test_six_hexadecimal_digits_are_a_colour(value):
    assert is_hex_colour(value)


@pytest.mark.parametrize("value", ["red", "#12345", "#1234567", "<script>", "#GGGGGG", "", "0b5d6b", "#0b5d6b\n", None])
def test_anything_else_is_not(value):
    assert not is_hex_colour(value)
