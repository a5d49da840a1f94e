from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MemberDataConfig(AppConfig):
    """A member's rights over their own data: downloading all of it, and leaving the site
    (by themselves, or by an editor in the admin)."""

    name = "member_data"
    verbose_name = _("Members' data")
    default_auto_field = "django.db.models.BigAutoField"
