"""A post's byline names its author by display name."""

import pytest

from accounts.factories import UserFactory
from blog.factories import BlogPageFactory
from tests.helpers import card_titles, get_html

pytestmark = pytest.mark.django_db


def test_post_byline_shows_the_authors_display_name(client, group):
    author = UserFactory(email="anouk@samen.test", display_name="Anouk Verbeek", first_name="Anouk", last_name="V")
    post = BlogPageFactory(parent=group, author=author)

    html = get_html(client, post.url)

    assert html.select_one(".post__author").get_text(strip=True) == "Anouk Verbeek"
    byline = html.select_one(".post__byline").get_text(" ", strip=True)
    assert "Anouk Verbeek" in byline
    assert "anouk@samen.test" not in html.decode()


def test_byline_of_an_author_without_display_name_uses_their_name(client, group):
    author = UserFactory(email="bram@samen.test", display_name="", first_name="Bram", last_name="Kuipers")
    post = BlogPageFactory(parent=group, author=author)

    html = get_html(client, post.url)

    assert html.select_one(".post__author").get_text(strip=True) == "Bram Kuipers"


def test_post_cards_show_the_authors_display_name(client, group, blog_index):
    author = UserFactory(display_name="Marloes Dijkstra")
    BlogPageFactory(parent=group, author=author, title="Werkplezier")

    html = get_html(client, blog_index.url)

    assert card_titles(html) == ["Werkplezier"]
    assert "Marloes Dijkstra" in html.select_one(".post-card__meta").get_text()
