"""The Wagtail admin asks the same policy, through Wagtail's own permission machinery. A
member who writes in a group gets into the admin, and Wagtail's page permissions keep them
from editing other people's posts; but many admin views show a page's content or title to
anyone with a permission somewhere above it (previews, revisions, reports, usage,
wagtail-localize's translation editor and PO download). So a post that is not for everyone
("only owner", "group members", or any post of a closed group) is off limits in the admin
except to its author or owner, its group's owners and admins, and the site's editors.

Four places carry that rule, and every admin view reaches at least one of them:

- ``SamenPagePermissionPolicy``, the page policy Wagtail asks for listings, reports,
  explorer, choosers, search and the admin API;
- ``PostPermissionTester``, the answer to ``page.permissions_for_user(user)``, which every
  view naming one page asks (edit, preview, history, revisions, workflow actions, and
  wagtail-localize's translate, preview, PO file, string and update views);
- the two reports Wagtail and wagtail-localize build without either (``admin_reports.py``);
- ``AdminPageGuardMiddleware``, for the views that show a page they were handed without
  asking about it (the explorer opened at a page, a move's destination, bulk actions and
  choosers given ``?id=``, wagtail-localize's submit and update views): whatever page an
  admin address names, by page, translation or translation source id, must be one the
  member may open, or the answer is 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation, TranslationSource

from .page_types import restricted_types
from .policy import AccessLevel, facts_for, group_key_of, is_site_editor, under_paths

RESTRICTED_LEVELS = (AccessLevel.OWNER, AccessLevel.MEMBERS)


def admin_sees_everything(user):
    return not (user and user.is_authenticated) or is_site_editor(user)


def restricted_in_admin(user):
    """A filter on blog posts: those ``user`` may not open in the admin."""
    facts = facts_for(user)
    restricted = Q(access_level__in=RESTRICTED_LEVELS) | under_paths(facts.paths_of(facts.closed_groups))
    return restricted & ~Q(author_id=user.pk) & ~Q(owner_id=user.pk) & ~under_paths(facts.paths_of(facts.manages))


def may_open_in_admin(user, post):
    """May ``user`` see ``post`` (a blog post, with its access level) in the admin?"""
    if admin_sees_everything(user) or user.pk in (post.author_id, post.owner_id):
        return True
    facts = facts_for(user)
    group_key = group_key_of(post, facts)
    restricted = post.access_level in RESTRICTED_LEVELS or group_key in facts.closed_groups
    return not restricted or group_key in facts.manages


def without_restricted(user, pages):
    """``pages`` (a queryset of any page model) without the blog posts ``user`` may not
    open in the admin."""
    if admin_sees_everything(user):
        return pages
    for post_type in restricted_types():
        pages = pages.exclude(pk__in=post_type.objects.filter(restricted_in_admin(user)).values("pk"))
    return pages


class SamenPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, minus the posts a member may not open in the admin:
    neither listed among the pages they may act on or explore, nor theirs to act on."""

    def instances_user_has_any_permission_for(self, user, actions):
        return without_restricted(user, super().instances_user_has_any_permission_for(user, actions))

    def explorable_instances(self, user):
        return without_restricted(user, super().explorable_instances(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        instance = getattr(instance, "specific_deferred", instance)
        if hasattr(instance, "access_level") and not may_open_in_admin(user, instance):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


class PostPermissionTester(PagePermissionTester):
    """What a member may do with a blog post in the admin: nothing at all when they may
    not open it, Wagtail's own answers otherwise."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.closed = not may_open_in_admin(user, page)
        if self.closed:
            self.permissions = set()


def _closed_means_no(method):
    def check(self, *args, **kwargs):
        return False if self.closed else method(self, *args, **kwargs)

    check.__name__ = method.__name__
    check.__doc__ = method.__doc__
    return check


# Every question Wagtail's tester answers ("can_edit", "can_view_revisions", "can_lock",
# and any it adds later) is "no" for a post the member may not open: some of them do not
# look at the permissions emptied above (workflow tasks, locks, revisions).
for _name, _method in list(vars(PagePermissionTester).items()):
    if _name.startswith("can_") and callable(_method):
        setattr(PostPermissionTester, _name, _closed_means_no(_method))


# URL arguments by which Wagtail's and wagtail-localize's admin views name a page, directly
# or through a translation or its source; and the namespaces in which a plain "pk" is a page.
PAGE_ARGUMENTS = ("page_id", "page_to_move_id", "parent_page_id", "destination_id", "page_pk")
PAGE_PK_NAMESPACES = ("wagtailadmin_api", "wagtailadmin_pages")
# Admin addresses that take pages as ?id=… in the query string (choosers, bulk actions);
# elsewhere an "id" parameter may name anything else.
PAGE_IDS_IN_QUERY = ("/admin/choose-page/", "/admin/bulk/wagtailcore/page/")
TRANSLATION_ARGUMENTS = {"translation_id": Translation, "translation_source_id": TranslationSource}


def _ids(values):
    for value in values:
        try:
            value = int(value)
        except (TypeError, ValueError):
            continue
        if 0 < value < 2**63:
            yield value


def pages_named(request, view_kwargs):
    """The pages an admin request names: in its URL, as ``?id=`` (choosers and bulk
    actions), or as a translation whose source is a page."""
    page_ids = set(_ids(view_kwargs[name] for name in PAGE_ARGUMENTS if name in view_kwargs))
    match = request.resolver_match
    if match is not None and set(PAGE_PK_NAMESPACES) & set(match.namespaces) and "pk" in view_kwargs:
        page_ids |= set(_ids([view_kwargs["pk"]]))
    if request.path_info.startswith(PAGE_IDS_IN_QUERY):
        page_ids |= set(_ids(request.GET.getlist("id")))
    keys = set()
    for name, model in TRANSLATION_ARGUMENTS.items():
        if name in view_kwargs:
            source = "source__object_id" if model is Translation else "object_id"
            keys |= set(model.objects.filter(pk__in=_ids([view_kwargs[name]])).values_list(source, flat=True))
    pages = Page.objects.filter(Q(pk__in=page_ids) | Q(translation_key__in=keys))
    return pages.specific(defer=True) if page_ids or keys else []


class AdminPageGuardMiddleware:
    """403 on every admin address that names a post the member may not open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith("/admin/") or admin_sees_everything(request.user):
            return None
        for page in pages_named(request, view_kwargs):
            if hasattr(page, "access_level") and not may_open_in_admin(request.user, page):
                raise PermissionDenied
        return None
