from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Members")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # personal_parts registers the member's own parts of a page (pagecache/personal_parts.py).
        # The single sign-on settings are checked at start-up (accounts/checks.py).
        from . import checks, personal_parts, purges, sso  # noqa: F401

        purges.connect()
        sso.connect()

        # Log-ins noted, and other sessions ended when the account's keys change.
        from . import login_history, sessions

        login_history.connect()
        sessions.connect()


class SamenUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the fields our members have."""

    default = False
    user_viewset = "accounts.viewsets.UserViewSet"
