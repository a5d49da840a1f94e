from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from django_comments_xtd.models import XtdComment


class Reaction(index.Indexed, XtdComment):
    """A reaction under a blog post, stored by django-comments-xtd.

    It is attached to the post's default-language page, so every language version shows
    one thread. ``comment`` holds what the member typed (a small Markdown subset); it is
    turned into sanitised HTML only when shown."""

    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    # Searched on the search page's "reactions" tab; the filters narrow to shown reactions.
    search_fields = [
        index.SearchField("comment"),
        index.FilterField("object_pk"),
        index.FilterField("site_id"),
        index.FilterField("is_public"),
        index.FilterField("is_removed"),
        index.FilterField("submit_date"),
    ]

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")

    @property
    def is_reply(self):
        return self.level > 0

    @property
    def is_visible(self):
        return self.is_public and not self.is_removed


class Follow(models.Model):
    """A member follows a post (in every language, hence the translation key) and gets
    an e-mail for each new reaction on it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    translation_key = models.UUIDField(_("post"), db_index=True)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["user", "translation_key"], name="engagement_follow_once"),
        ]


class ReactionSwitch(models.Model):
    """Whether reactions are closed on a post (in every language)."""

    translation_key = models.UUIDField(unique=True)
    closed = models.BooleanField(_("reactions closed"), default=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reaction setting")
        verbose_name_plural = _("reaction settings")


class PostViews(models.Model):
    """How often a post was read, in every language together."""

    translation_key = models.UUIDField(unique=True)
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("view count")
        verbose_name_plural = _("view counts")


class DailyViews(models.Model):
    """Reads per post per day, for "most read" over a recent period."""

    translation_key = models.UUIDField()
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["translation_key", "day"], name="engagement_daily_views_once")]
        indexes = [models.Index(fields=["day", "translation_key"])]


class Rating(models.Model):
    """A member's vote of 1 to 5 stars on a post or a group, in every language together.

    One vote per member per item; changing it overwrites the score, withdrawing deletes
    the row, so averages are always over the votes that stand."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ratings")
    translation_key = models.UUIDField(_("item"), db_index=True)
    score = models.PositiveSmallIntegerField(_("stars"))
    created_at = models.DateTimeField(_("given"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["user", "translation_key"], name="engagement_rating_once"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="engagement_rating_one_to_five"
            ),
        ]
        permissions = [("view_statistics", _("Can see reading and rating statistics"))]
