"""The two endpoints that count: a read of a post (the beacon) and a member's stars on a
post or a group. Like the reaction endpoints they live outside the language prefix and
check everything themselves."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from wagtail.models import Page

from access.policy import can_view
from core.links import safe_next

from . import ratings, readership
from .rules import can_rate
from .sections import rating_context
from .throttle import allow
from .views import problem_page, visible_page_or_404

# A transparent 1x1 GIF: the answer to the <noscript> image that counts a read.
PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


@csrf_exempt  # navigator.sendBeacon cannot send a token; counting a read changes nothing else
def read_beacon(request, page_id):
    """Count a read of the post (see engagement/readership.py for the rules)."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    page = visible_page_or_404(request, page_id)
    response = HttpResponse(PIXEL, content_type="image/gif") if request.method == "GET" else HttpResponse(status=204)
    readership.record_read(request, response, page)
    response["Cache-Control"] = "no-store"
    return response


def _csrf_refused(request):
    """True when the request lacks a valid security token (checked here, so that the
    answer can be a 400 that says what to do rather than Django's bare 403)."""
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None


@csrf_exempt  # the token is checked in the view itself, see _csrf_refused
def rate(request, page_id):
    """Give, change or withdraw a member's stars on a post or a group.

    Without JavaScript the form posts here and the member is sent back to the page; the
    page's script sends the same form with ``X-Requested-With: fetch`` and gets JSON with
    the widget's new HTML, so the average changes in place."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    in_place = request.headers.get("X-Requested-With") == "fetch"
    page = Page.objects.filter(pk=page_id).first()
    item = page.specific if page is not None and issubclass(page.specific_class or Page, ratings.Rateable) else None

    def refuse(status, message):
        if in_place:
            return JsonResponse({"message": message}, status=status)
        back = item.get_url(request) if item is not None else ""
        return problem_page(request, status, message, back_url=back, heading=_("Your rating"))

    if item is None or not can_view(request.user, item):
        return refuse(404, _("There is nothing here to rate."))
    # Answer in the language of the page the stars are on, whatever the address says.
    translation.activate(item.locale.language_code)
    request.LANGUAGE_CODE = item.locale.language_code
    if not request.user.is_authenticated:
        return refuse(403, _("Only members who are logged in can rate. Log in and rate again."))
    if _csrf_refused(request):
        return refuse(400, _("This form was too old or had been changed. Reload the page and rate again."))
    if not can_rate(request.user, item):
        return refuse(403, _("You cannot rate your own post."))
    if not allow("rating", request.user.pk, settings.RATINGS_PER_MINUTE):
        return refuse(429, _("You are rating very quickly. Wait a minute and try again."))

    if request.POST.get("action") == "withdraw":
        withdrawn = ratings.withdraw_vote(request.user, item)
        done = _("Your rating has been withdrawn.") if withdrawn else _("You had not rated this yet.")
    else:
        score = ratings.SCORE_BY_TEXT.get(request.POST.get("score", "").strip())
        if score is None:
            return refuse(400, _("Choose from 1 to 5 stars."))
        ratings.cast_vote(request.user, item, score)
        done = _("Your rating has been saved.")

    if in_place:
        html = render_to_string(
            "engagement/rating.html", {"rating": rating_context(request, item, message=done)}, request=request
        )
        return JsonResponse({"message": done, "html": html})
    messages.success(request, done)
    return redirect(safe_next(request, request.POST.get("next"), fallback=item.get_url(request) or "/"))
