from django.apps import AppConfig


class GroupsConfig(AppConfig):
    label = "groups"
    name = "groups"
    default_auto_field = "django.db.models.BigAutoField"
