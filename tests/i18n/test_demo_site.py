"""The demo site in both languages, as ``load_demo`` builds it.

These tests commit for real (``transaction=True``), as ``manage.py load_demo`` does:
wagtail-localize publishes each English version when its transaction commits. Inside a
test's single transaction the English pages would stay drafts, and running the deferred
publishes afterwards would overwrite the English parents' child counts."""

import io
from urllib.parse import urlencode

from django.core.management import call_command

from wagtail.models import Locale, Page

import pytest

from accounts.models import User
from blog.models import BlogPage
from demo.content import UNTRANSLATED_POSTS

from .helpers import (
    SWITCH_LABEL,
    SWITCH_NAMES,
    UNTRANSLATED_NOTICE,
    absolute,
    hreflang_alternates,
    html_lang,
    notices,
    parse,
    switch_label,
    switch_links,
    switch_target,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OTHER = {"nl": "en", "en": "nl"}
UNTRANSLATED_SLUG = "jongeren-aan-tafel-bij-de-gemeenteraad"
UNTRANSLATED_TITLE = "Jongeren aan tafel bij de gemeenteraad"
UNTRANSLATED_NL_URL = f"/nl/groepen/burgerparticipatie/{UNTRANSLATED_SLUG}/"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def live_pages(code):
    return list(Page.objects.live().filter(depth__gt=1, locale__language_code=code).order_by("path"))


def test_every_page_in_both_languages_announces_its_language_and_its_translation(client, demo):
    assert UNTRANSLATED_SLUG in UNTRANSLATED_POSTS
    # The demo's editor may read every page, the members-only post included.
    client.login(email="beheer@samen.test", password="samen-beheer")
    dutch, english = live_pages("nl"), live_pages("en")
    assert len(dutch) >= 17
    # Every Dutch page has a live English version, except the untranslated post.
    missing = [page.slug for page in dutch if not page.get_translations().live().filter(locale__language_code="en")]
    assert sorted(missing) == sorted(UNTRANSLATED_POSTS)
    assert len(english) == len(dutch) - len(UNTRANSLATED_POSTS)
    assert {page.url for page in english} >= {
        "/en/",
        "/en/groups/",
        "/en/blogs/",
        "/en/groups/menskracht/",
        "/en/groups/menskracht/job-satisfaction-starts-at-the-coffee-machine/",
    }
    for code, pages in (("nl", dutch), ("en", english)):
        for page in pages:
            check_page(client, page, code)


def check_page(client, page, code):
    """``page`` answers in ``code``, with a switch to its translation and hreflang links."""
    other = OTHER[code]
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    soup = parse(response)
    assert html_lang(soup) == code, page.url
    assert switch_label(soup) == SWITCH_LABEL[code]

    links = switch_links(soup)
    current, elsewhere = links[code], links[other]
    assert current.get("aria-current") == "true", page.url
    assert current.get_text(strip=True) == SWITCH_NAMES[code][code]
    assert current["href"] == page.url
    assert elsewhere.get("aria-current") is None, page.url
    assert elsewhere.get_text(strip=True) == SWITCH_NAMES[code][other]

    versions = {v.locale.language_code: v for v in page.get_translations(inclusive=True).live()}
    target_code, next_url, untranslated = switch_target(elsewhere["href"])
    assert target_code == other
    if other in versions:
        assert (next_url, untranslated) == (versions[other].url, None), page.url
        assert elsewhere.get("title") is None
        followed = client.get(elsewhere["href"])
        assert followed.status_code == 302
        assert followed["Location"] == versions[other].url
    else:
        assert (next_url, untranslated) == (f"/{other}/", "1"), page.url
        assert elsewhere.get("title"), "an untranslated page's switch link says where it leads"

    expected = sorted((lang, absolute(version.url)) for lang, version in versions.items())
    if len(versions) > 1:
        expected.append(("x-default", absolute(versions["nl"].url)))
    assert hreflang_alternates(soup) == expected, page.url
    assert all(href.startswith("http://127.0.0.1:8000/") for _, href in expected)


def test_the_untranslated_post_sends_english_readers_home_with_a_notice(client, demo):
    response = client.get(UNTRANSLATED_NL_URL)
    assert response.status_code == 200
    soup = parse(response)
    engels = switch_links(soup)["en"]
    assert engels.get_text(strip=True) == "Engels"
    assert engels["href"] == "/taal/en/?" + urlencode({"next": "/en/", "untranslated": "1"})
    # The hint on the link is in the reader's language (Dutch), like the rest of the page.
    assert engels["title"] == "Deze pagina is nog niet vertaald; je gaat naar de startpagina."

    # Only the Dutch version exists, so search engines hear of no other and no x-default.
    assert hreflang_alternates(soup) == [("nl", absolute(UNTRANSLATED_NL_URL))]

    landed = client.get(engels["href"], follow=True)
    assert landed.redirect_chain == [("/en/", 302)]
    assert landed.status_code == 200
    home = parse(landed)
    assert html_lang(home) == "en"
    assert notices(home) == [UNTRANSLATED_NOTICE]
    assert UNTRANSLATED_TITLE not in home.get_text()
    # The notice is for that one arrival: the next page does not repeat it.
    assert notices(parse(client.get("/en/blogs/"))) == []


def test_english_listings_never_show_the_untranslated_post(client, demo):
    english = Locale.objects.get(language_code="en")
    dutch_post = BlogPage.objects.get(slug=UNTRANSLATED_SLUG)
    assert dutch_post.get_translation_or_none(english) is None
    author = User.objects.get(pk=dutch_post.author_id)
    english_group = dutch_post.get_parent().get_translation(english)
    assert english_group.url == "/en/groups/citizen-participation/"

    listings = [
        "/en/",
        "/en/blogs/",
        "/en/blogs/?tag=participatie",
        "/en/blogs/?group=citizen-participation",
        english_group.url,
        f"/en/leden/{author.pk}/",
    ]
    # Related posts on every English post, too (the untranslated post shares tags with many,
    # and pins one of them).
    listings += [post.url for post in BlogPage.objects.live().filter(locale=english)]
    for url in listings:
        response = client.get(url)
        assert response.status_code == 200, url
        soup = parse(response)
        assert html_lang(soup) == "en"
        hrefs = [a.get("href") or "" for a in soup.find_all("a")]
        assert not [href for href in hrefs if UNTRANSLATED_SLUG in href], url
        assert UNTRANSLATED_TITLE not in soup.get_text(), url

    # The English group still lists its translated post.
    group_page = parse(client.get(english_group.url))
    assert "Participation that goes beyond a drop-in evening" in group_page.get_text()


def test_no_english_address_serves_the_untranslated_post_or_dutch_content(client, demo):
    for url in [
        f"/en/groups/citizen-participation/{UNTRANSLATED_SLUG}/",
        f"/en/groepen/burgerparticipatie/{UNTRANSLATED_SLUG}/",
        f"/en/groups/burgerparticipatie/{UNTRANSLATED_SLUG}/",
        "/en/groepen/menskracht/",
        "/nl/groups/",
        "/nl/groups/menskracht/job-satisfaction-starts-at-the-coffee-machine/",
    ]:
        assert client.get(url).status_code == 404, url

    # Making an English version renames a copy of the Dutch page, and Wagtail remembers the
    # copy's Dutch-slug address as a redirect. Such an address may lead to the English
    # version of the same page, never to Dutch content under /en/.
    english = Locale.objects.get(language_code="en")
    for url, dutch_url in [
        ("/en/groepen/", "/nl/groepen/"),
        ("/en/groups/burgerparticipatie/", "/nl/groepen/burgerparticipatie/"),
        (
            "/en/groups/menskracht/werkplezier-begint-bij-de-koffieautomaat/",
            "/nl/groepen/menskracht/werkplezier-begint-bij-de-koffieautomaat/",
        ),
    ]:
        response = client.get(url)
        if response.status_code == 404:
            continue
        dutch = next(page for page in live_pages("nl") if page.url == dutch_url)
        assert response.status_code == 301, url
        assert response["Location"] == dutch.get_translation(english).url, url
