"""The editor gives the site an organisation's look, in Chromium: Instellingen › Huisstijl
refuses a header colour that white text cannot be read on, with the measured ratio and with
everything typed still there; once the colours are readable the site shows the new name and
colours at once, also on a page the shared cache had stored. Nothing is refused by the
site's Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from tests.browser.logging_in import log_in
from tests.engagement.helpers import verified_member
from theme.contrast import contrast_ratio, rounded_down

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "huisstijl-met-zorg"
# A soft blue-grey: pleasant, but white text on it is hard to read.
FAINT_HEADER = "#8fa3a8"
RIVIERSTAD = {
    "color_primary": "#8b1a1a",
    "color_header": "#8b1a1a",
    "color_accent": "#f2c14e",
    "color_focus": "#2d9cdb",
}


def header_background(page):
    return page.locator("header").first.evaluate("element => getComputedStyle(element).backgroundColor")


def test_an_editor_gives_the_site_a_municipalitys_look(live_server, page, home, browser):
    verified_member(
        display_name="Redactie Samen", email="eva@samen.test", password=PASSWORD, is_superuser=True, is_staff=True
    )
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    # A visitor's visit stores the home page in the shared cache, in Samen's own look.
    visitor = browser.new_page()
    visitor.goto(f"{live_server.url}/nl/")
    assert visitor.reload().headers["x-cache"] == "HIT"
    expect(visitor.locator(".site-header__brand")).to_have_text("Samen")
    assert header_background(visitor) == "rgb(7, 63, 73)"

    log_in(page, live_server, "eva@samen.test", PASSWORD, next_url="/admin/settings/theme/theme/")
    expect(page.locator("#id_organisation_name")).to_be_visible()

    page.locator("#id_organisation_name").fill("Gemeente Rivierstad")
    for field, colour in RIVIERSTAD.items():
        page.locator(f"#id_{field}").fill(colour)
    page.locator("#id_color_header").fill(FAINT_HEADER)
    page.get_by_role("button", name="Opslaan").click()

    # Refused, with the ratio the editor's colour reached, and nothing typed is lost.
    ratio = str(rounded_down(contrast_ratio(FAINT_HEADER, "#ffffff"))).replace(".", ",")
    expect(page.get_by_text(f"witte tekst op deze kopbalkkleur haalt {ratio}:1")).to_be_visible()
    expect(page.locator("#id_organisation_name")).to_have_value("Gemeente Rivierstad")
    expect(page.locator("#id_color_header")).to_have_value(FAINT_HEADER)
    expect(page.locator("#id_color_focus")).to_have_value(RIVIERSTAD["color_focus"])

    page.locator("#id_color_header").fill(RIVIERSTAD["color_header"])
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("gewijzigd")).to_be_visible()

    # The visitor's next look at the stored page shows the municipality.
    visitor.reload()
    expect(visitor.locator(".site-header__brand")).to_have_text("Gemeente Rivierstad")
    assert header_background(visitor) == "rgb(139, 26, 26)"
    assert visitor.title().endswith(" · Gemeente Rivierstad")
    assert refused == [], refused
