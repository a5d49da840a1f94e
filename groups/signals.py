from wagtail.signals import page_published

from access.models import Membership

from .models import GroupPage
from .rights import set_up_group, sync_member


def group_published(sender, instance, **kwargs):
    """Every published group (in any language) has its rights and workflow; the person
    who made it owns it until they hand it over."""
    set_up_group(instance)
    owner = instance.owner
    key = instance.translation_key
    if owner is not None and owner.is_active and not Membership.objects.filter(group_key=key).exists():
        Membership.objects.create(user=owner, group_key=key, role=Membership.Role.OWNER)
        sync_member(owner, key)


def connect():
    page_published.connect(group_published, sender=GroupPage, dispatch_uid="groups_group_published")
