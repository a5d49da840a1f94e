"""Marking a reaction as helpful and undoing it.

Without JavaScript the form posts here and the member goes back to the reaction; the
page's script (static/js/reactions.js) sends the same form with ``X-Requested-With:
fetch`` and gets JSON with the new count and whether the button is pressed."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.links import safe_next

from . import likes
from .markup import LARGEST_ID
from .throttle import allow
from .views import problem_page, reaction_or_404

LIKES_PER_MINUTE = 60


def _speak_the_language_of(path):
    """Answer in the language of the page the member is on (the address says which)."""
    language = translation.get_language_from_path(path or "")
    if language:
        translation.activate(language)


@login_required
@require_POST
def like_reaction(request, reaction_id):
    in_place = request.headers.get("X-Requested-With") == "fetch"
    if reaction_id > LARGEST_ID:
        raise Http404
    reaction, post = reaction_or_404(request, reaction_id)
    back = safe_next(request, request.POST.get("next"), fallback=post.get_url(request) or "/")
    _speak_the_language_of(back)

    def refuse(status, message):
        if in_place:
            return JsonResponse({"message": message}, status=status)
        return problem_page(request, status, message, post=post, back_url=back, heading=_("Helpful"))

    action = request.POST.get("action", likes.LIKE)
    if action not in (likes.LIKE, likes.UNDO):
        return refuse(400, _("Choose to mark the reaction as helpful or to undo that."))
    refusal = likes.refusal(request.user, reaction, post)
    if refusal:
        return refuse(403, refusal)
    if not allow("like", request.user.pk, LIKES_PER_MINUTE):
        return refuse(429, _("You are marking reactions very quickly. Wait a minute and try again."))

    if action == likes.LIKE:
        likes.like(request.user, reaction)
        done = _("Marked as helpful.")
    else:
        likes.undo(request.user, reaction)
        done = _("No longer marked as helpful.")
    if in_place:
        count = likes.count_for(reaction)
        return JsonResponse(
            {"liked": action == likes.LIKE, "count": count, "count_text": likes.count_text(count), "message": done}
        )
    return redirect(f"{back.split('#')[0]}#reactie-{reaction.pk}")
