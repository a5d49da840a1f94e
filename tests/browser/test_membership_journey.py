"""A reader asks to join a closed group, the group's owner accepts, and the reader can
then read the post that is for the group's members only."""

import re

from django.core import mail
from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from access.models import Membership
from blog.models import BlogPage
from groups.models import GroupPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

GROUP_SLUG = "intervisie-leidinggevenden"
POST_SLUG = "een-lastig-gesprek-drie-perspectieven"


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    group = GroupPage.objects.get(slug=GROUP_SLUG, locale__language_code="nl")
    post = BlogPage.objects.get(slug=POST_SLUG)
    return group, post


def log_in(page, live_server, email, password):
    page.goto(f"{live_server.url}/nl/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").first.fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("navigation", name="Jouw account")).to_contain_text("Afmelden")


def test_reader_asks_to_join_an_owner_accepts_and_the_reader_reads_the_members_post(
    live_server, browser, demo, screenshot_dir
):
    group, post = demo
    reader = browser.new_context(locale="nl-NL").new_page()
    owner = browser.new_context(locale="nl-NL").new_page()

    # The reader is logged in but not a member: the post does not exist for them.
    log_in(reader, live_server, "bram@samen.test", "samen-lezer")
    response = reader.goto(f"{live_server.url}{post.url}")
    assert response.status == 404

    # On the group page they ask to join.
    reader.goto(f"{live_server.url}{group.url}")
    membership = reader.get_by_role("region", name="Lidmaatschap")
    expect(membership).to_contain_text("gesloten groep")
    membership.get_by_role("button", name="Verzoek sturen").click()
    expect(reader.locator(".messages")).to_contain_text("Je verzoek is verstuurd")
    expect(membership).to_contain_text("wacht op een antwoord")
    assert Membership.objects.get(user__email="bram@samen.test", group_key=group.translation_key).role == "pending"
    assert any("Verzoek om lid te worden" in m.subject and "youssef@samen.test" in m.to for m in mail.outbox)

    # The owner accepts from the members page.
    log_in(owner, live_server, "youssef@samen.test", "samen-auteur")
    owner.goto(f"{live_server.url}{group.url}")
    owner.get_by_role("link", name=re.compile("verzoek(en)? wacht")).click()
    requests = owner.get_by_role("region", name="Verzoeken om lid te worden")
    expect(requests).to_contain_text("Bram Kuipers")
    owner.screenshot(path=str(screenshot_dir / "group-requests.png"), full_page=True)
    requests.get_by_role("button", name="Accepteren Bram Kuipers").click()
    expect(owner.locator(".messages")).to_contain_text("Het lidmaatschap is gewijzigd")
    expect(owner.locator(".member-list__item", has_text="Bram Kuipers")).to_contain_text("lid")
    assert any("Welkom bij" in m.subject and "bram@samen.test" in m.to for m in mail.outbox)

    # Now the reader reads the post, labelled as being for group members.
    reader.goto(f"{live_server.url}{post.url}")
    expect(reader.get_by_role("heading", level=1)).to_have_text(post.title)
    expect(reader.locator(".post__meta")).to_contain_text("Groepsleden")
    reader.screenshot(path=str(screenshot_dir / "members-only-post.png"), full_page=False)
