"""Forgotten passwords: same answer for every address, links on the site's own domain."""

import re
from urllib.parse import urlsplit

from django.conf import settings

import pytest

from tests.engagement.helpers import text_of

pytestmark = pytest.mark.django_db

RESET_URL = "/nl/account/password/reset/"
NEW_PASSWORD = "een-heel-nieuw-wachtwoord-77"


def links_in(message):
    return re.findall(r"https?://[^\s\"<>]+", message.body)


def test_known_and_unknown_addresses_get_the_same_answer(client, anna, mailoutbox):
    known = client.post(RESET_URL, {"email": "anna@x.nl"})
    unknown = client.post(RESET_URL, {"email": "niemand@x.nl"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert text_of(client.get(known["Location"])) == text_of(client.get(unknown["Location"]))


def test_reset_mail_links_to_the_sites_own_domain_whatever_host_was_claimed(client, anna, mailoutbox):
    client.post(RESET_URL, {"email": "ANNA@x.nl"}, HTTP_HOST="evil.example")

    assert [m.to for m in mailoutbox] == [["anna@x.nl"]]
    body = mailoutbox[0].body
    assert "evil.example" not in body
    reset_links = [link for link in links_in(mailoutbox[0]) if "/password/reset/key/" in link]
    assert len(reset_links) == 1
    base = urlsplit(settings.SITE_BASE_URL)
    link = urlsplit(reset_links[0])
    assert (link.scheme, link.netloc) == (base.scheme, base.netloc)


def test_mail_to_an_unknown_address_does_not_carry_the_claimed_host(client, db, mailoutbox):
    client.post(RESET_URL, {"email": "niemand@x.nl"}, HTTP_HOST="evil.example")
    for message in mailoutbox:
        assert "evil.example" not in message.body
        for alternative, _type in getattr(message, "alternatives", []):
            assert "evil.example" not in alternative


def test_reset_link_sets_a_new_password(client, anna, mailoutbox):
    client.post(RESET_URL, {"email": "anna@x.nl"})
    link = next(link for link in links_in(mailoutbox[0]) if "/password/reset/key/" in link)

    form_page = client.get(urlsplit(link).path, follow=True)
    assert form_page.status_code == 200
    set_password_path = form_page.redirect_chain[-1][0] if form_page.redirect_chain else urlsplit(link).path
    assert "password1" in form_page.context["form"].fields

    done = client.post(set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    anna.refresh_from_db()
    assert anna.check_password(NEW_PASSWORD)

    client.logout()
    client.post("/nl/account/login/", {"login": "anna@x.nl", "password": NEW_PASSWORD})
    assert client.session.get("_auth_user_id") == str(anna.pk)


def test_a_tampered_reset_link_changes_nothing(client, anna, mailoutbox):
    client.post(RESET_URL, {"email": "anna@x.nl"})
    link = next(link for link in links_in(mailoutbox[0]) if "/password/reset/key/" in link)
    key_path = urlsplit(link).path.rstrip("/")
    # Three characters of the key changed for others; never the same three by chance.
    tampered = key_path[:-3] + ("abc" if key_path[-3:] != "abc" else "def") + "/"

    page = client.get(tampered, follow=True)
    assert page.status_code == 200
    assert page.context["token_fail"]
    client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else tampered,
        {
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    anna.refresh_from_db()
    assert not anna.check_password(NEW_PASSWORD)
