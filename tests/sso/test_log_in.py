"""Logging in with the organisation's account through a real OpenID Connect provider:
the first log-in makes the account, later ones find it, an account that confirmed the
address is linked, and the domain's groups are joined every time."""

from django.contrib.auth.models import Group

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from accounts.models import User
from tests.engagement.helpers import verified_member
from tests.sso.conftest import log_in, logged_in_as, start_log_in


@pytest.fixture
def groups(db):
    return {name: Group.objects.create(name=name) for name in ("Medewerkers", "Redactie", "Archief")}


def test_first_log_in_makes_the_account_with_the_confirmed_address_the_name_and_the_groups(client, sso, groups):
    response = log_in(client, "anna", next="/nl/zoeken/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/zoeken/"
    member = User.objects.get(email="anna@gemeente.nl")
    assert logged_in_as(client) == str(member.pk)
    assert member.display_name == "Anna de Vries"
    assert member.language == "nl"
    assert not member.has_usable_password()
    address = EmailAddress.objects.get(user=member)
    assert (address.email, address.verified, address.primary) == ("anna@gemeente.nl", True, True)
    assert set(member.groups.values_list("name", flat=True)) == {"Medewerkers", "Redactie"}
    assert SocialAccount.objects.get(user=member).provider == "organisation"


def test_a_second_log_in_finds_the_same_account_and_joins_the_groups_again(client, sso, groups):
    log_in(client, "anna")
    member = User.objects.get(email="anna@gemeente.nl")
    member.groups.remove(groups["Redactie"])
    member.groups.add(groups["Archief"])
    client.logout()

    response = log_in(client, "anna")

    assert response.status_code == 302
    assert logged_in_as(client) == str(member.pk)
    assert User.objects.filter(email="anna@gemeente.nl").count() == 1
    assert SocialAccount.objects.filter(user=member).count() == 1
    # Groups are added, never taken away: Archief was given by hand.
    assert set(member.groups.values_list("name", flat=True)) == {"Medewerkers", "Redactie", "Archief"}


def test_the_address_of_a_confirmed_account_logs_in_that_account_and_links_it(client, sso, groups):
    dirk = verified_member(email="dirk@provincie.nl", display_name="Dirk van het Archief")

    response = log_in(client, "dirk")  # the provider says Dirk@Provincie.nl

    assert response.status_code == 302
    assert logged_in_as(client) == str(dirk.pk)
    dirk.refresh_from_db()
    assert dirk.display_name == "Dirk van het Archief"
    assert dirk.has_usable_password()
    assert SocialAccount.objects.get(provider="organisation").user == dirk
    assert set(dirk.groups.values_list("name", flat=True)) == {"Medewerkers"}
    assert User.objects.count() == 1


def test_a_domain_without_groups_joins_none(client, sso, groups):
    log_in(client, "eva")
    assert User.objects.get(email="eva@elders.nl").groups.count() == 0


def test_an_account_made_from_the_english_pages_reads_mail_in_english(client, sso):
    response = log_in(client, "anna", language="en")
    assert response.status_code == 302
    assert User.objects.get(email="anna@gemeente.nl").language == "en"


@pytest.mark.parametrize(
    ("username", "display_name"),
    [("hostile", "hostile"), ("long_name", "Lang" * 20)],
)
def test_a_name_that_cannot_be_a_display_name_gives_way(client, sso, username, display_name):
    response = log_in(client, username)
    assert response.status_code == 302
    member = User.objects.get(pk=logged_in_as(client))
    assert member.display_name == display_name
    assert len(member.first_name) <= 150


def test_the_site_asks_the_provider_for_a_signed_code_with_pkce(client, sso):
    authorize = start_log_in(client)
    assert authorize.startswith(f"{sso.issuer}/authorize/?")
    assert "code_challenge_method=S256" in authorize
    assert (
        "redirect_uri=http%3A%2F%2Ftestserver%2Fnl%2Faccount%2Foidc%2Forganisation%2Flogin%2Fcallback%2F" in authorize
    )
