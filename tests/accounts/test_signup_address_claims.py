"""Signing up with an address that is on another account already.

An address a member added on their e-mail page and never confirmed is nobody's yet: its owner
signs up as usual, and once they confirm it the unconfirmed claims on other accounts go. An
address another account has confirmed (or logs in with) stays taken, and the person at the
form is told nothing: the address gets a mail saying there is an account already, in the
language of the member it belongs to."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from tests.accounts.test_signup import PASSWORD, links_in, signup
from tests.engagement.helpers import text_of, verified_member

pytestmark = pytest.mark.django_db

OWNER_ADDRESS = "x@example.org"


def dutch(msgid):
    with translation.override("nl"):
        return translation.gettext(msgid)


def confirm_links(message):
    return [urlsplit(link).path for link in links_in(message) if "/account/confirm-email/" in link]


def mails_to(mailoutbox, address):
    return [message for message in mailoutbox if message.to == [address]]


def add_address_on_email_page(client, member, address):
    """``member`` adds ``address`` on their own e-mail page, as anyone can, and leaves it
    unconfirmed. allauth mails the address a link that would confirm it for ``member``."""
    client.force_login(member)
    response = client.post("/nl/account/email/", {"email": address, "action_add": ""})
    assert response.status_code == 302, response.content.decode()
    client.logout()
    assert EmailAddress.objects.filter(user=member, email__iexact=address, verified=False).exists()


@pytest.fixture
def claimant(db):
    return verified_member(email="a@samen.test", display_name="Aad Aanspraak")


def test_an_address_added_unconfirmed_elsewhere_does_not_stop_its_owner_signing_up(client, claimant, mailoutbox):
    add_address_on_email_page(client, claimant, OWNER_ADDRESS)
    mailoutbox.clear()

    response = signup(client, email=OWNER_ADDRESS, display_name="Echte Eigenaar")

    assert response.status_code == 302
    owner = User.objects.get(email=OWNER_ADDRESS)
    assert owner.display_name == "Echte Eigenaar"
    own_row = owner.emailaddress_set.get()
    assert (own_row.email, own_row.primary, own_row.verified) == (OWNER_ADDRESS, True, False)
    # The confirmation mail goes out at once, although the claim used up allauth's
    # one-mail-per-few-minutes for the address a moment ago.
    [message] = mails_to(mailoutbox, OWNER_ADDRESS)
    assert len(confirm_links(message)) == 1
    page = client.get(response["Location"])
    assert "We hebben je een e-mail met een link gestuurd" in text_of(page)


def test_confirming_makes_the_address_the_owners_and_drops_the_stale_claim(client, claimant, mailoutbox):
    add_address_on_email_page(client, claimant, OWNER_ADDRESS)
    [claim_link] = confirm_links(mails_to(mailoutbox, OWNER_ADDRESS)[0])
    mailoutbox.clear()
    signup(client, email=OWNER_ADDRESS)
    [owner_link] = confirm_links(mailoutbox[0])

    confirmed = client.post(owner_link)

    assert confirmed.status_code == 302
    owner = User.objects.get(email=OWNER_ADDRESS)
    assert client.session["_auth_user_id"] == str(owner.pk)
    assert list(EmailAddress.objects.filter(email__iexact=OWNER_ADDRESS).values_list("user", "verified")) == [
        (owner.pk, True)
    ]
    # The claimant keeps their own address and their log-in.
    assert list(claimant.emailaddress_set.values_list("email", "verified", "primary")) == [("a@samen.test", True, True)]
    client.logout()
    assert (
        client.post("/nl/account/login/", {"login": "a@samen.test", "password": "samen-wachtwoord"}).status_code == 302
    )

    # The link the claim was sent cannot confirm the address for the claimant any more.
    assert "Deze bevestigingslink is verlopen of niet geldig." in text_of(client.get(claim_link))
    assert client.post(claim_link).status_code == 404
    assert not EmailAddress.objects.filter(user=claimant, email=OWNER_ADDRESS).exists()


def test_a_claimant_who_tries_again_is_told_the_address_belongs_to_another_account(client, claimant, mailoutbox):
    add_address_on_email_page(client, claimant, OWNER_ADDRESS)
    signup(client, email=OWNER_ADDRESS)
    client.post(confirm_links(mails_to(mailoutbox, OWNER_ADDRESS)[-1])[0])
    client.logout()
    cache.clear()  # a few minutes later: allauth mails an address at most once in three
    mailoutbox.clear()

    add_address_on_email_page(client, claimant, OWNER_ADDRESS)
    [link] = confirm_links(mails_to(mailoutbox, OWNER_ADDRESS)[0])
    client.force_login(claimant)
    page = client.get(link)
    assert "Dit adres is al bevestigd door een ander account." in text_of(page)
    client.post(link)
    assert not EmailAddress.objects.get(user=claimant, email=OWNER_ADDRESS).verified
    assert EmailAddress.objects.get(email=OWNER_ADDRESS, verified=True).user.email == OWNER_ADDRESS


def test_an_address_unconfirmed_on_two_accounts_is_released_from_both(client, claimant, mailoutbox):
    second = verified_member(email="b@samen.test", display_name="Bea Beslag")
    add_address_on_email_page(client, claimant, OWNER_ADDRESS)
    cache.clear()
    add_address_on_email_page(client, second, OWNER_ADDRESS)
    mailoutbox.clear()

    assert signup(client, email=OWNER_ADDRESS).status_code == 302
    [message] = mailoutbox
    client.post(confirm_links(message)[0])

    owner = User.objects.get(email=OWNER_ADDRESS)
    assert list(EmailAddress.objects.filter(email=OWNER_ADDRESS).values_list("user", "verified")) == [(owner.pk, True)]
    assert claimant.emailaddress_set.count() == second.emailaddress_set.count() == 1


@pytest.mark.parametrize(
    ("claimed_as", "typed"),
    [("X@Example.org", "x@example.org"), ("x@example.org", "X@Example.ORG"), ("X@EXAMPLE.ORG", "x@Example.org")],
)
def test_case_makes_no_difference_to_a_claim(client, claimant, mailoutbox, claimed_as, typed):
    # Rows keep the case they were stored in (older rows, the admin); every lookup ignores it.
    EmailAddress.objects.create(user=claimant, email=claimed_as, verified=False, primary=False)

    assert signup(client, email=typed).status_code == 302
    owner = User.objects.get(email=OWNER_ADDRESS)
    [message] = mailoutbox
    assert message.to == [OWNER_ADDRESS]
    client.post(confirm_links(message)[0])

    assert owner.emailaddress_set.get().verified
    assert not EmailAddress.objects.filter(user=claimant, email__iexact=OWNER_ADDRESS).exists()


# An address that belongs to an account --------------------------------------------------------


@pytest.mark.parametrize("typed", ["x@example.org", "X@Example.ORG"])
@pytest.mark.parametrize(
    ("language", "subject"), [("nl", "Je hebt al een account"), ("en", "You already have an account")]
)
def test_an_address_confirmed_elsewhere_gets_a_mail_in_its_members_language(
    client, mailoutbox, typed, language, subject
):
    member = verified_member(email=OWNER_ADDRESS, display_name="Al Lid", language=language)
    form_language = "en" if language == "nl" else "nl"
    data = {"email": typed, "display_name": "Nog Een Keer", "password1": PASSWORD, "password2": PASSWORD}

    response = client.post(f"/{form_language}/account/signup/", data)

    # Told no more than for a new address: the same page as after any sign-up.
    assert response.status_code == 302
    assert response["Location"] == f"/{form_language}/account/confirm-email/"
    assert list(User.objects.filter(email__iexact=OWNER_ADDRESS)) == [member]
    [message] = mailoutbox
    assert message.to == [OWNER_ADDRESS]
    assert message.subject == f"[Samen] {subject}"
    links = links_in(message)
    base = urlsplit(settings.SITE_BASE_URL)
    assert f"/{language}/account/password/reset/" in [urlsplit(link).path for link in links]
    assert all(urlsplit(link).netloc == base.netloc for link in links)
    assert f"/{form_language}/" not in message.body


def test_an_address_confirmed_elsewhere_and_claimed_unconfirmed_stays_taken(client, claimant, mailoutbox):
    member = verified_member(email=OWNER_ADDRESS, display_name="Al Lid")
    EmailAddress.objects.create(user=claimant, email=OWNER_ADDRESS, verified=False, primary=False)

    assert signup(client, email=OWNER_ADDRESS).status_code == 302

    assert list(User.objects.filter(email=OWNER_ADDRESS)) == [member]
    [message] = mailoutbox
    assert message.subject == "[Samen] Je hebt al een account"


def test_the_address_an_unconfirmed_account_logs_in_with_stays_taken(client, mailoutbox):
    # An earlier sign-up that was never confirmed: its address is that account's log-in, so
    # it cannot be dropped. The mail points the address's owner to the password reset, which
    # takes them into that account.
    earlier = User.objects.create_user(email=OWNER_ADDRESS, password=PASSWORD, display_name="Eerder", language="en")
    EmailAddress.objects.create(user=earlier, email=OWNER_ADDRESS, verified=False, primary=True)

    assert signup(client, email=OWNER_ADDRESS).status_code == 302

    assert list(User.objects.filter(email=OWNER_ADDRESS)) == [earlier]
    [message] = mailoutbox
    # Nobody has shown the address is theirs, so the mail is in the language of the form.
    assert message.subject == "[Samen] Je hebt al een account"
    assert "/nl/account/password/reset/" in message.body


# Hostile input --------------------------------------------------------------------------------


ANGLE_BRACKETS = "A display name cannot contain < or >."
INVISIBLE = "Your display name contains invisible characters. Please type it again."


def field_value(response, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', response.content.decode())
    assert match, name
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


def test_an_overlong_address_is_refused_at_the_field_and_kept(client, mailoutbox):
    address = "a" * 250 + "@example.org"
    response = signup(client, email=address, display_name="Lange Naam")

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Zorg dat deze waarde niet meer dan 254 tekens bevat (het zijn er nu 262)."
    ]
    assert field_value(response, "email") == address
    assert field_value(response, "display_name") == "Lange Naam"
    assert not User.objects.exists()
    assert mailoutbox == []


def test_an_address_with_a_long_name_part_signs_up(client, mailoutbox):
    # The account is saved once before its display name is set, with a name made from the
    # address: longer than a display name may be, it failed on PostgreSQL.
    address = "heel." + "lang" * 30 + "@example.org"
    assert signup(client, email=address, display_name="Lang Adres").status_code == 302
    assert User.objects.get(email=address).display_name == "Lang Adres"
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("display_name", "error"),
    [
        ("<script>alert(1)</script>", ANGLE_BRACKETS),
        ('Anna"><img src=x onerror=alert(1)>', ANGLE_BRACKETS),
        ("Beheer <beheer@samen.test>", ANGLE_BRACKETS),
        ("Anna\u202egeorT", INVISIBLE),
        ("Anna\x07", INVISIBLE),
    ],
)
def test_a_display_name_that_looks_like_markup_is_refused_and_kept(client, mailoutbox, display_name, error):
    response = signup(client, display_name=display_name)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert field_value(response, "email") == "nieuw@samen.test"
    assert response.context["form"]["display_name"].value() == display_name
    assert dutch(error) in text_of(response)
    assert not User.objects.exists()
    assert mailoutbox == []


def test_signing_up_again_with_the_address_makes_no_second_account_and_no_more_mail(client, claimant, mailoutbox):
    # Why the sign-up may send its confirmation although a claim just mailed the address:
    # the next sign-up with it finds it taken, and allauth's pause between mails holds again.
    add_address_on_email_page(client, claimant, OWNER_ADDRESS)
    mailoutbox.clear()
    signup(client, email=OWNER_ADDRESS)
    signup(client, email=OWNER_ADDRESS, display_name="Nog Iemand")

    assert User.objects.filter(email=OWNER_ADDRESS).count() == 1
    assert len(mails_to(mailoutbox, OWNER_ADDRESS)) == 1
