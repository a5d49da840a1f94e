"""A group's page: its breadcrumb, and its own posts, newest first, ten a page."""

import datetime

from django.utils import timezone

import pytest

from blog.factories import BlogPageFactory
from tests.helpers import card_titles, get_html, links, nav_labelled

pytestmark = pytest.mark.django_db


def on(day):
    return timezone.make_aware(datetime.datetime(2024, 1, 1, 9, 0)) + datetime.timedelta(days=day)


@pytest.fixture
def twelve_posts(group):
    return [BlogPageFactory(parent=group, title=f"Bericht {day}", date_published=on(day)) for day in range(1, 13)]


def current_page_number(html):
    return html.select_one(".pagination a[aria-current=page]").get_text(strip=True)


def test_breadcrumb_is_groups_then_the_group(client, group_index, group):
    html = get_html(client, group.url)

    assert links(nav_labelled(html, "Breadcrumb")) == [
        ("Groepen", group_index.url, None),
        ("Menskracht", group.url, "page"),
    ]


def test_group_index_lists_the_groups_alphabetically(client, group_index, group, other_group):
    html = get_html(client, group_index.url)

    titles = [a.get_text(strip=True) for a in html.select(".group-card__title a")]
    assert titles == ["Digitaal Samenwerken", "Menskracht"]


def test_group_page_shows_its_title_and_description(client, group):
    html = get_html(client, group.url)

    assert html.find("h1").get_text(strip=True) == "Menskracht"
    assert "Inspiratie en ontwikkeling van professionele passie en talent" in html.find("main").get_text()


def test_lists_only_its_own_posts_newest_first(client, group, other_group):
    BlogPageFactory(parent=group, title="Eigen oud", date_published=on(1))
    BlogPageFactory(parent=other_group, title="Andere groep", date_published=on(2))
    BlogPageFactory(parent=group, title="Eigen nieuw", date_published=on(3))
    BlogPageFactory(parent=group, title="Eigen teruggetrokken", date_published=on(4)).unpublish()

    assert card_titles(get_html(client, group.url)) == ["Eigen nieuw", "Eigen oud"]


def test_ten_posts_a_page(client, group, twelve_posts):
    first = get_html(client, group.url)
    second = get_html(client, group.url, {"page": "2"})

    assert card_titles(first) == [f"Bericht {day}" for day in range(12, 2, -1)]
    assert card_titles(second) == ["Bericht 2", "Bericht 1"]
    assert current_page_number(second) == "2"


@pytest.mark.parametrize("value", ["abc", "-1", "0", "<script>", "", "1.5"])
def test_anything_but_a_page_number_shows_the_first_page(client, group, twelve_posts, value):
    response = client.get(group.url, {"page": value})
    html = get_html(client, group.url, {"page": value})

    assert card_titles(html)[0] == "Bericht 12"
    assert current_page_number(html) == "1"
    assert "<script>" not in response.content.decode()


def test_a_nul_byte_page_shows_the_first_page(client, group, twelve_posts):
    assert current_page_number(get_html(client, f"{group.url}?page=%00")) == "1"


@pytest.mark.parametrize("value", ["99999", "9" * 10_000], ids=["99999", "10000-digits"])
def test_a_page_past_the_end_shows_the_last_page(client, group, twelve_posts, value):
    html = get_html(client, group.url, {"page": value})

    assert card_titles(html) == ["Bericht 2", "Bericht 1"]
    assert current_page_number(html) == "2"


def test_group_without_posts_answers(client, group):
    html = get_html(client, group.url, {"page": "2"})

    assert card_titles(html) == []
    assert html.select(".pagination") == []
