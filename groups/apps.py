from django.apps import AppConfig


class GroupsConfig(AppConfig):
    label = "groups"
    name = "groups"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import parts, signals  # noqa: F401 - parts registers the member's own parts of a page

        signals.connect()
