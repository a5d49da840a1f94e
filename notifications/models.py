"""A member's notifications, how they want to hear of each kind, and whom and what they
follow. Pages are Wagtail's own ``Page`` rows: this app knows no page type."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REACTION = "reaction", _("A reaction on a post I follow")
    REPLY = "reply", _("A reply to my reaction")
    MENTION = "mention", _("Someone mentioned me")
    NEW_POST = "new-post", _("A new post in my groups, or by people or with tags I follow")
    JOIN_DECISION = "join-decision", _("My request to join a group was answered")
    JOIN_REQUEST = "join-request", _("A request to join a group I manage")
    POST_REVIEW = "post-review", _("My post was approved or sent back")


KINDS = Kind.values


class Channel(models.TextChoices):
    SITE = "site", _("On the site")
    MAIL = "mail", _("By e-mail at once")
    DIGEST = "digest", _("In my digest")
    OFF = "off", _("Not at all")


# What a member who never chose gets: everything on the site, and by mail at once what
# the site mailed before it had notifications (a reply's author followed the post, so
# they were mailed about replies too) and a mention, which is written to them.
DEFAULT_CHANNELS = {
    Kind.REACTION: Channel.MAIL,
    Kind.REPLY: Channel.MAIL,
    Kind.MENTION: Channel.MAIL,
    Kind.NEW_POST: Channel.MAIL,
    Kind.JOIN_DECISION: Channel.MAIL,
    Kind.JOIN_REQUEST: Channel.MAIL,
    Kind.POST_REVIEW: Channel.SITE,
}


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # A django-comments-xtd comment (a reaction); its notification goes when it does.
    reaction_id = models.PositiveIntegerField(null=True, blank=True)
    group_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # What came of a request or a review: "accepted", "refused", "approved", "sent-back".
    outcome = models.CharField(max_length=20, blank=True)
    # Kept for the member's digest instead of mailed at once.
    for_digest = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(F("recipient"), F("read_at"), F("created_at").desc(), name="notifications_inbox"),
            models.Index(fields=["reaction_id"], name="notifications_reaction"),
        ]
        constraints = [
            # The same event notified twice (a task run again) is one notification. Empty
            # fields count as equal (NULLS NOT DISTINCT, which SQLite lacks, said portably).
            models.UniqueConstraint(
                F("recipient"),
                F("kind"),
                Coalesce(F("page"), Value(0)),
                Coalesce(F("reaction_id"), Value(0)),
                Coalesce(F("actor"), Value(0)),
                name="notifications_once",
            ),
        ]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id}"


class Preference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notifications_preference_once")]

    def __str__(self):
        return f"{self.kind}: {self.channel}"


class DigestSettings(models.Model):
    class Frequency(models.TextChoices):
        OFF = "off", _("No digest")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_settings")
    frequency = models.CharField(_("digest"), max_length=10, choices=Frequency.choices, default=Frequency.OFF)
    # The last period a digest went out for (such as "2025-W14"), so that it goes once.
    last_sent_period = models.CharField(max_length=20, blank=True)

    def __str__(self):
        return self.frequency


class PersonFollow(models.Model):
    follower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    followed = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="notifications_person_follow_once"),
            models.CheckConstraint(condition=~Q(follower=F("followed")), name="notifications_no_self_follow"),
        ]

    def __str__(self):
        return f"{self.follower_id} -> {self.followed_id}"


class TagFollow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey("taggit.Tag", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "tag"], name="notifications_tag_follow_once")]

    def __str__(self):
        return f"{self.user_id} -> {self.tag_id}"
