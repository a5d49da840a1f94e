"""Logging in with a second factor: the password, then a code from the app or a recovery
code. Wrong codes are answered clearly and, after five, the account's second step is
locked for a while, the right code included."""

import pytest

from tests.engagement.helpers import soup, text_of

from .conftest import SECOND_STEP_URL, enter_code, log_in, logged_in_as, nl, recovery_codes_of


def test_a_member_without_a_second_factor_logs_in_with_the_password_alone(client, member):
    response = log_in(client, "mila@samen.test")
    assert response.status_code == 302
    assert logged_in_as(client) == str(member.pk)


def test_the_password_leads_to_the_second_step_and_the_code_logs_in(client, member_with_app, code_of):
    response = log_in(client, "mila@samen.test", next_url="/nl/leden/profiel/bewerken/")
    assert response.status_code == 302
    assert response["Location"] == SECOND_STEP_URL
    assert logged_in_as(client) is None
    done = enter_code(client, code_of(member_with_app.totp_secret))
    assert done.status_code == 302
    assert done["Location"] == "/nl/leden/profiel/bewerken/"
    assert logged_in_as(client) == str(member_with_app.pk)


def test_the_code_field_is_labelled_and_asks_for_a_one_time_code(client, member_with_app):
    log_in(client, "mila@samen.test")
    page = soup(client.get(SECOND_STEP_URL))
    field = page.select_one("input[name=code]")
    assert field["autocomplete"] == "one-time-code"
    assert field["inputmode"] == "numeric"
    assert page.select_one(f'label[for="{field["id"]}"]').get_text(strip=True).startswith("Code")
    assert page.find("h1").get_text(strip=True) == nl("Log in: second step")


def test_the_second_step_is_in_english_under_en(client, member_with_app):
    client.post("/en/account/login/", {"login": "mila@samen.test", "password": "samen-wachtwoord"})
    page = client.get("/en/account/2fa/authenticate/")
    assert soup(page).find("h1").get_text(strip=True) == "Log in: second step"


@pytest.mark.parametrize(
    "code",
    ["000000", "12345", "abcdef", "' OR 1=1 --", '"><script>alert(1)</script>', "٣٣٣٣٣٣", "1" * 5000],
)
def test_a_wrong_code_is_refused_clearly_and_kept_in_the_field(client, member_with_app, code):
    log_in(client, "mila@samen.test")
    response = enter_code(client, code)
    assert response.status_code == 200
    assert logged_in_as(client) is None
    assert soup(response).select_one(".error-summary")
    if len(code) < 100:
        assert soup(response).select_one("input[name=code]")["value"] == code
    assert b"<script>alert(1)" not in response.content


def test_an_empty_code_is_asked_for(client, member_with_app):
    log_in(client, "mila@samen.test")
    response = enter_code(client, "")
    assert response.status_code == 200
    assert "Dit is een verplicht veld" in text_of(response)
    assert logged_in_as(client) is None


def test_the_second_step_cannot_be_reached_without_the_password(client, member_with_app):
    response = client.get(SECOND_STEP_URL)
    assert response.status_code == 302
    assert client.post(SECOND_STEP_URL, {"code": "123456"}).status_code == 302
    assert logged_in_as(client) is None


def test_after_five_wrong_codes_even_the_right_one_is_refused_for_now(client, member_with_app, code_of):
    log_in(client, "mila@samen.test")
    for _attempt in range(5):
        assert "Ongeldige code" in text_of(enter_code(client, "000000"))
    response = enter_code(client, code_of(member_with_app.totp_secret))
    assert "Te veel inlogpogingen" in text_of(response)
    assert logged_in_as(client) is None


def test_the_lock_holds_across_a_new_password_log_in(client, member_with_app, code_of):
    log_in(client, "mila@samen.test")
    for _attempt in range(5):
        enter_code(client, "000000")
    client.cookies.clear()
    log_in(client, "mila@samen.test")
    response = enter_code(client, code_of(member_with_app.totp_secret))
    assert "Te veel inlogpogingen" in text_of(response)
    assert logged_in_as(client) is None


def test_a_code_from_the_app_works_only_once(client, member_with_app, code_of):
    code = code_of(member_with_app.totp_secret)
    log_in(client, "mila@samen.test")
    enter_code(client, code)
    client.logout()
    log_in(client, "mila@samen.test")
    response = enter_code(client, code)
    assert response.status_code == 200
    assert logged_in_as(client) is None


def test_a_recovery_code_works_once_and_never_twice(client, member_with_app):
    code = recovery_codes_of(member_with_app)[0]
    log_in(client, "mila@samen.test")
    assert enter_code(client, code).status_code == 302
    assert logged_in_as(client) == str(member_with_app.pk)
    assert code not in recovery_codes_of(member_with_app)
    client.logout()
    log_in(client, "mila@samen.test")
    response = enter_code(client, code)
    assert response.status_code == 200
    assert "Ongeldige code" in text_of(response)
    assert logged_in_as(client) is None
