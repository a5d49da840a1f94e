"""A visitor without an account reacts to a post on a 390 px phone, in Chromium: the
guest form, the page that says a mail is on its way, the mail itself (through the outbox,
a real task worker and a real SMTP server on this machine), the confirmation link opened
in the same browser, and the reaction under the post with the guest marker."""

import re
from urllib.parse import urlsplit

from wagtail.models import Site

import pytest
from playwright.sync_api import expect

from blog.factories import BlogPageFactory
from engagement.models import GuestReactions, Reaction
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from tests.background.workers import eventually, start_worker
from tests.engagement.helpers import verified_member
from tests.mailserver import MailServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def smtp():
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def worker(smtp):
    running = start_worker("guest-journey-worker", smtp.port)
    yield running
    running.stop()


def test_a_guest_reacts_on_a_phone_and_confirms_from_the_mail(
    live_server, page, settings, smtp, worker, home, screenshot_dir
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    GuestReactions.objects.create(site=Site.objects.get(is_default_site=True), allowed=True, need_approval=False)
    group = GroupPageFactory(parent=GroupIndexPageFactory(parent=home), title="Menskracht", slug="menskracht")
    post = BlogPageFactory(
        parent=group, author=verified_member(email="auteur@samen.test"), title="Samen koken", slug="samen-koken"
    )

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{post.url}")
    form = page.locator("form.guest-reaction-form")
    form.scroll_into_view_if_needed()
    # Every control has its label (the words follow the catalogue, so the test finds them by name).
    for name in ("name", "email", "comment", "follow"):
        control = form.locator(f"[name={name}]")
        expect(form.locator(f"label[for='{control.get_attribute('id')}']")).to_be_visible()
    form.locator("[name=name]").fill("Gast Gerda")
    form.locator("[name=email]").fill("gerda@voorbeeld.test")
    form.locator("[name=comment]").fill("Heerlijk recept, dank je!")
    form.locator("[name=follow]").check()
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "guest-reaction-form-phone.png"), full_page=True)
    form.get_by_role("button").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Check your e-mail|Kijk in je e-mail"))
    [received] = smtp.wait_for(1)
    assert received.rcpt_tos == ["gerda@voorbeeld.test"]
    body = next(
        part.get_payload(decode=True).decode()
        for part in received.message.walk()
        if part.get_content_type() == "text/plain"
    )
    link = re.search(r"https?://\S+/reacties/gast/bevestigen/\S+/", body).group(0)
    assert not Reaction.objects.get().is_public

    page.goto(f"{live_server.url}{urlsplit(link).path}")
    page.get_by_role("button", name=re.compile("Confirm and place my reaction|Bevestig en plaats mijn reactie")).click()
    reaction = eventually(lambda: Reaction.objects.filter(is_public=True).first())
    shown = page.locator(f"#reactie-{reaction.pk}")
    expect(shown).to_contain_text("Heerlijk recept, dank je!")
    expect(shown).to_contain_text("Gast Gerda")
    expect(shown.locator(".badge--guest")).to_be_visible()
    assert "gerda@voorbeeld.test" not in page.content()
    page.screenshot(path=str(screenshot_dir / "guest-reaction-confirmed-phone.png"), full_page=True)
