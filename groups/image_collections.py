"""Which image collection is a group's (in all its languages). The collection itself, and
who may do what in it, is set up with the group's other rights (rights.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupImages(models.Model):
    """The image collection of a group, in all its languages: its members add pictures
    there and choose from it (groups/rights.py)."""

    group_key = models.UUIDField(unique=True)
    collection = models.OneToOneField("wagtailcore.Collection", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("group image collection")
        verbose_name_plural = _("group image collections")
