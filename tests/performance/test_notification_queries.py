"""The notifications page and the bell take as many queries with a few notifications as
with many: the page groups and fetches them in a fixed number of queries, the bell counts
in one, and in none once its count is in the cache."""

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from engagement.following import notify_followers
from engagement.models import Follow
from engagement.reactions import store_reaction
from notifications.personal_parts import bell
from tests.groups.helpers import add_member
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

BUDGET = 25


def add_notifications(group, writer, reader, posts, reactions_each):
    for n in range(posts):
        post = BlogPageFactory(parent=group, author=writer, title=f"Bericht {n}", slug=f"bericht-{n}-{reactions_each}")
        Follow.objects.get_or_create(user=reader, translation_key=post.translation_key)
        for r in range(reactions_each):
            notify_followers(store_reaction(post, writer, f"Reactie {r}"), post)


def test_the_notifications_page_and_the_bell_are_flat(group):
    writer = add_member(group, Membership.Role.MEMBER, display_name="Schrijver", email="s@samen.test")
    reader = add_member(group, Membership.Role.MEMBER, display_name="Lezer", email="l@samen.test")
    client = Client()
    client.force_login(reader)
    url = reverse("notifications:list")

    add_notifications(group, writer, reader, posts=2, reactions_each=1)
    few = count_queries(client, url)
    few_bell = bell_queries(reader)
    add_notifications(group, writer, reader, posts=25, reactions_each=2)
    many = count_queries(client, url)
    many_bell = bell_queries(reader)

    assert few == many <= BUDGET, (few, many)
    assert few_bell == many_bell == 1, (few_bell, many_bell)


def bell_queries(user):
    """The bell's own queries, once the access facts of the request are read (the page has
    read them for its audience before any part is rendered)."""

    class Request:
        pass

    request = Request()
    request.user = user
    bell(request)  # the viewer's facts and whether they edit the site, as a page has them
    cache.clear()  # counted afresh; once counted, the bell costs no query until it changes
    with CaptureQueriesContext(connection) as queries:
        context = bell(request)
    with CaptureQueriesContext(connection) as again:
        assert bell(request) == context
    assert context["unread"] > 0 and not again.captured_queries
    # Outside a request the access facts are read on every call; the bell's own is one.
    return sum("notifications_notification" in query["sql"] for query in queries.captured_queries)
