from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Members")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import parts, purges  # noqa: F401 - parts registers the account menu as the member's own part

        purges.connect()


class SamenUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the fields our members have."""

    default = False
    user_viewset = "accounts.viewsets.UserViewSet"
