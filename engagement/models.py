from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.search import index

from django_comments_xtd.models import XtdComment


class Reaction(index.Indexed, XtdComment):
    """A reaction under a blog post, stored by django-comments-xtd.

    It is attached to the post's default-language page, so every language version shows
    one thread. ``comment`` holds what the member typed (a small Markdown subset); it is
    turned into sanitised HTML only when shown."""

    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    # A guest's reaction (no account) stays invisible until its writer opens the link
    # mailed to them; then it is shown, or waits for a moderator when the site asks so.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    awaiting_approval = models.BooleanField(_("awaiting a moderator's approval"), default=False)

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

    @property
    def is_guest(self):
        """Written without an account: the name is the one typed, the address never shown."""
        return self.user_id is None

    @property
    def is_unconfirmed(self):
        return self.user_id is None and self.confirmed_at is None

    @property
    def is_by_former_member(self):
        """Written by a member who has since deleted their account and let their reactions
        stay: no name, no address, no link (a guest always left an address)."""
        return self.user_id is None and not self.user_email and self.confirmed_at is not None


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


class GuestFollow(models.Model):
    """A guest (no account) who asked to follow a post when reacting, known by the e-mail
    address they confirmed. They get the mails of new reactions with a one-click stop link,
    in the language they reacted in."""

    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=50)
    language = models.CharField(_("language"), max_length=10)
    translation_key = models.UUIDField(_("post"), db_index=True)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("guest follower")
        verbose_name_plural = _("guest followers")
        constraints = [
            models.UniqueConstraint(fields=["email", "translation_key"], name="engagement_guest_follow_once"),
        ]

    # What a member's mail (accounts.member_mail.member_message) reads of its recipient.
    @property
    def display_name(self):
        return self.name

    is_active = True


@register_setting(icon="comment")
class GuestReactions(BaseSiteSetting):
    """Whether visitors without an account may react, confirming by e-mail."""

    allowed = models.BooleanField(
        _("allow guest reactions"),
        default=False,
        help_text=_(
            "Visitors who are not logged in can react to public posts with their name and e-mail address; "
            "the reaction appears once they open the link mailed to them."
        ),
    )
    need_approval = models.BooleanField(
        _("guest reactions need a moderator's approval"),
        default=True,
        help_text=_("A confirmed guest reaction waits under Reactions until a moderator makes it visible."),
    )

    class Meta:
        verbose_name = _("guest reactions")

    @classmethod
    def allowed_setting(cls):
        """The default site's "allow guest reactions" (none when never saved), as a
        queryset that can also serve as a subquery."""
        return cls.objects.filter(site__is_default_site=True).order_by("pk").values_list("allowed", flat=True)[:1]

    @classmethod
    def current(cls):
        """The default site's settings, unsaved defaults when never saved."""
        return cls.objects.filter(site__is_default_site=True).order_by("pk").first() or cls()


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
    """How often a post was read, in every language together: ever, and over the last
    ``RECENT_READ_DAYS`` days (``recent_views``: counted up with each read, and summed
    again from ``DailyViews`` once a day, when the oldest day drops out), so that "most
    read" walks an index instead of summing every post's days."""

    translation_key = models.UUIDField(unique=True)
    views = models.PositiveBigIntegerField(_("views"), default=0)
    recent_views = models.PositiveIntegerField(_("recent views"), default=0)

    class Meta:
        verbose_name = _("view count")
        verbose_name_plural = _("view counts")
        indexes = [models.Index(fields=["-recent_views"], name="engagement_recent_views")]


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
