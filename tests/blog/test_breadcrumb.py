"""A post's breadcrumb leads back through the blog index and the post's group."""

import pytest

from blog.factories import BlogPageFactory
from tests.helpers import get_html, links, nav_labelled

pytestmark = pytest.mark.django_db


def breadcrumb(client, url):
    return links(nav_labelled(get_html(client, url), "Breadcrumb"))


def test_post_breadcrumb_is_blogs_then_group_then_the_post(client, blog_index, group):
    post = BlogPageFactory(parent=group, title="Mentorschap tussen generaties")

    assert breadcrumb(client, post.url) == [
        ("Blogs", blog_index.url, None),
        ("Menskracht", group.url, None),
        ("Mentorschap tussen generaties", post.url, "page"),
    ]


def test_post_breadcrumb_without_a_blog_index_starts_at_the_group(client, group):
    post = BlogPageFactory(parent=group, title="Mentorschap tussen generaties")

    assert breadcrumb(client, post.url) == [
        ("Menskracht", group.url, None),
        ("Mentorschap tussen generaties", post.url, "page"),
    ]


def test_blog_index_breadcrumb_is_only_itself(client, blog_index):
    assert breadcrumb(client, blog_index.url) == [("Blogs", blog_index.url, "page")]
