"""Helpers for the Dutch/English tests: read the language switch and the hreflang links off
a page, make English versions the way wagtail-localize makes them, and check that a
redirect stays on the site. Nothing here mocks Django, Wagtail or the database."""

import re
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from bs4 import BeautifulSoup

# How the switch names each language, in the language of the page it is on.
SWITCH_NAMES = {
    "nl": {"en": "Engels", "nl": "Nederlands"},
    "en": {"en": "English", "nl": "Dutch"},
}
SWITCH_LABEL = {"nl": "Taal", "en": "Language"}
UNTRANSLATED_NOTICE = "The page you were reading has not been translated into this language yet."


def parse(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def html_lang(soup):
    return soup.find("html").get("lang")


def switch_links(soup):
    """``{hreflang: <a>}`` of the language switch, after checking there is exactly one."""
    navs = soup.select("nav.language-switch")
    assert len(navs) == 1, f"expected one language switch, found {len(navs)}"
    anchors = navs[0].find_all("a")
    links = {a.get("hreflang"): a for a in anchors}
    assert len(links) == len(anchors) == 2, [str(a) for a in anchors]
    return links


def switch_label(soup):
    return soup.select_one("nav.language-switch").get("aria-label")


def switch_target(href):
    """``(language code, next, untranslated flag)`` of a switch link ``/taal/<code>/?next=...``."""
    parts = urlsplit(href)
    match = re.fullmatch(r"/taal/(?P<code>[a-z]+)/", parts.path)
    assert match, f"{href!r} does not go through /taal/<code>/"
    query = parse_qs(parts.query)
    return match["code"], query.get("next", [None])[0], query.get("untranslated", [None])[0]


def hreflang_alternates(soup):
    """``[(hreflang, href)]`` of every ``<link rel="alternate" hreflang>`` in the head."""
    return [
        (link.get("hreflang"), link.get("href"))
        for link in soup.head.find_all("link")
        if "alternate" in (link.get("rel") or []) and link.get("hreflang")
    ]


def absolute(path):
    return f"{settings.SITE_BASE_URL.rstrip('/')}{path}"


def notices(soup):
    return [p.get_text(" ", strip=True) for p in soup.select(".messages .notice")]


def assert_on_site(location, server="http://testserver"):
    """A redirect target that keeps the browser on this site: a path that browsers cannot
    read as another host (``//host``, ``/\\host``, with tabs or newlines they drop), or an
    absolute URL on the test server itself."""
    assert location, "no Location"
    # Browsers drop tabs and newlines anywhere in a URL, ignore leading spaces and control
    # characters, and read a backslash as a slash.
    as_browser_reads_it = re.sub(r"[\t\n\r]", "", location).lstrip("\x00- ").replace("\\", "/")
    parts = urlsplit(as_browser_reads_it)
    if parts.scheme or parts.netloc:
        assert f"{parts.scheme}://{parts.netloc}" == server, f"redirect leaves the site: {location!r}"
        return
    assert location.startswith("/"), f"not a path on this site: {location!r}"
    assert not location.startswith(("//", "/\\")), f"protocol-relative redirect: {location!r}"
    assert not as_browser_reads_it.startswith("//"), f"browsers read {location!r} as another host"


def english():
    return Locale.objects.get(language_code="en")


def translate(page, strings, capture, user=None):
    """The English version of ``page``, made the way ``load_demo`` and the translation editor
    make one: string translations for the source's segments (``strings`` maps Dutch text to
    English; text not in it stays as it is), then ``save_target`` publishing it. ``capture``
    is pytest-django's ``django_capture_on_commit_callbacks``: wagtail-localize publishes the
    revision when the transaction commits, which inside a test happens only when asked."""
    locale = english()
    source, _ = TranslationSource.update_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": strings.get(segment.string.data, segment.string.data),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    with capture(execute=True):
        translation.save_target(user=user, publish=True)
    version = page.get_translation(locale).specific
    assert version.live, f"the English version of {page} was not published"
    return version
