from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = _("Access")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from . import purges
        from .admin_permissions import SamenPagePermissionPolicy

        register_permission_policy(Page, SamenPagePermissionPolicy(Page))
        purges.connect()
