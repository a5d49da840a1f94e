"""A group's owner, who is no editor of the site, answers a post a member sent for approval,
in Chromium: from the admin's dashboard, through Wagtail's dialog for a decision with a
comment. Approved, the post is live and its writer's mail carries the owner's words;
changes requested, the writer reads that changes are asked for, never that the post was
rejected. The admin works under its policy: nothing is refused."""

from django.core import mail

from wagtail.models import WorkflowState

import pytest
from playwright.sync_api import expect

from access.models import Membership
from blog.factories import BlogPageFactory
from blog.models import BlogPage
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from groups.rights import set_up_group
from tests.browser.logging_in import log_in
from tests.groups.helpers import add_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "samen-beoordelen"
TITLE = "Talent in de wijk"


@pytest.fixture
def waiting_post(home):
    """A post Anouk, a member of Menskracht, sent to its owner Youssef for approval."""
    group = GroupPageFactory(parent=GroupIndexPageFactory(parent=home), title="Menskracht", slug="menskracht")
    set_up_group(group)
    add_member(
        group, Membership.Role.OWNER, display_name="Youssef El Amrani", email="youssef@samen.test", password=PASSWORD
    )
    writer = add_member(group, Membership.Role.MEMBER, display_name="Anouk Verbeek", email="anouk@samen.test")
    post = BlogPageFactory(parent=group, author=writer, title=TITLE, slug="talent-in-de-wijk")
    post.unpublish()
    post.save_revision(user=writer)
    post.get_workflow().start(post, writer)
    mail.outbox.clear()
    return post


def refusals(page):
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    return refused


def decide_from_the_dashboard(page, live_server, decision, comment):
    """Log in as the owner, find the post awaiting review on the dashboard, and take
    ``decision`` with ``comment`` in Wagtail's dialog."""
    log_in(page, live_server, "youssef@samen.test", PASSWORD, next_url="/admin/")
    waiting = page.locator("section[id^='awaiting-review']")
    row = waiting.locator("tr", has_text=TITLE)
    expect(row).to_be_visible()
    row.get_by_role("button", name="Acties").click()
    row.get_by_role("button", name=decision).click()
    dialog = page.locator(".modal-dialog")
    dialog.get_by_label("Opmerking").fill(comment)
    dialog.get_by_role("button", name=decision).click()
    # Back on the dashboard, nothing waits any more.
    expect(page.locator("section[id^='awaiting-review']")).to_have_count(0)


def mails_to_the_writer():
    return [message for message in mail.outbox if message.to == ["anouk@samen.test"]]


def test_an_owner_approves_a_post_with_a_comment_that_reaches_its_writer(
    live_server, page, waiting_post, screenshot_dir
):
    refused = refusals(page)
    decide_from_the_dashboard(page, live_server, "Goedkeuren met opmerking", "Mooi stuk, Anouk. Gepubliceerd!")

    post = BlogPage.objects.get(pk=waiting_post.pk)
    assert post.live
    assert WorkflowState.objects.for_instance(post).get().status == WorkflowState.STATUS_APPROVED
    [approved] = mails_to_the_writer()
    assert approved.subject == f'"{TITLE}" is goedgekeurd'
    assert 'Bij de goedkeuring staat deze opmerking: "Mooi stuk, Anouk. Gepubliceerd!"' in approved.body

    response = page.goto(f"{live_server.url}{post.url}")
    assert response.status == 200
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    page.screenshot(path=screenshot_dir / "approver-approved.png", full_page=True)
    assert refused == [], refused


def test_an_owner_asks_for_changes_and_the_writer_reads_just_that(live_server, page, waiting_post, screenshot_dir):
    refused = refusals(page)
    decide_from_the_dashboard(page, live_server, "Wijzigingsverzoek", "Voeg een alinea over de buurthuizen toe.")

    post = BlogPage.objects.get(pk=waiting_post.pk)
    assert not post.live
    assert WorkflowState.objects.for_instance(post).get().status == WorkflowState.STATUS_NEEDS_CHANGES
    [changes] = mails_to_the_writer()
    assert changes.subject == f'Wijzigingen gevraagd in "{TITLE}"'
    assert 'Wat er moet veranderen: "Voeg een alinea over de buurthuizen toe."' in changes.body
    words = (changes.subject + changes.body).lower()
    assert "afgekeurd" not in words and "rejected" not in words and "afgewezen" not in words
    page.screenshot(path=screenshot_dir / "approver-changes-requested.png", full_page=True)
    assert refused == [], refused
