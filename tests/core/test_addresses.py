"""The one list of addresses that are never pages (core/addresses.py): each entry is really
such an address of the URL configuration, nothing outside the language prefixes is left
out, and the page cache and the language middleware both go by it."""

import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.cache import SessionStore
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, resolve
from django.utils import translation

from wagtail.views import serve as wagtail_serve

import pytest

from core.addresses import FILE_PREFIXES, NOT_PAGES, UNPREFIXED
from pagecache.keys import cache_place

# Not pages either, but stored and served like pages (see core/addresses.py).
STORED_LIKE_PAGES = {"/sitemap.xml", "/robots.txt"}
ROUTED_PREFIXES = [prefix for prefix in NOT_PAGES if prefix not in FILE_PREFIXES]


def routes():
    """Every address pattern of the URL configuration, whole, with its view, in each language."""

    def walk(patterns, start):
        for entry in patterns:
            route = start + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            else:
                yield route, entry

    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # the language prefix of i18n_patterns
            for route, entry in walk(get_resolver().url_patterns, "/"):
                found.setdefault(route, entry)  # the first one answers
    return found


def example_of(route):
    """A real address for a ``path()`` route: each converter filled with a value it takes."""
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: "7" if m.group(1) in ("int", "id") else "x", route)


@pytest.mark.parametrize("prefix", ROUTED_PREFIXES)
def test_every_prefix_holds_addresses_of_the_url_configuration_and_no_page(prefix):
    under = {route: entry for route, entry in routes().items() if route.startswith(prefix)}
    assert under, f"no address of the URL configuration starts with {prefix}"
    assert all(entry.callback is not wagtail_serve for entry in under.values())
    plain = [route for route in under if "^" not in route]  # path() routes, not regular expressions
    language = next((code for code, _name in settings.LANGUAGES if prefix.startswith(f"/{code}/")), "nl")
    with translation.override(language):
        match = resolve(example_of(plain[0]))
    assert match.func is not wagtail_serve
    assert match.func is under[plain[0]].callback


def test_the_file_prefixes_are_the_settings_and_a_static_file_is_served_there(client, settings):
    assert FILE_PREFIXES == (settings.STATIC_URL, settings.MEDIA_URL)
    settings.WHITENOISE_USE_FINDERS = True  # the test settings collect no static files
    response = client.get(f"{settings.STATIC_URL}css/samen.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")


def test_nothing_outside_the_language_prefixes_is_left_out():
    languages = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    outside = {route for route in routes() if not route.startswith(languages)}
    left_out = {route for route in outside if not route.startswith(UNPREFIXED)} - STORED_LIKE_PAGES
    assert left_out == set()


def request_for(address):
    request = RequestFactory().get(address)
    request.user = AnonymousUser()
    request.session = SessionStore()
    return request


@pytest.mark.parametrize("prefix", NOT_PAGES)
def test_the_page_cache_never_looks_these_addresses_up(prefix):
    assert cache_place(request_for(f"{prefix}x/")) is None
    assert cache_place(request_for("/nl/groepen/")) is not None, "a page's address is looked up"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", UNPREFIXED)
def test_a_missing_address_outside_the_language_prefixes_is_not_sent_under_a_language(client, prefix):
    response = client.get(f"{prefix}bestaat-niet/")
    if prefix == "/admin/":  # the admin asks who you are first
        assert response["Location"] == "/admin/login/?next=/admin/bestaat-niet/"
    else:
        assert response.status_code == 404
    assert response["Content-Language"] == "nl"
    # Anywhere else Django tries the same address under the reader's language.
    assert client.get("/bestaat-niet/")["Location"] == "/nl/bestaat-niet/"
