"""The footer's links to the pages about the site: the reader's language, only what an
anonymous visitor may read, in a fixed order, and fresh in every stored copy of a page
once one of them is published, unpublished or deleted."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import PageViewRestriction, Site

import pytest

from about.footer import footer_links
from about.models import FooterRole
from core.locales import locale_id_for
from tests.helpers import get_html, nl

from .conftest import about_page

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def footer_nav(soup):
    return soup.find("footer").find("nav", class_="site-footer__about")


def footer(client, url):
    nav = footer_nav(get_html(client, url))
    return (
        [(a.get_text(strip=True), a["href"]) for a in nav.select("ul.site-footer__links a.utrecht-link")] if nav else []
    )


def test_dutch_pages_link_the_dutch_pages_accessibility_statement_first(client, home, about_pages):
    expected = [
        ("Toegankelijkheidsverklaring", "/nl/toegankelijkheid/"),
        ("Privacyverklaring", "/nl/privacy/"),
        ("Contact", "/nl/contact/"),
        ("Colofon", "/nl/colofon/"),
    ]
    assert footer(client, "/nl/") == expected
    assert footer(client, about_pages["contact"].url) == expected
    nav = footer_nav(get_html(client, "/nl/"))
    assert nav["aria-label"] == nl("About this site") == "Over deze site"
    assert "utrecht-link-list" in nav.ul["class"]


def test_english_pages_link_the_english_pages(client, english_about_pages):
    english_home, english = english_about_pages
    expected = [
        ("Accessibility statement", "/en/accessibility/"),
        ("Privacy statement", "/en/privacy/"),
        ("Contact", "/en/contact/"),
        ("Colophon", "/en/colophon/"),
    ]
    assert footer(client, english_home.url) == expected
    assert footer(client, english["privacy"].url) == expected
    assert footer_nav(get_html(client, english_home.url))["aria-label"] == "About this site"
    # The Dutch pages keep their own.
    assert footer(client, "/nl/")[0] == ("Toegankelijkheidsverklaring", "/nl/toegankelijkheid/")


def test_no_pages_no_footer_navigation(client, home):
    assert footer_nav(get_html(client, "/nl/")) is None


def test_a_draft_a_restricted_page_and_a_page_without_a_role_are_not_linked(client, home, about_pages):
    about_pages["contact"].unpublish()
    PageViewRestriction.objects.create(
        page=about_pages["colophon"], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    about_page(home, "Over ons", "over-ons", FooterRole.OTHER)
    about_page(home, "Nieuw contact", "nieuw-contact", FooterRole.CONTACT, live=False)

    assert footer(client, "/nl/") == [
        ("Toegankelijkheidsverklaring", "/nl/toegankelijkheid/"),
        ("Privacyverklaring", "/nl/privacy/"),
    ]


def test_a_page_under_a_restricted_home_is_not_linked(client, home, about_pages):
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    cache.clear()
    with translation.override("nl"):
        assert footer_links() == []


def test_one_query_at_most_and_none_once_kept(about_pages):
    # Known from the page being served: its language's locale, and the sites' root paths.
    locale_id_for("nl")
    Site.get_site_root_paths()
    with translation.override("nl"):
        with CaptureQueriesContext(connection) as first:
            links = footer_links()
        with CaptureQueriesContext(connection) as second:
            assert footer_links() == links
    assert len(links) == 4
    assert len(first) == 1
    assert len(second) == 0


# --- The shared page cache ---------------------------------------------------------------


def served_from_cache(client, url):
    response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    return response


def warm(client, url):
    served_from_cache(client, url)
    assert served_from_cache(client, url)["X-Cache"] == "HIT"


def footer_of_copy(client, url):
    return [a.get_text(strip=True) for a in footer_nav(get_html(client, url)).find_all("a")]


def test_publishing_a_privacy_statement_shows_it_in_the_footer_of_a_stored_home_page(client, home):
    about_page(home, "Contact", "contact", FooterRole.CONTACT)
    cache.clear()
    warm(client, "/nl/")

    # As an editor does it: a draft first, then published (Wagtail's signals included).
    privacy = about_page(home, "Privacyverklaring", "privacy", FooterRole.PRIVACY, live=False)
    privacy.save_revision().publish()

    response = served_from_cache(client, "/nl/")
    assert response["X-Cache"] == "MISS"
    assert "/nl/privacy/" in response.content.decode()
    assert footer_of_copy(client, "/nl/") == ["Privacyverklaring", "Contact"]


def test_unpublishing_takes_the_link_out_of_stored_pages(client, home, about_pages):
    warm(client, "/nl/")
    about_pages["privacy"].unpublish()
    assert "/nl/privacy/" not in served_from_cache(client, "/nl/").content.decode()


def test_deleting_takes_the_link_out_of_stored_pages(client, home, about_pages):
    # The contact page lists nothing: only the footer makes it show the colophon.
    contact = about_pages["contact"].url
    warm(client, contact)
    about_pages["colophon"].delete()
    assert "/nl/colofon/" not in served_from_cache(client, contact).content.decode()


def test_a_retitled_page_is_retitled_in_every_footer(client, home, about_pages):
    warm(client, "/nl/")
    contact = about_pages["contact"]
    contact.title = "Contact en adres"
    contact.save_revision().publish()
    assert "Contact en adres" in footer_of_copy(client, "/nl/")
