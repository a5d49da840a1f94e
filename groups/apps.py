from django.apps import AppConfig


class GroupsConfig(AppConfig):
    label = "groups"
    name = "groups"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # personal_parts registers the member's own parts of a page (pagecache/personal_parts.py).
        from . import personal_parts, signals  # noqa: F401

        signals.connect()
