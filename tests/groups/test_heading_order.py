"""Headings go down one level at a time: one h1, and no h2 → h4 or h1 → h3 jumps, on the
pages that list groups and posts as cards. A screen reader's list of headings is the
page's table of contents; a skipped level reads as a missing section."""

import pytest

from blog.factories import BlogPageFactory
from core.factories import ImageFactory
from engagement.ratings import cast_vote
from tests.helpers import get_html

from .helpers import add_member

pytestmark = pytest.mark.django_db


def heading_levels(soup):
    """The levels of the headings in the page's body, in document order."""
    return [int(tag.name[1]) for tag in soup.body.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def gaps(levels):
    """Each place where a heading goes down more than one level from the one before."""
    return [(before, after) for before, after in zip(levels, levels[1:], strict=False) if after > before + 1]


def assert_no_heading_gaps(soup):
    levels = heading_levels(soup)
    assert levels.count(1) == 1, f"not exactly one h1: {levels}"
    assert levels[0] == 1, f"the first heading is not the h1: {levels}"
    assert gaps(levels) == [], f"heading levels skip: {levels}"


def test_the_checker_sees_a_gap():
    assert gaps([1, 3]) == [(1, 3)]
    assert gaps([1, 2, 3, 2, 4]) == [(2, 4)]
    assert gaps([1, 2, 3, 3, 2, 2, 3]) == []


@pytest.fixture
def rated_group_with_posts(group, other_group):
    member = add_member(group, "member", email="lid@samen.test", display_name="Lid Lotte")
    for n in range(3):
        BlogPageFactory(parent=group, title=f"Bericht {n}", hero_image=ImageFactory() if n else None)
    cast_vote(member, group, 4)
    return member


def test_the_groups_index_has_no_heading_gaps(client, group_index, rated_group_with_posts):
    soup = get_html(client, group_index.url)
    assert soup.select(".group-card")
    assert_no_heading_gaps(soup)
    # The cards sit right under the page's h1.
    assert {card.select_one(".group-card__title").name for card in soup.select(".group-card")} == {"h2"}


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_group_page_has_no_heading_gaps(client, group, rated_group_with_posts, logged_in):
    if logged_in:
        client.force_login(rated_group_with_posts)
    soup = get_html(client, group.url)
    assert len(soup.select(".post-card")) == 3
    assert soup.select_one(".rating-summary") is not None
    assert_no_heading_gaps(soup)


def test_the_home_page_has_no_heading_gaps(client, home, group_index, rated_group_with_posts):
    soup = get_html(client, home.url)
    assert soup.select(".post-card") and soup.select(".group-card")
    assert_no_heading_gaps(soup)


def test_the_blog_index_has_no_heading_gaps(client, blog_index, rated_group_with_posts):
    soup = get_html(client, blog_index.url)
    assert soup.select(".post-card")
    assert_no_heading_gaps(soup)
