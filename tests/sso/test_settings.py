"""The single sign-on settings: SSO_GROUPS read, its mistakes reported by a system check
at start-up, and the buttons shown only when SSO_ISSUER is set."""

from django.contrib.auth.models import Group
from django.core.checks import Error
from django.core.management import call_command
from django.core.management.base import SystemCheckError

import pytest

from accounts.checks import check_single_sign_on
from accounts.sso import read_groups_by_domain
from tests.sso.conftest import provider_settings


def test_groups_by_domain_are_read():
    mapping = read_groups_by_domain(" gemeente.nl = Medewerkers , Redactie ; @Provincie.NL=Medewerkers; ")
    assert mapping.groups == {"gemeente.nl": ["Medewerkers", "Redactie"], "provincie.nl": ["Medewerkers"]}
    assert mapping.errors == []
    assert mapping.names() == ["Medewerkers", "Redactie"]


@pytest.mark.parametrize(
    "text",
    [
        "Medewerkers",
        "gemeente.nl",
        "gemeente.nl=",
        "=Medewerkers",
        "gemeente=Medewerkers",
        "anna@gemeente.nl=Medewerkers",
        "<script>.nl=Medewerkers",
        "gemeente.nl=Medewerkers;gemeente.nl=Redactie",
        "' OR 1=1 --",
        "x" * 10_000,
    ],
)
def test_garbage_in_sso_groups_is_an_error_of_the_check_not_a_crash(settings, db, text):
    settings.SSO_GROUPS = text
    problems = check_single_sign_on(None)
    assert "accounts.E001" in {problem.id for problem in problems if isinstance(problem, Error)}
    with pytest.raises(SystemCheckError, match="SSO_GROUPS"):
        call_command("check")


def test_an_unknown_group_is_an_error_and_a_known_one_is_not(settings, db):
    Group.objects.create(name="Medewerkers")
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings("http://127.0.0.1:1/o")
    settings.SSO_GROUPS = "gemeente.nl=Medewerkers,Redactie"
    problems = check_single_sign_on(None)
    assert [(problem.id, "Redactie" in problem.msg) for problem in problems] == [("accounts.E003", True)]

    Group.objects.create(name="Redactie")
    assert check_single_sign_on(None) == []


def test_an_issuer_without_client_is_an_error(settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings("http://127.0.0.1:1/o")
    settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]["secret"] = ""
    assert [problem.id for problem in check_single_sign_on(None)] == ["accounts.E002"]


def test_nothing_set_is_nothing_to_report(settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    settings.SSO_GROUPS = ""
    assert check_single_sign_on(None) == []


def test_without_an_issuer_there_is_no_button(client, db, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    for address in ("/nl/account/login/", "/nl/account/signup/"):
        page = client.get(address).content.decode()
        assert "/account/oidc/" not in page
        assert "sso-login" not in page


def test_the_log_in_and_sign_up_pages_have_the_button_with_the_label(client, db, settings):
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings("http://127.0.0.1:1/o")
    settings.SSO_LABEL = "Inloggen met je <gemeente>-account"
    page = client.get("/nl/account/login/?next=/nl/zoeken/").content.decode()
    assert 'action="/nl/account/oidc/organisation/login/"' in page
    assert "Inloggen met je &lt;gemeente&gt;-account" in page
    assert 'name="next" value="/nl/zoeken/"' in page
    assert 'class="login-separator"' in page
    assert "sso-login" in client.get("/nl/account/signup/").content.decode()

    settings.SSO_SIGNUP = False
    assert "sso-login" not in client.get("/nl/account/signup/").content.decode()
    assert "sso-login" in client.get("/nl/account/login/").content.decode()


def test_the_button_has_a_translated_label_by_default(client, db, settings):
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings("http://127.0.0.1:1/o")
    settings.SSO_LABEL = ""
    assert "Log in with your organisation's account" in client.get("/en/account/login/").content.decode()
