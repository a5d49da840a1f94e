"""A member asks to join a closed group from a phone, with a word for its admins; the
group's owner hears of it by mail, reads it on the members page and accepts; the new member
is welcomed by mail and then reads the posts the group keeps for its members, which did not
exist for them before. The demo's closed group, in Chromium, the requester's page 390
pixels wide (and no wider)."""

import re

from django.core import mail
from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from access.models import Membership
from blog.models import BlogPage
from groups.models import GroupPage
from tests.browser import logging_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

GROUP_SLUG = "intervisie-leidinggevenden"
PHONE = {"width": 390, "height": 844}
WORDS = "Ik geef sinds kort leiding aan een team van twaalf en zoek collega's om mee te sparren."


@pytest.fixture
def closed_group(live_server):
    call_command("load_demo", verbosity=0)
    group = GroupPage.objects.get(slug=GROUP_SLUG, locale__language_code="nl")
    posts = list(BlogPage.objects.live().child_of(group).filter(locale=group.locale))
    return group, posts


def log_in(page, live_server, email, password, next_url):
    logging_in.log_in(page, live_server, email, password, next_url=next_url)
    expect(page.locator("body")).to_have_attribute("data-rendered-for", "member")
    # On a phone the account links sit behind the header's Menu button.
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():
        menu.click()
    expect(page.get_by_role("navigation", name="Jouw account")).to_contain_text("Afmelden")


def no_sideways_scrolling(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} pixels wide"


def test_a_member_asks_to_join_from_a_phone_and_reads_the_posts_once_accepted(
    live_server, browser, closed_group, screenshot_dir
):
    group, posts = closed_group
    assert posts, "the demo's closed group has posts for its members"
    titles = [post.title for post in posts]
    requester = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    owner = browser.new_context(locale="nl-NL").new_page()

    # The group tells an outsider it has posts for its members, without showing them.
    log_in(requester, live_server, "bram@samen.test", "samen-lezer", group.url)
    expect(requester.get_by_role("heading", name=group.title, level=1)).to_be_visible()
    assert requester.request.get(f"{live_server.url}{posts[0].url}").status == 404
    notice = requester.locator("[aria-labelledby='group-posts-heading'] .notice")
    expect(notice).to_contain_text("Deze gesloten groep heeft")
    expect(notice).to_contain_text("voor haar leden")
    for title in titles:
        expect(requester.get_by_text(title)).to_have_count(0)
    no_sideways_scrolling(requester)

    # A word for the admins, and the request is sent.
    membership = requester.get_by_role("region", name="Lidmaatschap")
    membership.get_by_label("Bericht aan de beheerders van de groep").fill(WORDS)
    membership.get_by_role("button", name="Verzoek sturen").click()
    expect(requester.locator(".messages")).to_contain_text("Je verzoek is verstuurd")
    expect(membership).to_contain_text("wacht op een antwoord")
    no_sideways_scrolling(requester)
    assert Membership.objects.get(user__email="bram@samen.test", group_key=group.translation_key).role == "pending"
    [asked] = [m for m in mail.outbox if "Verzoek om lid te worden" in m.subject and "youssef@samen.test" in m.to]
    assert WORDS in asked.body

    # The owner goes from the group page to the waiting request, reads its words, and accepts.
    log_in(owner, live_server, "youssef@samen.test", "samen-auteur", group.url)
    owner.get_by_role("link", name=re.compile("verzoek(en)? wacht")).click()
    requests = owner.get_by_role("region", name="Verzoeken om lid te worden")
    request = requests.locator(".member-list__item", has_text="Bram Kuipers")
    expect(request).to_contain_text(WORDS)
    request.get_by_role("button", name="Accepteren Bram Kuipers").click()
    expect(owner.locator(".messages")).to_contain_text(f"Bram Kuipers is nu lid van {group.title}.")
    expect(owner.locator(".member-list__item", has_text="Bram Kuipers")).to_contain_text("lid")
    assert any("Welkom bij" in m.subject and "bram@samen.test" in m.to for m in mail.outbox)

    # The new member now reads the group's posts.
    requester.goto(f"{live_server.url}{group.url}")
    for title in titles:
        expect(requester.get_by_role("link", name=title).first).to_be_visible()
    expect(notice).to_have_count(0)
    no_sideways_scrolling(requester)
    requester.screenshot(path=screenshot_dir / "join-request-accepted-phone.png", full_page=True)

    # And a post for members says so.
    requester.goto(f"{live_server.url}{posts[0].url}")
    expect(requester.get_by_role("heading", level=1)).to_have_text(posts[0].title)
    expect(requester.locator(".post__meta")).to_contain_text("Groepsleden")
    no_sideways_scrolling(requester)
