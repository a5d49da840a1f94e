"""A new visitor signs up on the Dutch site: a first try with two mistakes, told about both at
once with the list of errors in focus, then right; confirms from the mail in another browser,
lands on the log-in page told the address is confirmed, and logs in. On a phone-sized screen
the form fits."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "een-lang-wachtwoord-42"


def confirmation_link(live_server):
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    # Mail links carry the site's own address; the test server listens elsewhere.
    return re.sub(r"^https?://[^/]+", live_server.url, link)


def fill_signup(page, password, again):
    page.get_by_label("E-mailadres").fill("noor@samen.test")
    page.get_by_label("Weergavenaam").fill("Noor Visser")
    page.get_by_label("Wachtwoord").first.fill(password)
    page.get_by_label("Wachtwoord (bevestigen)").fill(again)
    page.get_by_role("button", name="Account aanmaken").click()


def test_a_visitor_signs_up_confirms_elsewhere_and_logs_in(live_server, page, browser, screenshot_dir):
    page.goto(f"{live_server.url}/nl/account/signup/")

    # Too short, and typed differently the second time: both said at once.
    fill_signup(page, "kort", "anders")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Nog niet alles klopt")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(summary).to_contain_text("Dit wachtwoord is te kort. Het moet minstens 8 tekens hebben.")
    expect(summary).to_contain_text("Typ twee keer hetzelfde wachtwoord.")
    page.wait_for_function("document.activeElement && document.activeElement.hasAttribute('data-error-summary')")
    # What was typed is still there, the passwords excepted.
    expect(page.get_by_label("E-mailadres")).to_have_value("noor@samen.test")
    expect(page.get_by_label("Wachtwoord (bevestigen)")).to_have_value("")
    page.screenshot(path=str(screenshot_dir / "signup-errors.png"), full_page=True)

    # A link in the list takes the reader to the field.
    summary.get_by_role("link", name=re.compile("Wachtwoord \\(bevestigen\\)")).click()
    assert page.evaluate("document.activeElement.id") == "id_password2"

    # Now right.
    fill_signup(page, PASSWORD, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig je e-mailadres")
    expect(page.locator("main")).to_contain_text("meld je je daarna aan met je e-mailadres en wachtwoord")
    assert mail.outbox[-1].subject == "[Samen] Welkom! Bevestig je e-mailadres"
    assert mail.outbox[-1].body.startswith("Hallo Noor Visser,")

    # The link opened on another device: confirmed, then asked to log in.
    other = browser.new_context(locale="nl-NL")
    elsewhere = other.new_page()
    elsewhere.goto(confirmation_link(live_server))
    elsewhere.get_by_role("button", name="Bevestigen").click()
    expect(elsewhere).to_have_url(re.compile(r"/nl/account/login/$"))
    expect(elsewhere.locator(".messages")).to_contain_text("Je e-mailadres noor@samen.test is bevestigd.")
    expect(elsewhere.locator(".messages")).to_contain_text("Meld je nu aan met je e-mailadres en wachtwoord.")
    elsewhere.screenshot(path=str(screenshot_dir / "signup-confirmed-elsewhere.png"), full_page=True)
    elsewhere.get_by_label("E-mailadres").fill("noor@samen.test")
    elsewhere.get_by_label("Wachtwoord").first.fill(PASSWORD)
    elsewhere.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(elsewhere.locator(".messages")).to_contain_text("Je bent aangemeld als Noor Visser.")
    expect(elsewhere.locator("body")).to_have_attribute("data-rendered-for", "member")
    other.close()


def test_the_signup_form_fits_a_phone(live_server, browser):
    phone = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.goto(f"{live_server.url}/nl/account/signup/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_label("E-mailadres").fill("een-heel-lang-adres-zonder-spaties-" * 3 + "@samen.test")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    button = page.get_by_role("button", name="Account aanmaken").bounding_box()
    assert button["x"] >= 0 and button["x"] + button["width"] <= 390
    phone.close()
