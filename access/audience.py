"""Who shares a member's shell of a page (see pagecache/personal_parts.py).

A public page shows a member what their groups and roles let them see. Beyond that, only
these change what a page shows: being a site editor (who sees and moderates everything,
and gets the editing bar), being staff, writing or owning pages (an author sees their own
restricted posts in listings and can close reactions on them), and managing a group. A
member with none of those shares the audience of everyone in the same groups with the
same roles; anyone with one has an audience of their own. A template that starts showing
something by permission must add it here. The page cache is told to use this class by
the setting ``PAGE_CACHE_AUDIENCE``."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property

from wagtail.models import Page

from .page_types import restricted_types
from .policy import MANAGER_ROLES, is_site_editor, known_not_site_editor


class Audience:
    """The members who see a page the same way, except for its personal parts: ``key``
    names them, ``plain`` says whether others share it."""

    def __init__(self, user):
        self.user = user
        # Staff and superusers need not be asked about anything else.
        rows = [] if user.is_staff or user.is_superuser else _powers_and_roles(user)
        roles = sorted((key, role) for *_powers, key, role in rows if key is not None)
        self.plain = bool(rows) and not (
            any(any(powers) for *powers, _key, _role in rows) or any(role in MANAGER_ROLES for _key, role in roles)
        )
        if self.plain:
            self.key = "members:" + ",".join(f"{key}={role}" for key, role in roles)
            # Neither a superuser nor a moderator: the page's own access checks need not ask.
            known_not_site_editor(user)
        else:
            self.key = f"member:{user.pk}"

    @cached_property
    def is_site_editor(self):
        # A plain member is no site editor (that was asked above); anyone else is asked.
        return False if self.plain else is_site_editor(self.user)


def _powers_and_roles(user):
    """One row per membership of ``user`` (one with no group when there is none), each with
    the member's powers: one query, as it is asked for on every member's page."""
    members, powers = _members_with_powers()
    return list(members.filter(pk=user.pk).values_list(*powers, "memberships__group_key", "memberships__role"))


@functools.cache
def _members_with_powers():
    """The accounts with their powers, and the powers' names: built once, as only the
    member's pk differs from one request to the next."""
    moderating = Permission.objects.filter(content_type__app_label="django_comments", codename="can_moderate")
    powers = {
        "moderates": Exists(moderating.filter(Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")))),
        "owns_pages": Exists(Page.objects.filter(owner_id=OuterRef("pk"))),
    }
    for number, post_type in enumerate(restricted_types()):
        powers[f"writes_{number}"] = Exists(post_type.objects.filter(author_id=OuterRef("pk")))
    return get_user_model().objects.annotate(**powers), tuple(powers)


def viewer_is_site_editor(request):
    """Whether the reader of this request is a site editor, asked once per audience."""
    audience = getattr(request, "member_audience", None)
    if audience is not None:
        return audience.is_site_editor
    return is_site_editor(request.user)
