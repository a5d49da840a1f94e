"""Run by ``bench/publish.py`` inside one tree of the code (``manage.py shell -c``), so
that the same measurement runs on the code before and after a change: publish a post
through the page editor in a group of ``BENCH_MEMBERS`` members, ``BENCH_REPEAT`` times,
and print the time and queries of each publish request as one ``RESULT`` line of JSON.

It uses only what both trees have: the factories, the models and Wagtail's editor."""

import json
import os
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from access.models import Membership
from blog.factories import BlogPageFactory
from groups.factories import GroupIndexPageFactory, GroupPageFactory

MEMBERS = int(os.environ["BENCH_MEMBERS"])
REPEAT = int(os.environ["BENCH_REPEAT"])


class QueryCounter:
    """Counts the statements a request runs (Django's own query log stops at 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def publish_form(post):
    return nested_form_data(
        {
            "title": post.title,
            "slug": post.slug,
            "teaser": post.teaser,
            "access_level": "public",
            "author": post.author_id,
            "date_published": "",
            "hero_image": "",
            "hero_image_alt": "",
            "tags": "",
            "body": streamfield([("paragraph", rich_text("<p>Een eerste alinea.</p>"))]),
            "related_pins": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def measure():
    User = get_user_model()
    editor = User.objects.create_superuser(email="bench-editor@samen.test", password=None, display_name="Redactie")
    home = Site.objects.get(is_default_site=True).root_page
    group = GroupPageFactory(parent=GroupIndexPageFactory(parent=home), title="Menskracht", slug="menskracht")
    members = User.objects.bulk_create(
        User(email=f"bench{n}@samen.test", display_name=f"Lid {n}") for n in range(MEMBERS)
    )
    Membership.objects.bulk_create(
        Membership(user=user, group_key=group.translation_key, role="member") for user in members
    )
    client = Client()
    client.force_login(editor)
    seconds, queries = [], []
    for number in range(REPEAT + 1):
        post = BlogPageFactory(parent=group, author=editor, title=f"Bericht {number}", slug=f"bericht-{number}")
        post.unpublish()
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            response = client.post(reverse("wagtailadmin_pages:edit", args=[post.pk]), publish_form(post))
            elapsed = time.perf_counter() - started
        if response.status_code != 302:
            raise SystemExit(f"publishing answered {response.status_code}")
        if number:  # the first publication warms the caches
            seconds.append(elapsed)
            queries.append(counter.count)
    return {"members": MEMBERS, "seconds": seconds, "queries": queries, "publications": REPEAT + 1}


print("RESULT " + json.dumps(measure()))
