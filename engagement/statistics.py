"""Reading, rating and reaction figures per post, for editors: the dashboard panel and
the statistics report. Every figure is per post in all its languages together, so each
post is listed once, in its source language."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, F, FloatField, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone

from core.locales import default_locale_id

from .models import DailyViews, PostViews, Rating, Reaction
from .ratings import rounded_average

RECENT_DAYS = 30


def _scalar(queryset, field, aggregate):
    """A subquery giving one aggregate over ``queryset`` (already narrowed by OuterRef),
    with 0 where there are no rows."""
    grouped = queryset.order_by().values(field).annotate(value=aggregate).values("value")[:1]
    return Coalesce(Subquery(grouped, output_field=IntegerField()), Value(0))


def source_posts(queryset):
    """One page per post: its default-language version, or the page itself when the post
    was written in another language only."""
    default_id = default_locale_id()
    has_default = queryset.model.objects.filter(translation_key=OuterRef("translation_key"), locale_id=default_id)
    return queryset.filter(Q(locale_id=default_id) | ~Q(translation_key__in=has_default.values("translation_key")))


def with_figures(queryset, recent_days=RECENT_DAYS):
    """Posts annotated with ``views``, ``recent_views`` (last ``recent_days`` days),
    ``votes``, ``score_total``, ``average_score`` (for sorting) and ``reactions``, all
    in the same query. Reactions are counted against the page itself, which is right for
    the pages ``source_posts`` gives: those carry the thread."""
    since = timezone.localdate() - timedelta(days=recent_days - 1)
    key = OuterRef("translation_key")
    content_type = ContentType.objects.get_for_model(queryset.model)
    reactions = Reaction.objects.filter(
        content_type=content_type,
        object_pk=Cast(OuterRef("pk"), CharField()),
        site_id=settings.SITE_ID,
        is_public=True,
        is_removed=False,
    )
    return queryset.annotate(
        views=_scalar(PostViews.objects.filter(translation_key=key), "translation_key", Sum("views")),
        recent_views=_scalar(
            DailyViews.objects.filter(translation_key=key, day__gte=since), "translation_key", Sum("views")
        ),
        votes=_scalar(Rating.objects.filter(translation_key=key), "translation_key", Count("pk")),
        score_total=_scalar(Rating.objects.filter(translation_key=key), "translation_key", Sum("score")),
        reactions=_scalar(reactions, "object_pk", Count("pk")),
    ).annotate(
        # No votes, no average: NULL rather than a division by zero (PostgreSQL refuses it).
        average_score=Cast(F("score_total"), FloatField()) / NullIf(Cast(F("votes"), FloatField()), Value(0.0))
    )


def average_of(post):
    """A post's average from ``with_figures``, rounded as the site shows it, or None."""
    return rounded_average(post.score_total, post.votes)
