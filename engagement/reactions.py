"""The reactions under a post: which thread, what the reader sees of it, and how many.

A thread belongs to the post, not to a language version: reactions are stored against
the post's default-language page, whichever version the reader is on."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import BooleanField, Case, CharField, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from wagtail.models import Locale, Page

from core.locales import default_locale_id
from core.pagination import paginate

from .likes import like_count
from .models import GuestReactions, Reaction, ReactionSwitch

ORDERS = ("oldest", "newest")
PAGE_SIZES = (5, 10, 25, 50, 100)
DEFAULT_ORDER = "oldest"
DEFAULT_PAGE_SIZE = 10
PREFERENCE_COOKIE = "samen_reacties"


def canonical_post(page):
    """The version of ``page`` that carries its thread: the default-language one (its
    specific object), or the page itself when it has none."""
    default_id = default_locale_id()
    if page.locale_id == default_id:
        return page
    source = page.get_translation_or_none(Locale.objects.get(pk=default_id))
    return source.specific if source is not None else page


def thread_of(canonical):
    """Every reaction stored against ``canonical``, hidden and removed ones included."""
    return Reaction.objects.filter(
        content_type=ContentType.objects.get_for_model(canonical),
        object_pk=str(canonical.pk),
        site_id=settings.SITE_ID,
    )


def shown(queryset):
    """Reactions a reader sees in full: not hidden by a moderator, not removed."""
    return queryset.filter(is_public=True, is_removed=False)


def reaction_count(canonical):
    return shown(thread_of(canonical)).count()


def reaction_counts(pages):
    """``{page.pk: number of reactions}`` for listing cards, in at most two queries
    whatever the number of pages (one to find default-language versions, one to count)."""
    pages = list(pages)
    if not pages:
        return {}
    default_id = default_locale_id()
    canonical_pk = {p.pk: p.pk for p in pages if p.locale_id == default_id}
    others = [p for p in pages if p.locale_id != default_id]
    if others:
        sources = dict(
            Page.objects.filter(
                translation_key__in=[p.translation_key for p in others], locale_id=default_id
            ).values_list("translation_key", "pk")
        )
        for page in others:
            canonical_pk[page.pk] = sources.get(page.translation_key, page.pk)
    counts = dict(
        shown(Reaction.objects.filter(site_id=settings.SITE_ID))
        .filter(object_pk__in=[str(pk) for pk in set(canonical_pk.values())])
        .order_by()  # the manager's default ordering (thread, order) would split the groups
        .values_list("object_pk")
        .annotate(n=Count("pk"))
        .values_list("object_pk", "n")
    )
    return {pk: counts.get(str(canonical), 0) for pk, canonical in canonical_pk.items()}


def with_reaction_counts(pages):
    """``pages`` (a queryset) with ``reaction_count`` on each: the reactions shown in its
    thread (on its default-language version), counted in the same query."""
    default_id = default_locale_id()
    source = Page.objects.filter(translation_key=OuterRef("translation_key"), locale_id=default_id).values("pk")[:1]
    thread_pk = Case(When(locale_id=default_id, then=F("pk")), default=Coalesce(Subquery(source), F("pk")))
    counted = (
        shown(Reaction.objects.filter(site_id=settings.SITE_ID, object_pk=Cast(OuterRef("thread_pk"), CharField())))
        .order_by()
        .values("object_pk")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return pages.alias(thread_pk=thread_pk).annotate(reaction_count=Coalesce(Subquery(counted), 0))


def reactions_closed(canonical):
    return ReactionSwitch.objects.filter(translation_key=canonical.translation_key, closed=True).exists()


def closed_for(translation_key):
    """Whether reactions are closed on the post with ``translation_key`` (an
    ``OuterRef``), to fetch along with the post. Every language version shares it."""
    return Exists(ReactionSwitch.objects.filter(translation_key=translation_key, closed=True))


def guest_reactions_allowed():
    """Whether the site allows guest reactions (the site setting), to fetch along with a post."""
    return Coalesce(Subquery(GuestReactions.allowed_setting()), Value(False), output_field=BooleanField())


@dataclass(frozen=True)
class ThreadChoices:
    """How the reader wants the thread: order, how many per batch, auto-loading."""

    order: str = DEFAULT_ORDER
    count: int = DEFAULT_PAGE_SIZE
    autoload: bool = True

    @classmethod
    def parse(cls, order=None, count=None, autoload=None, fallback=None):
        """Read the reader's choices; whatever is missing or not understood keeps the
        ``fallback`` value (their saved choice, or the default)."""
        fallback = fallback or cls()
        order = order if order in ORDERS else fallback.order
        try:
            number = int(count)
        except (TypeError, ValueError):
            number = None
        count = number if number in PAGE_SIZES else fallback.count
        if autoload in ("1", "on", "true"):
            auto = True
        elif autoload in ("0", "off", "false"):
            auto = False
        else:
            auto = fallback.autoload
        return cls(order=order, count=count, autoload=auto)

    @classmethod
    def from_request(cls, request):
        saved = cls.from_cookie(request.COOKIES.get(PREFERENCE_COOKIE, ""))
        return cls.parse(request.GET.get("order"), request.GET.get("count"), request.GET.get("auto"), fallback=saved)

    @classmethod
    def from_cookie(cls, value):
        parts = (value or "").split(":")
        if len(parts) != 3:
            return cls()
        return cls.parse(*parts)

    def cookie_value(self):
        return f"{self.order}:{self.count}:{'1' if self.autoload else '0'}"

    def query(self):
        return {"order": self.order, "count": self.count, "auto": "1" if self.autoload else "0"}


def thread_counts(canonical):
    """``(reactions shown, threads shown)`` in one query: every reaction a reader sees, and
    the top-level reactions the thread lists (a removed one counts while it has replies
    someone can read)."""
    visible_reply = shown(Reaction.objects.filter(thread_id=OuterRef("pk"), level=1))
    visible = Q(is_public=True, is_removed=False)
    counts = thread_of(canonical).aggregate(
        reactions=Count("pk", filter=visible),
        threads=Count("pk", filter=Q(level=0) & (visible | Exists(visible_reply))),
    )
    return counts["reactions"], counts["threads"]


def thread_page(canonical, choices, request, threads_total=None):
    """One batch of the thread: top-level reactions in the chosen order, each with its
    replies (oldest first), and on each how many members found it helpful (``like_count``).
    A removed reaction stays as a placeholder while it has replies someone can read. Three
    queries, whatever the number of reactions; two when the number of threads
    (``thread_counts``) is known."""
    everything = thread_of(canonical).select_related("user")
    visible_reply = shown(Reaction.objects.filter(thread_id=OuterRef("pk"), level=1))
    top_level = (
        everything.filter(level=0)
        .filter(Q(is_public=True, is_removed=False) | Exists(visible_reply))
        .order_by("submit_date" if choices.order == "oldest" else "-submit_date", "pk")
    )
    page = paginate(request, top_level, choices.count, count=threads_total)
    # The batch's top-level reactions and their replies: their numbers first, then the
    # rows. As a subquery the batch made PostgreSQL plan one query three times as costly.
    batch = list(page.object_list.values_list("pk", flat=True))
    rows = everything.filter(
        Q(pk__in=batch) | Q(thread_id__in=batch, level=1, is_public=True, is_removed=False)
    ).annotate(like_count=like_count())
    threads, by_thread = [], {}
    for reaction in rows.order_by("submit_date", "pk"):
        if reaction.level == 0:
            threads.append(reaction)
        else:
            by_thread.setdefault(reaction.thread_id, []).append(reaction)
    # The batch's order: by time, oldest or newest first, equal times by number.
    threads.sort(key=lambda reaction: reaction.submit_date, reverse=choices.order != "oldest")
    for reaction in threads:
        reaction.replies = by_thread.get(reaction.pk, [])
    return page, threads


def batch_number_of(reaction, canonical, choices):
    """Which batch (page) of the thread shows ``reaction``, in the reader's order."""
    top = reaction if reaction.level == 0 else Reaction.objects.filter(pk=reaction.thread_id).first() or reaction
    before = Q(submit_date__lt=top.submit_date) | Q(submit_date=top.submit_date, pk__lt=top.pk)
    if choices.order == "newest":
        before = Q(submit_date__gt=top.submit_date) | Q(submit_date=top.submit_date, pk__lt=top.pk)
    visible_reply = shown(Reaction.objects.filter(thread_id=OuterRef("pk"), level=1))
    earlier = (
        thread_of(canonical)
        .filter(level=0)
        .filter(Q(is_public=True, is_removed=False) | Exists(visible_reply))
        .filter(before)
        .count()
    )
    return earlier // choices.count + 1


def store_reaction(post, user, text, *, parent_id=0, submit_date=None, ip_address=None, **fields):
    """Save a reaction by ``user`` under ``post`` (its canonical page) the way the site
    stores every reaction; XtdComment.save() fills in the thread. Raises comments-xtd's
    MaxThreadLevelExceededException for a reply that would go too deep."""
    reaction = Reaction(
        content_type=ContentType.objects.get_for_model(post),
        object_pk=str(post.pk),
        site_id=settings.SITE_ID,
        user=user,
        user_name=user.display_name[:50],
        user_email=user.email,
        comment=text,
        submit_date=submit_date or timezone.now(),
        ip_address=ip_address,
        parent_id=parent_id,
        followup=True,
        **fields,
    )
    with transaction.atomic():
        reaction.save()
    return reaction
