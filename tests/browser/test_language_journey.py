"""A Dutch reader reads a post in English, meets a post that has no English version yet,
and is remembered as an English reader."""

import re

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DUTCH_POST = "/nl/groepen/menskracht/werkplezier-begint-bij-de-koffieautomaat/"
ENGLISH_POST = "/en/groups/menskracht/job-satisfaction-starts-at-the-coffee-machine/"
DUTCH_ONLY_POST = "/nl/groepen/burgerparticipatie/jongeren-aan-tafel-bij-de-gemeenteraad/"
NOTICE = "The page you were reading has not been translated into this language yet."


def test_dutch_reader_switches_to_english_and_is_remembered(live_server, page, screenshot_dir):
    call_command("load_demo", verbosity=0)

    # A Dutch post, in Dutch, with the switch saying where the reader is.
    page.goto(f"{live_server.url}{DUTCH_POST}")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkplezier begint bij de koffieautomaat")
    switch = page.get_by_role("navigation", name="Taal")
    expect(switch.get_by_role("link")).to_have_text(["Engels", "Nederlands"])
    expect(switch.get_by_role("link", name="Nederlands")).to_have_attribute("aria-current", "true")

    # To the same post in English.
    switch.get_by_role("link", name="Engels").click()
    expect(page).to_have_url(f"{live_server.url}{ENGLISH_POST}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Job satisfaction starts at the coffee machine")
    switch = page.get_by_role("navigation", name="Language")
    expect(switch.get_by_role("link")).to_have_text(["English", "Dutch"])
    expect(switch.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")
    expect(page.locator(".post__byline time")).to_have_text(re.compile(r"^\d+ days ago$"))
    page.screenshot(path=str(screenshot_dir / "language-english-post.png"), full_page=True)

    # Back to Dutch, then to a post that has no English version yet.
    switch.get_by_role("link", name="Dutch").click()
    expect(page).to_have_url(f"{live_server.url}{DUTCH_POST}")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.goto(f"{live_server.url}{DUTCH_ONLY_POST}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jongeren aan tafel bij de gemeenteraad")
    engels = page.get_by_role("navigation", name="Taal").get_by_role("link", name="Engels")
    expect(engels).to_have_attribute("title", "Deze pagina is nog niet vertaald; je gaat naar de startpagina.")
    engels.click()

    # The English home page, with a notice that says why.
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("status")).to_have_text(NOTICE)
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_text("Jongeren aan tafel bij de gemeenteraad")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "language-untranslated-notice.png"), full_page=True)

    # The choice is remembered: the site's address leads to English, although the browser
    # asks for Dutch.
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("status")).to_have_count(0)
