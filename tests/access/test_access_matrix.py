"""Who sees a post, on every surface that can show or betray it.

One table says who may see a post at each access level (``WHO_SEES``, in conftest.py,
shared with the canary); one list says which level each post acts at, in an open or a
closed group, on an open or a closed site (``CASES``). Each surface has a small adapter
that answers one question, "does this viewer see this post here?", by asking the site
through its real views (or, for the mails, through the functions that send them). Each
test is one kind of viewer: it checks every surface for every case, and lists each
surface / case / viewer that disagrees."""

import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from wagtail.models import Site

import pytest

from access.models import Membership, SiteAccess
from blog.factories import BlogPageFactory
from blog.models import BlogPage
from engagement.following import notify_followers
from engagement.models import DailyViews, Follow, PostViews, Rating, Reaction
from engagement.reactions import store_reaction
from engagement.readership import read_count, recount_recent_reads
from groups.factories import GroupPageFactory
from groups.mails import mail_members_about_post
from outbox.models import Mail
from tests.engagement.helpers import POST_URL, reaction_data, verified_member
from tests.helpers import QUERY_CEILING, card_titles, count_queries, parse
from tests.i18n import conftest as i18n

from .conftest import VIEWERS, WHO_SEES

pytestmark = pytest.mark.django_db

# The Dutch/English site of the i18n tests, as it is.
bilingual = i18n.bilingual
translate_post = i18n.translate_post


@dataclass(frozen=True)
class Case:
    group: str  # "open" or "closed": the group the post is in
    level: str  # the post's own access level
    site_closed: bool
    acts_as: str  # the level that applies, a key of WHO_SEES

    def __str__(self):
        site = "closed site" if self.site_closed else "open site"
        return f"{self.level} post in {self.group} group on {site} (acts as {self.acts_as})"


CASES = [
    Case("open", "public", False, "public"),
    Case("open", "logged_in", False, "logged_in"),
    Case("open", "members", False, "members"),
    Case("open", "owner", False, "owner"),
    # In a closed group the open levels mean "members".
    Case("closed", "public", False, "members"),
    Case("closed", "logged_in", False, "members"),
    # On a closed site "public" means "logged in".
    Case("open", "public", True, "logged_in"),
]
POST_KINDS = sorted({(case.group, case.level) for case in CASES})

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"
LOGIN_PATH = "/nl/account/login/"


def close_site(closed):
    SiteAccess.objects.update_or_create(site=Site.objects.get(is_default_site=True), defaults={"closed": closed})


class World:
    """One post per (group, level), by the author viewer, each with a reaction and a tag
    of its own that no other post carries. The posts come in two halves of three; each half has a public
    companion post in another group that shares one tag with each of its posts, so that
    the companion's "related posts" can show all three (it shows at most four). Pages are
    fetched once per viewer and kept until the site opens or closes, which also starts new
    sessions."""

    HALF = 3

    def __init__(self, viewers, groups, reactor, companion_author):
        self.viewers = viewers
        self.reactor = reactor
        self.posts = {}
        self.own_tag = {}
        self.half = {}
        self.memo = {}
        self._clients = {}
        self._pages = {}
        self._soups = {}
        now = timezone.now()
        for n, (group_kind, level) in enumerate(POST_KINDS):
            post = BlogPageFactory(
                parent=groups[group_kind],
                author=viewers.users["author"],
                title=f"Bericht {group_kind} {level}",
                slug=f"bericht-{group_kind}-{level}".replace("_", "-"),
                access_level=level,
                date_published=now - timedelta(hours=n + 1),
                tags=[f"eigen-{n}", f"paar-{n}"],
            )
            self.posts[group_kind, level] = post
            self.own_tag[post.pk] = f"eigen-{n}"
            self.half[post.pk] = n // self.HALF
            store_reaction(post, reactor, "Reactie van de reageerder")
        # Older than every post above, so that those come first in every listing.
        self.companions = [
            BlogPageFactory(
                parent=groups["other"],
                author=companion_author,
                title=f"Metgezel {half}",
                slug=f"metgezel-{half}",
                date_published=now - timedelta(days=30, hours=half),
                tags=[f"paar-{n}" for n in range(half * self.HALF, (half + 1) * self.HALF)],
            )
            for half in range(2)
        ]

    def post_for(self, case):
        return self.posts[case.group, case.level]

    def posts_in_half(self, half):
        return [post for post in self.posts.values() if self.half[post.pk] == half]

    def user(self, kind):
        return self.viewers.users[kind]

    def client(self, kind):
        if kind not in self._clients:
            self._clients[kind] = self.viewers.client(kind)
        return self._clients[kind]

    def get(self, kind, url):
        """The answer to ``kind``'s GET of ``url``, fetched once per site state."""
        if (kind, url) not in self._pages:
            self._pages[kind, url] = self.client(kind).get(url)
        return self._pages[kind, url]

    def soup(self, kind, url):
        if (kind, url) not in self._soups:
            response = self.get(kind, url)
            assert response.status_code == 200, f"GET {url} answered {response.status_code}"
            self._soups[kind, url] = parse(response)
        return self._soups[kind, url]

    def close_site(self, closed):
        close_site(closed)
        self._clients.clear()
        self._pages.clear()
        self._soups.clear()
        self.memo.clear()


@pytest.fixture
def world(viewers, group, closed_group, other_group, blog_index):
    reactor = verified_member(display_name="Rik Reageerder", email="rik@samen.test")
    companion_author = verified_member(display_name="Karel Kompaan", email="karel@samen.test")
    groups = {"open": group, "closed": closed_group, "other": other_group}
    return World(viewers, groups, reactor, companion_author)


# --- One adapter per surface: does viewer ``kind`` see ``post`` there? -----------------
# True or False; None where the question does not apply to this viewer. An answer that
# is neither a clear yes nor a clear no (a 500, a refusal of the wrong kind) fails.


def on_post_page(world, kind, post):
    response = world.client(kind).get(post.url)
    if response.status_code == 200:
        return True
    if kind == "anonymous":
        assert response.status_code == 302, f"anonymous got {response.status_code}, not a redirect to log in"
        location = urlsplit(response["Location"])
        assert location.path == LOGIN_PATH, response["Location"]
        assert parse_qs(location.query)["next"] == [post.url], response["Location"]
    else:
        assert response.status_code == 404, f"a refusal must be a 404, not {response.status_code}"
    return False


def on_blog_index_cards(world, kind, post):
    return post.title in card_titles(world.soup(kind, "/nl/blogs/"))


def in_blog_index_tag_filter(world, kind, post):
    options = [option.get("value") for option in world.soup(kind, "/nl/blogs/").select("#filter-tag option")]
    return world.own_tag[post.pk] in options


def on_group_page(world, kind, post):
    return post.title in card_titles(world.soup(kind, post.get_parent().url))


def on_home_page(world, kind, post):
    return post.title in card_titles(world.soup(kind, "/nl/"))


def in_related_posts(world, kind, post):
    companion = world.companions[world.half[post.pk]]
    response = world.get(kind, companion.url)
    if response.status_code != 200:
        # The companion is public: only an anonymous reader on a closed site is sent away.
        assert kind == "anonymous" and response.status_code == 302, response.status_code
        return None
    return post.title in [a.get_text(strip=True) for a in parse(response).select(".related__list a")]


def on_author_profile(world, kind, post):
    return post.title in card_titles(world.soup(kind, f"/nl/leden/{post.author_id}/"))


def in_most_read(world, kind, post):
    # Only the three posts of this post's half have been read lately: "most read" (five
    # at most) can show all three.
    half = world.half[post.pk]
    if ("most read", half) not in world.memo:
        DailyViews.objects.all().delete()
        DailyViews.objects.bulk_create(
            DailyViews(translation_key=other.translation_key, day=timezone.localdate(), views=7)
            for other in world.posts_in_half(half)
        )
        PostViews.objects.all().delete()
        recount_recent_reads()
        # Reads purge nothing: a stored copy of the index (a member's shell included) shows
        # the figures it was made with until it expires. Who sees what is tested here.
        cache.clear()
        response = world.client(kind).get("/nl/blogs/")
        assert response.status_code == 200
        world.memo["most read", half] = [a.get_text(strip=True) for a in parse(response).select(".most-read__list a")]
    return post.title in world.memo["most read", half]


def reaction_batch_answers(world, kind, post):
    response = world.get(kind, f"/reacties/lijst/{post.pk}/")
    assert response.status_code in (200, 404), response.status_code
    if response.status_code == 404:
        assert "Reactie van de reageerder" not in response.content.decode()
    return response.status_code == 200


def reaction_count_on_card(world, kind, post):
    stored = Reaction.objects.filter(object_pk=str(post.pk), is_public=True, is_removed=False).count()
    for card in world.soup(kind, "/nl/blogs/").select("article.post-card"):
        if card.select_one(".post-card__title a").get_text(strip=True) == post.title:
            shown = re.search(r"(\d+) reacti", card.select_one(".post-card__meta").get_text(" ", strip=True))
            assert shown, "the card shows no reaction count"
            assert int(shown[1]) == stored, f"the card shows {shown[1]} reactions, not {stored}"
            return True
    return False


def may_post_reaction(world, kind, post):
    cache.clear()  # the throttle (five a minute) is not what is tested here
    user = world.user(kind)
    theirs = Reaction.objects.filter(object_pk=str(post.pk), user=user)
    before = theirs.count() if user else Reaction.objects.count()
    response = world.client(kind).post(POST_URL, reaction_data(post, f"Reactie van {kind}"))
    after = theirs.count() if user else Reaction.objects.count()
    if user is None:
        assert after == before, "an anonymous reaction was stored"
        # A post they may read: asked to log in (403); one they may not: no such post.
        assert response.status_code in (400, 403, 404), response.status_code
        return response.status_code == 403
    if after > before:
        assert response.status_code == 302, response.status_code
        return True
    assert response.status_code in (400, 403, 404), response.status_code
    return False


def may_rate(world, kind, post):
    user = world.user(kind)
    response = world.client(kind).post(f"/beoordelen/{post.pk}/", {"score": "4"})
    stored = user is not None and Rating.objects.filter(user=user, translation_key=post.translation_key).exists()
    if response.status_code == 404:
        assert not stored, "a rating of a post the viewer may not see was stored"
        return False
    if user is None or kind == "author":
        assert response.status_code == 403, response.status_code  # log in first / not your own post
    else:
        assert response.status_code == 302 and stored, (response.status_code, stored)
    return True


def read_beacon_counts(world, kind, post):
    before = read_count(post)
    # A read counts once per session: every site state starts with new sessions.
    response = world.client(kind).post(f"/statistieken/gelezen/{post.pk}/", HTTP_USER_AGENT=BROWSER)
    counted = read_count(post) - before
    if response.status_code == 404:
        assert counted == 0, "a read of a post the viewer may not see was counted"
        return False
    assert response.status_code == 204, response.status_code
    assert counted == (0 if kind == "author" else 1), counted  # the author's reads never count
    return True


def gets_follow_mail(world, kind, post):
    user = world.user(kind)
    if user is None:
        return None  # only members follow posts
    if ("follow", post.pk) not in world.memo:
        for follower in world.viewers.users.values():
            if follower is not None:
                Follow.objects.get_or_create(user=follower, translation_key=post.translation_key)
        mail.outbox.clear()
        reaction = store_reaction(post, world.reactor, "Een nieuwe reactie")
        notify_followers(reaction, post)
        world.memo["follow", post.pk] = {address for message in mail.outbox for address in message.to}
    return user.email in world.memo["follow", post.pk]


def gets_new_post_mail(world, kind, post):
    user = world.user(kind)
    if ("new post", post.pk) not in world.memo:
        mail.outbox.clear()
        # The same post is news again on the closed site: the outbox mails a post once.
        Mail.objects.filter(event=f"new-post:{post.translation_key}").delete()
        mail_members_about_post(post, post.get_parent().specific)
        world.memo["new post", post.pk] = {address for message in mail.outbox for address in message.to}
    recipients = world.memo["new post", post.pk]
    if kind != "member":
        # Only the group's members hear of new posts (and never the author of the post).
        assert user is None or user.email not in recipients, "a non-member got the new-post mail"
        return None
    return user.email in recipients


# In this order: the surfaces that only read first, then those that change something
# (reads, ratings, reactions, follows) after them.
SURFACES = {
    "post page": on_post_page,
    "blog index cards": on_blog_index_cards,
    "blog index tag filter": in_blog_index_tag_filter,
    "group page cards": on_group_page,
    "home latest posts": on_home_page,
    "related posts": in_related_posts,
    "author profile": on_author_profile,
    "reaction count on card": reaction_count_on_card,
    "reaction batch": reaction_batch_answers,
    "most read": in_most_read,
    "rating": may_rate,
    "read beacon": read_beacon_counts,
    "posting a reaction": may_post_reaction,
    "follow mail": gets_follow_mail,
    "new-post mail": gets_new_post_mail,
}


@pytest.mark.parametrize("kind", VIEWERS)
def test_what_each_viewer_sees(world, kind):
    """Every surface, for every case, as one kind of viewer; every disagreement listed."""
    disagreements = []
    for site_closed in (False, True):
        world.close_site(site_closed)
        for surface, sees in SURFACES.items():
            for case in (case for case in CASES if case.site_closed == site_closed):
                expected = kind in WHO_SEES[case.acts_as]
                try:
                    seen = sees(world, kind, world.post_for(case))
                except AssertionError as problem:
                    disagreements.append(f"{surface} / {case} / {kind}: unexpected answer: {problem}")
                    continue
                if seen is not None and seen != expected:
                    verb = "sees it" if seen else "does not see it"
                    disagreements.append(f"{surface} / {case} / {kind}: {verb}, expected the opposite")
    assert not disagreements, "\n".join(disagreements)


# --- Translations follow the source's level ------------------------------------------


@pytest.fixture
def members_post_in_two_languages(bilingual, translate_post, viewers):
    """A members-only Dutch post in the open group, and its English version."""
    post = BlogPageFactory(
        parent=bilingual.nl.group,
        author=viewers.users["author"],
        title="Samen leren",
        slug="samen-leren",
        access_level="members",
    )
    return post, translate_post(post)


def assert_english_version_is_for(level, english, viewers):
    english.refresh_from_db()
    assert english.access_level == level
    for kind in VIEWERS:
        browser = viewers.client(kind)
        status = browser.get(english.url).status_code
        listed = "Learning together" in card_titles(parse(browser.get("/en/blogs/")))
        if kind in WHO_SEES[level]:
            assert (status, listed) == (200, True), f"{level} / {kind}: {status}, listed on /en/blogs/: {listed}"
        else:
            refusal = 302 if kind == "anonymous" else 404
            assert (status, listed) == (refusal, False), f"{level} / {kind}: {status}, listed on /en/blogs/: {listed}"


def test_the_english_version_of_a_members_post_is_for_members_only(members_post_in_two_languages, viewers):
    _post, english = members_post_in_two_languages
    assert english.url.startswith("/en/")
    assert_english_version_is_for("members", english, viewers)


def test_publishing_a_new_level_on_the_source_changes_the_english_version_at_once(
    members_post_in_two_languages, viewers
):
    post, english = members_post_in_two_languages
    for level in ("public", "owner", "logged_in"):
        post.access_level = level
        post.save_revision().publish()
        assert_english_version_is_for(level, english, viewers)


def test_a_draft_of_the_source_leaves_the_english_version_alone(members_post_in_two_languages, viewers):
    post, english = members_post_in_two_languages
    draft = BlogPage.objects.get(pk=post.pk)
    draft.access_level = "public"
    draft.save_revision()  # not published: both versions stay for members only
    assert viewers.client("anonymous").get(post.url).status_code == 302  # the live Dutch post is unchanged
    assert_english_version_is_for("members", english, viewers)


# --- Query budget ----------------------------------------------------------------------


def test_blog_index_queries_do_not_grow_with_the_number_of_memberships(client, group_index, blog_index, group):
    groups = [group] + [GroupPageFactory(parent=group_index, title=f"Groep {n}", slug=f"groep-{n}") for n in range(5)]
    for n, page in enumerate(groups):
        for level in ("public", "members"):
            BlogPageFactory(parent=page, title=f"{level} {n}", access_level=level)
    member = verified_member(display_name="Mila Lid", email="mila@samen.test")
    client.force_login(member)
    Membership.objects.create(user=member, group_key=group.translation_key)
    with_one = count_queries(client, "/nl/blogs/")
    assert len(card_titles(parse(client.get("/nl/blogs/")))) == 7

    for page in groups[1:]:
        Membership.objects.create(user=member, group_key=page.translation_key)
    with_six = count_queries(client, "/nl/blogs/")
    assert len(card_titles(parse(client.get("/nl/blogs/")))) == 10  # twelve readable, ten a page

    assert with_six == with_one
    assert with_six < QUERY_CEILING
