"""What a post tells the places it is shared to: its canonical address, Open Graph and
Twitter card tags with a 1200x630 image, schema.org ``BlogPosting`` data, share links, and
the previous and next post in its group."""

import datetime
import json
from urllib.parse import parse_qs, urlsplit

from django.test import Client
from django.utils import timezone

import pytest

from core.factories import ImageFactory
from groups.factories import GroupPageFactory
from tests.helpers import parse
from tests.i18n.helpers import absolute

from .conftest import english_version, fresh, publish, rolled_back

pytestmark = pytest.mark.django_db

SHARED_TITLE = "Samen & verder: 50% meer? #leren"
HOSTILE_TITLE = "Veilig </script><script>alert(1)</script> delen"


def day(n):
    return timezone.make_aware(datetime.datetime(2024, 3, 1, 9, 0)) + datetime.timedelta(days=n)


@pytest.fixture(scope="module")
def corpus(site, django_db_blocker):
    """A post with a hero image in Dutch and English, published through a revision; a post
    without image; one with a hostile title; and two groups of three posts by date (in
    "Fietsen" all public, in Digitaal Samenwerken the middle one for members only)."""
    with rolled_back(django_db_blocker):
        shared = publish(
            site.post(
                title=SHARED_TITLE,
                slug="samen-verder",
                teaser="Wat we samen leerden, en wat nu komt.",
                hero_image=ImageFactory(),
                hero_image_alt="Twee mensen aan een tafel vol post-its",
                date_published=day(40),
            )
        )
        english = english_version(
            shared,
            {
                # wagtail-localize keeps segments as HTML.
                SHARED_TITLE.replace("&", "&amp;"): "Together &amp; beyond",
                "samen-verder": "together-beyond",
                "Wat we samen leerden, en wat nu komt.": "What we learnt together, and what comes next.",
                "Twee mensen aan een tafel vol post-its": "Two people at a table full of sticky notes",
            },
        )
        plain = site.post(title="Zonder beeld", slug="zonder-beeld", date_published=day(50))
        hostile = site.post(title=HOSTILE_TITLE, slug="veilig-delen", date_published=day(60))
        cycling = GroupPageFactory(parent=fresh(site.group_index), title="Fietsen", slug="fietsen")
        trio = [site.post(parent=cycling, title=f"Rit {n}", slug=f"rit-{n}", date_published=day(n)) for n in (1, 2, 3)]
        skipping = [
            site.post(parent=site.other_group, title="Eerste", slug="eerste", date_published=day(1)),
            site.post(
                parent=site.other_group,
                title="Alleen leden",
                slug="alleen-leden",
                date_published=day(2),
                access_level="members",
            ),
            site.post(parent=site.other_group, title="Derde", slug="derde", date_published=day(3)),
        ]
        for spec in ("fill-1200x630", "width-1200"):  # made once, not again in every test's savepoint
            shared.hero_image.get_rendition(spec)
        yield {
            "shared": shared,
            "english": english,
            "plain": plain,
            "hostile": hostile,
            "trio": trio,
            "skipping": skipping,
        }


@pytest.fixture(scope="module")
def pages(corpus, django_db_blocker):
    """The shared post in Dutch and English as an anonymous visitor gets them (read once)."""
    with django_db_blocker.unblock():
        return {name: head_of(Client(), corpus[name].url) for name in ("shared", "english")}


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response)


def meta(soup, key):
    """The content of every ``<meta property=key>`` or ``<meta name=key>``."""
    tags = soup.find_all("meta", attrs={"property": key}) + soup.find_all("meta", attrs={"name": key})
    return [tag["content"] for tag in tags]


def one(soup, key):
    values = meta(soup, key)
    assert len(values) == 1, f"{key}: {values}"
    return values[0]


def json_ld(soup):
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.fixture
def shared(pages):
    return pages["shared"]


# Canonical address ---------------------------------------------------------------------------


def canonical(soup):
    links = soup.find_all("link", rel="canonical")
    assert len(links) == 1
    return links[0]["href"]


def test_the_canonical_address_is_absolute_and_without_query(client, corpus):
    post = corpus["shared"]
    for query in ("", "?utm_source=x", "?utm_source=x&utm_medium=mail&reacties=2#reacties"):
        soup = head_of(client, post.url + query)
        assert canonical(soup) == absolute(post.url)
        assert one(soup, "og:url") == absolute(post.url)


def test_every_page_has_a_canonical_address(client, site, corpus):
    pages = [site.home, site.group_index, site.blog_index, site.group, site.en.home, site.en.group, corpus["english"]]
    for page in pages:
        assert canonical(head_of(client, page.url + "?utm_source=x")) == absolute(page.url)
    assert canonical(head_of(client, f"{site.blog_index.url}?tag=leren&page=2")) == absolute(site.blog_index.url)


# Open Graph and Twitter ----------------------------------------------------------------------


def test_description_and_open_graph_tell_what_the_post_is(shared, corpus):
    post = corpus["shared"]
    assert one(shared, "description") == post.teaser
    assert one(shared, "og:title") == SHARED_TITLE
    assert one(shared, "og:description") == post.teaser
    assert one(shared, "og:type") == "article"
    assert one(shared, "og:site_name") == "Samen"  # the default theme's organisation name
    assert one(shared, "og:locale") == "nl_NL"
    assert meta(shared, "og:locale:alternate") == ["en_GB"]


def test_the_share_image_is_a_1200_by_630_rendition(shared, corpus):
    post = corpus["shared"]
    rendition = post.hero_image.get_rendition("fill-1200x630")
    assert (rendition.width, rendition.height) == (1200, 630)
    image = one(shared, "og:image")
    assert image == absolute(rendition.url)
    assert image.startswith(("http://", "https://")) and "fill-1200x630" in image
    assert one(shared, "og:image:width") == "1200"
    assert one(shared, "og:image:height") == "630"
    assert one(shared, "og:image:alt") == "Twee mensen aan een tafel vol post-its"


def test_the_twitter_card_is_a_large_image(shared, corpus):
    assert one(shared, "twitter:card") == "summary_large_image"
    assert one(shared, "twitter:title") == SHARED_TITLE
    assert one(shared, "twitter:description") == corpus["shared"].teaser
    assert one(shared, "twitter:image") == one(shared, "og:image")
    assert one(shared, "twitter:image:alt") == "Twee mensen aan een tafel vol post-its"


def test_a_post_without_image_has_a_small_card_and_no_image(client, corpus):
    soup = head_of(client, corpus["plain"].url)
    assert one(soup, "twitter:card") == "summary"
    assert meta(soup, "og:image") == []
    assert "image" not in json_ld(soup)
    assert meta(soup, "og:locale:alternate") == []  # not translated


def test_the_english_version_speaks_english(pages, corpus):
    soup = pages["english"]
    assert one(soup, "og:locale") == "en_GB"
    assert meta(soup, "og:locale:alternate") == ["nl_NL"]
    assert one(soup, "og:title") == "Together & beyond"
    assert one(soup, "og:url") == canonical(soup) == absolute(corpus["english"].url)
    assert one(soup, "og:image:alt") == "Two people at a table full of sticky notes"
    data = json_ld(soup)
    assert data["inLanguage"] == "en"
    assert data["headline"] == "Together & beyond"
    assert data["url"] == absolute(corpus["english"].url)


# Structured data -----------------------------------------------------------------------------


def test_the_structured_data_is_a_blog_posting(shared, site, corpus):
    post = corpus["shared"]
    data = json_ld(shared)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == SHARED_TITLE
    assert data["description"] == post.teaser
    assert data["url"] == data["mainEntityOfPage"] == absolute(post.url)
    assert data["inLanguage"] == "nl"
    assert data["author"]["@type"] == "Person"
    assert data["author"]["name"] == "Anouk Verbeek"
    assert data["author"]["url"] == absolute(f"/nl/leden/{site.users['author'].pk}/")
    assert datetime.datetime.fromisoformat(data["datePublished"]) == post.date_published
    assert datetime.datetime.fromisoformat(data["dateModified"]) == post.last_published_at
    assert data["image"]["url"] == one(shared, "og:image")
    assert (data["image"]["width"], data["image"]["height"]) == (1200, 630)
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Samen"
    assert data["publisher"]["logo"]["url"].startswith(("http://", "https://"))
    assert data["isPartOf"]["name"] == "Menskracht"


def test_a_hostile_title_stays_inside_the_structured_data(client, corpus):
    response = client.get(corpus["hostile"].url)
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    soup = parse(response)
    assert json_ld(soup)["headline"] == HOSTILE_TITLE
    assert one(soup, "og:title") == HOSTILE_TITLE
    assert soup.select_one(".post__title").get_text() == HOSTILE_TITLE


# Share links ---------------------------------------------------------------------------------


def share_link(soup, prefix):
    (link,) = [a["href"] for a in soup.select(".share a") if a["href"].startswith(prefix)]
    return link


def test_the_mail_link_carries_the_title_and_the_address(shared, corpus):
    link = share_link(shared, "mailto:")
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == ""
    query = parse_qs(parts.query, strict_parsing=True)
    assert query == {"subject": [SHARED_TITLE], "body": [absolute(corpus["shared"].url)]}
    # Encoded: the title's "&", "?", "#" and "%" neither end nor split the subject.
    raw_subject = parts.query.split("&", 1)[0].removeprefix("subject=")
    assert not set(raw_subject) & set("&?# ")
    assert "%26" in raw_subject and "%25" in raw_subject


def test_the_linkedin_link_shares_the_address(shared, corpus):
    link = share_link(shared, "https://www.linkedin.com/")
    parts = urlsplit(link)
    assert parts.netloc == "www.linkedin.com"
    assert parse_qs(parts.query) == {"url": [absolute(corpus["shared"].url)]}
    assert "://" not in parts.query and "/" not in parts.query  # encoded whole


def test_the_copy_field_holds_the_address(shared, corpus):
    field = shared.select_one(".share input[data-share-url]")
    assert field["value"] == absolute(corpus["shared"].url)
    assert field.has_attr("readonly")
    assert shared.find("label", attrs={"for": field["id"]}) is not None


# Previous and next ---------------------------------------------------------------------------


def neighbours(soup):
    nav = soup.select_one("nav.post-neighbours")
    if nav is None:
        return {}
    return {a["rel"][0]: a["href"] for a in nav.find_all("a")}


@pytest.mark.parametrize("position, expected", [(0, {"next": 1}), (1, {"prev": 0, "next": 2}), (2, {"prev": 1})])
def test_posts_link_to_their_neighbours_in_the_group_by_date(client, corpus, position, expected):
    trio = corpus["trio"]
    soup = head_of(client, trio[position].url)
    assert neighbours(soup) == {rel: trio[n].url for rel, n in expected.items()}


# "member" belongs to Menskracht only; "outsider" to Digitaal Samenwerken, where these posts are.
@pytest.mark.parametrize(
    "kind, next_title", [("anonymous", "Derde"), ("member", "Derde"), ("outsider", "Alleen leden")]
)
def test_a_neighbour_the_reader_may_not_see_is_skipped(site, corpus, kind, next_title):
    first, hidden, last = corpus["skipping"]
    expected = {"Derde": last, "Alleen leden": hidden}[next_title]
    assert neighbours(head_of(site.client(kind), first.url)) == {"next": expected.url}
    previous = {"Derde": first, "Alleen leden": hidden}[next_title]
    assert neighbours(head_of(site.client(kind), last.url)) == {"prev": previous.url}
