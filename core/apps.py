from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # converters registers ``<id:…>`` before any URL configuration is read;
        # site_address registers its deploy check.
        from . import converters, image_library, site_address  # noqa: F401

        image_library.connect()
