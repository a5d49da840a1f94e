"""A new visitor signs up agreeing to the privacy statement; a new version comes into force;
at the next log-in the member is asked, sees what changed and agrees; then, on the sessions
page, logs out the other browser they were logged in with."""

import re

from django.core import mail
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from privacy.models import PrivacyAgreement, PrivacyStatementVersion
from tests.browser.logging_in import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "sanne@samen.test"
PASSWORD = "een-lang-wachtwoord-42"


def confirmation_link(live_server):
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    return re.sub(r"^https?://[^/]+", live_server.url, link)


def test_signing_up_agreeing_to_a_new_version_and_ending_another_session(live_server, page, browser, screenshot_dir):
    first = PrivacyStatementVersion.objects.create(label="1.0", in_force_from=timezone.localdate(), summary="Eerste.")

    # Signing up: the box names the version; left empty, it is asked for and what was typed stays.
    page.goto(f"{live_server.url}/nl/account/signup/")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Weergavenaam").fill("Sanne Bakker")
    page.get_by_label("Wachtwoord").first.fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    box = page.get_by_role("checkbox")
    expect(box).to_have_accessible_name(re.compile("1\\.0"))
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.get_by_label("E-mailadres")).to_have_value(EMAIL)
    page.get_by_label("Wachtwoord").first.fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig je e-mailadres")
    assert PrivacyAgreement.objects.filter(member__email=EMAIL, version=first).exists()

    # Confirmed in this browser: logged in, then out again.
    page.goto(confirmation_link(live_server))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator("body")).to_have_attribute("data-rendered-for", "member")
    page.goto(f"{live_server.url}/nl/account/logout/")
    page.locator("main").get_by_role("button", name="Afmelden").click()

    # A new version is in force: at the next log-in the member is asked first.
    second = PrivacyStatementVersion.objects.create(
        label="2.0", in_force_from=timezone.localdate(), summary="We bewaren je inloggegevens nu 90 dagen."
    )
    log_in(page, live_server, EMAIL, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("We bewaren je inloggegevens nu 90 dagen.")
    page.screenshot(path=str(screenshot_dir / "privacy-consent.png"), full_page=True)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=re.compile("Agree and go on|Akkoord")).click()
    expect(page.locator("body")).to_have_attribute("data-rendered-for", "member")
    assert PrivacyAgreement.objects.filter(member__email=EMAIL, version=second).exists()

    # Logged in in a second browser too, not asked again there.
    other = browser.new_context(locale="nl-NL")
    elsewhere = other.new_page()
    log_in(elsewhere, live_server, EMAIL, PASSWORD)
    expect(elsewhere.locator("body")).to_have_attribute("data-rendered-for", "member")

    # The sessions page shows both; the member ends the other one.
    page.goto(f"{live_server.url}/nl/account/sessions/")
    sessions = page.locator("table[aria-labelledby=sessions-heading] tbody tr")
    expect(sessions).to_have_count(2)
    expect(page.locator(".sessions-page__this-device")).to_have_count(1)
    page.screenshot(path=str(screenshot_dir / "sessions.png"), full_page=True)
    page.get_by_role("button", name=re.compile("Log out everywhere else|elders")).click()
    expect(sessions).to_have_count(1)

    elsewhere.goto(f"{live_server.url}/nl/account/sessions/")
    expect(elsewhere).to_have_url(re.compile(r"/nl/account/login/"))
    other.close()
