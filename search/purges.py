"""An editor's promoted result changes what searches find."""

from django.db.models.signals import post_delete, post_save

from wagtail.contrib.search_promotions.models import SearchPromotion

from pagecache.labels import SEARCH, purge


def _promotion_changed(sender, instance, **kwargs):
    purge(SEARCH)


def connect():
    post_save.connect(_promotion_changed, sender=SearchPromotion, dispatch_uid="page_cache_SearchPromotion_saved")
    post_delete.connect(_promotion_changed, sender=SearchPromotion, dispatch_uid="page_cache_SearchPromotion_deleted")
