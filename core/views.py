from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from .links import safe_next

LANGUAGE_CODES = {code for code, _ in settings.LANGUAGES}


def switch_language(request, code):
    """The language switch: remember the reader's choice (so `/` sends them there next
    time) and go to the page in that language. Only ever to a path on this site."""
    if code not in LANGUAGE_CODES:
        raise Http404
    target = safe_next(request, request.GET.get("next"), fallback=f"/{code}/")
    if request.GET.get("untranslated") == "1":
        with translation.override(code):
            messages.info(request, _("The page you were reading has not been translated into this language yet."))
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
