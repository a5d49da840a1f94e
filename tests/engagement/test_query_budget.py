"""A post with many reactions, and listings of posts with reactions, cost as many
queries as small ones."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

import pytest

from accounts.factories import UserFactory
from blog.factories import BlogPageFactory

from .helpers import make_reaction, minutes_ago, soup, thread_ids

pytestmark = pytest.mark.django_db


def fill(page, number, users):
    """``number`` reactions under ``page``: every third one a reply to the latest
    top-level reaction; some hidden or removed."""
    top = None
    for n in range(number):
        user = users[n % len(users)]
        when = minutes_ago(number - n)
        if top is not None and n % 3 == 2:
            make_reaction(page, user, f"Antwoord {n}", parent=top, when=when)
        else:
            top = make_reaction(page, user, f"Reactie {n} **vet** [link](https://samen.example/)", when=when)
    return page


@override_settings(PAGE_CACHE_SECONDS=0)  # the page rendered, not its shared copy
def queries_for(client, url):
    client.get(url)  # warm caches (site root, content types, translations)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.fixture
def users(db):
    return [UserFactory() for _ in range(6)]


@pytest.fixture
def small_and_big(group, author, users):
    small = fill(BlogPageFactory(parent=group, author=author, title="Klein"), 2, users)
    big = fill(BlogPageFactory(parent=group, author=author, title="Groot"), 100, users)
    return small, big


@pytest.mark.parametrize("params", ["", "?count=100", "?order=newest&count=25&page=2"])
@pytest.mark.parametrize("viewer", ["anonymous", "member", "post author"])
def test_a_post_with_100_reactions_costs_what_one_with_2_costs(client, small_and_big, author, users, viewer, params):
    small, big = small_and_big
    if viewer == "member":
        client.force_login(users[0])
    elif viewer == "post author":
        client.force_login(author)
    small_count, _ = queries_for(client, small.url + params)
    big_count, big_page = queries_for(client, big.url + params)
    assert thread_ids(big_page), "the big thread should show reactions"
    assert big_count == small_count


def test_the_batch_endpoint_has_a_flat_cost(client, small_and_big):
    small, big = small_and_big
    small_count, _ = queries_for(client, f"/reacties/lijst/{small.pk}/?count=100")
    big_count, _ = queries_for(client, f"/reacties/lijst/{big.pk}/?count=100")
    assert big_count == small_count


def posts_with_reactions(group, number, users):
    for _ in range(number):
        fill(BlogPageFactory(parent=group), 3, users)


@pytest.mark.parametrize("where", ["blog index", "group page"])
def test_listings_show_reaction_counts_at_a_flat_cost(client, blog_index, group, users, where):
    url = blog_index.url if where == "blog index" else group.url
    posts_with_reactions(group, 2, users)
    few, page = queries_for(client, url)
    assert "3 reacties" in page.content.decode()
    posts_with_reactions(group, 8, users)
    many, page = queries_for(client, url)
    assert page.content.decode().count("3 reacties") >= 10
    assert many == few


@pytest.mark.parametrize("where", ["blog index", "group page", "profile"])
def test_cards_count_every_visible_reaction(client, blog_index, group, author, users, where):
    post = BlogPageFactory(parent=group, author=author)
    first = make_reaction(post, users[0], "Een")
    make_reaction(post, users[1], "Twee")
    make_reaction(post, users[2], "Antwoord", parent=first)
    make_reaction(post, users[3], "Verborgen", is_public=False)
    make_reaction(post, users[4], "Verwijderd", is_removed=True)
    url = {"blog index": blog_index.url, "group page": group.url, "profile": f"/nl/leden/{author.pk}/"}[where]
    meta = soup(client.get(url)).select_one(".post-card__meta").get_text(" ", strip=True)
    assert meta.endswith("3 reacties")
