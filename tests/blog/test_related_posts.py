"""Related posts under a post: the editor's pins first, then the posts sharing the most tags,
newest first among equals; at most four, only live posts in the post's own language."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wagtail.models import Locale

import pytest

from blog.factories import BlogPageFactory, BlogPageRelatedPinFactory
from blog.models import BlogPage
from blog.related import posts_to_read_next
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def on(day):
    return timezone.make_aware(datetime.datetime(2024, 5, day, 12, 0))


def post(group, title, tags=(), day=1, **fields):
    return BlogPageFactory(parent=group, title=title, tags=list(tags), date_published=on(day), **fields)


def pin(page, *pinned):
    for order, related in enumerate(pinned):
        BlogPageRelatedPinFactory(page=page, related=related, sort_order=order)


def related_titles(page):
    """Titles ``posts_to_read_next`` picks for ``page``, read fresh from the database."""
    return [p.title for p in posts_to_read_next(BlogPage.objects.get(pk=page.pk), AnonymousUser())]


def rendered_related_titles(client, page):
    html = get_html(client, page.url)
    return [a.get_text(strip=True) for a in html.select(".related__list a")]


@pytest.fixture
def reading(group):
    """A post tagged a, b, c, and posts sharing three, two, one or none of its tags."""
    return post(group, "Lezen", tags=["a", "b", "c"], day=10)


def test_ranked_by_shared_tags_then_newest(reading, group, other_group):
    post(group, "Een gedeeld, oud", tags=["a"], day=1)
    post(group, "Drie gedeeld", tags=["a", "b", "c", "x"], day=2)
    post(other_group, "Twee gedeeld, oud", tags=["b", "c"], day=3)
    post(group, "Twee gedeeld, nieuw", tags=["a", "c"], day=8)
    post(other_group, "Een gedeeld, nieuw", tags=["c", "y"], day=9)

    assert related_titles(reading) == ["Drie gedeeld", "Twee gedeeld, nieuw", "Twee gedeeld, oud", "Een gedeeld, nieuw"]


def test_at_most_four(reading, group):
    for day in range(1, 8):
        post(group, f"Gedeeld {day}", tags=["a"], day=day)

    assert related_titles(reading) == ["Gedeeld 7", "Gedeeld 6", "Gedeeld 5", "Gedeeld 4"]


def test_posts_without_shared_tags_do_not_appear(reading, group):
    post(group, "Ander onderwerp", tags=["z"], day=2)
    post(group, "Geen tags", day=3)

    assert related_titles(reading) == []


def test_never_the_post_itself(reading, group):
    pin(reading, reading)
    post(group, "Gedeeld", tags=["a"], day=2)

    assert related_titles(reading) == ["Gedeeld"]


def test_pins_come_first_in_their_order(reading, group):
    post(group, "Drie gedeeld", tags=["a", "b", "c"], day=2)
    first_pin = post(group, "Eerste pin", tags=["z"], day=3)
    second_pin = post(group, "Tweede pin", day=4)
    pin(reading, first_pin, second_pin)

    assert related_titles(reading) == ["Eerste pin", "Tweede pin", "Drie gedeeld"]


def test_a_pinned_post_that_also_shares_tags_appears_once(reading, group):
    shared = post(group, "Gedeeld en gepind", tags=["a", "b"], day=2)
    post(group, "Alleen gedeeld", tags=["a", "b", "c"], day=3)
    pin(reading, shared)

    assert related_titles(reading) == ["Gedeeld en gepind", "Alleen gedeeld"]


def test_pins_alone_fill_the_four_places(reading, group):
    pins = [post(group, f"Pin {n}", day=n) for n in range(1, 6)]
    post(group, "Gedeeld", tags=["a", "b", "c"], day=9)
    pin(reading, *pins)

    assert related_titles(reading) == ["Pin 1", "Pin 2", "Pin 3", "Pin 4"]


def test_never_an_unpublished_post(reading, group):
    post(group, "Teruggetrokken", tags=["a", "b", "c"], day=2).unpublish()
    post(group, "Gedeeld", tags=["a"], day=3)

    assert related_titles(reading) == ["Gedeeld"]


def test_an_unpublished_pin_is_skipped(reading, group):
    withdrawn = post(group, "Teruggetrokken pin", day=2)
    kept = post(group, "Pin", day=3)
    pin(reading, withdrawn, kept)
    withdrawn.unpublish()

    assert related_titles(reading) == ["Pin"]


def test_never_a_post_in_another_language(reading, group):
    post(group, "Gedeeld", tags=["a"], day=2)
    english = post(group, "Drie gedeeld", tags=["a", "b", "c"], day=3).copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.title = "Three shared"
    english.save_revision().publish()
    english.refresh_from_db()
    assert english.live and sorted(t.name for t in english.tags.all()) == ["a", "b", "c"]

    # The Dutch original shares three tags and still ranks first; its translation never shows.
    assert related_titles(reading) == ["Drie gedeeld", "Gedeeld"]


def test_post_without_tags_shows_only_its_pins(group):
    untagged = post(group, "Zonder tags", day=10)
    pinned = post(group, "Pin", tags=["a"], day=2)
    post(group, "Ook a", tags=["a"], day=3)
    pin(untagged, pinned)

    assert related_titles(untagged) == ["Pin"]


def test_post_page_shows_the_related_posts_in_order(client, reading, group):
    pinned = post(group, "Pin", day=2)
    post(group, "Twee gedeeld", tags=["a", "b"], day=3)
    post(group, "Een gedeeld", tags=["c"], day=4)
    post(group, "Geen gedeeld", tags=["z"], day=5)
    pin(reading, pinned)

    assert rendered_related_titles(client, reading) == ["Pin", "Twee gedeeld", "Een gedeeld"]
    assert rendered_related_titles(client, reading) == related_titles(reading)


def test_post_page_without_related_posts_has_no_related_section(client, reading):
    html = get_html(client, reading.url)

    assert html.select(".related") == []
