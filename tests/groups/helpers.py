"""Helpers the membership and group-writing tests share."""

from access.models import Membership
from groups.rights import sync_member
from tests.engagement.helpers import verified_member


def add_member(group, role, **identity):
    """A verified member with ``role`` in ``group``, with the admin rights that go with it."""
    user = verified_member(**identity)
    Membership.objects.create(user=user, group_key=group.translation_key, role=role)
    sync_member(user, group.translation_key)
    return user


def membership_url(group):
    return group.url + group.reverse_subpage("membership")


def manage_url(group, member_id):
    return group.url + group.reverse_subpage("manage_member", args=[member_id])
