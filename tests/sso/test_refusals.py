"""What a log-in through the provider refuses, with a page that says why, in the member's
language (403, never a 500): an address the provider did not vouch for, none at all, one
outside SSO_DOMAINS, an unknown one when SSO_SIGNUP is off, and one an account logs in with
but never confirmed."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from accounts.models import User
from tests.engagement.helpers import verified_member
from tests.sso.conftest import log_in, logged_in_as


def refused(response, reason):
    assert response.status_code == 403
    assert response.context["reason"] == reason
    return response.content.decode()


def test_an_address_the_provider_did_not_verify_is_refused(client, sso):
    page = refused(log_in(client, "unverified", language="en"), "unverified")
    assert "Your organisation has not confirmed your e-mail address" in page
    assert "bert@gemeente.nl" in page
    assert logged_in_as(client) is None
    assert not User.objects.exists()


@pytest.mark.parametrize("verified", [False, "false", "0", None, "nonsense"])
def test_only_a_true_email_verified_counts(client, sso, verified):
    sso.say("anna", email="anna@gemeente.nl", email_verified=verified, name="Anna")
    refused(log_in(client, "anna"), "unverified")
    assert not User.objects.exists()


def test_no_address_at_all_is_refused(client, sso):
    page = refused(log_in(client, "no_email", language="en"), "no_email")
    assert "did not pass on your e-mail address" in page
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "address",
    [f"{'a' * 64}@{'b' * 63}.{'c' * 63}.{'d' * 63}.nl", "<script>@x.nl", "anna@", "' OR 1=1 --", ""],
)
def test_an_address_that_is_none_or_too_long_for_the_site_is_refused(client, sso, address):
    sso.say("anna", email=address, email_verified=True, name="Anna")
    refused(log_in(client, "anna"), "no_email")
    assert not User.objects.exists()


def test_a_linked_account_whose_address_is_no_longer_verified_is_refused(client, sso):
    log_in(client, "anna")
    client.logout()
    sso.say("anna", email="anna@gemeente.nl", email_verified=False, name="Anna de Vries")
    refused(log_in(client, "anna"), "unverified")
    assert logged_in_as(client) is None


def test_with_sign_up_off_an_unknown_address_is_refused_and_a_known_one_logs_in(client, sso, settings):
    settings.SSO_SIGNUP = False
    page = refused(log_in(client, "eva", language="en"), "no_account")
    assert "There is no account with the address eva@elders.nl" in page
    assert not User.objects.exists()

    anna = verified_member(email="anna@gemeente.nl")
    response = log_in(client, "anna")
    assert response.status_code == 302
    assert logged_in_as(client) == str(anna.pk)


def test_sign_up_through_the_provider_does_not_depend_on_sign_up_by_mail(client, sso, settings):
    settings.SAMEN_SIGNUP_OPEN = False
    assert log_in(client, "anna").status_code == 302
    assert User.objects.filter(email="anna@gemeente.nl").exists()


def test_an_address_outside_sso_domains_is_refused(client, sso, settings):
    settings.SSO_DOMAINS = ["gemeente.nl", "provincie.nl"]
    page = refused(log_in(client, "eva", language="en"), "domain")
    assert "@elders.nl" in page
    assert log_in(client, "dirk").status_code == 302


def test_an_account_that_never_confirmed_the_address_is_not_entered(client, sso):
    waiting = UserFactory(email="anna@gemeente.nl")
    EmailAddress.objects.create(user=waiting, email=waiting.email, verified=False, primary=True)

    page = refused(log_in(client, "anna", language="en"), "unconfirmed")

    assert "has not been confirmed yet" in page
    assert logged_in_as(client) is None
    waiting.refresh_from_db()
    assert waiting.check_password(DEFAULT_PASSWORD)  # allauth would have wiped it
    assert not SocialAccount.objects.exists()


def test_an_unconfirmed_claim_of_another_account_gives_way_to_the_owner(client, sso):
    claimant = verified_member(email="iemand@elders.nl")
    EmailAddress.objects.create(user=claimant, email="anna@gemeente.nl", verified=False, primary=False)

    response = log_in(client, "anna")

    assert response.status_code == 302
    anna = User.objects.get(email="anna@gemeente.nl")
    assert logged_in_as(client) == str(anna.pk)
    assert not EmailAddress.objects.filter(user=claimant, email="anna@gemeente.nl").exists()
    assert EmailAddress.objects.get(email="anna@gemeente.nl").user == anna


def test_the_refusal_is_in_dutch_on_the_dutch_pages(client, sso):
    response = log_in(client, "unverified", language="nl")
    refused(response, "unverified")
    assert response.context["LANGUAGE_CODE"] == "nl"
    assert '<html lang="nl"' in response.content.decode()
