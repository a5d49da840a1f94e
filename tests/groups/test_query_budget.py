"""A group page takes as many queries with 40 posts as with 2."""

import pytest

from tests.helpers import QUERY_CEILING, queries_with_2_and_40_posts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["group", "group_index"])
def test_group_pages_take_as_many_queries_with_forty_posts_as_with_two(client, request, page, group, other_group):
    url = request.getfixturevalue(page).url
    with_two, with_forty = queries_with_2_and_40_posts(client, [group, other_group], lambda posts: url)
    assert with_forty == with_two
    assert with_forty < QUERY_CEILING
