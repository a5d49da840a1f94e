from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """What members hear of: notifications on the site and by mail, their preferences per
    kind, and whom and which tags they follow."""

    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from access.models import Membership

        # personal_parts registers the bell and the follow buttons (pagecache/personal_parts.py).
        from . import personal_parts  # noqa: F401
        from .events import membership_changed

        post_save.connect(membership_changed, sender=Membership, dispatch_uid="notifications_membership_saved")
        post_delete.connect(membership_changed, sender=Membership, dispatch_uid="notifications_membership_gone")
