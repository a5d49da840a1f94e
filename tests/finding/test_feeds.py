"""RSS 2.0 and Atom feeds (``/nl/feeds/...``, ``/en/feeds/...``): all posts, per group, per
tag and per author. A feed reader never logs in, so a feed holds exactly the public posts
of open groups on an open site, newest first, at most 20; and every page that has a feed
says so in its head."""

import calendar
import datetime

from django.utils import timezone, translation

from wagtail.models import PageViewRestriction

import feedparser
import pytest

from accounts.factories import UserFactory
from tests.helpers import parse
from tests.i18n.helpers import absolute

from .conftest import close_site, english_version, rolled_back, url_in

pytestmark = pytest.mark.django_db

FORMATS = {"rss": ("rss20", "application/rss+xml"), "atom": ("atom10", "application/atom+xml")}
KINDS = ("all", "group", "tag", "author")


def day(n):
    return timezone.make_aware(datetime.datetime(2024, 1, 1, 9, 0)) + datetime.timedelta(days=n)


@pytest.fixture(scope="module")
def corpus(site, django_db_blocker):
    """21 public posts in the open groups (one more than a feed holds), some tagged
    "fietsen", two by Ruben; newer than all of them, posts no feed may show (other access
    levels, a closed group, a draft), all tagged "fietsen" and by Ruben; and English
    versions of two public posts."""
    with rolled_back(django_db_blocker):
        ruben = UserFactory(display_name="Ruben Schrijver", email="ruben@samen.test")
        public = []
        for n in range(21):
            public.append(
                site.post(
                    parent=site.other_group if n % 3 == 2 else site.group,
                    title=f"Openbaar bericht {n}",
                    slug=f"openbaar-{n}",
                    teaser=f"Inleiding {n} & meer.",
                    date_published=day(n),
                    author=ruben if n in (3, 10) else site.users["author"],
                    tags=["fietsen"] if n in (2, 5, 19) else [],
                )
            )
        hidden = dict(author=ruben, tags=["fietsen"], date_published=day(100))
        for level in ("logged_in", "members", "owner"):
            site.post(title=f"Niet in een feed: {level}", access_level=level, **hidden)
        site.post(parent=site.closed_group, title="Niet in een feed: gesloten groep", **hidden)
        site.post(title="Niet in een feed: concept", **hidden).unpublish()
        english = {
            n: english_version(
                public[n],
                {
                    f"Openbaar bericht {n}": f"Public post {n}",
                    f"openbaar-{n}": f"public-{n}",
                    f"Inleiding {n} & meer.": "More.",
                },
            )
            for n in (3, 19)
        }
        yield {"public": public, "english": english, "ruben": ruben}


def feed_url(language, kind, fmt, corpus):
    args = {"all": (), "group": ("menskracht",), "tag": ("fietsen",), "author": (corpus["ruben"].pk,)}[kind]
    name = {"all": "latest", "group": "group", "tag": "tag", "author": "author"}[kind]
    return url_in(language, f"feeds:{name}_{fmt}", *args)


def expected_posts(language, kind, corpus, site):
    """The posts a feed must hold, newest first."""
    if language == "en":
        versions = corpus["english"]
        numbers = {"all": [19, 3], "group": [19, 3], "tag": [19], "author": [3]}[kind]
        return [versions[n] for n in numbers]
    public = corpus["public"]
    chosen = {
        "all": public,
        "group": [post for post in public if post.get_parent().pk == site.group.pk],
        "tag": [public[n] for n in (2, 5, 19)],
        "author": [public[n] for n in (3, 10)],
    }[kind]
    return sorted(chosen, key=lambda post: post.date_published, reverse=True)[:20]


def expected_title(language, kind, corpus):
    with translation.override(language):
        return {
            "all": translation.gettext("Samen: latest blog posts"),
            "group": translation.gettext("Samen: blog posts in %(group)s") % {"group": "Menskracht"},
            "tag": translation.gettext("Samen: blog posts tagged %(tag)s") % {"tag": "fietsen"},
            "author": translation.gettext("Samen: blog posts by %(author)s") % {"author": "Ruben Schrijver"},
        }[kind]


def expected_link(language, kind, corpus, site):
    group = site.group if language == "nl" else site.en.group
    blog_index = site.blog_index if language == "nl" else site.en.blog_index
    return absolute(
        {
            "all": f"/{language}/",
            "group": group.url,
            "tag": f"{blog_index.url}?tag=fietsen",
            "author": url_in(language, "profiles:profile", corpus["ruben"].pk),
        }[kind]
    )


def read_feed(client, url, fmt=None):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')!r}"
    if fmt:
        version, content_type = FORMATS[fmt]
        assert feed.version == version
        assert response["Content-Type"].startswith(content_type)
    return feed


def test_the_feed_addresses(corpus):
    ruben = corpus["ruben"].pk
    assert [feed_url("nl", kind, "rss", corpus) for kind in KINDS] == [
        "/nl/feeds/rss/",
        "/nl/feeds/groep/menskracht/rss/",
        "/nl/feeds/tag/fietsen/rss/",
        f"/nl/feeds/auteur/{ruben}/rss/",
    ]
    assert [feed_url("en", kind, "atom", corpus) for kind in KINDS] == [
        "/en/feeds/atom/",
        "/en/feeds/groep/menskracht/atom/",
        "/en/feeds/tag/fietsen/atom/",
        f"/en/feeds/auteur/{ruben}/atom/",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_feed_holds_exactly_the_public_posts_newest_first(client, site, corpus, language, kind, fmt):
    feed = read_feed(client, feed_url(language, kind, fmt, corpus), fmt)
    assert feed.feed.title == expected_title(language, kind, corpus)
    assert feed.feed.link == expected_link(language, kind, corpus, site)
    assert feed.feed.language == language
    posts = expected_posts(language, kind, corpus, site)
    assert [entry.link for entry in feed.entries] == [absolute(post.url) for post in posts]
    for entry, post in zip(feed.entries, posts, strict=True):
        assert entry.title == post.title
        assert entry.link.startswith(("http://", "https://"))
        assert entry.id == entry.link
        assert calendar.timegm(entry.published_parsed) == int(post.date_published.timestamp())
        assert entry.author == post.author.display_name
        assert entry.summary == post.teaser


def test_the_all_posts_feed_holds_the_20_newest(client, corpus):
    feed = read_feed(client, "/nl/feeds/rss/")
    assert len(feed.entries) == 20
    assert "Openbaar bericht 0" not in [entry.title for entry in feed.entries]
    assert not [entry.title for entry in feed.entries if entry.title.startswith("Niet in een feed")]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_english_feed_holds_english_versions_only(client, corpus, language):
    feed = read_feed(client, f"/{language}/feeds/rss/")
    prefix = absolute(f"/{language}/")
    assert feed.entries and all(entry.link.startswith(prefix) for entry in feed.entries)


def test_a_closed_site_has_empty_feeds(client, corpus):
    close_site()
    for kind in ("all", "group", "author"):
        for language, fmt in (("nl", "rss"), ("en", "atom")):
            feed = read_feed(client, feed_url(language, kind, fmt, corpus), fmt)
            assert feed.entries == [], (language, kind, fmt)


def test_a_closed_site_confirms_no_tag(client, corpus):
    # On a closed site no post is public, so no tag is known to an anonymous reader.
    close_site()
    for language, fmt in (("nl", "rss"), ("en", "atom")):
        assert client.get(feed_url(language, "tag", fmt, corpus)).status_code == 404, (language, fmt)


def test_a_closed_group_has_an_empty_feed(client, corpus):
    for fmt in FORMATS:
        assert read_feed(client, f"/nl/feeds/groep/vertrouwelijk/{fmt}/", fmt).entries == []


@pytest.mark.parametrize(
    "path",
    [
        "/nl/feeds/groep/bestaat-niet/rss/",
        "/en/feeds/groep/bestaat-niet/atom/",
        "/en/feeds/groep/digitaal-samenwerken/rss/",  # no English version of this group
        "/nl/feeds/tag/bestaat-niet/rss/",
        "/en/feeds/tag/bestaat-niet/atom/",
        "/nl/feeds/auteur/999999/rss/",
        "/en/feeds/auteur/999999/atom/",
    ],
)
def test_an_unknown_group_tag_or_author_is_404(client, corpus, path):
    assert client.get(path).status_code == 404


# What a feed's name confirms ------------------------------------------------------------------

RESTRICTED = {
    "owner": dict(access_level="owner"),
    "members": dict(access_level="members"),
    "logged_in": dict(access_level="logged_in"),
    "closed group": dict(closed_group=True),
    "draft": dict(draft=True),
    "password": dict(password=True),
}


def restricted_post(site, how, **kwargs):
    """A post no anonymous reader may read, for the reason ``how`` names."""
    how = RESTRICTED[how]
    if how.get("closed_group"):
        kwargs["parent"] = site.closed_group
    post = site.post(access_level=how.get("access_level", "public"), **kwargs)
    if how.get("draft"):
        post.unpublish()
    if how.get("password"):
        PageViewRestriction.objects.create(page=post, restriction_type="password", password="geheim")
    return post


@pytest.mark.parametrize("how", RESTRICTED)
def test_a_tag_found_only_on_restricted_posts_is_404_for_everyone(site, corpus, how):
    # "member" belongs to the post's group and "author" wrote it: both may read most of
    # these posts, but a feed is shared and says only what anonymous readers may see.
    restricted_post(site, how, title=f"Met een geheime tag: {how}", tags=["Overname Gesprekken"])
    for kind in ("anonymous", "member", "author"):
        browser = site.client(kind)
        for fmt in FORMATS:
            response = browser.get(f"/nl/feeds/tag/overname-gesprekken/{fmt}/")
            assert response.status_code == 404, (kind, fmt)
            assert b"Overname Gesprekken" not in response.content


def test_a_tag_on_a_public_post_in_the_other_language_only_is_404(client, site, corpus):
    site.post(title="Alleen in het Nederlands", tags=["alleen-nederlands"])
    assert read_feed(client, "/nl/feeds/tag/alleen-nederlands/rss/", "rss").entries
    for fmt in FORMATS:
        assert client.get(f"/en/feeds/tag/alleen-nederlands/{fmt}/").status_code == 404


def test_a_tag_on_a_public_post_too_has_a_feed_of_the_public_posts_only(client, site, corpus):
    public = site.post(title="Openbaar met tag", tags=["gedeeld"], date_published=day(50))
    for how in RESTRICTED:
        restricted_post(site, how, title=f"Verborgen met tag: {how}", tags=["gedeeld"], date_published=day(60))
    for fmt in FORMATS:
        feed = read_feed(client, f"/nl/feeds/tag/gedeeld/{fmt}/", fmt)
        assert [entry.link for entry in feed.entries] == [absolute(public.url)]


def test_a_post_behind_a_password_is_in_no_feed(client, site, corpus):
    post = restricted_post(site, "password", title="Met wachtwoord", author=corpus["ruben"], tags=["fietsen"])
    post.date_published = day(200)
    post.save()
    for kind in KINDS:
        for fmt in FORMATS:
            feed = read_feed(client, feed_url("nl", kind, fmt, corpus), fmt)
            assert "Met wachtwoord" not in [entry.title for entry in feed.entries], (kind, fmt)


def test_a_group_behind_a_password_has_no_feed(client, site, corpus):
    PageViewRestriction.objects.create(page=site.other_group, restriction_type="password", password="geheim")
    for fmt in FORMATS:
        response = client.get(f"/nl/feeds/groep/digitaal-samenwerken/{fmt}/")
        assert response.status_code == 404, fmt
        assert b"Digitaal" not in response.content


def test_an_inactive_author_has_no_feed(client, corpus):
    corpus["ruben"].is_active = False
    corpus["ruben"].save()
    for fmt in FORMATS:
        assert client.get(feed_url("nl", "author", fmt, corpus)).status_code == 404


# Autodiscovery -------------------------------------------------------------------------------


def feed_links(soup):
    """``{type: [href, ...]}`` of the feed links in the head."""
    found = {}
    for link in soup.head.find_all("link", rel="alternate"):
        if link.get("type") in ("application/rss+xml", "application/atom+xml"):
            assert link.get("title"), link
            found.setdefault(link["type"], []).append(link["href"])
    return found


def assert_discovers(client, page_url, feeds):
    """The page at ``page_url`` links to exactly ``feeds`` (RSS and Atom), which answer."""
    response = client.get(page_url)
    assert response.status_code == 200, page_url
    links = feed_links(parse(response))
    assert sorted(links.get("application/rss+xml", [])) == sorted(f"{feed}rss/" for feed in feeds)
    assert sorted(links.get("application/atom+xml", [])) == sorted(f"{feed}atom/" for feed in feeds)
    for hrefs in links.values():
        for href in hrefs:
            assert read_feed(client, href).entries is not None


def test_every_page_links_to_the_feed_of_all_posts(client, site, corpus):
    assert_discovers(client, "/nl/", ["/nl/feeds/"])
    assert_discovers(client, site.blog_index.url, ["/nl/feeds/"])
    assert_discovers(client, site.en.home.url, ["/en/feeds/"])


def test_a_group_page_links_to_its_feed(client, site, corpus):
    assert_discovers(client, site.group.url, ["/nl/feeds/", "/nl/feeds/groep/menskracht/"])
    assert_discovers(client, site.en.group.url, ["/en/feeds/", "/en/feeds/groep/menskracht/"])


def test_the_blog_index_filtered_by_tag_links_to_the_tag_feed(client, site, corpus):
    assert_discovers(client, f"{site.blog_index.url}?tag=fietsen", ["/nl/feeds/", "/nl/feeds/tag/fietsen/"])


def test_a_profile_links_to_the_author_feed(client, corpus):
    pk = corpus["ruben"].pk
    assert_discovers(client, url_in("nl", "profiles:profile", pk), ["/nl/feeds/", f"/nl/feeds/auteur/{pk}/"])
