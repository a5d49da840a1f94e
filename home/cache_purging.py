"""What a change makes stale, in the shared page cache and in a CDN in front of the site.

The page cache purges by label (home/page_cache.py): a change to a post purges
``page:<its translation key>``, which every page showing that post carries (its own page
in both languages, its group, the indexes that list it, the posts that show it as related
or next/previous). A new or withdrawn post also changes what lists and searches find, so
it purges the listings and search results too. A CDN only knows addresses, so it is sent
the addresses of the post in every language, its group and the indexes.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import LISTINGS, SEARCH, page_label, purge, purge_everything


def _frontend_cache_on():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _addresses(pages):
    """Every language's address of ``pages``, the group pages' member lists included."""
    keys = {page.translation_key for page in pages}
    urls = set()
    for page in Page.objects.live().filter(translation_key__in=keys).specific():
        base = page.get_full_url()
        if base:
            urls.update(base + path.lstrip("/") for path in page.get_cached_paths())
    return urls


def _index_addresses():
    from blog.models import BlogIndexPage
    from groups.models import GroupIndexPage

    from .models import HomePage

    urls = set()
    for model in (HomePage, BlogIndexPage, GroupIndexPage):
        urls.update(filter(None, (page.get_full_url() for page in model.objects.live())))
    return urls


def tell_frontend_cache(pages, listings=False):
    """Purge ``pages`` (and the indexes) from the CDN once the change is committed: a CDN
    that fetched the page again before that would keep the old state."""
    if not _frontend_cache_on():
        return
    pages = list(pages)

    def send():
        urls = _addresses(pages)
        if listings:
            urls |= _index_addresses()
        purge_urls_from_cache(sorted(urls))

    transaction.on_commit(send, robust=True)


def page_changed(page, *, moved_from=None):
    """A page was published, unpublished, moved or deleted."""
    from blog.models import BlogPage
    from groups.models import GroupPage

    page = page.specific_deferred if type(page) is Page else page
    if isinstance(page, BlogPage):
        parents = [parent for parent in (page.get_parent(), moved_from) if parent is not None]
        purge(page_label(page), *(page_label(parent) for parent in parents), LISTINGS, SEARCH)
        related = page.related_posts(_anyone()) if _frontend_cache_on() and page.live else []
        tell_frontend_cache([page, *parents, *related], listings=True)
    elif isinstance(page, GroupPage):
        purge(page_label(page), LISTINGS, SEARCH)
        tell_frontend_cache([page], listings=True)
    else:
        # Home and the indexes are named in every page's menu and breadcrumb.
        purge_everything()
        tell_frontend_cache([page], listings=True)


def _anyone():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


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


def item_changed(translation_key):
    """Something shown with a post or group changed (a reaction, a vote, a member).

    A CDN is only sent the item's own addresses: members do this many times a minute, and
    a CDN's purges are limited; the indexes' counts catch up when their copies expire."""
    purge(f"page:{translation_key}")
    if _frontend_cache_on():
        tell_frontend_cache(Page.objects.live().filter(translation_key=translation_key))


def _reaction_changed(sender, instance, **kwargs):
    key = Page.objects.filter(pk=instance.object_pk).values_list("translation_key", flat=True).first()
    if key is not None:
        item_changed(key)
        purge(SEARCH)


def _switch_changed(sender, instance, **kwargs):
    item_changed(instance.translation_key)


def _membership_changed(sender, instance, **kwargs):
    item_changed(instance.group_key)


def _setting_changed(sender, instance, **kwargs):
    if isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        purge_everything()


def _member_changed(sender, instance, created=False, update_fields=None, **kwargs):
    # Names and avatars appear on cards and reactions everywhere; a log-in only touches
    # the last log-in time, and a new account is shown nowhere yet.
    if created or (update_fields is not None and set(update_fields) <= {"last_login", "password"}):
        return
    purge_everything()


def _promotion_changed(sender, instance, **kwargs):
    purge(SEARCH)


def _restriction_changed(sender, instance, **kwargs):
    # A privacy setting covers the page and everything below it, in the menus too.
    purge_everything()
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None and _frontend_cache_on():
        tell_frontend_cache(page.get_descendants(inclusive=True).live(), listings=True)


def connect():
    from django.contrib.auth import get_user_model

    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.models import PageViewRestriction

    from engagement.models import Reaction, ReactionSwitch
    from groups.models import Membership

    page_published.connect(_published, dispatch_uid="page_cache_published")
    page_unpublished.connect(_published, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_moved, dispatch_uid="page_cache_moved")
    post_delete.connect(_deleted, dispatch_uid="page_cache_page_deleted")
    for model, receiver in (
        (Reaction, _reaction_changed),
        (ReactionSwitch, _switch_changed),
        (Membership, _membership_changed),
        (get_user_model(), _member_changed),
        (SearchPromotion, _promotion_changed),
        (PageViewRestriction, _restriction_changed),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"page_cache_{model.__name__}_saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"page_cache_{model.__name__}_deleted")
    post_save.connect(_setting_changed, dispatch_uid="page_cache_setting_saved")
