"""Members mark reactions as helpful ("Nuttig").

A like is django-comments-xtd's own "I liked it" flag (``CommentFlag`` with
``LIKEDIT_FLAG``): its unique (user, comment, flag) gives one like per member per
reaction, and the flags already belong to the reaction, so nothing new is stored. Its
views are not used: they toggle on every POST (a form sent twice would undo itself), know
nothing of who may read the post, and answer with their own pages. Here a like and its undo
are separate actions, and ``refusal`` says who may like at all."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

from access.policy import can_view, is_member_account

LIKE = "like"
UNDO = "unlike"


def likes():
    return CommentFlag.objects.filter(flag=LIKEDIT_FLAG)


def like_count():
    """An annotation for a queryset of reactions: how many members found each helpful,
    counted in the same query."""
    counted = likes().filter(comment_id=OuterRef("pk")).order_by().values("comment_id").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")), 0)


def count_text(number):
    """How many members found a reaction helpful, in words; "" when none did."""
    if not number:
        return ""
    text = ngettext("%(count)d member found this helpful", "%(count)d members found this helpful", number)
    return text % {"count": number}


def count_for(reaction):
    return likes().filter(comment_id=reaction.pk).count()


def refusal(user, reaction, post):
    """Why ``user`` may not like ``reaction`` under ``post``, or "" when they may."""
    if not is_member_account(user) or not can_view(user, post):
        return _("You cannot mark reactions under this post as helpful.")
    if not reaction.is_visible:
        return _("This reaction is not shown, so it cannot be marked as helpful.")
    if reaction.user_id == user.pk:
        return _("You cannot mark your own reaction as helpful.")
    return ""


def like(user, reaction):
    """``user`` finds ``reaction`` helpful; a second like changes nothing."""
    CommentFlag.objects.get_or_create(
        user=user, comment_id=reaction.pk, flag=LIKEDIT_FLAG, defaults={"flag_date": timezone.now()}
    )


def undo(user, reaction):
    # One by one, so that the page cache hears of it (post_delete) and purges the post.
    for flag in likes().filter(user=user, comment_id=reaction.pk):
        flag.delete()


# How long the member's own likes in a thread are kept in the cache; every like and undo
# forgets them at once (engagement/purges.py).
LIKED_SECONDS = 24 * 3600


def _liked_key(user_id, thread_pk):
    return f"samen:liked:{user_id}:{thread_pk}"


def liked_in_thread(request, thread_pk):
    """The ids of the reactions under the post ``thread_pk`` (its canonical page) that the
    member has liked. Read once per page, however many reactions it shows, and kept in the
    cache until they like or undo one, so that a member's page costs no query for them."""
    memo = request.__dict__.setdefault("_samen_liked", {})
    if thread_pk not in memo:
        key = _liked_key(request.user.pk, thread_pk)
        found = cache.get(key)
        if found is None:
            found = list(
                likes()
                .filter(
                    user_id=request.user.pk,
                    comment__object_pk=str(thread_pk),
                    comment__site_id=settings.SITE_ID,
                )
                .values_list("comment_id", flat=True)
            )
            cache.set(key, found, LIKED_SECONDS)
        memo[thread_pk] = set(found)
    return memo[thread_pk]


def forget_liked(user_id, thread_pk):
    """The member's likes in the thread changed: read them afresh. Forgotten at once and
    again when the transaction commits, so that a page rendered in between cannot keep
    what it read before the change."""
    key = _liked_key(user_id, thread_pk)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key), robust=True)
