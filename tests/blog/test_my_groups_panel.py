"""The dashboard of a member who writes in groups says where they can write and what of
theirs is unfinished: their drafts, and their posts waiting for approval."""

from django.urls import reverse

import pytest

from access.models import Membership
from groups.rights import set_up_group
from tests.engagement.helpers import verified_member
from tests.groups.helpers import add_member
from tests.groups.test_group_writing import add_url, post_form
from tests.helpers import parse

pytestmark = pytest.mark.django_db


def panel(client):
    heading = parse(client.get(reverse("wagtailadmin_home"))).find(id="my-groups-write")
    return " ".join(heading.find_parent("div").get_text(" ").split()) if heading else None


def test_a_writer_sees_their_groups_drafts_and_posts_waiting(client, group, other_group):
    set_up_group(group)
    set_up_group(other_group)
    writer = add_member(group, Membership.Role.MEMBER, email="anouk@samen.test")
    add_member(other_group, Membership.Role.MEMBER, email="anouk2@samen.test")
    Membership.objects.create(user=writer, group_key=other_group.translation_key, role=Membership.Role.MEMBER)
    client.force_login(writer)
    client.post(add_url(group), post_form("Half af", "half-af", action="save"))
    client.post(add_url(group), post_form("Klaar voor de beheerders", "klaar", submit="1"))

    shown = panel(client)
    assert shown.startswith("Schrijven in Digitaal Samenwerken — Nieuw blog")
    assert "Menskracht — Nieuw blog" in shown
    assert "Mijn concepten Half af" in shown
    assert "Wacht op goedkeuring Klaar voor de beheerders" in shown
    home = parse(client.get(reverse("wagtailadmin_home")))
    assert home.find("a", href=add_url(group)) is not None


def test_someone_in_no_group_gets_no_such_panel(client, superuser):
    client.force_login(superuser)
    assert panel(client) is None
    reader = verified_member(email="rita@samen.test")
    client.force_login(reader)
    assert client.get(reverse("wagtailadmin_home")).status_code in (302, 403)
