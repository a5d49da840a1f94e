"""What reactions, their likes and the reaction switch make stale in the page cache."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page

from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

from pagecache.labels import SEARCH, purge
from pagecache.purging import item_changed

from .likes import forget_liked
from .models import Reaction, ReactionSwitch


def _reaction_changed(sender, instance, **kwargs):
    if instance.is_unconfirmed:
        # A guest's reaction nobody has confirmed is on no page (engagement/guests.py).
        return
    key = Page.objects.filter(pk=instance.object_pk).values_list("translation_key", flat=True).first()
    if key is not None:
        item_changed(key)
        purge(SEARCH)


def _like_changed(sender, instance, **kwargs):
    """A like changes the count every copy of the post shows (reports change nothing
    there), and the member's own pressed buttons."""
    if instance.flag != LIKEDIT_FLAG:
        return
    object_pk = Reaction.objects.filter(pk=instance.comment_id).values_list("object_pk", flat=True).first()
    if object_pk:
        forget_liked(instance.user_id, object_pk)
    key = Page.objects.filter(pk=object_pk).values_list("translation_key", flat=True).first() if object_pk else None
    if key is not None:
        item_changed(key)


def _switch_changed(sender, instance, **kwargs):
    item_changed(instance.translation_key)


def connect():
    for model, receiver in (
        (Reaction, _reaction_changed),
        (ReactionSwitch, _switch_changed),
        (CommentFlag, _like_changed),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"page_cache_{model.__name__}_saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"page_cache_{model.__name__}_deleted")
