"""A changed theme, or a changed image it uses, shows on every page at once.

Every page shows the theme, so saving it purges the whole page cache: pagecache does that
for every site setting (pagecache/purging.py). Here the look kept in the cache
(theme/look.py) is forgotten; and when an image the theme uses is replaced or deleted,
the pages that show its old renditions are purged too."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.images import get_image_model

from pagecache.labels import purge_everything

from .look import forget
from .models import Theme


def _theme_changed(sender, instance, **kwargs):
    forget([instance.site_id])


def _image_changed(sender, instance, created=False, **kwargs):
    if created:
        return
    # Asked before the deletion too: the theme's reference to a deleted image is cleared
    # (SET_NULL) by an update that sends no signal of its own.
    site_ids = _sites_showing(instance)
    if site_ids:
        forget(site_ids)
        purge_everything()


def _sites_showing(image):
    return list(Theme.objects.filter(Q(logo_id=image.pk) | Q(favicon_id=image.pk)).values_list("site_id", flat=True))


def connect():
    post_save.connect(_theme_changed, sender=Theme, dispatch_uid="theme_saved")
    post_delete.connect(_theme_changed, sender=Theme, dispatch_uid="theme_deleted")
    image_model = get_image_model()
    post_save.connect(_image_changed, sender=image_model, dispatch_uid="theme_image_saved")
    pre_delete.connect(_image_changed, sender=image_model, dispatch_uid="theme_image_deleted")
