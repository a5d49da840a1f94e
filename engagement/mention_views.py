"""Suggestions while a member types ``@`` and a few letters in the reaction form: members
who may read the post, by display name, as JSON for static/js/reactions.js."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import mentions
from .markup import LARGEST_ID
from .reactions import canonical_post
from .rules import can_react
from .throttle import allow
from .views import _group_of, visible_page_or_404

LOOKUPS_PER_MINUTE = 120
LONGEST_QUERY = 50


@login_required
@require_GET
def mention_suggestions(request, page_id):
    if page_id > LARGEST_ID:
        raise Http404
    post = visible_page_or_404(request, page_id)
    if not can_react(request.user, post, _group_of(post)):
        return JsonResponse({"message": _("You cannot react to this post."), "members": []}, status=403)
    typed = " ".join(request.GET.get("q", "").split())
    if len(typed) > LONGEST_QUERY:
        return JsonResponse(
            {"message": _("Type at most %(limit)d letters of a name.") % {"limit": LONGEST_QUERY}, "members": []},
            status=400,
        )
    if not typed.isprintable():
        return JsonResponse({"message": _("A name holds no control characters."), "members": []}, status=400)
    if not typed:
        return JsonResponse({"members": []})
    if not allow("mention", request.user.pk, LOOKUPS_PER_MINUTE):
        return JsonResponse({"message": _("Too many lookups. Wait a minute and try again."), "members": []}, status=429)
    found = mentions.suggestions(canonical_post(post), typed, asking=request.user)
    return JsonResponse({"members": [{"id": member["pk"], "name": member["display_name"]} for member in found]})
