"""Asking members to agree to a new version of the privacy statement, once, at log-in.

At every log-in, whichever way (password, second factor, passkey, single sign-on: allauth
sends ``user_logged_in`` only once all steps are done), the version in force is looked up
once. A member who has not agreed to it gets a mark in their session; while the mark is
there, every request but a few is sent to the page that asks (``privacy:consent``). That
is the only thing the middleware looks at: a member's page served from their shell costs
one look into the session authentication has already loaded, and no query."""

from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from allauth.account.signals import user_logged_in

from .models import current_version, has_agreed

# The version (its primary key) the member is to be asked about, set at log-in.
PENDING_KEY = "privacy_agreement_pending"

# Where a member who has not agreed yet may still go: the question itself, logging out,
# and taking their data or leaving (the member_data pages), which no one may be kept from.
OPEN_URL_NAMES = {"privacy:consent", "account_logout", "set_language", "switch_language", "healthz", "readyz"}
OPEN_NAMESPACES = {"member_data"}


def ask_at_login(sender, request, user, **kwargs):
    version = current_version()
    if version is not None and not has_agreed(user, version):
        request.session[PENDING_KEY] = version.pk
    else:
        request.session.pop(PENDING_KEY, None)


def agreed(request):
    request.session.pop(PENDING_KEY, None)


def _open(path):
    if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in OPEN_URL_NAMES or bool(OPEN_NAMESPACES.intersection(match.namespaces))


class PrivacyConsentMiddleware:
    """Sends a member with an agreement pending to the page that asks for it. Above the page
    cache, so that a member's page from their shell is held back too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and request.session.get(PENDING_KEY) is not None
            and request.user.is_authenticated
            and not _open(request.path_info)
        ):
            return self._to_consent(request)
        return self.get_response(request)

    @staticmethod
    def _to_consent(request):
        url = reverse("privacy:consent")
        if request.method in ("GET", "HEAD"):
            url = f"{url}?next={quote(request.get_full_path(), safe='/')}"
        return HttpResponseRedirect(url)


def connect():
    user_logged_in.connect(ask_at_login, dispatch_uid="privacy_ask_at_login")
