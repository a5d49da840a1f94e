from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_migrate

from wagtail.models import Page
from wagtail.signals import page_published, workflow_approved, workflow_rejected

from access.models import Membership

from .models import GroupPage
from .rights import set_up_group, sync_member
from .tasks import tell_about_review


def group_published(sender, instance, **kwargs):
    """Every published group (in any language) has its rights and workflow; the person
    who made it owns it until they hand it over."""
    set_up_group(instance)
    owner = instance.owner
    key = instance.translation_key
    if owner is not None and owner.is_active and not Membership.objects.filter(group_key=key).exists():
        Membership.objects.create(user=owner, group_key=key, role=Membership.Role.OWNER)
        sync_member(owner, key)


def every_group_has_its_rights(sender, **kwargs):
    """After ``migrate``: a group made before a right was added to them (its image
    collection, say) gets it too. Only adds what is missing."""
    # By the language code, not Locale.get_default(): after a flush there is no locale yet.
    for group in GroupPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE):
        set_up_group(group)


def post_reviewed(sender, instance, user=None, **kwargs):
    """A page approved or sent back: its author hears of it, from a task enqueued in the
    review's own transaction."""
    page = instance.content_object
    if isinstance(page, Page):
        approved = kwargs["signal"] is workflow_approved
        tell_about_review.enqueue(page.pk, getattr(user, "pk", None), approved, instance.pk)


def connect():
    workflow_approved.connect(post_reviewed, dispatch_uid="groups_post_approved")
    workflow_rejected.connect(post_reviewed, dispatch_uid="groups_post_sent_back")
    page_published.connect(group_published, sender=GroupPage, dispatch_uid="groups_group_published")
    post_migrate.connect(every_group_has_its_rights, sender=apps.get_app_config("groups"), dispatch_uid="groups_rights")
