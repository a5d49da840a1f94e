"""The home page: latest posts, the groups, and the main menu."""

import datetime

from django.utils import timezone

import pytest

from blog.factories import BlogPageFactory
from tests.helpers import card_titles, get_html, links, nav_labelled

pytestmark = pytest.mark.django_db


def on(day):
    return timezone.make_aware(datetime.datetime(2024, 1, 1, 9, 0)) + datetime.timedelta(days=day)


def main_menu(client, url):
    return links(nav_labelled(get_html(client, url), "Main menu"))


def test_home_lists_the_latest_posts_newest_first(client, group, other_group, blog_index):
    for day in range(1, 9):
        BlogPageFactory(parent=group if day % 2 else other_group, title=f"Bericht {day}", date_published=on(day))
    BlogPageFactory(parent=group, title="Teruggetrokken", date_published=on(20)).unpublish()

    html = get_html(client, "/nl/")

    assert card_titles(html) == [f"Bericht {day}" for day in range(8, 2, -1)]


def test_home_lists_the_groups(client, group, other_group):
    html = get_html(client, "/nl/")

    cards = html.select(".group-card__title a")
    assert [(a.get_text(strip=True), a["href"]) for a in cards] == [
        ("Digitaal Samenwerken", other_group.url),
        ("Menskracht", group.url),
    ]


def test_empty_home_answers(client, home):
    html = get_html(client, "/nl/")

    assert card_titles(html) == []
    assert html.find("h1").get_text(strip=True) == home.title


def test_main_menu_links_to_groups_and_blogs(client, group_index, blog_index):
    assert main_menu(client, "/nl/") == [
        ("Groepen", group_index.url, None),
        ("Blogs", blog_index.url, None),
    ]


def test_main_menu_marks_the_current_section(client, group_index, blog_index):
    assert main_menu(client, group_index.url) == [
        ("Groepen", group_index.url, "page"),
        ("Blogs", blog_index.url, None),
    ]
    assert main_menu(client, blog_index.url) == [
        ("Groepen", group_index.url, None),
        ("Blogs", blog_index.url, "page"),
    ]


def test_main_menu_marks_the_section_of_a_page_inside_it(client, group_index, blog_index, group):
    assert main_menu(client, group.url)[0] == ("Groepen", group_index.url, "page")


def test_main_menu_leaves_out_pages_not_shown_in_menus(client, group_index, blog_index):
    blog_index.show_in_menus = False
    blog_index.save_revision().publish()

    assert main_menu(client, "/nl/") == [("Groepen", group_index.url, None)]


def test_main_menu_leaves_out_unpublished_sections(client, group_index, blog_index):
    group_index.unpublish()

    assert main_menu(client, "/nl/") == [("Blogs", blog_index.url, None)]
