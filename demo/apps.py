from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site: ``manage.py load_demo`` and the content it builds (``demo/content/``)."""

    name = "demo"
