"""The member's own parts of a post page (see pagecache/personal_parts.py): their vote, whether
they follow the post, what they may do with each reaction and whether they found it helpful."""

from django.urls import reverse

from access.audience import viewer_is_site_editor
from pagecache.personal_parts import csrf_token, part

from .following import is_following
from .likes import liked_in_thread
from .ratings import SCORES, own_score


@part("rating-form", "engagement/rating_form.html")
def rating_form(request, item, key, anchor, is_group, next):
    """The stars as a form, with the member's own vote checked. Shown only to members
    who may rate the item."""
    return {
        "action_url": reverse("rate", args=[item]),
        "own": own_score(request.user, key),
        "scores": SCORES,
        "anchor": anchor,
        "is_group": is_group,
        "next": next,
        "csrf_token": csrf_token(request),
    }


@part("follow", "engagement/follow_form.html")
def follow_form(request, post, key, next):
    return {
        "post": post,
        "following": is_following(request.user, key),
        "next": next,
        "csrf_token": csrf_token(request),
    }


def _written_by_them(request, author, **_arguments):
    return author is not None and author == request.user.pk


def _written_or_liked_by_them(request, reaction, author, thread, **_arguments):
    return _written_by_them(request, author) or reaction in liked_in_thread(request, thread)


@part("reaction-actions", "engagement/reaction_actions.html", personal_when=_written_by_them)
def reaction_actions(request, reaction, author, next):
    """Their own reactions (and, for moderators, every one) can be edited and removed;
    anyone else's can be reported. Only the author sees them differently from the rest of
    their audience: being a moderator makes an audience of one (access/audience.py)."""
    own = author is not None and author == request.user.pk
    return {
        "reaction": reaction,
        "own": own,
        "moderator": viewer_is_site_editor(request),
        "next": next,
        "csrf_token": csrf_token(request) if not own else "",
    }


@part("reaction-like", "engagement/like_form.html", personal_when=_written_or_liked_by_them)
def like_form(request, reaction, author, thread, next):
    """The "Helpful" button, pressed when the member found the reaction helpful; none on
    their own reactions. How many did is the shared page's (see reaction.html). Whether
    they liked it is read for the whole thread at once (``thread``: the post's canonical
    page, and kept in the cache), so a page costs at most one query for all its buttons."""
    own = author is not None and author == request.user.pk
    return {
        "reaction": reaction,
        "own": own,
        "liked": not own and reaction in liked_in_thread(request, thread),
        "next": next,
        "csrf_token": csrf_token(request) if not own else "",
    }
