"""An editor schedules a post in the Wagtail admin, in Chromium, a minute or two ahead; a real
task worker (manage.py db_worker) keeps time, and the post goes live on its own: live,
no longer locked, and announced to the group once, through a real SMTP server. The test
does not sit out the minute: once the post is scheduled it moves the schedule back by
the time left (tests/background/test_workers.py waits for a schedule in real time)."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Page, Revision

import pytest
from playwright.sync_api import expect

from access.models import Membership
from blog.factories import BlogPageFactory
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from outbox.models import Mail
from tests.background.workers import eventually, start_worker
from tests.browser.logging_in import log_in
from tests.engagement.helpers import verified_member
from tests.groups.helpers import add_member
from tests.mailserver import MailServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "plannen-is-vooruitzien"


@pytest.fixture
def smtp():
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def worker(smtp):
    running = start_worker("journey-worker", smtp.port)
    yield running
    running.stop()


def next_whole_minute(at_least=timedelta(seconds=90)):
    """The first whole minute at least ``at_least`` from now, in the site's time zone."""
    moment = timezone.localtime() + at_least
    return moment.replace(second=0, microsecond=0) + timedelta(minutes=1)


def the_clock_reaches(moment):
    """Move every schedule back by the time left until ``moment`` (and a second): the
    scheduled revision, the time stored in it, and the page's own field."""
    left = moment - timezone.now() + timedelta(seconds=1)
    for revision in Revision.objects.filter(approved_go_live_at__isnull=False):
        revision.approved_go_live_at -= left
        revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
        revision.save(update_fields=["approved_go_live_at", "content"])
        Page.objects.filter(pk=revision.object_id).update(go_live_at=revision.approved_go_live_at)


def test_an_editor_schedules_a_post_and_the_worker_publishes_it_once(
    live_server, page, settings, smtp, worker, home, screenshot_dir
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The site's editor-in-chief, as in the demo: a superuser, who publishes without a workflow.
    editor = verified_member(
        display_name="Redactie Samen", email="eva@samen.test", password=PASSWORD, is_superuser=True, is_staff=True
    )
    group = GroupPageFactory(parent=GroupIndexPageFactory(parent=home), title="Menskracht", slug="menskracht")
    for name in ("nina", "omar"):
        add_member(group, Membership.Role.MEMBER, email=f"{name}@samen.test")
    post = BlogPageFactory(parent=group, author=editor, title="Samen plannen", slug="samen-plannen")
    post.unpublish()

    log_in(page, live_server, "eva@samen.test", PASSWORD, next_url=f"/admin/pages/{post.pk}/edit/")
    expect(page.get_by_role("heading", name="Samen plannen").first).to_be_visible()

    # The status panel, "Stel schema in", "Publiceer op" a minute or two ahead (so that a slow
    # machine is still early when it clicks), "Schema opslaan".
    go_live = next_whole_minute()
    page.get_by_role("button", name="Status").first.click()
    page.get_by_role("button", name="Stel schema in").click()
    dialog = page.locator("#schedule-publishing-dialog")
    dialog.get_by_label("Publiceer op").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # From the keyboard: the date picker that opened with the field covers the button.
    dialog.get_by_role("button", name="Schema opslaan").press("Enter")
    expect(page.locator(".messages")).to_contain_text("Samen plannen")

    # Then "Publicatie inplannen" from the action menu.
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publicatie inplannen").click()
    expect(page.locator(".messages")).to_contain_text("Samen plannen")
    post = Page.objects.get(pk=post.pk).specific
    assert not post.live
    assert post.get_lock() is not None, "scheduled and locked"
    page.goto(f"{live_server.url}/admin/pages/{post.pk}/edit/")
    page.screenshot(path=screenshot_dir / "editor-scheduled.png", full_page=True)

    # The minute passes: the schedule is moved back by the time left, as if the clock had
    # moved on, and the worker's clock publishes the post; the group hears of it once.
    the_clock_reaches(go_live)
    eventually(lambda: Page.objects.get(pk=post.pk).live, timeout=60, interval=0.5, message="the post going live")
    smtp.wait_for(2, timeout=60)
    eventually(lambda: not Mail.objects.exclude(status=Mail.Status.SENT).exists(), message="every mail sent")
    assert sorted(smtp.recipients()) == ["nina@samen.test", "omar@samen.test"]

    post = Page.objects.get(pk=post.pk).specific
    assert post.get_lock() is None, "unlocked"
    page.goto(f"{live_server.url}/admin/pages/{post.pk}/edit/")
    expect(page.get_by_text("Publicatie inplannen")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "editor-published-by-the-worker.png", full_page=True)
    response = page.goto(f"{live_server.url}{post.url}")
    assert response.status == 200
    expect(page.get_by_role("heading", name="Samen plannen", level=1)).to_be_visible()
