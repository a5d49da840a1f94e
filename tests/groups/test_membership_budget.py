"""A group's page and its members page take as many queries with 30 members (and 10
waiting requests) as with 3 (and 1), for a visitor and for the group's owner, who also
sees the requests and the buttons to manage each member."""

import pytest

from access.models import Membership
from accounts.factories import UserFactory
from groups.rights import set_up_group, sync_member
from tests.helpers import QUERY_CEILING, count_queries

pytestmark = pytest.mark.django_db

Role = Membership.Role


def add_people(group, role, count):
    for _ in range(count):
        user = UserFactory()
        Membership.objects.create(user=user, group_key=group.translation_key, role=role)
        sync_member(user, group.translation_key)


@pytest.fixture
def owned_group(group):
    """The group, set up as publishing it would, with its owner."""
    set_up_group(group)
    owner = UserFactory(display_name="Olga Eigenaar", email="olga@samen.test")
    Membership.objects.create(user=owner, group_key=group.translation_key, role=Role.OWNER)
    sync_member(owner, group.translation_key)
    group.owner_user = owner
    return group


def grow(group, members, requests):
    """Bring the group to ``members`` members (the owner included) and ``requests`` requests."""
    key = group.translation_key
    add_people(
        group, Role.MEMBER, members - Membership.objects.filter(group_key=key).exclude(role=Role.PENDING).count()
    )
    add_people(group, Role.PENDING, requests - Membership.objects.filter(group_key=key, role=Role.PENDING).count())


@pytest.mark.parametrize("viewer", ["anonymous", "owner"])
@pytest.mark.parametrize("page", ["group page", "members page"])
def test_queries_do_not_grow_with_the_number_of_members(client, owned_group, viewer, page):
    if viewer == "owner":
        client.force_login(owned_group.owner_user)
    url = owned_group.url if page == "group page" else owned_group.members_url()

    grow(owned_group, members=3, requests=1)
    with_three = count_queries(client, url)

    grow(owned_group, members=30, requests=10)
    with_thirty = count_queries(client, url)

    assert Membership.objects.filter(group_key=owned_group.translation_key).count() == 40
    assert with_thirty == with_three
    assert with_thirty < QUERY_CEILING


def test_the_owner_sees_every_request_and_a_full_page_of_members(client, owned_group):
    """The budget above is measured on pages that really list what they should."""
    grow(owned_group, members=30, requests=10)
    client.force_login(owned_group.owner_user)

    html = client.get(owned_group.members_url()).content.decode()

    assert html.count('name="action" value="accept"') == 10
    assert html.count('name="action" value="remove"') == 23, "24 rows on the first page, less the owner's own"
