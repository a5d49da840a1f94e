"""The Wagtail floor page ``make bench`` holds Samen's pages against: made by
``generate_load_data`` with the featured post's body in Wagtail's own blocks, served through
the site's middleware, and found nowhere a reader or an editor would look."""

import io
import re

from django.core.management import call_command

from wagtail.models import Revision

import pytest

from bench import plan
from bench.models import WagtailFloorPage
from blog.models import BlogPage
from tests.helpers import get_html, parse

pytestmark = pytest.mark.django_db

SMALL = {"groups": 2, "posts": 4, "reactions": 10, "ratings": 4, "members": 4}
FLOOR_URL = f"/nl/{plan.WAGTAIL_FLOOR_SLUG}/"


def generate():
    out = io.StringIO()
    call_command("generate_load_data", stdout=out, **SMALL)
    return out.getvalue()


def words(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def test_it_renders_the_featured_posts_body_through_the_middleware(client, group_index):
    generate()
    featured = BlogPage.objects.get(slug=plan.FEATURED_SLUG)

    response = client.get(FLOOR_URL)

    assert response.status_code == 200
    # Never a copy from the page cache: the floor is rendered whole on either server.
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    floor = parse(response).main
    post = get_html(client, featured.url).select_one(".post__body")
    assert floor.h1.get_text() == featured.title
    floor.h1.decompose()
    # The hero image first, then the body: the same blocks, the same text, the same images.
    assert len(WagtailFloorPage.objects.get().body) == 1 + len(featured.body)
    assert words(floor) == words(post)
    assert len(floor.select("img")) == 1 + len(post.select("img"))
    assert floor.img["src"].startswith("/media/images/")


def test_it_links_home_and_nothing_else_of_the_site(client, group_index, home):
    generate()

    page = get_html(client, FLOOR_URL)

    assert [a["href"] for a in page.select("header a")] == [home.url]
    assert not page.select("link[rel=stylesheet], script")


def test_a_second_run_leaves_it_alone_and_a_changed_post_brings_it_in_step(group_index):
    generate()
    revisions = Revision.objects.count()

    assert "Nothing added" in generate()
    assert WagtailFloorPage.objects.count() == 1
    assert Revision.objects.count() == revisions

    featured = BlogPage.objects.get(slug=plan.FEATURED_SLUG)
    featured.body = '[{"type": "paragraph", "value": "<p>Korter.</p>"}]'
    featured.save()
    generate()
    floor = WagtailFloorPage.objects.get()
    assert [block.block_type for block in floor.body] == ["image", "paragraph"]
    assert floor.body[1].value.source == "<p>Korter.</p>"
    assert floor.live and not floor.has_unpublished_changes


def test_readers_and_editors_do_not_come_across_it(client, group_index, home):
    generate()

    assert not WagtailFloorPage.can_create_at(home)
    assert plan.WAGTAIL_FLOOR_SLUG not in client.get("/sitemap.xml").content.decode()
    assert plan.WAGTAIL_FLOOR_SLUG not in client.get("/nl/").content.decode()
    assert not WagtailFloorPage.objects.get().show_in_menus
    assert not WagtailFloorPage.search_fields
