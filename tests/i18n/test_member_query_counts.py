"""A logged-in member never gets the shared copy, so every public page is rendered for
them. Each page's warm query count is pinned here, and does not grow when the site grows:
more posts, reactions, votes, members and memberships."""

import pytest

from access.models import Membership
from accounts.factories import UserFactory
from engagement.ratings import cast_vote
from tests.engagement.helpers import make_reaction, verified_member
from tests.groups.helpers import add_member
from tests.helpers import add_posts, count_queries

pytestmark = pytest.mark.django_db

# The warm query count of each page for a member of the group. A page that needs more
# after a change has to say why here.
BUDGET = {
    "home": 31,
    "English home": 32,
    "blog index": 34,
    "group index": 22,
    "group page": 37,
    "members page": 24,
    "Dutch post": 50,
    "English post": 49,
    "search": 25,
    "search, reactions": 20,
    "profile": 19,
    # One more: Wagtail's view restrictions (a password, a log-in), which keep a post
    # out of a feed as they keep it out of the sitemap.
    "feed": 7,
    # Two more than its hand-written predecessor: Wagtail's sitemap (Django's underneath)
    # counts the pages before it reads them, and their language versions are one query of
    # their own.
    "sitemap": 10,
}


@pytest.fixture
def reader(bilingual, post):
    """A member of the group who has voted, reacted and follows nothing in particular."""
    member = add_member(bilingual.nl.group, Membership.Role.MEMBER, display_name="Lezer Lid")
    cast_vote(member, post, 4)
    cast_vote(member, bilingual.nl.group, 5)
    make_reaction(post, member, "Mijn eigen reactie.")
    return member


def addresses(bilingual, post, english_post, member):
    group = bilingual.nl.group
    return {
        "home": bilingual.nl.home.url,
        "English home": bilingual.en.home.url,
        "blog index": bilingual.nl.blog_index.url,
        "group index": bilingual.nl.group_index.url,
        "group page": group.url,
        "members page": group.members_url(),
        "Dutch post": post.url,
        "English post": english_post.url,
        "search": "/nl/zoeken/?q=bericht",
        "search, reactions": "/nl/zoeken/?q=reactie&tab=reactions",
        "profile": f"/nl/leden/{member.pk}/",
        "feed": "/nl/feeds/rss/",
        "sitemap": "/sitemap.xml",
    }


def grow(bilingual, post, start):
    """Ten more posts, twenty reactions, twenty votes and ten members."""
    group = bilingual.nl.group
    add_posts([group], 10, start=start)
    people = [UserFactory() for _ in range(10)]
    for n, person in enumerate(people):
        Membership.objects.create(user=person, group_key=group.translation_key, role=Membership.Role.MEMBER)
        make_reaction(post, person, f"Reactie {start + n}")
        make_reaction(post, verified_member(), f"Nog een reactie {start + n}")
        cast_vote(person, post, n % 5 + 1)
        cast_vote(person, group, n % 5 + 1)


def test_every_public_page_costs_a_member_the_same_as_the_site_grows(client, bilingual, post, english_post, reader):
    # One site for all pages: building the bilingual site is the expensive part.
    client.force_login(reader)
    urls = addresses(bilingual, post, english_post, reader)
    assert set(urls) == set(BUDGET)
    add_posts([bilingual.nl.group], 2)
    small = {name: count_queries(client, url) for name, url in urls.items()}
    grow(bilingual, post, start=2)
    grown = {name: count_queries(client, url) for name, url in urls.items()}
    grew = {name: (small[name], grown[name]) for name in urls if grown[name] != small[name]}
    assert not grew, f"queries grew with the content (before, after): {grew}"
    over = {name: (grown[name], BUDGET[name]) for name in urls if grown[name] > BUDGET[name]}
    assert not over, f"over budget (queries, budget): {over}"
