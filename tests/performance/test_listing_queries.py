"""Listing pages rendered whole (the shared page cache off) take at most 15 queries, for an
anonymous reader and for a member, and as many with a few posts as with many: the blog
index, a group page, search and the home page.

Every post has an image, tags, reactions (a reply among them), votes and reads this month,
so that every part of a card is drawn and counted; with many posts each listing shows a
full page of cards. The site is built once for the module (inside a transaction undone at
its end): the pages are counted with a few posts, the rest are added, and they are counted
again."""

from datetime import timedelta
from types import SimpleNamespace

from django.test import Client, override_settings
from django.utils import timezone

from wagtail.models import Site

import pytest

from access.models import Membership
from accounts.factories import UserFactory
from blog.factories import BlogIndexPageFactory
from engagement.models import DailyViews, Rating
from engagement.readership import recount_recent_reads
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from tests.engagement.helpers import make_reaction, soup
from tests.finding.conftest import index, rolled_back
from tests.helpers import add_posts, count_queries

pytestmark = pytest.mark.django_db

BUDGET = 15
FEW, MANY = 5, 40
WHERE = ("blog index", "group page", "search", "home")
WHO = ("anonymous", "member")
# What a full page shows: the blog index, a group and search ten posts, the home page six.
FULL_PAGE = {"blog index": 10, "group page": 10, "search": 10, "home": 6}


def add_full_posts(groups, voters, count, start=0):
    """``count`` posts spread over ``groups`` (each with an image and tags), each with two
    reactions and a reply, a vote of 4 and one of 5 stars, and reads in the last days;
    indexed again once the tags are in (see tests/finding/conftest.py)."""
    posts = add_posts(groups, count, start=start)
    today = timezone.localdate()
    for n, post in enumerate(posts, start=start):
        first = make_reaction(post, voters[0], f"Reactie {n}")
        make_reaction(post, voters[1], "Nog een reactie")
        make_reaction(post, voters[2], "Een antwoord", parent=first)
        Rating.objects.bulk_create(
            [
                Rating(user=voters[0], translation_key=post.translation_key, score=4),
                Rating(user=voters[1], translation_key=post.translation_key, score=5),
            ]
        )
        DailyViews.objects.create(translation_key=post.translation_key, day=today - timedelta(days=n % 3), views=n + 1)
        index(post)
    recount_recent_reads()
    return posts


def render(client, url):
    """The number of queries the page at ``url`` takes, and the page as parsed."""
    queries = count_queries(client, url)
    with override_settings(PAGE_CACHE_SECONDS=0):
        return queries, soup(client.get(url))


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """``{(where, who): (queries, page)}`` with FEW posts (``.few``) and with MANY (``.many``)."""
    with rolled_back(django_db_blocker):
        home = Site.objects.get(is_default_site=True).root_page.specific
        group_index = GroupIndexPageFactory(parent=home)
        blog_index = BlogIndexPageFactory(parent=home)
        group = GroupPageFactory(parent=group_index, title="Menskracht", slug="menskracht")
        other_group = GroupPageFactory(parent=group_index, title="Digitaal Samenwerken", slug="digitaal-samenwerken")
        member = UserFactory(display_name="Lid Lotte")
        Membership.objects.create(user=member, group_key=group.translation_key, role=Membership.Role.MEMBER)
        voters = [UserFactory() for _ in range(3)]
        urls = {
            "blog index": blog_index.url,
            "group page": group.url,
            "search": "/nl/zoeken/?q=inleiding",
            "home": "/nl/",
        }
        clients = {"anonymous": Client(), "member": Client()}
        clients["member"].force_login(member)

        def measure():
            return {(where, who): render(clients[who], urls[where]) for where in WHERE for who in WHO}

        add_full_posts([group, other_group], voters, FEW)
        few = measure()
        add_full_posts([group, other_group], voters, MANY - FEW, start=FEW)
        yield SimpleNamespace(few=few, many=measure())


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("where", WHERE)
def test_a_listing_takes_at_most_15_queries_with_few_posts_and_with_many(measured, where, who):
    few, _ = measured.few[where, who]
    many, _ = measured.many[where, who]
    assert (few, many) == (few, few), f"{many} queries with {MANY} posts, {few} with {FEW}"
    assert many <= BUDGET


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("where", ["blog index", "group page", "home"])
def test_every_card_of_a_full_page_shows_its_group_stars_and_reactions(measured, where, who):
    _, page = measured.many[where, who]
    cards = page.select(".post-card")
    assert len(cards) == FULL_PAGE[where]
    for card in cards:
        meta = card.select_one(".post-card__meta").get_text(" ", strip=True)
        assert meta.endswith("3 reacties"), meta
        assert "4.5/5" in meta, meta
        assert card.select_one("img.post-card__image") is not None
        if where != "group page":  # a group's own page does not name it on every card
            assert "in Menskracht" in meta or "in Digitaal Samenwerken" in meta, meta


@pytest.mark.parametrize("who", WHO)
def test_every_search_result_names_its_group(measured, who):
    _, page = measured.many["search", who]
    results = page.select(".search-result")
    assert len(results) == FULL_PAGE["search"]
    for result in results:
        meta = result.select_one(".search-result__meta").get_text(" ", strip=True)
        assert meta.startswith(("Menskracht", "Digitaal Samenwerken")), meta


def test_the_blog_index_shows_its_filters_and_the_most_read_posts(measured):
    _, page = measured.many["blog index", "anonymous"]
    assert "40 blogs" in page.select_one(".result-count").get_text()
    assert [o.get_text(strip=True) for o in page.select("#filter-group option")][1:] == [
        "Digitaal Samenwerken",
        "Menskracht",
    ]
    assert [o["value"] for o in page.select("#filter-tag option")][1:] == sorted(
        ["digitaal", "leren", "samenwerken", "talent", "welzijn"]
    )
    # The most read: the five posts read most (the last ones added), most first.
    views = [int(span.get_text().split()[0]) for span in page.select(".most-read__views")]
    assert views == [40, 39, 38, 37, 36]


def test_the_group_page_shows_its_members_and_its_stars(measured):
    _, page = measured.many["group page", "member"]
    assert page.select_one(".membership__count").get_text(strip=True).startswith("1 lid")
    assert len(page.select(".pagination .utrecht-pagination__page-link")) == 2  # 20 posts, 2 pages
