"""The one-click stop link of the digest mail."""

from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from notifications.models import DigestSettings

from .mails import read_stop_digest_token


@csrf_exempt  # mail clients send the one-click POST (RFC 8058) without a session or token
def stop_digest(request, token):
    """One click from a digest turns the digest off; no log-in needed, and the signed
    token works only for its own member."""
    user_id = read_stop_digest_token(token)
    if user_id is None or not DigestSettings.objects.filter(user_id=user_id).exists():
        return HttpResponseBadRequest(_("This link is not valid (any more)."))
    DigestSettings.objects.filter(user_id=user_id).update(frequency=DigestSettings.Frequency.OFF)
    return render(request, "digests/stopped.html")
