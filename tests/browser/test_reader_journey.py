import re

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reader_goes_from_home_to_a_group_to_a_post(live_server, page, screenshot_dir):
    call_command("load_demo", verbosity=0)

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/nl/$"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samen")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Groepen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Groepen")

    page.get_by_role("link", name="Menskracht").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Menskracht")
    expect(page.get_by_text("Inspiratie en ontwikkeling van professionele passie en talent")).to_be_visible()

    page.get_by_role("link", name="Werkplezier begint bij de koffieautomaat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkplezier begint bij de koffieautomaat")

    breadcrumb = page.get_by_role("navigation", name="Kruimelpad")
    expect(breadcrumb.get_by_role("link")).to_have_text(
        ["Blogs", "Menskracht", "Werkplezier begint bij de koffieautomaat"]
    )

    byline = page.locator(".post__byline")
    expect(byline).to_contain_text("Door Marloes Dijkstra in de groep Menskracht")
    expect(byline.locator("time")).to_have_text(re.compile(r"^\d+ dagen geleden$"))
    expect(byline.locator("time")).to_have_attribute("datetime", re.compile(r"^2021-10-16T"))

    body = page.locator(".post__body")
    expect(body.get_by_role("heading", name="Waarom het toeval zo belangrijk is")).to_be_visible()
    expect(body.locator("ol li")).to_have_count(3)
    expect(body.get_by_role("img")).to_have_attribute("alt", re.compile("cirkels"))
    expect(body.get_by_role("link", name="Bekijk de video")).to_have_attribute("href", re.compile("youtube"))

    related = page.get_by_role("complementary").get_by_role("region", name="Gerelateerde blogs")
    expect(related.get_by_role("listitem")).to_have_count(4)

    # Keyboard users reach the content first: the skip link is the first tab stop.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()

    page.screenshot(path=str(screenshot_dir / "blog-post.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshot_dir / "blog-post-phone.png"), full_page=True)
