"""Counting reads: once per session per post, never for the author, bots, previews or
ignored networks, shown in the reader's language, and atomic under simultaneous reads."""

import threading

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from blog.factories import BlogPageFactory
from engagement import readership
from engagement.models import DailyViews, PostViews
from engagement.readership import read_count

from .helpers import soup

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


def beacon(post):
    return reverse("read_beacon", args=[post.pk])


def read(client, post, method="post", **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    return getattr(client, method)(beacon(post), **headers)


def test_a_reader_counts_once_per_session(client, post):
    assert read(client, post).status_code == 204
    assert read(client, post).status_code == 204
    assert read_count(post) == 1
    assert read(Client(), post).status_code == 204
    assert read_count(post) == 2
    assert DailyViews.objects.get(translation_key=post.translation_key).views == 2


def test_without_javascript_the_image_counts_and_is_an_image(client, post):
    response = read(client, post, method="get")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response["Cache-Control"] == "no-store"
    assert read_count(post) == 1


def test_other_methods_are_refused(client, post):
    assert client.put(beacon(post), HTTP_USER_AGENT=BROWSER).status_code == 405
    assert read_count(post) == 0


def test_the_author_reading_their_own_post_does_not_count(client, post, author):
    client.force_login(author)
    read(client, post)
    assert read_count(post) == 0


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "python-requests/2.32",
        "curl/8.5.0",
        "Mozilla/5.0 HeadlessChrome/120.0",
        "",
    ],
)
def test_bots_do_not_count(client, post, agent):
    read(client, post, HTTP_USER_AGENT=agent)
    assert read_count(post) == 0


def test_ignored_networks_do_not_count_and_a_forged_header_changes_nothing(client, post, settings):
    settings.VIEW_COUNT_IGNORED_NETWORKS = ["10.1.0.0/16", "2001:db8::/32"]
    readership._ignored_networks.cache_clear()
    try:
        read(client, post, REMOTE_ADDR="10.1.2.3")
        read(Client(), post, REMOTE_ADDR="2001:db8::1")
        assert read_count(post) == 0
        # Without trusted proxies, X-Forwarded-For is the client's own claim: ignored.
        read(Client(), post, REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert read_count(post) == 0
        read(Client(), post, REMOTE_ADDR="203.0.113.9")
        assert read_count(post) == 1
    finally:
        readership._ignored_networks.cache_clear()


def test_unpublished_and_unknown_pages_are_not_counted(client, post):
    post.unpublish()
    assert read(client, post).status_code == 404
    assert client.post("/statistieken/gelezen/999999/", HTTP_USER_AGENT=BROWSER).status_code == 404
    assert not PostViews.objects.exists()


def test_the_page_carries_the_beacon_and_counts_nothing_itself(client, post):
    page = soup(client.get(post.url, HTTP_USER_AGENT=BROWSER))
    assert page.select_one("[data-read-beacon]")["data-read-beacon"] == beacon(post)
    assert page.select_one("noscript") is not None
    assert read_count(post) == 0


def test_a_preview_has_no_beacon(client, post, django_user_model):
    editor = django_user_model.objects.create_superuser(email="redactie@samen.test", password="x", display_name="R")
    client.force_login(editor)
    preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[post.pk]))
    assert preview.status_code == 200
    assert "data-read-beacon" not in preview.content.decode()


def test_the_count_on_the_page_is_written_the_dutch_way(client, post):
    PostViews.objects.create(translation_key=post.translation_key, views=2848)
    assert soup(client.get(post.url)).select_one(".post__views").get_text(strip=True) == "2.848 keer bekeken"


@pytest.mark.parametrize(
    ("language", "count", "expected"), [("nl", 1, "1 keer bekeken"), ("en", 2848, "2,848 views"), ("en", 1, "1 view")]
)
def test_the_count_in_each_language(language, count, expected):
    template = Template(
        "{% load i18n humanize %}{% blocktranslate count counter=n with views=n|intcomma %}"
        "{{ views }} view{% plural %}{{ views }} views{% endblocktranslate %}"
    )
    with translation.override(language):
        assert template.render(Context({"n": count})) == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="simultaneous writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_simultaneous_first_reads_add_exactly_fifty(group, author):
    post = BlogPageFactory(parent=group, author=author, title="Druk gelezen", slug="druk-gelezen")
    start = threading.Barrier(50)
    results = []

    def first_read():
        try:
            start.wait()
            results.append(Client().post(beacon(post), HTTP_USER_AGENT=BROWSER).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=first_read) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [204] * 50
    assert read_count(post) == 50
    assert DailyViews.objects.get(translation_key=post.translation_key).views == 50


# --- No session for a reader who has none -------------------------------------------------


def test_a_reader_without_a_session_gets_none_from_the_beacon(post):
    reader = Client()
    for method in ("post", "get"):
        response = read(reader, post, method=method)
        assert response.status_code in (200, 204)
        assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()
    assert read_count(post) == 1


def test_the_cookie_the_beacon_sets_counts_the_post_once(post, other_post):
    first = read(Client(), post)
    cookie = first.cookies[readership.COOKIE_NAME]
    assert cookie["path"] == "/statistieken/gelezen/"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
    assert str(post.translation_key) not in cookie.value  # marks, not the posts' keys

    # A reader who sends the cookie back, without any session.
    again = Client()
    again.cookies[readership.COOKIE_NAME] = cookie.value
    assert read(again, post).status_code == 204
    assert read(again, post).status_code == 204
    assert read_count(post) == 1
    # Another post still counts, and the cookie then remembers both.
    assert read(again, other_post).status_code == 204
    assert read_count(other_post) == 1
    read(again, post)
    assert read_count(post) == 1
    assert not Session.objects.exists()


def signed(value, salt=readership.COOKIE_SALT):
    """``value`` as the site itself would sign it into the cookie (with ``salt``)."""
    response = HttpResponse()
    response.set_signed_cookie(readership.COOKIE_NAME, value, salt=salt)
    return response.cookies[readership.COOKIE_NAME].value


def counted(value):
    request = HttpRequest()
    request.COOKIES[readership.COOKIE_NAME] = value
    return request.get_signed_cookie(readership.COOKIE_NAME, salt=readership.COOKIE_SALT).split(".")


@pytest.mark.parametrize("damage", ["flip", "garbage", "other-salt", "not-marks"])
def test_a_changed_cookie_is_ignored_and_the_read_counts_once_more(post, damage):
    reader = Client()
    value = read(reader, post).cookies[readership.COOKIE_NAME].value
    changed = {
        "flip": value[:-1] + ("A" if value[-1] != "A" else "B"),
        "garbage": "\x00;;;::" + "x" * 5000,
        # Signed by the site, but for something else.
        "other-salt": signed(readership.read_mark(post), salt="elsewhere"),
        "not-marks": signed("not a mark.<script>"),
    }[damage]
    reader.cookies[readership.COOKIE_NAME] = changed
    response = read(reader, post)
    assert response.status_code == 204
    assert read_count(post) == 2
    # The reader gets a good cookie back, which counts the post once from then on.
    assert counted(response.cookies[readership.COOKIE_NAME].value) == [readership.read_mark(post)]
    read(reader, post)
    assert read_count(post) == 2


def test_the_cookie_keeps_the_latest_posts_within_its_limit(post):
    reader = Client()
    marks = [f"{number:08d}" for number in range(readership.COOKIE_LIMIT)]
    reader.cookies[readership.COOKIE_NAME] = signed(".".join(marks))
    value = read(reader, post).cookies[readership.COOKIE_NAME].value
    kept = counted(value)
    assert len(kept) == readership.COOKIE_LIMIT
    assert kept[-1] == readership.read_mark(post)
    assert kept[:-1] == marks[1:]
    assert len(value) < 1200
