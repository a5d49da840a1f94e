"""Who may log in through the organisation's OpenID Connect provider, and as whom.

An account is found by the address the provider vouches for, never by anything else: the
provider must send an ``email`` and mark it ``email_verified``. That address logs in the
account that confirmed it (allauth's e-mail authentication, which links the provider's
account to it for the next time), or makes a new account with it confirmed (when
SSO_SIGNUP allows). An address an account logs in with but never confirmed is refused: the
person who typed it at sign-up may not be its owner. Everything else allauth decides as
usual; the second factor, when the member has one, is asked after the provider."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from requests import RequestException

from .forms import clean_display_name, language_of
from .signup import confirmed_owner_of
from .sso import domain_admitted, is_sso_login, verified_email
from .sso_errors import provider_failure, refusal


def display_name_from(data, email):
    """The name the provider gives (``name``, else given and family name), as a display
    name must be; the address's name part when the provider gives none that may be one."""
    name = data.get("name") or " ".join(part for part in (data.get("first_name"), data.get("last_name")) if part)
    max_length = get_user_model()._meta.get_field("display_name").max_length
    try:
        return clean_display_name(str(name or ""))[:max_length]
    except ValidationError:
        return (email or "").partition("@")[0][:max_length]


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    # In the site's own words (allauth's Dutch says "aanmelden" and "u").
    error_messages = {
        **DefaultSocialAccountAdapter.error_messages,
        "no_password": _("Your account has no password yet. Set one first, then you can unlink this account."),
        "disconnect_last": _("This is the only way you can log in. Set a password first, then you can unlink it."),
        "connected_other": _("This organisation's account is already linked to another account here."),
    }

    def is_open_for_signup(self, request, sociallogin):
        # Independent of SIGNUP_OPEN: a site that invites its members may still let in
        # everyone its organisation's provider vouches for.
        if is_sso_login(sociallogin):
            return settings.SSO_SIGNUP
        return super().is_open_for_signup(request, sociallogin)

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        # A name longer than the columns would fail when a new account is saved.
        for name_field in ("first_name", "last_name"):
            max_length = user._meta.get_field(name_field).max_length
            setattr(user, name_field, (getattr(user, name_field) or "")[:max_length])
        user.display_name = display_name_from(data, user.email)
        user.language = language_of(request)
        return user

    def authenticate_by_email(self, sociallogin):
        # allauth would also take an account that merely claims the address, unconfirmed,
        # and wipe its password; only an account that confirmed it is its owner's.
        email = verified_email(sociallogin)
        if email is None or not self.can_authenticate_by_email(sociallogin, email):
            return None
        owner = confirmed_owner_of(email)
        return (owner, email) if owner is not None else None

    def pre_social_login(self, request, sociallogin):
        if not is_sso_login(sociallogin):
            return
        email = verified_email(sociallogin)
        if email is None:
            # allauth leaves out an address that is not one (or too long to keep).
            given = next((address.email for address in sociallogin.email_addresses), "")
            raise ImmediateHttpResponse(refusal(request, "unverified" if given else "no_email", given))
        if not domain_admitted(email):
            raise ImmediateHttpResponse(refusal(request, "domain", email))
        process = sociallogin.state.get("process")
        if process == AuthProcess.CONNECT:
            # Linking from the member's own settings: only the member's own address.
            if confirmed_owner_of(email) != request.user:
                raise ImmediateHttpResponse(refusal(request, "not_yours", email))
            return
        if process != AuthProcess.LOGIN or sociallogin.is_existing:
            return
        # Nobody confirmed the address. An account that logs in with it is waiting for its
        # confirmation; a new account with it may be made if signing up is open.
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise ImmediateHttpResponse(refusal(request, "unconfirmed", email))
        if not settings.SSO_SIGNUP:
            raise ImmediateHttpResponse(refusal(request, "no_account", email))
        # Claims other accounts made on the address without confirming it give way to its
        # owner, as when the owner confirms it by mail (accounts/signup.py).
        EmailAddress.objects.filter(email__iexact=email, verified=False).delete()

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        if isinstance(exception, RequestException):
            raise ImmediateHttpResponse(provider_failure(request, unreachable=True))
        super().on_authentication_error(request, provider, error, exception, extra_context)
