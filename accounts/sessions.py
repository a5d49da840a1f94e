"""A member's sessions (allauth.usersessions): which ones end when the account's keys
change, and how the list learns when each was last used.

Changing or setting the password already makes Django refuse the member's other sessions
(their session hash no longer matches); a password reset refuses all of them. Turning on a
second factor changes no password, so without this the sessions of whoever knew only the
password would go on. In each case the other sessions are ended here, their stored data and
their rows in the member's list together; the session the member is using stays (Django
gives it a new key, which allauth notes)."""

import time

from django.conf import settings

from allauth.account.signals import password_changed, password_reset, password_set, user_logged_in
from allauth.mfa.signals import authenticator_added
from allauth.usersessions.adapter import get_adapter
from allauth.usersessions.models import UserSession

# When this session last told its row in the member's list that it was used (epoch seconds).
SEEN_AT_KEY = "accounts_session_seen_at"


def end_other_sessions(user, request=None):
    """End every session of ``user`` but the one ``request`` is made in (if any)."""
    session = getattr(request, "session", None)
    current = session.session_key if session is not None else None
    others = UserSession.objects.filter(user_id=user.pk).exclude(session_key=current or "")
    get_adapter().end_sessions(list(others))


def _on_new_password(sender, request, user, **kwargs):
    end_other_sessions(user, request)


def _on_password_reset(sender, request, user, **kwargs):
    # Whoever reset it is not logged in (unless ACCOUNT_LOGIN_ON_PASSWORD_RESET logs them in
    # afterwards, in a session made then): every session of the account ends.
    end_other_sessions(user)


def _on_second_factor_added(sender, request, user, **kwargs):
    end_other_sessions(user, request)


def _on_login(sender, request, **kwargs):
    # allauth has just written this session's row: it counts as seen now.
    request.session[SEEN_AT_KEY] = int(time.time())


class SessionActivityMiddleware:
    """Notes when and from where each member's session was last used, at most once every
    USERSESSIONS_ACTIVITY_SECONDS per session.

    allauth's own middleware (USERSESSIONS_TRACK_ACTIVITY) writes the row on every request
    of a logged-in member, which members' pages served from their shells at hundreds a
    second cannot afford. Here a request costs one look into the session, which
    authentication has loaded already; once in the interval the row is updated and the
    session saved with the new time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self._note_activity(request)
        return self.get_response(request)

    @staticmethod
    def _note_activity(request):
        session = request.session
        now = int(time.time())
        seen_at = session.get(SEEN_AT_KEY)
        # Only sessions allauth logged in have a row to keep up to date.
        if not isinstance(seen_at, int) or 0 <= now - seen_at < settings.USERSESSIONS_ACTIVITY_SECONDS:
            return
        if not request.user.is_authenticated or not session.session_key:
            return
        UserSession.objects.create_from_request(request)
        session[SEEN_AT_KEY] = now


def connect():
    for signal in (password_changed, password_set):
        signal.connect(_on_new_password, dispatch_uid=f"accounts_end_sessions_{id(signal)}")
    password_reset.connect(_on_password_reset, dispatch_uid="accounts_end_sessions_on_reset")
    authenticator_added.connect(_on_second_factor_added, dispatch_uid="accounts_end_sessions_on_second_factor")
    user_logged_in.connect(_on_login, dispatch_uid="accounts_session_seen_at_login")
