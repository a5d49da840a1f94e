"""Creating an account: sign-up, the confirmation mail and its link, closed sign-up."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.test import override_settings

import pytest

from accounts.models import User
from tests.engagement.helpers import text_of, verified_member

SIGNUP_URL = "/nl/account/signup/"
PASSWORD = "een-lang-en-veilig-wachtwoord-42"


def signup(client, email="nieuw@samen.test", display_name="Nieuw Lid", **extra):
    data = {"email": email, "display_name": display_name, "password1": PASSWORD, "password2": PASSWORD}
    return client.post(SIGNUP_URL, data, **extra)


def links_in(message):
    return re.findall(r"https?://[^\s\"<>]+", message.body)


@pytest.mark.django_db
def test_signup_form_asks_for_display_name_email_and_password_twice(client):
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    fields = set(response.context["form"].fields)
    assert {"email", "display_name", "password1", "password2"} <= fields


@pytest.mark.django_db
def test_signup_sends_a_confirmation_mail_on_the_sites_own_address(client, mailoutbox):
    response = signup(client, HTTP_HOST="evil.example")

    assert response.status_code == 302
    user = User.objects.get(email="nieuw@samen.test")
    assert user.display_name == "Nieuw Lid"
    assert not user.emailaddress_set.get().verified
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nieuw@samen.test"]
    assert "evil.example" not in message.body
    confirm_links = [link for link in links_in(message) if "/account/confirm-email/" in link]
    assert len(confirm_links) == 1
    link = urlsplit(confirm_links[0])
    base = urlsplit(settings.SITE_BASE_URL)
    assert (link.scheme, link.netloc) == (base.scheme, base.netloc)


@pytest.mark.django_db
def test_following_the_confirmation_link_confirms_and_logs_the_member_in(client, mailoutbox):
    signup(client, display_name="  Nieuw   Lid  ")
    link = next(link for link in links_in(mailoutbox[0]) if "/account/confirm-email/" in link)
    path = urlsplit(link).path

    # Not logged in yet: the address still has to be confirmed.
    assert "_auth_user_id" not in client.session

    # Opening the link shows a form; it does not confirm by itself.
    page = client.get(path)
    assert page.status_code == 200
    assert "nieuw@samen.test" in text_of(page)
    assert page.context["confirmation"] is not None
    user = User.objects.get(email="nieuw@samen.test")
    assert not user.emailaddress_set.get().verified

    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert user.emailaddress_set.get().verified
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.display_name == "Nieuw Lid"


@pytest.mark.django_db
def test_a_forged_confirmation_key_confirms_nothing(client, mailoutbox):
    signup(client)
    response = client.post("/nl/account/confirm-email/not-a-real-key/")
    assert response.status_code in (200, 404)
    assert not User.objects.get(email="nieuw@samen.test").emailaddress_set.get().verified
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signup_refuses_an_empty_display_name(client, mailoutbox):
    response = signup(client, display_name="   ")
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert not User.objects.filter(email="nieuw@samen.test").exists()
    assert mailoutbox == []


@pytest.mark.django_db
@override_settings(SAMEN_SIGNUP_OPEN=False)
def test_closed_signup_says_so_and_creates_nobody(client, mailoutbox):
    page = client.get(SIGNUP_URL)
    assert "Aanmelden is gesloten" in text_of(page)
    assert "password1" not in page.content.decode()

    response = signup(client)
    assert "Aanmelden is gesloten" in text_of(response)
    assert not User.objects.filter(email="nieuw@samen.test").exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_open_signup_does_not_say_it_is_closed(client):
    assert "Aanmelden is gesloten" not in text_of(client.get(SIGNUP_URL))


def test_signing_up_with_a_taken_address_mails_links_on_the_sites_own_address(client, db, mailoutbox):
    verified_member(email="bestaand@samen.test")
    response = signup(client, email="Bestaand@samen.test", HTTP_HOST="evil.example")
    assert response.status_code == 302
    assert User.objects.filter(email="bestaand@samen.test").count() == 1
    assert len(mailoutbox) == 1
    assert "evil.example" not in mailoutbox[0].body
    base = urlsplit(settings.SITE_BASE_URL)
    links = links_in(mailoutbox[0])
    assert links
    assert all(urlsplit(link).netloc == base.netloc for link in links)
