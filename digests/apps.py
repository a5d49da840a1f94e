from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    """The digest mail: what happened for a member in the past day, week or month, sent
    once per period, never empty."""

    name = "digests"
    verbose_name = _("Digests")
    default_auto_field = "django.db.models.BigAutoField"
