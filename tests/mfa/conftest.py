"""Members with and without a second factor, and the two steps of logging in."""

from django.contrib.auth.models import Group
from django.utils import translation

import pytest
from allauth.mfa.models import Authenticator

from accounts.factories import DEFAULT_PASSWORD, current_code, give_authenticator_app
from tests.engagement.helpers import verified_member

LOGIN_URL = "/nl/account/login/"
SECOND_STEP_URL = "/nl/account/2fa/authenticate/"


def nl(msgid):
    """What the Dutch site says for ``msgid``."""
    with translation.override("nl"):
        return translation.gettext(msgid)


def log_in(client, email, password=DEFAULT_PASSWORD, next_url=None):
    data = {"login": email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN_URL, data)


def enter_code(client, code):
    return client.post(SECOND_STEP_URL, {"code": code})


def confirm_password(client, next_url=None, password=DEFAULT_PASSWORD):
    """allauth asks for the password again before a factor is added or changed."""
    data = {"password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/nl/account/reauthenticate/", data)


def logged_in_as(client):
    return client.session.get("_auth_user_id")


def recovery_codes_of(user):
    return Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES).wrap().get_unused_codes()


@pytest.fixture
def member(db):
    """A member who never opens the admin, without a second factor."""
    return verified_member(email="mila@samen.test", display_name="Mila Lid")


@pytest.fixture
def member_with_app(member):
    member.totp_secret = give_authenticator_app(member)
    return member


@pytest.fixture
def editor_without_factor(db):
    """Someone the admin would let in (the Editors group) who has no second factor yet."""
    editor = verified_member(email="eva@samen.test", display_name="Eva Redacteur", language="nl")
    editor.groups.add(Group.objects.get(name="Editors"))
    without_second_factor(editor)
    return editor


def without_second_factor(user):
    """Tests give whoever may open the admin an authenticator app (tests/conftest.py); the
    tests of the refusal take it away."""
    Authenticator.objects.filter(user=user).delete()
    return user


@pytest.fixture
def code_of():
    return current_code
