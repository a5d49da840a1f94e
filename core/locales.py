"""Locale ids by language code, looked up once per process.

Many things on one page ask for them (the reaction thread, the counts on every card, the
check that a page is served under its own language). A language's Locale row keeps its id
for the life of the site; only a missing language is asked again every time, so a locale
that another process adds is seen at once. Edits in this process clear the memo."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

_ids = {}


def locale_id_for(language_code):
    """The Locale id for a language code, or None when the site has no such locale."""
    if language_code not in _ids:
        found = Locale.objects.filter(language_code=language_code).values_list("pk", flat=True).first()
        if found is None:
            return None
        _ids[language_code] = found
    return _ids[language_code]


def default_locale_id():
    return locale_id_for(get_supported_content_language_variant(settings.LANGUAGE_CODE))


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def _forget_locales(**kwargs):
    _ids.clear()
