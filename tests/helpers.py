"""Small helpers the page tests share: fetch and parse pages, build post bodies, read
listings and count queries. Nothing here mocks Wagtail or the database."""

import json

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from bs4 import BeautifulSoup

from blog.factories import BlogPageFactory
from core.factories import ImageFactory


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def get_html(client, url, data=None, status=200):
    """GET ``url`` and return the parsed page, after checking the status code."""
    response = client.get(url, data)
    assert response.status_code == status, f"GET {url} {data or ''} answered {response.status_code}, not {status}"
    return parse(response)


def nl(msgid):
    """``msgid`` as a Dutch reader sees it (the msgid itself while the catalogue is not compiled)."""
    with translation.override("nl"):
        return translation.gettext(msgid)


def stream(*blocks):
    """A StreamField body the way the factories take it: ``stream(("heading", {...}), ...)``."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def nav_labelled(soup, msgid):
    """The ``<nav>`` whose accessible name is ``msgid`` in Dutch."""
    nav = soup.find("nav", attrs={"aria-label": nl(msgid)})
    assert nav is not None, f"no <nav aria-label={nl(msgid)!r}> on the page"
    return nav


def links(element):
    """``(text, href, aria-current)`` of every link inside ``element``, in document order."""
    return [(a.get_text(strip=True), a.get("href"), a.get("aria-current")) for a in element.find_all("a")]


def card_titles(soup):
    """Titles of the post cards on a listing, in the order shown."""
    return [a.get_text(strip=True) for a in soup.select(".post-card__title a")]


def queries_with_2_and_40_posts(client, groups, url_of):
    """The queries of the page ``url_of(posts)`` names, with 2 posts in ``groups`` and then
    with 40: a page whose count grows with the posts has a query per post somewhere."""
    posts = add_posts(groups, 2)
    with_two = count_queries(client, url_of(posts))
    add_posts(groups, 38, start=2)
    return with_two, count_queries(client, url_of(posts))


def count_queries(client, url):
    """How many SQL queries one GET of ``url`` takes to render, after a first GET that warms
    caches and creates image renditions. The shared page cache is off for both: the count
    is that of a page rendered for this reader (tests/production/test_page_cache.py pins
    that a shared copy takes none). Sessions are kept as production keeps them, read
    from the cache (``cached_db``), so a member's session costs what it costs there."""
    with override_settings(PAGE_CACHE_SECONDS=0, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


# A ceiling above what any page needs today (the post page, with its reactions, related
# posts and language versions, needs about 30), so that a page that starts querying per
# post shows up even when the before/after comparison is not what catches it.
QUERY_CEILING = 40

TAG_POOL = ["talent", "leren", "samenwerken", "digitaal", "welzijn"]


def add_posts(groups, count, start=0):
    """``count`` published posts spread over ``groups``, each with its own hero image and two
    or three tags from a small pool, so that posts share tags and have related posts."""
    posts = []
    for n in range(start, start + count):
        tags = [TAG_POOL[n % 5], TAG_POOL[(n + 1) % 5]]
        if n % 2:
            tags.append(TAG_POOL[(n + 3) % 5])
        posts.append(
            BlogPageFactory(
                parent=groups[n % len(groups)],
                hero_image=ImageFactory(),
                hero_image_alt=f"Illustratie {n}",
                tags=tags,
            )
        )
    return posts
