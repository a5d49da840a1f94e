"""Signing up, confirming and logging in in the reader's language: the password rules in
Dutch and English, every mistake reported in one answer with a summary on top, the site's
own mails, and where a confirmation link opened in another browser leads."""

import re
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse

import pytest

from accounts.models import User
from tests.engagement.helpers import soup, text_of, verified_member

PASSWORD = "een-lang-en-veilig-wachtwoord-42"

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {"email": "nieuw@samen.test", "display_name": "Nieuw Lid", "password1": PASSWORD, "password2": PASSWORD}
    return {**data, **overrides}


def errors_of(response, field):
    return [item.get_text(" ", strip=True) for item in soup(response).select(f"#id_{field}_error li")]


def links_in(message):
    return re.findall(r"https?://[^\s\"<>]+", message.body)


# The password rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "language", "expected"),
    [
        ("kort", "nl", "Dit wachtwoord is te kort. Het moet minstens 8 tekens hebben."),
        ("kort", "en", "This password is too short. It must contain at least 8 characters."),
        ("password123", "nl", "Dit wachtwoord wordt te vaak gebruikt."),
        ("password123", "en", "This password is too common."),
        ("8394027561", "nl", "Dit wachtwoord bestaat alleen uit cijfers."),
        ("8394027561", "en", "This password is entirely numeric."),
        ("jantjeklaassen", "nl", "Dit wachtwoord lijkt te veel op je e-mailadres."),
        ("jantjeklaassen", "en", "The password is too similar to the e-mail address."),
    ],
)
def test_every_password_rule_speaks_the_pages_language(client, password, language, expected):
    data = signup_data(email="jantjeklaassen@samen.test", password1=password, password2=password)
    response = client.post(f"/{language}/account/signup/", data)

    assert response.status_code == 200
    assert expected in errors_of(response, "password1")
    assert not User.objects.exists()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_hints_under_the_password_say_je_not_u(client, language):
    hints = soup(client.get(f"/{language}/account/signup/")).select_one("#id_password1_helptext").get_text(" ")
    if language == "nl":
        assert "Je wachtwoord moet minstens 8 tekens hebben." in hints
        assert "Uw" not in hints and " uw " not in hints
    else:
        assert "Your password must contain at least 8 characters." in hints


# Every mistake at once, with a summary -----------------------------------------------------------


def test_a_short_and_mistyped_password_are_both_reported_in_one_answer(client):
    response = client.post("/nl/account/signup/", signup_data(password1="kort", password2="anders"))

    assert response.status_code == 200
    assert errors_of(response, "password1") == ["Dit wachtwoord is te kort. Het moet minstens 8 tekens hebben."]
    assert errors_of(response, "password2") == ["Typ twee keer hetzelfde wachtwoord."]


def test_the_error_summary_links_each_error_to_its_field(client):
    response = client.post("/en/account/signup/", signup_data(email="", password1="kort", password2="anders"))
    page = soup(response)

    summary = page.select_one("[data-error-summary]")
    assert summary is not None
    assert summary["tabindex"] == "-1"
    assert summary["role"] == "alert"
    targets = [link["href"] for link in summary.select("a")]
    assert targets == ["#id_email", "#id_password1", "#id_password2"]
    for target in targets:
        assert page.select_one(target) is not None
    # It is at the top of the form, and a script file (never an inline one) focuses it.
    form = summary.find_parent("form")
    assert form.select("[data-error-summary], .field")[0] is summary
    assert page.select_one("script[src$='js/error-summary.js']") is not None


def test_no_summary_before_anything_was_sent(client):
    assert soup(client.get("/nl/account/signup/")).select_one("[data-error-summary]") is None


@pytest.mark.parametrize(
    ("path", "data", "fields"),
    [
        ("/nl/account/login/", {"login": "", "password": ""}, ["#id_login", "#id_password"]),
        ("/nl/account/password/reset/", {"email": "geen-adres"}, ["#id_email"]),
    ],
)
def test_the_other_account_forms_have_the_summary_too(client, path, data, fields):
    summary = soup(client.post(path, data)).select_one("[data-error-summary]")
    assert [link["href"] for link in summary.select("a")] == fields


def test_a_wrong_password_at_log_in_is_in_the_summary(client):
    verified_member(email="anna@samen.test", display_name="Anna")
    response = client.post("/nl/account/login/", {"login": "anna@samen.test", "password": "fout-wachtwoord-1"})

    summary = soup(response).select_one("[data-error-summary]")
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in summary.get_text(" ")


def test_changing_the_password_reports_both_mistakes_at_once(client):
    member = verified_member(email="anna@samen.test", display_name="Anna")
    member.set_password(PASSWORD)
    member.save()
    client.force_login(member)

    response = client.post(
        "/nl/account/password/change/", {"oldpassword": "niet-het-oude", "password1": "kort", "password2": "anders"}
    )

    assert response.status_code == 200
    assert errors_of(response, "oldpassword") == ["Typ je huidige wachtwoord."]
    assert errors_of(response, "password1") == ["Dit wachtwoord is te kort. Het moet minstens 8 tekens hebben."]
    assert errors_of(response, "password2") == ["Typ twee keer hetzelfde wachtwoord."]
    summary = soup(response).select_one("[data-error-summary]")
    assert [link["href"] for link in summary.select("a")] == ["#id_oldpassword", "#id_password1", "#id_password2"]


# Input nobody should send --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field_with_error"),
    [
        ({"email": "", "display_name": "", "password1": "", "password2": ""}, "email"),
        ({"email": "a" * 10_000 + "@samen.test"}, "email"),
        ({"display_name": "n" * 10_000}, "display_name"),
        ({"password1": "p" * 10_000, "password2": "q" * 10_000}, "password2"),
        ({"display_name": "<script>alert(1)</script>"}, "display_name"),
        ({"email": "<script>alert(1)</script>@samen.test"}, "email"),
        ({"email": "x@samen.test' OR '1'='1"}, "email"),
        (
            {"display_name": "Robert'); DROP TABLE accounts_user;--", "password1": "kort", "password2": "kort"},
            "password1",
        ),
    ],
)
def test_bad_input_shows_the_form_again_with_errors(client, overrides, field_with_error):
    data = signup_data(**overrides)
    response = client.post("/nl/account/signup/", data)

    assert response.status_code == 200
    page = soup(response)
    assert errors_of(response, field_with_error)
    assert page.select_one("[data-error-summary]") is not None
    assert not User.objects.exists()
    # What was typed is shown again, as text, except the passwords.
    assert page.select_one("#id_email").get("value", "") == data["email"]
    assert page.select_one("#id_display_name").get("value", "") == data["display_name"]
    assert page.select_one("#id_password1").get("value") is None
    assert page.select_one("#id_password2").get("value") is None
    assert "<script>alert(1)</script>" not in response.content.decode()


# The site's own mails ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "subject", "greeting", "sign_off"),
    [
        ("nl", "[Samen] Welkom! Bevestig je e-mailadres", "Hallo Nieuw Lid,", "Groeten van Samen"),
        ("en", "[Samen] Welcome! Confirm your e-mail address", "Hello Nieuw Lid,", "Greetings from Samen"),
    ],
)
def test_the_confirmation_mail_is_the_sites_own_in_the_members_language(
    client, mailoutbox, language, subject, greeting, sign_off
):
    client.post(f"/{language}/account/signup/", signup_data())

    [message] = mailoutbox
    assert message.subject == subject
    assert message.body.startswith(greeting)
    assert sign_off in message.body
    assert "127.0.0.1" not in message.body.split("http")[0]
    for generic in ("gebruiker", "user ", "Hello from"):
        assert generic not in message.body
    [link] = links_in(message)
    assert urlsplit(link).path.startswith(f"/{language}/account/confirm-email/")
    assert client.get(urlsplit(link).path).status_code == 200


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("nl", "[Samen] Kies een nieuw wachtwoord", "heeft gevraagd om een nieuw wachtwoord"),
        ("en", "[Samen] Choose a new password", "asked for a new password"),
    ],
)
def test_the_reset_mail_is_in_the_members_language_whatever_page_asked(client, mailoutbox, language, subject, words):
    verified_member(email="anna@samen.test", display_name="Anna", language=language)
    other = "en" if language == "nl" else "nl"

    client.post(f"/{other}/account/password/reset/", {"email": "anna@samen.test"})

    [message] = mailoutbox
    assert message.subject == subject
    assert words in message.body
    [link] = links_in(message)
    path = urlsplit(link).path
    assert path.startswith(f"/{language}/account/password/reset/key/")
    assert client.get(path, follow=True).status_code == 200


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("nl", "[Samen] Geen account met dit adres", "Er is geen account met dit adres."),
        ("en", "[Samen] No account with this address", "There is no account with this address."),
    ],
)
def test_a_reset_for_an_unknown_address_gets_the_sites_own_mail(client, mailoutbox, language, subject, words):
    client.post(f"/{language}/account/password/reset/", {"email": "niemand@samen.test"})

    [message] = mailoutbox
    assert message.subject == subject
    assert words in message.body
    assert message.body.startswith("Hallo," if language == "nl" else "Hello,")
    assert f"/{language}/account/signup/" in message.body


def test_the_mail_never_greets_whoever_happens_to_be_logged_in(client, mailoutbox):
    client.force_login(verified_member(email="anna@samen.test", display_name="Anna Geheim"))
    client.post("/nl/account/password/reset/", {"email": "niemand@samen.test"})

    [message] = mailoutbox
    assert "Anna Geheim" not in message.body


# Confirming -----------------------------------------------------------------------------------------------


def confirmation_path(mailoutbox):
    return next(urlsplit(link).path for link in links_in(mailoutbox[-1]) if "/account/confirm-email/" in link)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_page_after_sign_up_promises_no_log_in_elsewhere(client, language):
    response = client.post(f"/{language}/account/signup/", signup_data(), follow=True)
    text = text_of(response)
    if language == "nl":
        assert "Open je hem in deze browser, dan ben je meteen aangemeld." in text
        assert "meld je je daarna aan met je e-mailadres en wachtwoord" in text
    else:
        assert "Open it in this browser and you are logged in straight away." in text
        assert "you log in there afterwards with your e-mail address and password" in text


@pytest.mark.parametrize(
    ("language", "confirmed", "log_in"),
    [
        ("nl", "Je e-mailadres nieuw@samen.test is bevestigd.", "Meld je nu aan met je e-mailadres en wachtwoord."),
        (
            "en",
            "Your e-mail address nieuw@samen.test is confirmed.",
            "Now log in with your e-mail address and password.",
        ),
    ],
)
def test_confirming_in_another_browser_leads_to_the_log_in_page_saying_so(
    client, mailoutbox, language, confirmed, log_in
):
    client.post(f"/{language}/account/signup/", signup_data())
    fresh = Client()

    response = fresh.post(confirmation_path(mailoutbox), follow=True)

    assert response.redirect_chain[-1][0] == f"/{language}/account/login/"
    assert "_auth_user_id" not in fresh.session
    text = text_of(response)
    assert confirmed in text
    assert log_in in text
    assert User.objects.get().emailaddress_set.get().verified

    logged_in = fresh.post(f"/{language}/account/login/", {"login": "nieuw@samen.test", "password": PASSWORD})
    assert logged_in.status_code == 302
    assert fresh.session["_auth_user_id"] == str(User.objects.get().pk)


def test_confirming_in_the_same_browser_logs_in_and_says_so(client, mailoutbox):
    client.post("/nl/account/signup/", signup_data())

    response = client.post(confirmation_path(mailoutbox), follow=True)

    assert client.session["_auth_user_id"] == str(User.objects.get().pk)
    text = text_of(response)
    assert "Je bent aangemeld als Nieuw Lid." in text
    assert "Meld je nu aan" not in text


def test_the_log_in_page_offers_a_new_password_once_next_to_the_password(client):
    page = soup(client.get(reverse("account_login")))
    links = page.find_all("a", href=reverse("account_reset_password"))
    assert [link.get_text(strip=True) for link in links] == ["Wachtwoord vergeten?"]
    assert links[0].find_parent(class_="field").find("input", attrs={"name": "password"}) is not None
