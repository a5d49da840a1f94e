"""A member keeps up without noise, in Chromium: Bram follows Anouk from her profile and a
tag from the blog's tag listing; Anouk publishes a post with that tag in a group Bram is not
in; Bram's bell counts one notification (not two: he follows her and the tag), he opens it
from the notifications page and lands on the post; he mentions Anouk in a reaction,
choosing her from the suggestions with the keyboard; Anouk's bell tells her, and her
notification leads to his reaction, where her name links to her profile. The demo's
content; Anouk's post is published by the site's editor as Wagtail publishes it (how a
group writer sends a post for approval has a journey of its own)."""

import re

from django.core.management import call_command

from wagtail.models import Page

import pytest
from playwright.sync_api import expect

from accounts.models import User
from blog.models import BlogIndexPage, BlogPage
from groups.models import GroupPage
from tests.browser import logging_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Samen leren van elkaars werkplek"
TAG = "leren"


@pytest.fixture
def site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server


def log_in(page, live_server, email, password, next_url="/nl/"):
    logging_in.log_in(page, live_server, email, password, next_url=next_url)
    expect(page.locator("body")).to_have_attribute("data-rendered-for", "member")


def publish_post(author, tag):
    group = GroupPage.objects.get(slug="menskracht", locale__language_code="nl")
    post = BlogPage(
        title=TITLE,
        slug="samen-leren-van-elkaars-werkplek",
        teaser="Een dag meelopen bij een collega leert je meer dan een cursus.",
        author=author,
        body=[("paragraph", "<p>Wie een dag meeloopt, ziet hoe een ander het werk aanpakt.</p>")],
    )
    group.add_child(instance=post)
    post.tags.add(tag)
    # Her group's posts are approved before they go live: the site's editor publishes it.
    editor = User.objects.get(email="beheer@samen.test")
    post.save_revision(user=author).publish(user=editor)
    return BlogPage.objects.get(pk=post.pk)


def bell(page):
    return page.locator(".notification-bell")


def test_a_member_follows_a_person_and_a_tag_hears_of_the_post_and_mentions_its_author(site, browser):
    anouk = User.objects.get(email="anouk@samen.test")
    bram_page = browser.new_context(locale="nl-NL").new_page()
    log_in(bram_page, site, "bram@samen.test", "samen-lezer")
    expect(bell(bram_page)).to_contain_text("0 ongelezen meldingen")

    # Follow Anouk from her profile, and the tag from the blog's listing of it.
    bram_page.goto(f"{site.url}/nl/leden/{anouk.pk}/")
    bram_page.get_by_role("button", name="Anouk Verbeek volgen").click()
    expect(bram_page.get_by_role("button", name="Anouk Verbeek niet meer volgen")).to_have_attribute(
        "aria-pressed", "true"
    )
    blog_index = BlogIndexPage.objects.get(locale__language_code="nl")
    bram_page.goto(f"{site.url}{blog_index.url}?tag={TAG}")
    bram_page.get_by_role("button", name=f"De tag {TAG} volgen").click()
    expect(bram_page.get_by_role("button", name=f"De tag {TAG} niet meer volgen")).to_be_visible()

    # Anouk publishes in a group Bram is not in; he hears of it once.
    post = publish_post(anouk, TAG)
    bram_page.goto(f"{site.url}/nl/")
    expect(bell(bram_page)).to_contain_text("1 ongelezen melding")
    bell(bram_page).click()
    expect(bram_page.get_by_role("heading", name="Meldingen", level=1)).to_be_visible()
    line = bram_page.get_by_role("link", name=f"Anouk Verbeek publiceerde {TITLE}")
    expect(line).to_have_count(1)
    line.click()
    expect(bram_page).to_have_url(re.compile(re.escape(post.url) + "$"))
    expect(bram_page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(bell(bram_page)).to_contain_text("0 ongelezen meldingen")

    # A reaction that mentions her, chosen from the suggestions with the keyboard.
    field = bram_page.locator("#reaction-text-new")
    field.click()
    field.press_sequentially("Mooi gezegd, @Ano", delay=30)
    option = bram_page.get_by_role("option", name="Anouk Verbeek")
    expect(option).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    field.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    field.press("Enter")
    expect(field).to_have_value(f"Mooi gezegd, @[Anouk Verbeek]({anouk.pk}) ")
    field.press_sequentially("dit ga ik proberen.")
    bram_page.get_by_role("button", name="Reactie plaatsen").click()
    mine = bram_page.locator(".reaction", has_text="dit ga ik proberen").first
    expect(mine.get_by_role("link", name="@Anouk Verbeek")).to_have_attribute("href", f"/nl/leden/{anouk.pk}/")

    # Anouk hears of the mention, and it leads her to the reaction.
    anouk_page = browser.new_context(locale="nl-NL").new_page()
    log_in(anouk_page, site, "anouk@samen.test", "samen-auteur")
    expect(bell(anouk_page)).to_contain_text("1 ongelezen melding")
    anouk_page.goto(f"{site.url}/nl/meldingen/")
    mention = anouk_page.get_by_role("link", name=f"Bram Kuipers noemde je bij {TITLE}")
    mention.click()
    expect(anouk_page).to_have_url(re.compile(re.escape(post.url) + r"#reactie-\d+$"))
    expect(anouk_page.locator(".reaction", has_text="dit ga ik proberen")).to_be_visible()
    assert Page.objects.filter(pk=post.pk, live=True).exists()
