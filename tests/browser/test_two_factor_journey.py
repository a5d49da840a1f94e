"""Two-factor authentication in Chromium: a member sets up an authenticator app, keeps the
recovery codes and logs in with password and code; an editor without a second factor is
refused the admin, sets one up from the refusal and reaches the dashboard; a member adds a
passkey (Chromium's virtual authenticator) and logs in with it as the second step."""

import re

from django.contrib.auth.models import Group

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, UserFactory, current_code
from tests.browser.logging_in import LOGIN_PATH
from tests.helpers import nl

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def member(email, **extra):
    user = UserFactory(email=email, display_name="Mila Lid", **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(page, live_server, email, next_url=""):
    """Only the password: what follows it is what these journeys look at."""
    page.goto(f"{live_server.url}{LOGIN_PATH}{'?next=' + next_url if next_url else ''}")
    page.get_by_label(nl("Email")).fill(email)
    page.get_by_label(nl("Password")).first.fill(DEFAULT_PASSWORD)
    page.locator("form.stacked-form").get_by_role("button", name=nl("Log in"), exact=True).click()


def confirm_password_if_asked(page):
    """On the way to a page that sets up a factor, allauth may ask for the password again."""
    page.wait_for_url(re.compile(r"/account/(reauthenticate|2fa/totp/activate|2fa/webauthn/add)/"))
    if "/account/reauthenticate/" in page.url:
        page.get_by_label(nl("Password")).fill(DEFAULT_PASSWORD)
        page.locator("form.stacked-form").get_by_role("button", name=nl("Confirm"), exact=True).click()


def log_out(page):
    """With the header's button, as a member does."""
    account = page.get_by_role("navigation", name=nl("Your account"))
    account.get_by_role("button", name=nl("Log out")).click()
    expect(account.get_by_role("link", name=nl("Log in"))).to_be_visible()


def set_up_app(page):
    """On the activation page: read the key as a member would type it, answer with the code."""
    expect(page.locator("img.totp-qr")).to_have_attribute(
        "alt", nl("QR code for your authenticator app. It holds the same key as the text below.")
    )
    secret = page.locator("[data-totp-secret]").input_value()
    page.get_by_role("textbox", name=nl("Code from the app"), exact=True).fill(current_code(secret))
    page.get_by_role("button", name=nl("Turn on")).click()
    return secret


def test_a_member_sets_up_an_app_keeps_the_codes_and_logs_in_with_a_code(live_server, page):
    mila = member("mila@samen.test")
    log_in(page, live_server, "mila@samen.test")
    page.goto(f"{live_server.url}/nl/account/2fa/")
    page.get_by_role("link", name=nl("Set up an authenticator app")).click()
    confirm_password_if_asked(page)
    set_up_app(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Recovery codes"))
    codes = page.locator("[data-recovery-codes] code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name=nl("Back to two-factor authentication")).click()
    expect(page.get_by_text(nl("On: when you log in, you type the code your authenticator app shows."))).to_be_visible()

    log_out(page)
    log_in(page, live_server, "mila@samen.test")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Log in: second step"))
    code_field = page.get_by_role("textbox", name=nl("Code"), exact=True)
    expect(code_field).to_have_attribute("autocomplete", "one-time-code")
    # A wrong code first: told so, still not in.
    code_field.fill("000000")
    page.get_by_role("button", name=nl("Log in"), exact=True).click()
    expect(page.locator(".error-summary")).to_be_visible()
    # A recovery code, as when the phone is out of reach.
    code_field.fill(codes[0])
    page.get_by_role("button", name=nl("Log in"), exact=True).click()
    expect(page.locator("[data-rendered-for=member]")).to_have_count(1)
    assert Authenticator.objects.get(user=mila, type="recovery_codes").wrap().get_unused_codes() == codes[1:]


def test_an_editor_is_refused_the_admin_sets_up_an_app_and_reaches_the_dashboard(live_server, page):
    editor = member("eva@samen.test")
    editor.groups.add(Group.objects.get(name="Editors"))
    Authenticator.objects.filter(user=editor).delete()
    log_in(page, live_server, "eva@samen.test", next_url="/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("The admin needs a second factor"))
    page.get_by_role("link", name=nl("Set up an authenticator app")).click()
    confirm_password_if_asked(page)
    set_up_app(page)
    page.locator("a[data-continue]").click()
    assert page.url == f"{live_server.url}/admin/"
    expect(page.locator("main")).to_be_visible()
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()


def test_a_member_adds_a_passkey_and_logs_in_with_it_as_the_second_step(live_server, page):
    member("mila@samen.test")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    log_in(page, live_server, "mila@samen.test")
    page.goto(f"{live_server.url}/nl/account/2fa/webauthn/add/")
    confirm_password_if_asked(page)
    page.get_by_label(nl("Name")).fill("Laptop")
    page.get_by_role("button", name=nl("Add the key")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Recovery codes"))
    assert Authenticator.objects.filter(type=Authenticator.Type.WEBAUTHN).count() == 1

    log_out(page)
    log_in(page, live_server, "mila@samen.test")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Log in: second step"))
    page.get_by_role("button", name=nl("Use a passkey or security key")).click()
    expect(page.locator("[data-rendered-for=member]")).to_have_count(1)
