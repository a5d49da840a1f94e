"""Who may see and do what. Every surface asks these functions; none decides on its own.

A blog post has an access level; its group is open or closed; the whole site can be
closed. ``can_view`` answers for one page, ``viewable`` narrows a queryset in the
database. Both read the same facts: which groups are closed, which groups the member
belongs to, and whether the site is closed. Those facts are read once per request (see
``AccessFactsMiddleware``) and fresh on every call outside a request."""

import contextvars
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q, Subquery, TextChoices
from django.utils.translation import gettext_lazy as _

from .models import Membership, SiteAccess
from .page_types import ReadByAccessLevel, group_types, restricted_types


class AccessLevel(TextChoices):
    OWNER = "owner", _("Only owner")
    LOGGED_IN = "logged_in", _("Logged-in users")
    MEMBERS = "members", _("Group members")
    PUBLIC = "public", _("Everyone (publicly visible)")


# Roles of a membership that count as belonging to the group (pending does not).
MEMBER_ROLES = ("owner", "admin", "member")
MANAGER_ROLES = ("owner", "admin")


@dataclass
class AccessFacts:
    """What the rules need to know about the site and one viewer."""

    group_paths: dict = field(default_factory=dict)  # translation key -> paths of its pages
    closed_groups: set = field(default_factory=set)  # translation keys
    member_of: set = field(default_factory=set)  # translation keys
    manages: set = field(default_factory=set)  # translation keys of the groups they own or admin
    site_closed: bool = False

    def paths_of(self, keys):
        return [path for key in keys for path in self.group_paths.get(key, ())]


_facts_of_request = contextvars.ContextVar("samen_access_facts", default=None)


class AccessFactsMiddleware:
    """Reads the access facts at most once per viewer per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _facts_of_request.set({})
        try:
            return self.get_response(request)
        finally:
            _facts_of_request.reset(token)


def forget_facts():
    """After a membership or a group changes within a request, read the facts afresh."""
    memo = _facts_of_request.get()
    if memo is not None:
        memo.clear()


def _read_facts(user):
    facts = AccessFacts()
    site_closed = None
    # Whether the site is closed comes along on every group's row: one query, not two.
    closed_site = Subquery(SiteAccess.closed_setting())
    for group_type in group_types():
        rows = group_type.objects.annotate(site_closed=closed_site)
        for path, key, closed, site in rows.values_list("path", "translation_key", "is_closed", "site_closed"):
            facts.group_paths.setdefault(key, []).append(path)
            if closed:
                facts.closed_groups.add(key)
            site_closed = bool(site)
    if is_member_account(user):
        for key, role in Membership.objects.filter(user=user, role__in=MEMBER_ROLES).values_list("group_key", "role"):
            facts.member_of.add(key)
            if role in MANAGER_ROLES:
                facts.manages.add(key)
    facts.site_closed = SiteAccess.site_is_closed() if site_closed is None else site_closed
    return facts


def facts_for(user):
    memo = _facts_of_request.get()
    who = user.pk if is_member_account(user) else None
    if memo is None:
        return _read_facts(user)
    if who not in memo:
        memo[who] = _read_facts(user)
    return memo[who]


def is_member_account(user):
    return bool(user and user.is_authenticated and user.is_active)


def is_site_editor(user):
    """Site editors and admins see everything and moderate reactions: superusers, and
    whoever may moderate reactions, through a group or their own permissions."""
    if not is_member_account(user):
        return False
    if user.is_superuser:
        return True
    # Asked once per request, in one query where Django's permission check makes two
    # (the account's own permissions, then its groups').
    if not hasattr(user, "_samen_site_editor"):
        user._samen_site_editor = site_editor_accounts().filter(pk=user.pk).exists()
    return user._samen_site_editor


def known_not_site_editor(user):
    """Spare ``is_site_editor`` its query for an account already known to have none of a
    site editor's powers (access/audience.py asks along with the member's groups)."""
    user._samen_site_editor = False


def site_editor_accounts():
    """The active accounts ``is_site_editor`` says yes to, as a queryset."""
    moderate = {"codename": "can_moderate", "content_type__app_label": "django_comments"}
    may_moderate = Q(**{f"groups__permissions__{key}": value for key, value in moderate.items()}) | Q(
        **{f"user_permissions__{key}": value for key, value in moderate.items()}
    )
    return get_user_model().objects.filter(is_active=True).filter(Q(is_superuser=True) | may_moderate).distinct()


def may_write_in(group_key):
    """The accounts that may write a post in the group ``group_key``: its members (owners
    and admins included) and the site's editors."""
    members = Membership.objects.filter(group_key=group_key, role__in=MEMBER_ROLES).values("user_id")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(pk__in=members) | Q(pk__in=site_editor_accounts().values("pk")))
    )


def group_key_of(post, facts):
    parent_path = post.path[: -post.steplen]
    for key, paths in facts.group_paths.items():
        if parent_path in paths:
            return key
    return None


def effective_level(post, facts):
    """The level that applies: in a closed group, or on a closed site, the open levels
    narrow ("everyone" and "logged in" become "group members", resp. "everyone" becomes
    "logged in")."""
    return level_that_applies(post.access_level, group_key_of(post, facts), facts)


def level_that_applies(level, group_key, facts):
    """``effective_level`` for a post of ``level`` in the group ``group_key``."""
    if level in (AccessLevel.PUBLIC, AccessLevel.LOGGED_IN) and group_key in facts.closed_groups:
        return AccessLevel.MEMBERS
    if level == AccessLevel.PUBLIC and facts.site_closed:
        return AccessLevel.LOGGED_IN
    return AccessLevel(level)


def post_is_visible(user, post, facts):
    if is_member_account(user) and (post.author_id == user.pk or is_site_editor(user)):
        return True
    level = effective_level(post, facts)
    if level == AccessLevel.PUBLIC:
        return True
    if not is_member_account(user) or level == AccessLevel.OWNER:
        return False
    if level == AccessLevel.LOGGED_IN:
        return True
    return group_key_of(post, facts) in facts.member_of


def _is_post(page):
    return isinstance(page, ReadByAccessLevel)


def can_view(user, page):
    """May ``user`` read ``page``? Only live pages; a blog post by its access level."""
    if page is None or not page.live:
        return False
    if not _is_post(page):
        page = page.specific_deferred
    if not _is_post(page):
        return True
    return post_is_visible(user, page, facts_for(user))


def under_paths(paths):
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def visible_posts_condition(user, facts):
    """A filter on blog posts: those ``user`` may read (liveness aside)."""
    if is_site_editor(user):
        return Q()
    closed = under_paths(facts.paths_of(facts.closed_groups))
    nothing = Q(pk__in=[])
    public = nothing if facts.site_closed else Q(access_level=AccessLevel.PUBLIC) & ~closed
    if not is_member_account(user):
        return public
    open_levels = [AccessLevel.PUBLIC, AccessLevel.LOGGED_IN]
    return (
        (Q(access_level__in=open_levels) & ~closed)
        | (Q(access_level__in=[*open_levels, AccessLevel.MEMBERS]) & under_paths(facts.paths_of(facts.member_of)))
        | Q(author_id=user.pk)
    )


def viewable(user, queryset):
    """``queryset`` of pages narrowed to what ``user`` may read, as a database filter.
    A queryset of blog posts is filtered directly; any other page queryset loses the
    blog posts the user may not read."""
    queryset = queryset.live()
    if is_site_editor(user):
        return queryset
    condition = visible_posts_condition(user, facts_for(user))
    if issubclass(queryset.model, ReadByAccessLevel):
        return queryset.filter(condition)
    for post_type in restricted_types():
        queryset = queryset.exclude(pk__in=post_type.objects.exclude(condition).values("pk"))
    return queryset


def is_group_member(user, group, facts=None):
    if not is_member_account(user) or group is None:
        return False
    return group.translation_key in (facts or facts_for(user)).member_of
