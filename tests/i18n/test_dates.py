"""Dates in the reader's language: "days ago" or "dagen geleden", and the exact date on
hover with English or Dutch month names."""

import datetime
import re

from django.utils import formats, timezone, translation

import pytest

from blog.factories import BlogPageFactory

from .helpers import parse

pytestmark = pytest.mark.django_db

# 16 October 2021, 10:30 in Amsterdam (summer time), as the demo's oldest post.
FIXED = timezone.make_aware(datetime.datetime(2021, 10, 16, 10, 30))


def byline_time(response):
    time = parse(response).select_one(".post__byline time")
    assert time is not None, "no <time> in the byline"
    return time


def days_since(moment):
    return int((timezone.now() - moment).total_seconds()) // 86400


def test_relative_time_in_the_byline_follows_the_language(client, post, english_post):
    days = days_since(post.date_published)
    dutch = byline_time(client.get(post.url)).get_text(strip=True)
    english = byline_time(client.get(english_post.url)).get_text(strip=True)
    assert re.fullmatch(r"\d+ dagen geleden", dutch), dutch
    assert re.fullmatch(r"\d+ days ago", english), english
    assert int(dutch.split()[0]) in (days, days + 1)
    assert dutch.split()[0] == english.split()[0]


def test_one_day_is_singular_in_both_languages(client, bilingual, translate_post, author):
    post = BlogPageFactory(
        parent=bilingual.nl.group,
        title="Tweede bericht",
        slug="tweede-bericht",
        author=author,
        date_published=timezone.now() - datetime.timedelta(days=1, hours=3),
    )
    english = translate_post(post)
    assert byline_time(client.get(post.url)).get_text(strip=True) == "1 dag geleden"
    assert byline_time(client.get(english.url)).get_text(strip=True) == "1 day ago"


def test_the_exact_date_on_hover_uses_the_languages_month_names(client, bilingual, translate_post, author):
    post = BlogPageFactory(
        parent=bilingual.nl.group, title="Tweede bericht", slug="tweede-bericht", author=author, date_published=FIXED
    )
    english = translate_post(post)
    assert english.date_published == FIXED

    dutch_time = byline_time(client.get(post.url))
    english_time = byline_time(client.get(english.url))
    assert dutch_time["datetime"] == english_time["datetime"] == "2021-10-16T10:30:00+02:00"
    assert dutch_time["title"] == "16 oktober 2021 10:30"
    assert english_time["title"] == "Oct. 16, 2021, 10:30 a.m."

    # The same as Django's own formats for each language.
    local = timezone.localtime(FIXED)
    for code, time in (("nl", dutch_time), ("en", english_time)):
        with translation.override(code):
            assert time["title"] == formats.date_format(local, "DATETIME_FORMAT")


def test_listing_cards_and_reactions_speak_the_readers_language(client, post, english_post):
    dutch_card = parse(client.get(post.get_parent().url)).select_one(".post-card__meta time")
    english_card = parse(client.get(english_post.get_parent().url)).select_one(".post-card__meta time")
    assert dutch_card.get_text(strip=True).endswith("dagen geleden")
    assert english_card.get_text(strip=True).endswith("days ago")
    assert re.search(r"[a-z]+", dutch_card["title"]).group(0) in {
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    }
