"""The pages a log-in through the organisation's provider ends on when it does not log
anyone in: refused by the site's rules (403), or the provider could not be reached or
answered what no provider should (502), never a server error."""

import logging

from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from requests import RequestException

logger = logging.getLogger(__name__)

# Why a log-in through the provider is refused: a heading and what the member can do.
REFUSALS = {
    "no_email": (
        _("Your organisation did not pass on your e-mail address"),
        _(
            "We link an organisation's account to an account here by its e-mail address, and "
            "your organisation's log-in did not give us one. Ask your organisation's IT "
            "department to share your e-mail address with this site, or log in with your "
            "e-mail address and password."
        ),
    ),
    "unverified": (
        _("Your organisation has not confirmed your e-mail address"),
        _(
            "We only accept an address that your organisation has confirmed, and it has not "
            "confirmed %(email)s. Ask your organisation's IT department about it, or log in "
            "with your e-mail address and password."
        ),
    ),
    "domain": (
        _("This address cannot log in with an organisation's account"),
        _(
            "Addresses ending in @%(domain)s cannot log in here with an organisation's "
            "account. Log in with your e-mail address and password instead."
        ),
    ),
    "unconfirmed": (
        _("Confirm your e-mail address first"),
        _(
            "There is an account with the address %(email)s, but the address has not been "
            "confirmed yet. Open the link in the e-mail we sent you, or ask for a new "
            "password, and then log in here again."
        ),
    ),
    "no_account": (
        _("There is no account with this address"),
        _(
            "There is no account with the address %(email)s here, and logging in with your "
            "organisation's account cannot create one. Ask the site's editors for an invitation."
        ),
    ),
    "not_yours": (
        _("This organisation's account has another e-mail address"),
        _(
            "Your organisation's account has the address %(email)s, which is not one of the "
            "confirmed addresses of your account here, so the two cannot be linked."
        ),
    ),
}


def refusal(request, reason, email=""):
    heading, explanation = REFUSALS[reason]
    params = {"email": email, "domain": email.rpartition("@")[2]}
    context = {"heading": heading, "explanation": explanation % params, "reason": reason}
    return render(request, "socialaccount/refused.html", context, status=403)


def provider_failure(request, *, unreachable):
    """The provider could not be reached (down, slow, an error of its own) or answered in a
    way no provider should: the log-in can be tried again later."""
    return render(
        request,
        "socialaccount/authentication_error.html",
        {"provider_unreachable": unreachable, "provider_unreadable": not unreachable},
        status=502,
    )


# The views that talk to the provider while the member waits.
PROVIDER_VIEWS = {"openid_connect_login", "openid_connect_callback"}
# What an answer no provider should give raises in allauth's code: a missing key in its
# configuration or claims, a value of the wrong type, an identifier too long to keep.
UNREADABLE_ANSWERS = (KeyError, ValueError, TypeError, AttributeError, ImproperlyConfigured)


class ProviderFailureMiddleware:
    """allauth fetches the provider's configuration outside the part of its views that
    turns a failed request into its error page; here every failure to talk to the
    provider becomes the provider-failure page, and is logged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = request.resolver_match
        if match is None or match.url_name not in PROVIDER_VIEWS:
            return None
        if isinstance(exception, RequestException):
            logger.warning("The single sign-on provider could not be reached: %s", exception)
            return provider_failure(request, unreachable=True)
        if isinstance(exception, UNREADABLE_ANSWERS):
            logger.exception("The single sign-on provider's answer could not be read")
            return provider_failure(request, unreachable=False)
        return None
