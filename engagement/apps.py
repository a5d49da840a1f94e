from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    """Statistics, ratings and reactions around posts, keyed by a page's translation_key."""

    name = "engagement"
    verbose_name = _("Engagement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save

        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        # comments-xtd makes every reply follow its parent's visibility on each save. Here
        # a moderator hides or restores one reaction at a time, and a removed reaction
        # keeps its replies under a placeholder, so that hook must not run.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender="engagement.Reaction")

        # personal_parts registers the member's own parts of a page (pagecache/personal_parts.py).
        from . import following, personal_parts, purges  # noqa: F401

        purges.connect()
        following.connect()
