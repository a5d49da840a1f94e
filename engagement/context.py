"""What the reaction section of a post page needs, in a fixed number of queries."""

from django.urls import reverse
from django.utils.http import urlencode

from groups.access import can_close_reactions, can_react, is_site_editor

from .following import is_following
from .forms import ReactionForm
from .reactions import ORDERS, PAGE_SIZES, ThreadChoices, canonical_post, reaction_count, reactions_closed, thread_page


def reaction_context(request, page, group=None, form=None):
    if page.pk is None:
        # The preview of a post that was never saved: nothing can have reacted to it yet.
        return {"reactions": None}
    user = request.user
    canonical = canonical_post(page)
    choices = ThreadChoices.from_request(request)
    batch, threads = thread_page(canonical, choices, request)
    closed = reactions_closed(canonical)
    page_url = page.get_url(request)
    may_react = can_react(user, page, group) and not closed
    if may_react and form is None:
        form = ReactionForm(canonical)
    next_query = {**choices.query(), "page": batch.next_page_number()} if batch.has_next() else None
    return {
        "reactions": {
            "canonical": canonical,
            "post": page,
            "count": reaction_count(canonical),
            "threads": threads,
            "batch": batch,
            "choices": choices,
            "orders": ORDERS,
            "page_sizes": PAGE_SIZES,
            "closed": closed,
            "may_react": may_react,
            "form": form if may_react else None,
            "next_page_url": f"{page_url}?{urlencode(next_query)}#reacties" if next_query else "",
            "next_batch_url": (
                reverse("engagement:batch", args=[page.pk]) + "?" + urlencode(next_query) if next_query else ""
            ),
            "page_url": page_url,
            "return_url": f"{page_url}?{urlencode(choices.query())}",
            "login_url": reverse("account_login") + "?" + urlencode({"next": f"{page_url}#reageren"}),
            "following": is_following(user, canonical),
            "can_close": can_close_reactions(user, page),
            "is_moderator": is_site_editor(user),
            "author_id": page.author_id,
        }
    }
