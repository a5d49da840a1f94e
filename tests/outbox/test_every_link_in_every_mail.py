"""Every mail the site sends, of every kind, reaches the outbox, and every link in it
(text and HTML) starts with SITE_BASE_URL, whatever Host the request that caused it
claimed: a reaction, a new post, a request to join and both answers, sign-up, a password
reset for a known and an unknown address, a sign-up with a taken address, and Wagtail's
workflow mails (submitted, approved, changes requested)."""

import re

from django.core import mail
from django.urls import reverse

from wagtail.models import Site

import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from blog.models import BlogPage
from engagement.models import Follow
from groups.rights import set_up_group
from outbox.models import Mail
from tests.accounts.test_signup import signup
from tests.engagement.helpers import verified_member
from tests.engagement.test_following import post_reaction
from tests.groups.helpers import add_member, manage_url, membership_url
from tests.groups.test_group_writing import add_url, approve_url, post_form

pytestmark = pytest.mark.django_db

BASE = "https://samen.example.nl"
EVIL = {"HTTP_HOST": "evil.example"}
LINK = re.compile(r"https?://[^\s\"'<>]+")
Role = Membership.Role


@pytest.fixture(autouse=True)
def site_address(settings):
    settings.SITE_BASE_URL = BASE
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.ALLOWED_HOSTS = ["*"]
    # As the migration and load_demo --domain leave Wagtail's Site record.
    Site.objects.filter(is_default_site=True).update(hostname="samen.example.nl", port=443)


def links_of(message):
    texts = [message.body, *(content for content, _type in getattr(message, "alternatives", []))]
    return [link for text in texts for link in LINK.findall(text)]


def reject_url(page, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])


def test_every_link_in_every_mail_is_on_the_sites_address(client, group, closed_group):
    set_up_group(group)
    owner = add_member(group, Role.OWNER, display_name="Olga Eigenaar", email="olga@samen.test")
    member = add_member(group, Role.MEMBER, display_name="Carla Collega", email="carla@samen.test")
    kinds = {}

    def happened(kind):
        kinds[kind] = len(mail.outbox) - sum(kinds.values())
        assert kinds[kind] > 0, f"{kind}: no mail"

    # A reaction, mailed to the post's followers.
    post = BlogPageFactory(parent=group, author=owner, access_level="public")
    Follow.objects.create(user=member, translation_key=post.translation_key)
    post_reaction(client, verified_member(email="bram@samen.test"), post, "Mooi stuk!", **EVIL)
    happened("reaction")

    # A request to join a closed group, its owner's mail, and both answers.
    closed_owner = add_member(closed_group, Role.OWNER, email="youssef@samen.test")
    for asker in ("sanne@samen.test", "piet@samen.test"):
        client.force_login(verified_member(email=asker))
        client.post(membership_url(closed_group), {"action": "join"}, **EVIL)
    happened("join request")
    client.force_login(closed_owner)
    sanne, piet = (Membership.objects.get(user__email=email) for email in ("sanne@samen.test", "piet@samen.test"))
    client.post(manage_url(closed_group, sanne.user_id), {"action": "accept"}, **EVIL)
    client.post(manage_url(closed_group, piet.user_id), {"action": "refuse"}, **EVIL)
    happened("join decisions")

    # Wagtail's workflow: submitted (to the approvers), changes requested, then approved,
    # which publishes the post and mails the group.
    client.force_login(member)
    assert client.post(add_url(group), post_form("Ons plan", "ons-plan", submit="1"), **EVIL).status_code == 302
    happened("submitted")
    draft = BlogPage.objects.get(slug="ons-plan")
    client.force_login(owner)
    client.post(reject_url(draft, draft.current_workflow_task_state), {"comment": "Nog een alinea."}, **EVIL)
    happened("changes requested")
    client.force_login(member)
    client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), post_form("Ons plan", "ons-plan", submit="1"))
    client.force_login(owner)
    draft.refresh_from_db()
    client.post(approve_url(draft, draft.current_workflow_task_state), {"comment": "Mooi."}, **EVIL)
    happened("approved and new post")

    # The account mails.
    client.logout()
    signup(client, email="nieuw@samen.test", **EVIL)
    happened("sign-up")
    signup(client, email="carla@samen.test", display_name="Iemand", **EVIL)
    happened("address taken")
    client.post("/nl/account/password/reset/", {"email": "carla@samen.test"}, **EVIL)
    happened("password reset")
    client.post("/nl/account/password/reset/", {"email": "niemand@samen.test"}, **EVIL)
    happened("unknown address")

    wrong = [
        (message.subject, link) for message in mail.outbox for link in links_of(message) if not link.startswith(BASE)
    ]
    assert wrong == []
    assert sum(len(links_of(message)) > 0 for message in mail.outbox) >= len(kinds), "the mails do carry links"
    assert Mail.objects.filter(status=Mail.Status.SENT).count() == len(mail.outbox), "every one through the outbox"
