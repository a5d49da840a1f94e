from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache_purging, image_library

        cache_purging.connect()
        image_library.connect()
