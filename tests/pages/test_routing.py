"""Pages are found by their address (pages/serving.py, pages/routing.py) and answer as
Wagtail's own walk through the tree answered: the page at the address, a group's own
sub-pages, 404 for an unpublished or missing page, the new address of a moved one, Wagtail's walk for page
types that are not the site's, in a fixed number of queries however deep the page."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

import pytest

from bench.models import WagtailFloorPage
from blog.factories import BlogPageFactory
from tests.helpers import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(group, blog_index):
    return BlogPageFactory(parent=group, title="Wijkbudget verdeeld", slug="wijkbudget-verdeeld")


def title_of(response):
    return parse(response).select_one("h1").get_text(strip=True)


def test_each_kind_of_page_is_found_at_its_address(client, home, group_index, blog_index, group, post):
    for page in (home, group_index, blog_index, group, post):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    assert title_of(client.get(post.url)) == "Wijkbudget verdeeld"
    assert title_of(client.get(group.url)) == group.title


def test_a_groups_own_pages_are_still_answered_by_the_group(client, group, post):
    response = client.get(group.members_url())
    assert response.status_code == 200
    assert group.title in response.content.decode()


def test_unpublished_and_missing_pages_are_not_found(client, group, post):
    draft = BlogPageFactory(parent=group, title="Nog niet klaar", slug="nog-niet-klaar", live=False)
    assert client.get(draft.url_path.replace("/home/", "/nl/", 1)).status_code == 404
    assert client.get(f"{group.url}bestaat-niet/").status_code == 404
    assert client.get(f"{post.url}nog-dieper/").status_code == 404


def test_a_moved_post_answers_at_its_new_address_and_the_old_one_leads_there(client, group, other_group, post):
    old_address = post.url
    post.move(other_group, pos="last-child")
    post.refresh_from_db()
    assert post.url.startswith(other_group.url)
    assert client.get(post.url).status_code == 200
    # Wagtail's redirects, made when a page moves, answer the old address.
    moved = client.get(old_address)
    assert (moved.status_code, moved["Location"]) == (301, post.url)


def test_a_renamed_address_answers_at_the_new_slug(client, group, post):
    old_address = post.url
    post.slug = "wijkbudget-2027"
    post.save_revision().publish()
    post.refresh_from_db()
    assert client.get(post.url).status_code == 200
    assert client.get(old_address).status_code in (301, 302, 404)


def test_a_page_type_that_is_not_the_sites_own_is_routed_by_wagtail(client, home):
    floor = home.add_child(instance=WagtailFloorPage(title="Vloer", slug="vloer", body=json.dumps([])))
    response = client.get(floor.url)
    assert response.status_code == 200
    assert "Vloer" in response.content.decode()


def route_queries(client, url):
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries if "wagtailcore_page" in query["sql"]]


def test_a_page_is_found_by_one_address_lookup_at_any_depth(client, group_index, group, post):
    for page in (group_index, group, post):
        queries = route_queries(client, page.url)
        by_address = [sql for sql in queries if '"wagtailcore_page"."url_path" = ' in sql]
        by_slug = [sql for sql in queries if '"wagtailcore_page"."slug" = ' in sql]
        assert len(by_address) == 1, page.url
        assert by_slug == [], f"{page.url} was found by walking the tree"
