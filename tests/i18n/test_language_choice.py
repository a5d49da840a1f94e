"""Which language a reader gets: `/` by the browser's languages or the remembered choice,
the switch that remembers it, and pages never shown under the other language's prefix."""

from django.conf import settings
from django.utils import translation

import pytest

from blog.factories import BlogPageFactory

from .helpers import (
    UNTRANSLATED_NOTICE,
    hreflang_alternates,
    html_lang,
    notices,
    parse,
    switch_links,
    switch_target,
)

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


@pytest.mark.parametrize(
    ("accept_language", "landing"),
    [
        ("en", "/en/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("nl", "/nl/"),
        ("nl-NL,nl;q=0.9,en;q=0.8", "/nl/"),
        ("en-US,en;q=0.9,nl;q=0.8", "/en/"),
        ("fr", "/nl/"),
        ("fr-FR,fr;q=0.9,de;q=0.5", "/nl/"),
        (None, "/nl/"),
    ],
)
def test_a_first_visit_to_the_root_follows_the_browser(client, bilingual, accept_language, landing):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == landing
    assert client.get(landing, **headers).status_code == 200


@pytest.mark.parametrize(("cookie", "accept_language", "landing"), [("en", "nl", "/en/"), ("nl", "en", "/nl/")])
def test_the_remembered_choice_beats_the_browser(client, home, cookie, accept_language, landing):
    client.cookies[COOKIE] = cookie
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == landing


def test_the_switch_remembers_the_choice_for_a_year(client, bilingual):
    response = client.get("/taal/en/", {"next": "/en/"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    cookie = response.cookies[COOKIE]
    assert cookie.value == "en"
    assert int(cookie["max-age"]) >= 364 * 24 * 3600
    assert cookie["path"] == "/"
    assert cookie["samesite"] == "Lax"

    # A Dutch browser that chose English goes to English from now on...
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="nl")["Location"] == "/en/"
    # ... until it switches back.
    back = client.get("/taal/nl/", {"next": "/nl/"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert back.cookies[COOKIE].value == "nl"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/nl/"


def test_the_switch_without_a_destination_goes_to_that_languages_home(client, bilingual):
    for code in ("en", "nl"):
        response = client.get(f"/taal/{code}/")
        assert response.status_code == 302
        assert response["Location"] == f"/{code}/"


@pytest.mark.parametrize("path", ["/taal/xx/", "/taal/EN/", "/taal/de/", "/taal/en-gb/"])
def test_an_unknown_language_is_not_found(client, bilingual, path):
    response = client.get(path, {"next": "/en/"}, follow=True)
    assert response.status_code == 404
    for location, _status in response.redirect_chain:
        assert location.startswith("/") and not location.startswith("//")
    assert COOKIE not in response.cookies


def test_the_untranslated_notice_is_in_the_language_switched_to(client, bilingual):
    landed = client.get("/taal/nl/", {"next": "/nl/", "untranslated": "1"}, follow=True)
    assert landed.redirect_chain == [("/nl/", 302)]
    soup = parse(landed)
    assert html_lang(soup) == "nl"
    assert notices(soup) == ["De pagina die je las is nog niet in deze taal vertaald."]

    with translation.override("nl"):
        dutch = translation.gettext(UNTRANSLATED_NOTICE)
    with translation.override("en"):
        english = translation.gettext(UNTRANSLATED_NOTICE)
    assert dutch == "De pagina die je las is nog niet in deze taal vertaald."
    assert english == UNTRANSLATED_NOTICE

    landed = client.get("/taal/en/", {"next": "/en/", "untranslated": "1"}, follow=True)
    assert notices(parse(landed)) == [UNTRANSLATED_NOTICE]


def test_switching_to_a_translated_page_shows_no_notice(client, english_post, post):
    landed = client.get("/taal/en/", {"next": english_post.url}, follow=True)
    assert landed.redirect_chain == [(english_post.url, 302)]
    assert notices(parse(landed)) == []


def test_a_dutch_post_without_english_version_points_english_readers_home(client, bilingual, author):
    dutch_only = BlogPageFactory(parent=bilingual.nl.group, title="Alleen in het Nederlands", author=author)
    soup = parse(client.get(dutch_only.url))
    code, next_url, untranslated = switch_target(switch_links(soup)["en"]["href"])
    assert (code, next_url, untranslated) == ("en", "/en/", "1")
    assert [code for code, _ in hreflang_alternates(soup)] == ["nl"]


def test_switch_on_pages_that_are_not_cms_pages_keeps_the_address(client, bilingual, author):
    for dutch, english in [
        (f"/nl/leden/{author.pk}/", f"/en/leden/{author.pk}/"),
        ("/nl/account/login/", "/en/account/login/"),
    ]:
        soup = parse(client.get(dutch))
        assert html_lang(soup) == "nl"
        links = switch_links(soup)
        assert links["nl"].get("aria-current") == "true"
        assert switch_target(links["en"]["href"]) == ("en", english, None)
        # Not a page with language versions: nothing to announce to search engines.
        assert hreflang_alternates(soup) == []

        soup = parse(client.get(english))
        assert html_lang(soup) == "en"
        assert switch_target(switch_links(soup)["nl"]["href"]) == ("nl", dutch, None)


class TestPagesStayUnderTheirOwnPrefix:
    """Wagtail serves the default language's page when the requested language has none.
    BasePage.serve sends the reader to the page's own (Dutch) address instead."""

    def test_the_english_home_falls_back_to_the_dutch_one_by_redirect(self, client, home):
        response = client.get("/en/")
        assert response.status_code == 302
        assert response["Location"] == "/nl/"
        followed = client.get("/en/", follow=True)
        assert followed.status_code == 200
        assert html_lang(parse(followed)) == "nl"

    def test_a_dutch_page_reached_under_en_goes_to_its_dutch_address(self, client, group):
        response = client.get("/en/groepen/menskracht/")
        assert response.status_code == 302
        assert response["Location"] == "/nl/groepen/menskracht/"

    def test_a_dutch_post_reached_under_en_goes_to_its_dutch_address(self, client, group):
        post = BlogPageFactory(parent=group, title="Alleen Nederlands", slug="alleen-nederlands")
        response = client.get("/en/groepen/menskracht/alleen-nederlands/", follow=True)
        assert response.redirect_chain == [(post.url, 302)]
        assert response.status_code == 200
        assert html_lang(parse(response)) == "nl"

    def test_with_an_english_home_the_dutch_slugs_are_not_found_under_en(self, client, bilingual):
        for url in ["/en/groepen/menskracht/", "/en/blogs/nope/", "/en/groups/onbekend/"]:
            assert client.get(url).status_code == 404, url
