"""Bylines say how long ago a post appeared, in the reader's language, and keep the exact
date for whoever hovers or reads the markup."""

import datetime

from django.utils import formats, timezone, translation

import pytest

from blog.factories import BlogPageFactory
from core.dates import exact_time, relative_time
from tests.helpers import get_html

NOW = timezone.make_aware(datetime.datetime(2026, 3, 1, 12, 0))

CASES = [
    # (time before NOW, Dutch, English)
    (datetime.timedelta(seconds=0), "zojuist", "just now"),
    (datetime.timedelta(seconds=59), "zojuist", "just now"),
    (datetime.timedelta(minutes=1), "1 minuut geleden", "1 minute ago"),
    (datetime.timedelta(minutes=5), "5 minuten geleden", "5 minutes ago"),
    (datetime.timedelta(minutes=59, seconds=59), "59 minuten geleden", "59 minutes ago"),
    (datetime.timedelta(hours=1), "1 uur geleden", "1 hour ago"),
    (datetime.timedelta(hours=3, minutes=40), "3 uur geleden", "3 hours ago"),
    (datetime.timedelta(hours=23, minutes=59), "23 uur geleden", "23 hours ago"),
    (datetime.timedelta(days=1), "1 dag geleden", "1 day ago"),
    (datetime.timedelta(days=2, hours=5), "2 dagen geleden", "2 days ago"),
    (datetime.timedelta(days=1842), "1842 dagen geleden", "1842 days ago"),
]


@pytest.mark.parametrize(("ago", "dutch", "english"), CASES, ids=[case[2] for case in CASES])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_relative_time(language, ago, dutch, english):
    with translation.override(language):
        text = relative_time(NOW - ago, now=NOW)

    assert text == {"nl": dutch, "en": english}[language]


def test_relative_time_defaults_to_now():
    with translation.override("en"):
        assert relative_time(timezone.now() - datetime.timedelta(days=3, minutes=1)) == "3 days ago"


@pytest.mark.django_db
def test_byline_shows_relative_time_with_the_exact_date(client, group):
    published = timezone.now() - datetime.timedelta(days=1842, hours=2)
    post = BlogPageFactory(parent=group, date_published=published)

    time = get_html(client, post.url).select_one(".post__byline time")

    local = timezone.localtime(published)
    with translation.override("nl"):
        exact = formats.date_format(local, "DATETIME_FORMAT")
    assert time["datetime"] == local.isoformat()
    assert datetime.datetime.fromisoformat(time["datetime"]) == published
    assert time["title"] == exact
    assert str(local.year) in exact
    assert time.get_text(strip=True) == "1842 dagen geleden"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_exact_time_is_written_in_the_active_language_and_time_zone(language):
    moment = NOW - datetime.timedelta(days=40, minutes=7)
    for zone in ("Europe/Amsterdam", "America/Curacao"):
        with translation.override(language), timezone.override(zone):
            expected = formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
            iso, exact = exact_time(moment)
            assert exact_time(moment) == (iso, exact)  # asked again: the same answer
        assert exact == expected
        assert datetime.datetime.fromisoformat(iso) == moment
        assert iso.endswith("-04:00") == (zone == "America/Curacao")


def test_the_exact_time_follows_a_change_of_language():
    moment = NOW - datetime.timedelta(days=3)
    with translation.override("nl"):
        dutch = exact_time(moment)[1]
    with translation.override("en"):
        english = exact_time(moment)[1]
    assert "februari" in dutch
    assert "February" in english or "Feb." in english
