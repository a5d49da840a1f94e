"""Who shares a member's shell of a page (see pagecache/personal_parts.py).

A public page shows a member what their groups and roles let them see. Beyond that, only
these change what a page shows: being a site editor (who sees and moderates everything,
and gets the editing bar), being staff, writing or owning pages (an author sees their own
restricted posts in listings and can close reactions on them), and managing a group. A
member with none of those shares the audience of everyone in the same groups with the
same roles; anyone with one has an audience of their own. A template that starts showing
something by permission must add it here. The page cache is told to use this class by
the setting ``PAGE_CACHE_AUDIENCE``."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property

from wagtail.models import Page

from .models import Membership
from .page_types import restricted_types
from .policy import MANAGER_ROLES, is_site_editor


class Audience:
    """The members who see a page the same way, except for its personal parts: ``key``
    names them, ``plain`` says whether others share it."""

    def __init__(self, user):
        self.user = user
        moderating = Permission.objects.filter(content_type__app_label="django_comments", codename="can_moderate")
        powers = {
            "moderates": Exists(moderating.filter(Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")))),
            "owns_pages": Exists(Page.objects.filter(owner_id=OuterRef("pk"))),
        }
        for number, post_type in enumerate(restricted_types()):
            powers[f"writes_{number}"] = Exists(post_type.objects.filter(author_id=OuterRef("pk")))
        found = get_user_model().objects.filter(pk=user.pk).annotate(**powers).values_list(*powers).first()
        roles = sorted(Membership.objects.filter(user_id=user.pk).values_list("group_key", "role"))
        self.plain = not (
            user.is_staff
            or user.is_superuser
            or found is None
            or any(found)
            or any(role in MANAGER_ROLES for _key, role in roles)
        )
        if self.plain:
            self.key = "members:" + ",".join(f"{key}={role}" for key, role in roles)
        else:
            self.key = f"member:{user.pk}"

    @cached_property
    def is_site_editor(self):
        # A plain member is no site editor (that was asked above); anyone else is asked.
        return False if self.plain else is_site_editor(self.user)


def viewer_is_site_editor(request):
    """Whether the reader of this request is a site editor, asked once per audience."""
    audience = getattr(request, "member_audience", None)
    if audience is not None:
        return audience.is_site_editor
    return is_site_editor(request.user)
