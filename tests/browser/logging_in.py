"""Logging in as the journeys' people do: the e-mail address and password on the log-in page,
then, for everyone with a second factor (all who may open the admin, see
accounts/second_factor.py), the code their authenticator app shows, typed on the second step.

The code comes from the secret allauth stored (``accounts.factories.current_code_for``), so
the page is driven exactly as a member with the app in hand drives it."""

import time
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import translation

from allauth.mfa import app_settings as mfa_settings
from playwright.sync_api import expect

from accounts.factories import current_code_for
from accounts.models import User
from tests.helpers import nl

with translation.override("nl"):
    LOGIN_PATH = reverse("account_login")
    SECOND_STEP_PATH = reverse("mfa_authenticate")

# A code typed in the last moments of its period may reach the site after it has expired
# (allauth allows no tolerance): a person seeing the timer run out waits for the next one.
LAST_MOMENTS = 3

# The codes typed so far: allauth takes each code once, so a person logging in again in
# the same half minute waits for the next code, as the app shows it.
_typed = set()


def log_in(page, live_server, email, password, next_url="/nl/"):
    """Log in as ``email`` on the Dutch log-in page and land on ``next_url`` (or wherever
    the site sends the member next, such as a question to agree to a new privacy statement)."""
    page.goto(f"{live_server.url}{LOGIN_PATH}?next={next_url}")
    fill_in_the_log_in_form(page, email, password)


def fill_in_the_log_in_form(page, email, password):
    """On the log-in page: type the address and password, send them, and take the second
    step when asked."""
    form = page.locator("form.stacked-form")
    form.get_by_label(nl("Email")).fill(email)
    form.get_by_label(nl("Password")).first.fill(password)
    # Exactly "Aanmelden": the page also has "Aanmelden met een passkey" and, with single
    # sign-on, "Aanmelden met je organisatie-account".
    form.get_by_role("button", name=nl("Log in"), exact=True).click()
    second_step_if_asked(page, email)


def second_step_if_asked(page, email, keyboard=False):
    """After the password was sent: when the site asks for the second step, type the code
    ``email``'s authenticator app shows now, and send it with the button or, for
    ``keyboard``, with Enter. Waits until the log-in page is left, so it can follow a
    click or a key press that submitted the form."""
    page.wait_for_url(lambda url: urlsplit(url).path != LOGIN_PATH)
    if urlsplit(page.url).path != SECOND_STEP_PATH:
        return
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Log in: second step"))
    user = User.objects.get(email__iexact=email)
    code = fresh_code(user)
    field = page.get_by_role("textbox", name=nl("Code"), exact=True)
    if keyboard:
        field.focus()
        page.keyboard.type(code)
        page.keyboard.press("Enter")
    else:
        field.fill(code)
        page.locator("form.stacked-form").get_by_role("button", name=nl("Log in"), exact=True).click()
    page.wait_for_url(lambda url: urlsplit(url).path != SECOND_STEP_PATH)


def fresh_code(user):
    """The code ``user``'s app shows, once it is one not typed before and not about to expire."""
    period = mfa_settings.TOTP_PERIOD
    while True:
        left = period - time.time() % period
        code = current_code_for(user)
        if left > LAST_MOMENTS and (user.pk, code) not in _typed:
            _typed.add((user.pk, code))
            return code
        time.sleep(left + 0.1)
