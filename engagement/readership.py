"""Counting reads of a post: once per reader per post (for as long as a session would
last), never for its author, for bots, for previews or from ignored networks, and
atomically, so simultaneous first reads by many readers all count.

A page served from a full-page cache must still count, so the page itself counts
nothing: after it loads, a small script sends a beacon to ``/statistieken/gelezen/<id>/``
(``navigator.sendBeacon``), and without JavaScript a 1x1 image in ``<noscript>`` requests
the same address. Either request carries the reader's own cookies and user agent, so the
rules below see the real reader, while the cached HTML stays the same for everyone.

The posts a reader has been counted for are kept in a signed cookie of their own, sent
only to the beacon, not in a session: a beacon that made a session for every reader
without one would let anyone fill the session store by sending it requests without
cookies."""

import base64
import hashlib
import ipaddress
import re
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import DailyViews, PostViews

COOKIE_NAME = "samen_gelezen"
COOKIE_SALT = "samen.engagement.read"
COOKIE_PATH = "/statistieken/gelezen/"
# The posts most recently counted; a reader of more posts than this within the cookie's
# life may count once more for one read long ago. 100 marks keep the cookie under 1 KB.
COOKIE_LIMIT = 100
# "Most read" looks back this many days, today included (PostViews.recent_views).
RECENT_READ_DAYS = 30
MARK = re.compile(r"[-_A-Za-z0-9]{8}")


@lru_cache(maxsize=1)
def _bot_pattern():
    return re.compile("|".join(settings.VIEW_COUNT_BOT_PATTERNS), re.IGNORECASE)


@lru_cache(maxsize=1)
def _ignored_networks():
    return [ipaddress.ip_network(net, strict=False) for net in settings.VIEW_COUNT_IGNORED_NETWORKS]


def client_address(request):
    """The reader's address: the connection's own, or the one a configured number of
    trusted proxies put in front of it in ``X-Forwarded-For``."""
    proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def is_bot(user_agent):
    return not user_agent or bool(_bot_pattern().search(user_agent))


def from_ignored_network(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _ignored_networks())


def read_mark(post):
    """A short stand-in for the post in the reader's cookie, the same in every language."""
    digest = hashlib.blake2b(str(post.translation_key).encode(), digest_size=6).digest()
    return base64.urlsafe_b64encode(digest).decode()


def counted_marks(request):
    """The marks of the posts this reader was already counted for. A cookie that was
    changed, or is older than a session may be, counts as none."""
    raw = request.get_signed_cookie(COOKIE_NAME, default="", salt=COOKIE_SALT, max_age=settings.SESSION_COOKIE_AGE)
    return [mark for mark in raw.split(".") if MARK.fullmatch(mark)]


def counts_as_read(request, post):
    """Whether this request is the reader's first read of ``post``."""
    if not post.live:
        return False
    if request.user.is_authenticated and request.user.pk == getattr(post, "author_id", None):
        return False
    if is_bot(request.headers.get("User-Agent", "")) or from_ignored_network(client_address(request)):
        return False
    return read_mark(post) not in counted_marks(request)


def record_read(request, response, post):
    """Count one read of ``post`` if the rules allow it, and remember it in ``response``'s
    cookie; True when it was counted."""
    if not counts_as_read(request, post):
        return False
    marks = [*counted_marks(request)[-(COOKIE_LIMIT - 1) :], read_mark(post)]
    response.set_signed_cookie(
        COOKIE_NAME,
        ".".join(marks),
        salt=COOKIE_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    _add_one(PostViews, ("views", "recent_views"), translation_key=post.translation_key)
    _add_one(DailyViews, ("views",), translation_key=post.translation_key, day=timezone.localdate())
    return True


def _add_one(model, counters, **key):
    """Each of ``counters`` + 1 on the row for ``key``, made first if there is none. The
    update is one statement in the database, so simultaneous reads never overwrite each
    other."""
    plus_one = {counter: F(counter) + 1 for counter in counters}
    if model.objects.filter(**key).update(**plus_one):
        return
    try:
        with transaction.atomic():
            model.objects.create(**dict.fromkeys(counters, 1), **key)
    except IntegrityError:  # another reader made the row a moment ago
        model.objects.filter(**key).update(**plus_one)


def recount_recent_reads(days=RECENT_READ_DAYS):
    """Sum each post's reads of the last ``days`` days (today included) from its daily
    counts again: the daily job that lets the oldest day drop out of "most read". One
    statement, whatever the number of posts (two when daily counts were written without
    their post's read count, as an import may)."""
    since = timezone.localdate() - timedelta(days=days - 1)
    uncounted = (
        DailyViews.objects.exclude(translation_key__in=PostViews.objects.values("translation_key"))
        .order_by()
        .values("translation_key")
        .annotate(total=Sum("views"))
    )
    PostViews.objects.bulk_create(
        [PostViews(translation_key=row["translation_key"], views=row["total"]) for row in uncounted],
        ignore_conflicts=True,
    )
    recent = (
        DailyViews.objects.filter(translation_key=OuterRef("translation_key"), day__gte=since)
        .order_by()
        .values("translation_key")
        .annotate(total=Sum("views"))
        .values("total")
    )
    return PostViews.objects.update(recent_views=Coalesce(Subquery(recent), Value(0)))


def read_count(post):
    return PostViews.objects.filter(translation_key=post.translation_key).values_list("views", flat=True).first() or 0


def views_of(translation_key):
    """The read count of the post with ``translation_key`` (an ``OuterRef``) as a
    subquery, to fetch it along with the post."""
    return Subquery(PostViews.objects.filter(translation_key=translation_key).values("views")[:1])
