import time

import factory
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt
from factory.django import DjangoModelFactory

from .models import User

DEFAULT_PASSWORD = "samen-wachtwoord"  # noqa: S105 - demo and test accounts only


class UserFactory(DjangoModelFactory):
    email = factory.Sequence(lambda n: f"lid{n}@samen.test")
    display_name = factory.Sequence(lambda n: f"Lid {n}")
    password = factory.django.Password(DEFAULT_PASSWORD)

    class Meta:
        model = User
        django_get_or_create = ("email",)


def give_authenticator_app(user):
    """Set up an authenticator app for ``user`` as allauth does when they scan the code,
    with their recovery codes; returns the app's secret, from which ``current_code`` makes
    the code the app would show. Everyone who may open the admin needs one
    (accounts/second_factor.py)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def current_code(secret):
    """The code an authenticator app with ``secret`` shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def current_code_for(user):
    """The code ``user``'s authenticator app shows now, from the secret allauth stored."""
    app = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return current_code(decrypt(app.data["secret"]))
