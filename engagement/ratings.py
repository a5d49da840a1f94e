"""Star ratings of posts and groups: one vote of 1 to 5 per member per item, shared by
every language version of the item (the votes are keyed by its translation key).

Summaries for any number of items come from one grouped query, so listings show the
rating of every card without a query per card."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from pagecache.purging import item_changed

from .models import Rating

SCORES = (1, 2, 3, 4, 5)
# What a form may send: exactly these ASCII digits (int() would also take "３" or " 3").
SCORE_BY_TEXT = {str(score): score for score in SCORES}
TENTH = Decimal("0.1")


class Rateable:
    """A page type whose pages members give stars (posts and groups inherit this)."""


def rounded_average(total, votes):
    """``total / votes`` to one decimal, halves rounded up (3.25 → 3.3); None without votes."""
    if not votes:
        return None
    return (Decimal(total) / Decimal(votes)).quantize(TENTH, rounding=ROUND_HALF_UP)


def average_text(average):
    """ "4" or "3.7": one decimal, a trailing ".0" dropped, written as on the model page."""
    if average is None:
        return ""
    text = f"{average:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class Spread:
    score: int
    votes: int
    share: int  # percent of all votes, rounded


@dataclass(frozen=True)
class RatingSummary:
    """The votes on one item: how many, and how many per score (1 to 5)."""

    per_score: tuple = (0, 0, 0, 0, 0)

    @property
    def votes(self):
        return sum(self.per_score)

    @property
    def average(self):
        return rounded_average(sum(score * n for score, n in zip(SCORES, self.per_score, strict=True)), self.votes)

    @property
    def average_text(self):
        return average_text(self.average)

    @property
    def stars_drawn(self):
        """How many of five stars to draw: the shown average to the nearest half star
        (4.2 → 4, 4.3 → 4.5, 4.8 → 5), so the drawing never disagrees with the number."""
        average = self.average
        if average is None:
            return Decimal(0)
        return (average * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2

    @property
    def star_row(self):
        """The five stars to draw, left to right: "full", "half" or "empty"."""
        drawn = self.stars_drawn
        full = int(drawn)
        half = 1 if drawn - full else 0
        return ("full",) * full + ("half",) * half + ("empty",) * (len(SCORES) - full - half)

    @property
    def spread(self):
        """Votes per score from 5 down to 1, with each score's share of the votes."""
        votes = self.votes or 1
        return [
            Spread(score, n, round(100 * n / votes))
            for score, n in reversed(list(zip(SCORES, self.per_score, strict=True)))
        ]


NO_VOTES = RatingSummary()


def summaries(translation_keys):
    """``{translation_key: RatingSummary}`` for every key given, in one query."""
    keys = {key for key in translation_keys if key is not None}
    if not keys:
        return {}
    counts = {key: [0] * len(SCORES) for key in keys}
    rows = (
        Rating.objects.filter(translation_key__in=keys)
        .order_by()
        .values_list("translation_key", "score")
        .annotate(n=Count("pk"))
    )
    for key, score, n in rows:
        if score in SCORES:
            counts[key][score - 1] = n
    return {key: RatingSummary(tuple(per_score)) for key, per_score in counts.items()}


def summary_of(item):
    return summaries([item.translation_key]).get(item.translation_key, NO_VOTES)


def own_score(user, translation_key):
    """The member's own vote on the item with ``translation_key`` (1 to 5), or None."""
    if not user.is_authenticated:
        return None
    votes = Rating.objects.filter(user=user, translation_key=translation_key)
    return votes.values_list("score", flat=True).first()


def cast_vote(user, item, score):
    """Give or change the member's vote. Two requests at once from the same member end
    with one vote, the later score."""
    if score not in SCORES:
        raise ValueError(f"A rating is 1 to 5 stars, not {score!r}.")
    key = item.translation_key
    # Every page that shows the item's stars shows a new average.
    item_changed(key)
    if Rating.objects.filter(user=user, translation_key=key).update(score=score):
        return
    try:
        with transaction.atomic():
            Rating.objects.create(user=user, translation_key=key, score=score)
    except IntegrityError:  # the same member's other request made the row a moment ago
        Rating.objects.filter(user=user, translation_key=key).update(score=score)


def withdraw_vote(user, item):
    """Take the member's vote back; True when there was one."""
    deleted, _ = Rating.objects.filter(user=user, translation_key=item.translation_key).delete()
    if deleted:
        item_changed(item.translation_key)
    return bool(deleted)


VOTES_ON_SCORE = "votes_on_{}"


def _votes_on(score):
    """The number of votes of ``score`` stars on the outer query's item, as a subquery."""
    votes = (
        Rating.objects.filter(translation_key=OuterRef("translation_key"), score=score)
        .order_by()
        .values("translation_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(votes), 0)


def with_ratings(queryset):
    """``queryset`` of rateable items with their votes per score counted alongside, in the
    same query; ``attach_ratings`` reads them without asking again."""
    return queryset.annotate(**{VOTES_ON_SCORE.format(score): _votes_on(score) for score in SCORES})


def _counted_votes(item):
    per_score = tuple(getattr(item, VOTES_ON_SCORE.format(score), None) for score in SCORES)
    return None if None in per_score else RatingSummary(per_score)


def attach_ratings(items):
    """Set ``item.rating`` (a RatingSummary) on every item: from the counts ``with_ratings``
    fetched along, and with one query in all for the items that came without them."""
    items = list(items)
    missing = []
    for item in items:
        item.rating = _counted_votes(item)
        if item.rating is None:
            missing.append(item)
    found = summaries(item.translation_key for item in missing)
    for item in missing:
        item.rating = found.get(item.translation_key, NO_VOTES)
    return items
