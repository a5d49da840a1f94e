"""Each member's log-ins, and the failed attempts with their address, for them to check.

A log-in is noted when allauth logs someone in, whichever way (password, a second factor, a
passkey, single sign-on): the address is allauth's (ALLAUTH_TRUSTED_PROXY_COUNT decides
which one that is), the way is what allauth recorded in the session while the member went
through the steps. A failed attempt is noted when Django's authentication refuses a
password for an address that belongs to an account; allauth's rate limit
(ACCOUNT_RATE_LIMITS) stops trying before it would ask, so an account gets a handful of
these at most, however hard someone tries. Both are kept LOGIN_HISTORY_DAYS days."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from allauth.account.adapter import get_adapter
from allauth.account.authentication import get_authentication_records
from allauth.account.signals import user_logged_in

from .models import LoginEvent, LoginMethod


def method_of(records):
    """How the member logged in, from allauth's records of this session's steps."""
    methods = {record.get("method") for record in records if isinstance(record, dict)}
    mfa = [record for record in records if isinstance(record, dict) and record.get("method") == "mfa"]
    if "socialaccount" in methods:
        return LoginMethod.SINGLE_SIGN_ON
    if any(record.get("passwordless") for record in mfa):
        return LoginMethod.PASSKEY
    if mfa:
        return LoginMethod.SECOND_FACTOR
    if methods & {"password", "password_reset"}:
        return LoginMethod.PASSWORD
    return LoginMethod.OTHER


def _client_address(request):
    try:
        return get_adapter().get_client_ip(request)
    except PermissionDenied:
        # allauth finds no client address (a test client, a broken proxy): the log-in
        # stands, without one.
        return None


def _event(request, user, **fields):
    user_agent = request.META.get("HTTP_USER_AGENT", "")[: LoginEvent.USER_AGENT_MAX_LENGTH]
    return LoginEvent.objects.create(
        user=user, at=timezone.now(), ip=_client_address(request), user_agent=user_agent, **fields
    )


def note_login(sender, request, user, **kwargs):
    _event(request, user, succeeded=True, method=method_of(get_authentication_records(request, user)))


def note_failed_login(sender, credentials, request=None, **kwargs):
    address = credentials.get("email") or credentials.get("username")
    if request is None or not isinstance(address, str) or not address:
        return
    user = get_user_model().objects.filter(email__iexact=address.strip()).only("pk").first()
    if user is not None:
        _event(request, user, succeeded=False)


def recent_logins(user):
    """The member's log-ins and failed attempts, newest first, at most LOGIN_HISTORY_SHOWN."""
    return list(LoginEvent.objects.filter(user=user).order_by("-at", "-pk")[: settings.LOGIN_HISTORY_SHOWN])


def prune_login_history():
    """The daily job: log-ins older than LOGIN_HISTORY_DAYS days are forgotten."""
    cutoff = timezone.now() - timedelta(days=settings.LOGIN_HISTORY_DAYS)
    deleted, _ = LoginEvent.objects.filter(at__lt=cutoff).delete()
    return deleted


def connect():
    user_logged_in.connect(note_login, dispatch_uid="accounts_note_login")
    user_login_failed.connect(note_failed_login, dispatch_uid="accounts_note_failed_login")
