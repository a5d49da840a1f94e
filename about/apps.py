from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    """The pages about the site itself that the footer links to: accessibility statement,
    privacy statement, contact and colophon."""

    name = "about"
    verbose_name = _("About this site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import purges

        purges.connect()
