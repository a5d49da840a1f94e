from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import image_library, site_address  # noqa: F401 - site_address registers its deploy check

        image_library.connect()
