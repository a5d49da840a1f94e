"""The default (source) language's Locale, looked up once per process.

Many things on one page ask for it (the reaction thread, the counts on every card); the
row only changes when an administrator edits locales, which clears the memo."""

from functools import lru_cache

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Locale


@lru_cache(maxsize=1)
def default_locale_id():
    return Locale.get_default().pk


@lru_cache(maxsize=8)
def locale_id_for(language_code):
    """The Locale id for a language code, or None when the site has no such locale."""
    return Locale.objects.filter(language_code=language_code).values_list("pk", flat=True).first()


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def _forget_default_locale(**kwargs):
    default_locale_id.cache_clear()
    locale_id_for.cache_clear()
