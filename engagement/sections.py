"""What the reaction section of a post page needs, in a fixed number of queries."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .forms import GuestReactionForm, ReactionForm
from .markup import render_reaction
from .mentions import shown_mentions
from .models import GuestReactions
from .ratings import NO_VOTES, summaries
from .reactions import ORDERS, PAGE_SIZES, ThreadChoices, canonical_post, reactions_closed, thread_counts, thread_page
from .rules import can_close_reactions, can_rate, can_react, guests_may_react


def reaction_context(request, page, group=None, form=None, closed=None, guests_allowed=None):
    """The reaction section of ``page``; ``closed`` and ``guests_allowed`` (the site
    setting), when the caller already knows them, save asking again."""
    if page.pk is None:
        # The preview of a post that was never saved: nothing can have reacted to it yet.
        return {"reactions": None}
    user = request.user
    canonical = canonical_post(page)
    choices = ThreadChoices.from_request(request)
    reactions_total, threads_total = thread_counts(canonical)
    batch, threads = thread_page(canonical, choices, request, threads_total=threads_total)
    _render_bodies(canonical, threads, user)
    if closed is None:
        closed = reactions_closed(canonical)
    page_url = page.get_url(request)
    may_react = can_react(user, page, group) and not closed
    if may_react and form is None:
        form = ReactionForm(canonical)
    guest_form = None
    if not user.is_authenticated and not closed:
        if guests_allowed is None:
            guests_allowed = GuestReactions.allowed_setting().first()
        if guests_may_react(page, guests_allowed):
            # The same form for every visitor, so the page stays one shared copy: no
            # security token of a session (the endpoint checks the request's origin).
            guest_form = GuestReactionForm(canonical)
    next_query = {**choices.query(), "page": batch.next_page_number()} if batch.has_next() else None
    return {
        "reactions": {
            "canonical": canonical,
            "post": page,
            "count": reactions_total,
            "threads": threads,
            "batch": batch,
            "choices": choices,
            "orders": ORDERS,
            "page_sizes": PAGE_SIZES,
            "closed": closed,
            "may_react": may_react,
            "form": form if may_react else None,
            "guest_form": guest_form,
            "next_page_url": f"{page_url}?{urlencode(next_query)}#reacties" if next_query else "",
            "next_batch_url": (
                reverse("engagement:batch", args=[page.pk]) + "?" + urlencode(next_query) if next_query else ""
            ),
            "page_url": page_url,
            "return_url": f"{page_url}?{urlencode(choices.query())}",
            "login_url": reverse("account_login") + "?" + urlencode({"next": f"{page_url}#reageren"}),
            "key": str(canonical.translation_key),
            "can_close": can_close_reactions(user, page),
            "author_id": page.author_id,
        }
    }


def _render_bodies(canonical, threads, viewer):
    """Each reaction's HTML as ``body_html``, its mentions of the post's readers linked (one
    query for the whole batch, none without mentions)."""
    everyone = [reaction for thread in threads for reaction in (thread, *thread.replies)]
    mentions = shown_mentions(canonical, [reaction.comment for reaction in everyone], viewer)
    for reaction in everyone:
        reaction.body_html = render_reaction(reaction.comment, mentions)


RATING_ANCHOR = "beoordeling"


def rating_context(request, item, summary=None, message=""):
    """What the star-rating widget of ``item`` (a post or a group) needs: the summary of
    the votes, the member's own vote and whether they may vote at all."""
    user = request.user
    if summary is None:
        summary = summaries([item.translation_key]).get(item.translation_key, NO_VOTES)
    may_rate = can_rate(user, item)
    refusal = ""
    if user.is_authenticated and not may_rate:
        if getattr(item, "author_id", None) == user.pk:
            refusal = _("You cannot rate your own post.")
        else:
            refusal = _("You cannot rate this.")
    item_url = item.get_url(request) or "/"
    return {
        "item": item,
        "is_group": not hasattr(item, "author_id"),
        "summary": summary,
        "key": str(item.translation_key),
        "may_rate": may_rate,
        "refusal": refusal,
        "next": f"{item_url}#{RATING_ANCHOR}",
        "login_url": reverse("account_login") + "?" + urlencode({"next": f"{item_url}#{RATING_ANCHOR}"}),
        "anchor": RATING_ANCHOR,
        "message": message,
    }


def post_and_group_ratings(request, post, group):
    """The post's rating widget and its group's summary, with one query for both
    summaries (and one for the member's own vote)."""
    if post.pk is None:
        return {"post_rating": None, "group_rating": None}
    keys = [post.translation_key] + ([group.translation_key] if group is not None else [])
    found = summaries(keys)
    return {
        "post_rating": rating_context(request, post, summary=found.get(post.translation_key, NO_VOTES)),
        "group_rating": found.get(group.translation_key, NO_VOTES) if group is not None else None,
    }
