"""``/sitemap.xml`` lists every page an anonymous visitor may read, in both languages, with
its last publication and its other language versions; ``/robots.txt`` keeps robots out of
the admin and the search pages and points at the sitemap."""

import datetime
import xml.etree.ElementTree as ET

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError

from wagtail.models import Page, PageViewRestriction

import pytest

from tests.helpers import QUERY_CEILING, count_queries, parse
from tests.i18n.helpers import absolute

from .conftest import close_site, english_version, publish, rolled_back

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def corpus(site, django_db_blocker):
    """The site's pages published the way editors publish them (so that each has a
    publication date), and posts at every access level: ``readable`` and ``unreadable``
    name them."""
    with rolled_back(django_db_blocker):
        for page in (site.home, site.group_index, site.blog_index, site.group, site.other_group, site.closed_group):
            publish(page)
        post = site.post
        public = publish(post(title="Openbaar", slug="openbaar"))
        translated = publish(post(title="Vertaald", slug="vertaald"))
        english = english_version(translated, {"Vertaald": "Translated", "vertaald": "translated"})
        unreadable = {
            "logged_in": publish(post(title="Ingelogd", access_level="logged_in")),
            "members": publish(post(title="Voor leden", access_level="members")),
            "owner": publish(post(title="Eigenaar", access_level="owner")),
            "closed group": publish(post(title="Gesloten", parent=site.closed_group)),
            "unpublished": publish(post(title="Concept")),
            "private": publish(post(title="Met wachtwoord")),
        }
        unreadable["unpublished"].unpublish()
        PageViewRestriction.objects.create(page=unreadable["private"], restriction_type="password", password="geheim")
        yield {"public": public, "translated": translated, "english": english, "unreadable": unreadable}


def read_sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own sitemap, read in a test
    assert root.tag == f"{{{NS['sm']}}}urlset"
    entries = {}
    for url in root.findall("sm:url", NS):
        location = url.findtext("sm:loc", namespaces=NS)
        assert location not in entries, f"{location} listed twice"
        entries[location] = {
            "lastmod": url.findtext("sm:lastmod", namespaces=NS),
            "alternates": sorted(
                (link.get("hreflang"), link.get("href"))
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            ),
        }
    return entries


def urls(*pages):
    return {absolute(page.url) for page in pages}


def test_the_sitemap_lists_exactly_the_readable_pages_in_both_languages(client, site, corpus):
    expected = urls(
        site.home,
        site.group_index,
        site.blog_index,
        site.group,
        site.other_group,
        site.closed_group,
        *vars(site.en).values(),
        corpus["public"],
        corpus["translated"],
        corpus["english"],
    )
    assert set(read_sitemap(client)) == expected


def shows(client, url, page):
    """Does an anonymous visitor of ``url`` read ``page`` itself (and not a log-in
    redirect, a 404, Wagtail's password form or another page)?"""
    response = client.get(url)
    if response.status_code != 200:
        return False
    canonical = parse(response).find("link", rel="canonical")
    return canonical is not None and canonical["href"] == absolute(page.url)


def test_every_listed_page_is_readable_and_every_other_page_is_not(client, site, corpus):
    listed = set(read_sitemap(client))
    for page in Page.objects.filter(depth__gte=2).live().specific():
        location = absolute(page.url)
        assert shows(client, page.url, page) is (location in listed), f"{page.url} (listed: {location in listed})"


@pytest.mark.parametrize("kind", ["logged_in", "members", "owner", "closed group", "unpublished", "private"])
def test_pages_anonymous_visitors_may_not_read_are_not_listed(client, corpus, kind):
    page = corpus["unreadable"][kind]
    assert absolute(page.get_url()) not in read_sitemap(client)
    assert not shows(client, page.get_url(), page)


@pytest.mark.parametrize("slug", ["leden", "members", "lidmaatschap"])
def test_a_post_cannot_take_an_address_its_group_answers_itself(site, corpus, slug):
    post = site.post(title=slug.capitalize(), slug=f"{slug}-bericht")
    post.slug = slug
    with pytest.raises(ValidationError) as refused:
        post.full_clean()
    assert "slug" in refused.value.message_dict


def test_every_entry_has_its_last_publication_date(client, corpus):
    pages = {absolute(page.url): page for page in Page.objects.live().filter(depth__gte=2).specific()}
    for location, entry in read_sitemap(client).items():
        assert entry["lastmod"], f"{location} has no lastmod"
        lastmod = datetime.datetime.fromisoformat(entry["lastmod"])
        assert lastmod.tzinfo is not None
        assert abs(lastmod - pages[location].last_published_at) < datetime.timedelta(seconds=1), location


def test_translated_pages_name_every_language_version_and_the_default(client, site, corpus):
    entries = read_sitemap(client)
    for dutch, english in [
        (site.home, site.en.home),
        (site.blog_index, site.en.blog_index),
        (site.group, site.en.group),
        (corpus["translated"], corpus["english"]),
    ]:
        nl_url, en_url = absolute(dutch.url), absolute(english.url)
        expected = sorted([("en", en_url), ("nl", nl_url), ("x-default", nl_url)])
        assert entries[nl_url]["alternates"] == expected, nl_url
        assert entries[en_url]["alternates"] == expected, en_url


def test_untranslated_pages_have_no_alternates(client, site, corpus):
    entries = read_sitemap(client)
    for page in (site.other_group, site.closed_group, corpus["public"]):
        assert entries[absolute(page.url)]["alternates"] == []


def test_every_address_is_absolute_on_the_site(client, corpus):
    base = settings.SITE_BASE_URL.rstrip("/") + "/"
    for location, entry in read_sitemap(client).items():
        assert location.startswith(base)
        assert all(href.startswith(base) for _code, href in entry["alternates"])


def test_a_closed_site_lists_no_posts(client, site, corpus):
    close_site()
    listed = set(read_sitemap(client))
    assert not listed & urls(corpus["public"], corpus["translated"], corpus["english"])
    assert absolute(site.home.url) in listed


def test_the_sitemap_queries_do_not_grow_with_the_posts(client, site, corpus):
    added = []

    def add(start, count):
        for n in range(start, start + count):
            added.append(site.post(title=f"Extra {n}", slug=f"extra-{n}", parent=(site.group, site.other_group)[n % 2]))

    add(0, 3)
    with_three = count_queries(client, "/sitemap.xml")
    add(3, 12)
    with_fifteen = count_queries(client, "/sitemap.xml")
    # The factory puts posts live without Wagtail's publish (which purges the sitemap).
    cache.clear()
    assert urls(*added) <= set(read_sitemap(client))
    assert with_fifteen == with_three
    assert with_fifteen < QUERY_CEILING


# robots.txt ----------------------------------------------------------------------------------


@pytest.fixture
def robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode().splitlines()


def test_robots_keep_out_of_the_admin_and_the_search_pages(robots):
    assert robots[0] == "User-agent: *"
    for path in ("/admin/", "/nl/zoeken/", "/en/search/"):
        assert f"Disallow: {path}" in robots
    assert "Disallow: /" not in robots  # the site itself stays open


def test_robots_point_at_the_sitemap(client, robots):
    sitemaps = [line for line in robots if line.startswith("Sitemap:")]
    assert sitemaps == [f"Sitemap: {absolute('/sitemap.xml')}"]
    assert sitemaps[0].split(" ", 1)[1].startswith(("http://", "https://"))
