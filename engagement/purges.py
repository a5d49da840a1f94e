"""What reactions and the reaction switch make stale in the page cache."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page

from pagecache.labels import SEARCH, purge
from pagecache.purging import item_changed

from .models import Reaction, ReactionSwitch


def _reaction_changed(sender, instance, **kwargs):
    key = Page.objects.filter(pk=instance.object_pk).values_list("translation_key", flat=True).first()
    if key is not None:
        item_changed(key)
        purge(SEARCH)


def _switch_changed(sender, instance, **kwargs):
    item_changed(instance.translation_key)


def connect():
    for model, receiver in ((Reaction, _reaction_changed), (ReactionSwitch, _switch_changed)):
        post_save.connect(receiver, sender=model, dispatch_uid=f"page_cache_{model.__name__}_saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"page_cache_{model.__name__}_deleted")
