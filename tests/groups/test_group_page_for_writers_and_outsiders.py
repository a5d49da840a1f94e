"""The group page as each visitor needs it: a member (and a site editor) finds "New blog
post" there; someone outside a closed group learns that it has posts for its members and
how to join, and may say something to its admins when asking; the admins read that and,
when they answer, are told who and what."""

from django.core import mail
from django.urls import reverse

import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from groups.rights import set_up_group
from tests.engagement.helpers import member_of, verified_member
from tests.groups.helpers import add_member, manage_url, membership_url
from tests.helpers import parse

pytestmark = pytest.mark.django_db
Role = Membership.Role


def new_post_link(client, page):
    link = parse(client.get(page.url)).find("a", string="Nieuw blog")
    return link["href"] if link else None


def text_of(client, url):
    return " ".join(parse(client.get(url)).get_text(" ").split())


def test_a_member_finds_new_blog_post_leading_to_the_editor_under_the_group(client, group):
    set_up_group(group)
    member = add_member(group, Role.MEMBER, email="anouk@samen.test")
    client.force_login(member)
    url = new_post_link(client, group)
    assert url == reverse("wagtailadmin_pages:add", args=["blog", "blogpage", group.pk])
    assert client.get(url).status_code == 200, "and may write there"


@pytest.mark.parametrize("who", ["anonymous", "reader", "pending"])
def test_others_do_not_see_new_blog_post(client, group, who):
    if who == "reader":
        client.force_login(verified_member(email="rita@samen.test"))
    elif who == "pending":
        client.force_login(add_member(group, Role.PENDING, email="pim@samen.test"))
    assert new_post_link(client, group) is None


def test_a_site_editor_sees_new_blog_post(client, group):
    client.force_login(member_of("Editors", email="eva@samen.test"))
    assert new_post_link(client, group) is not None


def test_a_closed_group_tells_an_outsider_it_has_posts_for_members(client, closed_group):
    for n in range(3):
        BlogPageFactory(parent=closed_group, access_level="members", title=f"Intern {n}")
    shown = text_of(client, closed_group.url)
    assert "Deze gesloten groep heeft 3 blogs voor haar leden." in shown
    assert "Meld je aan om te vragen of je lid mag worden." in shown
    assert "Deze groep heeft nog niets gepubliceerd." not in shown
    client.force_login(verified_member(email="rita@samen.test"))
    shown = text_of(client, closed_group.url)
    assert "Deze gesloten groep heeft 3 blogs voor haar leden." in shown
    assert "Vraag om lid te worden om ze te lezen" in shown


def test_members_of_the_closed_group_see_the_posts_not_the_notice(client, closed_group):
    BlogPageFactory(parent=closed_group, access_level="members", title="Intern")
    client.force_login(add_member(closed_group, Role.MEMBER, email="mila@samen.test"))
    shown = text_of(client, closed_group.url)
    assert "Intern" in shown and "blogs voor haar leden" not in shown


@pytest.fixture
def closed_with_owner(closed_group):
    set_up_group(closed_group)
    owner = add_member(closed_group, Role.OWNER, display_name="Youssef El Amrani", email="youssef@samen.test")
    return closed_group, owner


def test_a_request_to_join_carries_a_message_the_admins_read(client, closed_with_owner):
    group, owner = closed_with_owner
    asker = verified_member(display_name="Sanne de Graaf", email="sanne@samen.test")
    client.force_login(asker)
    assert 'name="message"' in client.get(group.url).content.decode()
    message = "Ik leid sinds kort een team.\n<script>alert(1)</script>"
    assert client.post(membership_url(group), {"action": "join", "message": message}).status_code == 302
    assert Membership.objects.get(user=asker).message == message

    [to_owner] = [m for m in mail.outbox if m.to == ["youssef@samen.test"]]
    assert "Sanne de Graaf schreef:" in to_owner.body and "Ik leid sinds kort een team." in to_owner.body
    client.force_login(owner)
    members = client.get(group.members_url()).content.decode()
    assert "Ik leid sinds kort een team." in members
    assert "<script>alert(1)</script>" not in members and "&lt;script&gt;" in members


@pytest.mark.parametrize("message", ["", "   "])
def test_the_message_is_optional(client, closed_with_owner, message):
    group, _owner = closed_with_owner
    asker = verified_member(email="sanne@samen.test")
    client.force_login(asker)
    assert client.post(membership_url(group), {"action": "join", "message": message}).status_code == 302
    assert Membership.objects.get(user=asker).message == ""


def test_a_message_too_long_is_refused_and_kept(client, closed_with_owner):
    group, _owner = closed_with_owner
    client.force_login(verified_member(email="sanne@samen.test"))
    message = "Waarom ik lid wil worden. " * 60
    response = client.post(membership_url(group), {"action": "join", "message": message})
    assert response.status_code == 400
    page = parse(response)
    assert "tekens lang" in page.get_text()
    assert page.find("textarea", attrs={"name": "message"}).get_text() == message
    assert not Membership.objects.filter(group_key=group.translation_key, role=Role.PENDING).exists()


def test_an_open_group_keeps_no_message(client, group):
    joiner = verified_member(email="sanne@samen.test")
    client.force_login(joiner)
    client.post(membership_url(group), {"action": "join", "message": "Hallo"})
    assert Membership.objects.get(user=joiner).message == ""


@pytest.mark.parametrize(
    ("action", "said"),
    [
        ("accept", "Sanne de Graaf is nu lid van Vertrouwelijk."),
        ("refuse", "Het verzoek van Sanne de Graaf om lid te worden van Vertrouwelijk is geweigerd."),
    ],
)
def test_answering_a_request_says_who_and_what(client, closed_with_owner, action, said):
    group, owner = closed_with_owner
    asker = add_member(group, Role.PENDING, display_name="Sanne de Graaf", email="sanne@samen.test")
    client.force_login(owner)
    response = client.post(manage_url(group, asker.pk), {"action": action}, follow=True)
    assert said in " ".join(parse(response).get_text(" ").split())
