"""Members' names and avatars appear on cards and reactions on every page."""

from django.db.models.signals import post_delete, post_save

from pagecache.labels import purge_everything

from .models import User


def _member_changed(sender, instance, created=False, update_fields=None, **kwargs):
    # A log-in only touches the last log-in time, and a new account is shown nowhere yet.
    if created or (update_fields is not None and set(update_fields) <= {"last_login", "password"}):
        return
    purge_everything()


def connect():
    post_save.connect(_member_changed, sender=User, dispatch_uid="page_cache_User_saved")
    post_delete.connect(_member_changed, sender=User, dispatch_uid="page_cache_User_deleted")
