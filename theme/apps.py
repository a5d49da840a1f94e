from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemeConfig(AppConfig):
    """The organisation's look: its name, logo, icons, colours and font."""

    name = "theme"
    verbose_name = _("Theme")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import purges

        purges.connect()
