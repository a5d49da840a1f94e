from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark (``make bench``, ``bench/run.py``) and the data set it measures on
    (``manage.py generate_load_data``)."""

    name = "bench"
