from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    """Statistics, ratings and reactions around posts, keyed by a page's translation_key."""

    name = "engagement"
    verbose_name = _("Engagement")
    default_auto_field = "django.db.models.BigAutoField"
