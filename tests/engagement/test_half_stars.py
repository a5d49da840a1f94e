"""The stars drawn beside an average: to the nearest half star, so 4.5 shows four and a half
stars, while the text beside them keeps the exact average for screen readers."""

from django.template.loader import render_to_string
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from engagement.ratings import NO_VOTES, RatingSummary

# Votes per score (1 to 5) that give the average in the comment.
FOUR_AND_A_HALF = (0, 0, 0, 1, 1)  # 4.5
FOUR_POINT_TWO = (0, 0, 0, 4, 1)  # 4.2
FOUR_POINT_THREE = (0, 0, 0, 7, 3)  # 4.3
FOUR_POINT_SEVEN = (0, 0, 0, 3, 7)  # 4.7
FOUR_POINT_EIGHT = (0, 0, 0, 1, 4)  # 4.8
ONE_AND_A_HALF = (1, 1, 0, 0, 0)  # 1.5


@pytest.mark.parametrize(
    ("per_score", "row"),
    [
        (FOUR_AND_A_HALF, ("full",) * 4 + ("half",)),
        (FOUR_POINT_TWO, ("full",) * 4 + ("empty",)),
        (FOUR_POINT_THREE, ("full",) * 4 + ("half",)),
        (FOUR_POINT_SEVEN, ("full",) * 4 + ("half",)),
        (FOUR_POINT_EIGHT, ("full",) * 5),
        (ONE_AND_A_HALF, ("full", "half", "empty", "empty", "empty")),
        ((1, 0, 0, 0, 0), ("full",) + ("empty",) * 4),
    ],
)
def test_the_star_row_rounds_the_average_to_the_nearest_half(per_score, row):
    assert RatingSummary(per_score).star_row == row


def test_without_votes_no_star_is_filled():
    assert NO_VOTES.star_row == ("empty",) * 5


def drawn(per_score):
    """The rendered summary in Dutch: (full, half, empty) stars drawn, the svg, and the text."""
    with translation.override("nl"):
        html = render_to_string("engagement/rating_summary.html", {"summary": RatingSummary(per_score)})
    soup = BeautifulSoup(html, "html.parser")
    counts = tuple(len(soup.select(f".star-row__star--{kind}")) for kind in ("full", "half", "empty"))
    return counts, soup.select_one("svg"), " ".join(soup.get_text(" ", strip=True).split())


@pytest.mark.parametrize(
    ("per_score", "counts", "text"),
    [
        (FOUR_AND_A_HALF, (4, 1, 0), "4.5/5 Sterren (2)"),
        (FOUR_POINT_TWO, (4, 0, 1), "4.2/5 Sterren (5)"),
        (FOUR_POINT_EIGHT, (5, 0, 0), "4.8/5 Sterren (5)"),
    ],
)
def test_the_summary_draws_half_stars_hidden_and_says_the_average(per_score, counts, text):
    shown, svg, said = drawn(per_score)
    assert shown == counts
    assert svg["aria-hidden"] == "true"
    assert svg["focusable"] == "false"
    assert said == text


def test_a_half_star_is_half_filled_over_an_empty_outline():
    _, svg, _ = drawn(FOUR_AND_A_HALF)
    half = svg.select_one(".star-row__star--half")
    outline, left_half = half.select("polygon")
    assert outline["fill"] == "#fff"
    assert left_half["fill"] != "#fff"
    # The filled part lies left of the star's middle (x = 10 of 20).
    assert max(float(point.split(",")[0]) for point in left_half["points"].split()) == 10


def test_without_votes_the_summary_says_so_and_draws_nothing():
    shown, svg, said = drawn(NO_VOTES.per_score)
    assert shown == (0, 0, 0)
    assert svg is None
    assert said == "nog geen beoordelingen"
