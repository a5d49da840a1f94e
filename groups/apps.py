from django.apps import AppConfig


class GroupsConfig(AppConfig):
    label = "groups"
    name = "groups"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from . import parts, signals  # noqa: F401 - parts registers the member's own parts of a page
        from .admin_access import SamenPagePermissionPolicy

        signals.connect()
        register_permission_policy(Page, SamenPagePermissionPolicy(Page))
