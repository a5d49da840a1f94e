"""Wagtail's database search backend, with each language stemmed as itself on PostgreSQL.

One index table serves every backend, so a page has to be indexed once, with the text
search configuration of its own language: Dutch pages with ``dutch`` ("vergaderingen"
meets "vergadering"), English ones with ``english``, reactions (whose language is not
known) with ``simple``. The Dutch stemmer keeps plurals in -s after a vowel apart
("participaties"), so the search page also asks for each Dutch word's other number.

The backends in settings differ only in the configuration they search with; the search
page picks the one for its language. On SQLite (a laptop) this is the plain database
backend."""

import copy
from collections import defaultdict

from django.conf import settings
from django.db import connection

from wagtail.search.backends.database import SearchBackend as database_search_backend

CONFIG_OF_LANGUAGE = {"nl": "dutch", "en": "english"}
UNKNOWN_LANGUAGE = "simple"


def config_for(obj):
    locale = getattr(obj, "locale", None)
    if locale is None:
        return UNKNOWN_LANGUAGE
    return CONFIG_OF_LANGUAGE.get(locale.language_code, UNKNOWN_LANGUAGE)


def _per_language(index_class):
    class PerLanguageIndex(index_class):
        def add_items(self, model, objs):
            by_config = defaultdict(list)
            for obj in objs:
                by_config[config_for(obj)].append(obj)
            backend = self.backend
            try:
                for config, group in by_config.items():
                    self.backend = copy.copy(backend)
                    self.backend.config = config
                    super().add_items(model, group)
            finally:
                self.backend = backend

    return PerLanguageIndex


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    backend = database_search_backend(params)
    if connection.vendor == "postgresql":
        backend.index_class = _per_language(backend.index_class)
    return backend


def backend_name_for(language_code):
    """The configured backend that searches in ``language_code``."""
    return language_code if language_code in settings.WAGTAILSEARCH_BACKENDS else "default"
