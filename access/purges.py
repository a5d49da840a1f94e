"""A membership changes what its group's pages show (counts, the member's box)."""

from django.db.models.signals import post_delete, post_save

from pagecache.purging import item_changed

from .models import Membership


def _membership_changed(sender, instance, **kwargs):
    item_changed(instance.group_key)


def connect():
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="page_cache_Membership_saved")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="page_cache_Membership_deleted")
