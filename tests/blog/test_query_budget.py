"""A post page and the blog index take as many queries with 40 posts as with 2."""

import pytest

from tests.helpers import QUERY_CEILING, add_posts, count_queries, queries_with_2_and_40_posts

pytestmark = pytest.mark.django_db


def test_post_page_queries_do_not_grow_with_the_number_of_posts(client, blog_index, group, other_group):
    with_two, with_forty = queries_with_2_and_40_posts(client, [group, other_group], lambda posts: posts[0].url)
    assert with_forty == with_two
    assert with_forty < QUERY_CEILING


def test_blog_index_queries_do_not_grow_with_the_number_of_posts(client, blog_index, group, other_group):
    add_posts([group, other_group], 2)
    with_two = count_queries(client, blog_index.url)

    add_posts([group, other_group], 38, start=2)
    with_forty = count_queries(client, blog_index.url)
    filtered = count_queries(client, f"{blog_index.url}?group={group.slug}&tag=leren&page=2")

    assert with_forty == with_two
    assert filtered <= with_forty
    assert with_forty < QUERY_CEILING
