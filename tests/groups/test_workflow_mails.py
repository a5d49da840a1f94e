"""The approval workflow in plain words: its buttons name the group, and the mails to the
writer say who asked for changes or approved, with what they wrote, in the writer's
language; "changes requested" is never "rejected"."""

from django.core import mail
from django.urls import reverse

from wagtail.models import Workflow
from wagtail.users.models import UserProfile

import pytest

from access.models import Membership
from blog.models import BlogPage
from groups.rights import set_up_group
from tests.groups.helpers import add_member
from tests.groups.test_group_writing import add_url, approve_url, post_form
from tests.helpers import parse

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def team(group):
    set_up_group(group)
    owner = add_member(group, Role.OWNER, display_name="Youssef El Amrani", email="youssef@samen.test")
    writer = add_member(group, Role.MEMBER, display_name="Anouk Verbeek", email="anouk@samen.test")
    return owner, writer


def reject_url(page, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_the_workflow_is_named_after_the_group_and_its_button_says_so(client, group, team):
    owner, writer = team
    assert Workflow.objects.get(workflow_pages__page=group).name == "Menskracht"
    client.force_login(writer)
    soup = parse(client.get(add_url(group)))
    labels = [" ".join(button.get_text().split()) for button in soup.select("footer button")]
    assert "Stuur door naar Menskracht" in labels
    assert not any("goedkeuring (" in label for label in labels)


def test_changes_requested_and_approval_reach_the_writer_with_the_reviewers_words(client, group, team):
    owner, writer = team
    client.force_login(writer)
    client.post(add_url(group), post_form("Ons kwartaalplan", "ons-kwartaalplan", submit="1"))
    post = BlogPage.objects.get(slug="ons-kwartaalplan")
    [to_owner] = mails_to("youssef@samen.test")
    assert to_owner.subject == 'Graag je beoordeling: "Ons kwartaalplan" (Menskracht)'
    assert 'Anouk Verbeek vraagt je "Ons kwartaalplan" te beoordelen voordat het in Menskracht verschijnt.' in (
        to_owner.body
    )
    mail.outbox.clear()

    client.force_login(owner)
    client.post(
        reject_url(post, post.current_workflow_task_state), {"comment": "Voeg een alinea over de planning toe."}
    )
    [changes] = mails_to("anouk@samen.test")
    assert changes.subject == 'Wijzigingen gevraagd in "Ons kwartaalplan"'
    assert 'Youssef El Amrani vraagt om wijzigingen in "Ons kwartaalplan" voordat het verschijnt.' in changes.body
    assert 'Wat er moet veranderen: "Voeg een alinea over de planning toe."' in changes.body
    assert "afgekeurd" not in (changes.subject + changes.body).lower()
    mail.outbox.clear()

    client.force_login(writer)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[post.pk]),
        post_form("Ons kwartaalplan", "ons-kwartaalplan", submit="1"),
    )
    post.refresh_from_db()
    client.force_login(owner)
    client.post(approve_url(post, post.current_workflow_task_state), {"comment": "Mooi stuk, Anouk. Gepubliceerd!"})
    [approved] = [message for message in mails_to("anouk@samen.test") if "goedgekeurd" in message.subject]
    assert approved.subject == '"Ons kwartaalplan" is goedgekeurd'
    assert 'Youssef El Amrani heeft "Ons kwartaalplan" goedgekeurd.' in approved.body
    assert 'Bij de goedkeuring staat deze opmerking: "Mooi stuk, Anouk. Gepubliceerd!"' in approved.body
    assert "Het staat nu op de site: http://127.0.0.1:8000/nl/groepen/menskracht/ons-kwartaalplan/" in approved.body


def test_a_writer_who_reads_english_gets_the_mails_in_english(client, group, team):
    owner, writer = team
    profile = UserProfile.get_for_user(writer)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(writer)
    client.post(add_url(group), post_form("Our plan", "our-plan", submit="1"))
    post = BlogPage.objects.get(slug="our-plan")
    client.force_login(owner)
    client.post(reject_url(post, post.current_workflow_task_state), {"comment": "Add a paragraph."})
    [changes] = mails_to("anouk@samen.test")
    assert changes.subject == 'Changes requested for "Our plan"'
    assert 'What to change: "Add a paragraph."' in changes.body
