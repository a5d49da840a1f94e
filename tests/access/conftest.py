"""The kinds of reader the access rules tell apart, for the access matrix and the canary:
nobody logged in, a member of another group, a member of this group, someone whose
request to join is pending, the author of the posts, and a site editor (a member of
Wagtail's "Editors" group). "This group" is both the open group Menskracht and the closed
group Vertrouwelijk; the other group is Digitaal Samenwerken."""

from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from access.models import Membership
from tests.engagement.helpers import verified_member

# In the order reports list them: from who may see least to who may see most.
VIEWERS = ("anonymous", "other_group_member", "pending", "member", "author", "editor")

# Who may see a post at the level it acts at. In a closed group "public" and "logged_in"
# act as "members"; on a closed site "public" acts as "logged_in".
WHO_SEES = {
    "public": frozenset(VIEWERS),
    "logged_in": frozenset(VIEWERS) - {"anonymous"},
    "members": frozenset({"member", "author", "editor"}),
    "owner": frozenset({"author", "editor"}),
}


@pytest.fixture
def viewers(group, closed_group, other_group):
    """``viewers.users[kind]`` (None for anonymous) and ``viewers.client(kind)``: a test
    client logged in as that kind of reader (a new one on every call)."""

    def member(name, email):
        return verified_member(display_name=name, email=email)

    users = {
        "anonymous": None,
        "other_group_member": member("Olga Andergroep", "olga@samen.test"),
        "pending": member("Piet Wachtend", "piet@samen.test"),
        "member": member("Mila Lid", "mila@samen.test"),
        "author": member("Anouk Auteur", "anouk.auteur@samen.test"),
        "editor": member("Eva Redacteur", "eva.redacteur@samen.test"),
    }
    this_group = (group, closed_group)
    memberships = [Membership(user=users["other_group_member"], group_key=other_group.translation_key)]
    for page in this_group:
        memberships += [
            Membership(user=users["member"], group_key=page.translation_key, role=Membership.Role.MEMBER),
            Membership(user=users["author"], group_key=page.translation_key, role=Membership.Role.MEMBER),
            Membership(user=users["pending"], group_key=page.translation_key, role=Membership.Role.PENDING),
        ]
    Membership.objects.bulk_create(memberships)
    users["editor"].groups.add(Group.objects.get(name="Editors"))

    def client(kind):
        browser = Client()
        if users[kind] is not None:
            browser.force_login(users[kind])
        return browser

    return SimpleNamespace(users=users, client=client, kinds=VIEWERS)
