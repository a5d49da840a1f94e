"""What a change makes stale, in the shared page cache and in a CDN in front of the site.

The page cache purges by label (pagecache/labels.py). This module knows no page type:
when a page is published, unpublished, moved or deleted it asks the page itself what
the change makes stale (``what_a_change_purges``, see ``pages.models.BasePage``), and the
apps that own other things shown on pages (reactions, votes, memberships, members, search
promotions) call ``item_changed`` or ``purge`` from their own signal receivers. A CDN
only knows addresses, so it is sent the addresses of the changed pages in every
language and, for a change that alters listings, those of the pages that list.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .labels import LISTINGS, SEARCH, page_label, purge, purge_everything


def frontend_cache_on():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _addresses(pages):
    """Every language's address of ``pages``, with the extra paths each page names."""
    keys = {page.translation_key for page in pages}
    urls = set()
    for page in Page.objects.live().filter(translation_key__in=keys).specific():
        base = page.get_full_url()
        if base:
            urls.update(base + path.lstrip("/") for path in page.get_cached_paths())
    return urls


def _listing_addresses():
    """The addresses of every page that lists others (those labelled with LISTINGS)."""
    urls = set()
    for model in apps.get_models():
        if issubclass(model, Page) and LISTINGS in getattr(model, "cache_labels", ()):
            urls.update(filter(None, (page.get_full_url() for page in model.objects.live())))
    return urls


def tell_frontend_cache(pages, listings=False):
    """Purge ``pages`` (and the pages that list, if asked) from the CDN once the change is
    committed: a CDN that fetched the page again before that would keep the old state."""
    if not frontend_cache_on():
        return
    pages = list(pages)

    def send():
        urls = _addresses(pages)
        if listings:
            urls |= _listing_addresses()
        purge_urls_from_cache(sorted(urls))

    transaction.on_commit(send, robust=True)


def page_changed(page, *, moved_from=None):
    """A page was published, unpublished, moved or deleted: purge what the page says the
    change makes stale (``None``: everything), and tell the CDN."""
    page = page.specific_deferred if type(page) is Page else page
    labels, pages_for_cdn = page.what_a_change_purges(moved_from=moved_from, cdn=frontend_cache_on())
    if labels is None:
        purge_everything()
    else:
        purge(*labels)
    tell_frontend_cache(pages_for_cdn, listings=True)


def item_changed(translation_key):
    """Something shown with a page changed (a reaction, a vote, a member).

    A CDN is only sent the item's own addresses: members do this many times a minute, and
    a CDN's purges are limited; the listings' counts catch up when their copies expire."""
    purge(f"page:{translation_key}")
    if frontend_cache_on():
        tell_frontend_cache(Page.objects.live().filter(translation_key=translation_key))


def _published(sender, instance, **kwargs):
    page_changed(instance)


def _moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    same_parent = getattr(parent_page_before, "pk", None) == getattr(parent_page_after, "pk", None)
    if same_parent:
        # Renamed in place: the address changed, so the old one must not linger either.
        page_changed(instance)
    else:
        page_changed(instance, moved_from=parent_page_before)


def _deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        purge(page_label(instance), LISTINGS, SEARCH)


def _setting_changed(sender, instance, **kwargs):
    if isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        purge_everything()


def _restriction_changed(sender, instance, **kwargs):
    # A privacy setting covers the page and everything below it, in the menus too.
    purge_everything()
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None and frontend_cache_on():
        tell_frontend_cache(page.get_descendants(inclusive=True).live(), listings=True)


def connect():
    page_published.connect(_published, dispatch_uid="page_cache_published")
    page_unpublished.connect(_published, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_moved, dispatch_uid="page_cache_moved")
    post_delete.connect(_deleted, dispatch_uid="page_cache_page_deleted")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="page_cache_restriction_saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="page_cache_restriction_deleted")
    post_save.connect(_setting_changed, dispatch_uid="page_cache_setting_saved")
