"""What the access policy reads besides the pages: who belongs to which group, and
whether the whole site is closed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Membership(models.Model):
    """A member's place in a group, in every language version of it (keyed by the
    group's translation key)."""

    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        ADMIN = "admin", _("admin")
        MEMBER = "member", _("member")
        PENDING = "pending", _("request pending")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    group_key = models.UUIDField(_("group"), db_index=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    notify_posts = models.BooleanField(_("mail me new posts"), default=True)
    # What someone asking to join a closed group wrote to its owners and admins.
    message = models.TextField(_("message to the group's admins"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "group_key"], name="groups_membership_once")]

    @property
    def is_member(self):
        return self.role in (self.Role.OWNER, self.Role.ADMIN, self.Role.MEMBER)

    @property
    def is_manager(self):
        return self.role in (self.Role.OWNER, self.Role.ADMIN)


@register_setting(icon="lock")
class SiteAccess(BaseSiteSetting):
    """Whether the whole site is closed: then nothing is public, and a post for
    "everyone" is for logged-in members only."""

    closed = models.BooleanField(
        _("closed site"),
        default=False,
        help_text=_("Only logged-in members can read posts; no post is publicly visible."),
    )

    class Meta:
        verbose_name = _("site access")

    @classmethod
    def site_is_closed(cls):
        return bool(cls.closed_setting().first())

    @classmethod
    def closed_setting(cls):
        """The default site's "closed site" value (none when it was never saved), as a
        queryset that can also serve as a subquery."""
        return cls.objects.filter(site__is_default_site=True).order_by("pk").values_list("closed", flat=True)[:1]
