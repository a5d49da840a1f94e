"""The home page takes as many queries with 40 posts as with 2."""

import pytest

from tests.helpers import QUERY_CEILING, add_posts, count_queries

pytestmark = pytest.mark.django_db


def test_home_page_queries_do_not_grow_with_the_number_of_posts(client, blog_index, group, other_group):
    add_posts([group, other_group], 2)
    with_two = count_queries(client, "/nl/")

    add_posts([group, other_group], 38, start=2)
    with_forty = count_queries(client, "/nl/")

    assert with_forty == with_two
    assert with_forty < QUERY_CEILING
