"""On the admin dashboard of a member who writes in groups: the groups they can write in,
each with "New blog post", their drafts, and their posts waiting for approval. Wagtail's
own dashboard only counts pages; this says where to write and what is unfinished."""

from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from access.models import Membership
from access.policy import MEMBER_ROLES
from core.locales import default_locale_id
from groups.models import GroupPage

from .models import BlogPage

SHOWN = 10


def my_groups(user):
    keys = Membership.objects.filter(user=user, role__in=MEMBER_ROLES).values("group_key")
    groups = GroupPage.objects.filter(translation_key__in=keys, locale_id=default_locale_id()).live().order_by("title")
    return [{"group": group, "new_post_url": group.new_post_url(BlogPage)} for group in groups]


def _in_review(user):
    states = WorkflowState.objects.filter(requested_by=user, status=WorkflowState.STATUS_IN_PROGRESS)
    return [int(key) for key in states.values_list("object_id", flat=True)]


def my_drafts(user, in_review):
    drafts = BlogPage.objects.filter(owner=user, live=False).exclude(pk__in=in_review)
    return list(drafts.order_by("-latest_revision_created_at")[:SHOWN])


def my_posts_waiting(in_review):
    return list(BlogPage.objects.filter(pk__in=in_review).order_by("-latest_revision_created_at")[:SHOWN])


class MyGroupsPanel(Component):
    name = "my_groups"
    template_name = "blog/admin/my_groups_panel.html"
    order = 40

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        in_review = _in_review(self.user)
        return {
            "groups": my_groups(self.user),
            "drafts": my_drafts(self.user, in_review),
            "waiting": my_posts_waiting(in_review),
        }


def shown_to(user):
    return Membership.objects.filter(user=user, role__in=MEMBER_ROLES).exists()
