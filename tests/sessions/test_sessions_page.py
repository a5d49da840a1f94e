"""A member's sessions: seen in plain words, the others ended by the member, and ended by
themselves when the password changes or a second factor is turned on."""

from django.test import Client

import pytest
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.usersessions.models import UserSession

from accounts.factories import DEFAULT_PASSWORD
from tests.engagement.helpers import verified_member
from tests.helpers import parse

from .conftest import SAFARI_IPHONE, SESSIONS_URL, browser

pytestmark = pytest.mark.django_db


def logged_in(client):
    return client.get(SESSIONS_URL).status_code == 200


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(SESSIONS_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/nl/account/login/")


def test_the_member_sees_each_session_in_plain_words_and_this_device_marked(anna):
    laptop = browser(anna, address="203.0.113.7")
    browser(anna, user_agent=SAFARI_IPHONE, address="198.51.100.20")

    page = parse(laptop.get(SESSIONS_URL))
    rows = page.select("table[aria-labelledby=sessions-heading] tbody tr")
    assert len(rows) == 2
    texts = [" ".join(row.get_text(" ", strip=True).split()) for row in rows]
    assert any("Firefox" in text and "Windows" in text for text in texts)
    laptop_row = next(row for row in rows if "203.0.113.7" in row.get_text())
    phone_row = next(row for row in rows if "198.51.100.20" in row.get_text())
    assert laptop_row.select_one(".sessions-page__this-device") is not None
    assert phone_row.select_one(".sessions-page__this-device") is None
    assert "Safari" in phone_row.get_text() and "iPhone" in phone_row.get_text()
    # Never the raw header.
    assert "Mozilla/5.0" not in page.get_text()
    assert page.find("h1").get_text(strip=True)
    assert page.select_one("main") is not None


def test_ending_the_other_sessions_logs_them_out_and_keeps_this_one(anna):
    laptop = browser(anna)
    phone = browser(anna, user_agent=SAFARI_IPHONE)
    assert UserSession.objects.filter(user=anna).count() == 2

    response = laptop.post(SESSIONS_URL)
    assert response.status_code == 302

    assert logged_in(laptop)
    assert not logged_in(phone)
    assert UserSession.objects.filter(user=anna).count() == 1
    assert UserSession.objects.get(user=anna).session_key == laptop.session.session_key


def test_a_single_session_offers_nothing_to_end(anna):
    laptop = browser(anna)
    page = parse(laptop.get(SESSIONS_URL))
    assert page.select_one(f"form[action='{SESSIONS_URL}']") is None


def test_the_sessions_page_in_english(anna):
    laptop = browser(anna)
    page = parse(laptop.get("/en/account/sessions/"))
    assert page.find("h1").get_text(strip=True) == "Sessions and log-ins"
    assert "Firefox on Windows" in page.get_text()


def change_password(client, new="een-heel-nieuw-wachtwoord-7"):
    return client.post(
        "/nl/account/password/change/",
        {"oldpassword": DEFAULT_PASSWORD, "password1": new, "password2": new},
    )


def test_changing_the_password_ends_the_other_sessions_and_their_rows(anna):
    laptop = browser(anna)
    phone = browser(anna, user_agent=SAFARI_IPHONE)
    phone_key = phone.session.session_key

    response = change_password(laptop)
    assert response.status_code == 302

    assert logged_in(laptop)
    assert not logged_in(phone)
    keys = set(UserSession.objects.filter(user=anna).values_list("session_key", flat=True))
    assert keys == {laptop.session.session_key}
    assert phone_key not in keys


def test_a_wrong_old_password_ends_nothing(anna):
    laptop = browser(anna)
    phone = browser(anna, user_agent=SAFARI_IPHONE)
    response = laptop.post(
        "/nl/account/password/change/",
        {"oldpassword": "fout", "password1": "een-heel-nieuw-wachtwoord-7", "password2": "een-heel-nieuw-wachtwoord-7"},
    )
    assert response.status_code in (200, 400)
    assert logged_in(phone)
    assert UserSession.objects.filter(user=anna).count() == 2


def test_turning_on_a_second_factor_ends_every_other_session(anna, django_capture_on_commit_callbacks):
    laptop = browser(anna)
    phone = browser(anna, user_agent=SAFARI_IPHONE)

    # Turning it on asks for the password again first.
    laptop.post("/nl/account/reauthenticate/", {"password": DEFAULT_PASSWORD})
    assert laptop.get("/nl/account/2fa/totp/activate/").status_code == 200
    secret = laptop.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    # allauth announces the new factor once it is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = laptop.post("/nl/account/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302, response.content[:2000]

    assert logged_in(laptop)
    assert not logged_in(phone)
    keys = set(UserSession.objects.filter(user=anna).values_list("session_key", flat=True))
    assert keys == {laptop.session.session_key}


def test_another_members_sessions_are_left_alone(anna):
    bob = verified_member(email="bob@samen.test")
    anna_laptop = browser(anna)
    bob_laptop = browser(bob)
    browser(anna, user_agent=SAFARI_IPHONE)

    anna_laptop.post(SESSIONS_URL)
    assert logged_in(bob_laptop)
    assert UserSession.objects.filter(user=bob).count() == 1


def test_a_forged_post_without_a_token_ends_nothing(anna):
    laptop = browser(anna)
    phone = browser(anna, user_agent=SAFARI_IPHONE)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = laptop.cookies
    response = strict.post(SESSIONS_URL, {"evil": "<script>alert(1)</script>"})
    assert response.status_code == 403
    assert logged_in(phone)
