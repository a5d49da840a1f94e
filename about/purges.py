"""Every page's footer links to the pages about the site: deleting a live one makes every
stored page stale (publishing, unpublishing and moving already do, see
``BasePage.what_a_change_purges``)."""

from django.db.models.signals import post_delete

from pagecache.labels import purge_everything

from .models import AboutPage, AccessibilityStatementPage


def _deleted(sender, instance, **kwargs):
    if instance.live:
        purge_everything()


def connect():
    for model in (AboutPage, AccessibilityStatementPage):
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"page_cache_{model.__name__}_deleted")
