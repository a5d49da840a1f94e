from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import purging

        purging.connect()
