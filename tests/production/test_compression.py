"""Pages travel gzip-compressed to browsers that ask for it, plain to those that do not,
whether the page was rendered or came from the shared page cache."""

import gzip

from django.core.cache import cache

import pytest

from accounts.factories import DEFAULT_PASSWORD
from blog.factories import BlogPageFactory
from tests.engagement.helpers import verified_member

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
GZIP = "gzip, deflate, br"


@pytest.fixture
def post(group, blog_index):
    page = BlogPageFactory(parent=group, title="Werken aan welzijn", slug="werken-aan-welzijn")
    cache.clear()
    return page


def get(client, url, encoding=None):
    extra = {"HTTP_ACCEPT_ENCODING": encoding} if encoding is not None else {}
    return client.get(url, HTTP_USER_AGENT=BROWSER, **extra)


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def assert_gzip(response):
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "accept-encoding" in vary(response)
    assert int(response["Content-Length"]) == len(response.content)
    return gzip.decompress(response.content)


def assert_plain(response):
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    # A cache in between must still keep the plain and the compressed answer apart.
    assert "accept-encoding" in vary(response)
    assert response.content.lstrip().startswith(b"<!DOCTYPE html>")
    return response.content


def test_a_rendered_page_is_compressed_only_for_a_browser_that_asks_for_gzip(client, post):
    # No page cache here: both answers are rendered.
    compressed = get(client, f"{post.url}?utm_source=nieuwsbrief", GZIP)
    assert not compressed.has_header("X-Cache")
    html = assert_gzip(compressed)
    plain = assert_plain(get(client, f"{post.url}?utm_source=nieuwsbrief"))
    assert b"Werken aan welzijn" in html
    assert html == plain
    assert len(compressed.content) < len(plain) / 2


@pytest.mark.parametrize("first, second", [(GZIP, None), (None, GZIP), (GZIP, GZIP), (None, None)])
def test_the_shared_copy_is_stored_plain_and_compressed_per_reader(client, post, first, second):
    stored = get(client, post.url, first)
    assert stored["X-Cache"] == "MISS"
    served = get(client, post.url, second)
    assert served["X-Cache"] == "HIT"

    stored_html = assert_gzip(stored) if first else assert_plain(stored)
    served_html = assert_gzip(served) if second else assert_plain(served)
    # Word for word the page that was stored, whichever reader stored it.
    assert served_html == stored_html
    assert b"Werken aan welzijn" in served_html


def test_a_browser_that_only_takes_other_encodings_gets_plain_html(client, post):
    assert_plain(get(client, post.url, "br, deflate"))
    assert_plain(get(client, post.url, "identity"))


def test_a_member_page_from_the_shell_cache_is_compressed_too(client, post):
    member = verified_member()
    assert client.login(email=member.email, password=DEFAULT_PASSWORD)
    first = get(client, post.url, GZIP)
    again = get(client, post.url, GZIP)
    plain = get(client, post.url)
    for response in (first, again):
        html = assert_gzip(response)
        assert member.display_name.encode() in html
    assert member.display_name.encode() in assert_plain(plain)
    assert again["X-Cache"] == "HIT"
    assert "private" in again["Cache-Control"]
