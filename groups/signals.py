from wagtail.signals import page_published

from .models import GroupPage, Membership
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


def post_published(sender, instance, **kwargs):
    """The first publication of a post in a group is mailed to the group's members."""
    from .membership import mail_members_about_post

    first = instance.first_published_at is not None and instance.first_published_at == instance.last_published_at
    if not first:
        return
    group = GroupPage.objects.parent_of(instance).first()
    if group is not None:
        mail_members_about_post(instance, group)


def connect():
    from blog.models import BlogPage

    page_published.connect(group_published, sender=GroupPage, dispatch_uid="groups_group_published")
    page_published.connect(post_published, sender=BlogPage, dispatch_uid="groups_post_published")
