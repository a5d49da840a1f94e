"""Related posts under an English post: English posts only, the editor's pins included."""

import pytest

from blog.factories import BlogPageFactory
from blog.models import BlogPage, BlogPageRelatedPin

from .helpers import parse

pytestmark = pytest.mark.django_db


def related_titles(client, page):
    soup = parse(client.get(page.url))
    return [a.get_text(strip=True) for a in soup.select(".related__list .post-card__title a")]


@pytest.fixture
def pinned_pair(bilingual, author, translate_post):
    """ "Samen leren" pins "Tweede bericht"; both have English versions."""
    reading = BlogPageFactory(parent=bilingual.nl.group, title="Samen leren", slug="samen-leren", author=author)
    pinned = BlogPageFactory(parent=bilingual.nl.group, title="Tweede bericht", slug="tweede-bericht", author=author)
    BlogPageRelatedPin.objects.create(page=reading, related=pinned, sort_order=0)
    english_pinned = translate_post(pinned)
    english_reading = translate_post(BlogPage.objects.get(pk=reading.pk))
    return reading, english_reading, english_pinned


def test_the_english_post_shows_the_english_version_of_its_pin(client, pinned_pair):
    reading, english_reading, english_pinned = pinned_pair
    assert related_titles(client, reading) == ["Tweede bericht"]
    assert related_titles(client, english_reading) == ["Second post"]
    soup = parse(client.get(english_reading.url))
    assert [a["href"] for a in soup.select(".related__list .post-card__title a")] == [english_pinned.url]


def test_a_pin_without_english_version_is_left_out_in_english(client, bilingual, author, translate_post):
    reading = BlogPageFactory(parent=bilingual.nl.group, title="Samen leren", slug="samen-leren", author=author)
    dutch_only = BlogPageFactory(parent=bilingual.nl.group, title="Alleen Nederlands", author=author)
    BlogPageRelatedPin.objects.create(page=reading, related=dutch_only, sort_order=0)
    english_reading = translate_post(BlogPage.objects.get(pk=reading.pk))
    assert related_titles(client, reading) == ["Alleen Nederlands"]
    assert related_titles(client, english_reading) == []


def test_related_posts_by_tag_stay_in_the_readers_language(client, bilingual, author, translate_post):
    reading = BlogPageFactory(
        parent=bilingual.nl.group, title="Samen leren", slug="samen-leren", author=author, tags=["talent"]
    )
    sharing = BlogPageFactory(
        parent=bilingual.nl.group, title="Tweede bericht", slug="tweede-bericht", author=author, tags=["talent"]
    )
    BlogPageFactory(parent=bilingual.nl.group, title="Alleen Nederlands", author=author, tags=["talent"])
    translate_post(sharing)
    english_reading = translate_post(reading)
    assert sorted(related_titles(client, reading)) == ["Alleen Nederlands", "Tweede bericht"]
    assert related_titles(client, english_reading) == ["Second post"]
