"""The Wagtail admin asks the same policy. A member who writes in a group gets into the
admin, and Wagtail's own page permissions already keep them from editing other people's
posts; but several admin views show a page's content to anyone who can reach the page
(preview, revisions, compare, history, copy, translate, choosers, the admin API). So a
post that is not for everyone ("only owner", "group members", or any post of a closed
group) is off limits in the admin except to its author or owner, its group's owners and
admins, and the site's editors: every admin address naming such a page answers 403, and
admin listings leave it out."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail.permission_policies.pages import PagePermissionPolicy

from .access import MANAGER_ROLES, AccessLevel, facts_for, is_site_editor, under_paths

# URL arguments by which Wagtail's (and wagtail-localize's) admin views name a page, and
# the namespaces in which a plain "pk" is a page.
PAGE_ARGUMENTS = ("page_id", "page_to_move_id", "parent_page_id")
PAGE_PK_NAMESPACES = ("wagtailadmin_api", "wagtailadmin_pages")
# Admin addresses that take pages as ?id=… in the query string (choosers, bulk actions).
PAGE_IDS_IN_QUERY = ("/admin/choose-page/", "/admin/bulk/wagtailcore/page/")


def _managed_group_keys(user):
    from .models import Membership

    return set(Membership.objects.filter(user=user, role__in=MANAGER_ROLES).values_list("group_key", flat=True))


def restricted_in_admin(user):
    """The blog posts ``user`` may not open in the admin (as a queryset of pks)."""
    from blog.models import BlogPage

    facts = facts_for(user)
    in_closed_group = under_paths(facts.paths_of(facts.closed_groups))
    restricted = Q(access_level__in=[AccessLevel.OWNER, AccessLevel.MEMBERS]) | in_closed_group
    posts = BlogPage.objects.filter(restricted).exclude(author_id=user.pk).exclude(owner_id=user.pk)
    posts = posts.exclude(under_paths(facts.paths_of(_managed_group_keys(user))))
    return posts.values("pk")


def admin_sees_everything(user):
    return not (user and user.is_authenticated) or is_site_editor(user)


def may_open_in_admin(user, page_id):
    if admin_sees_everything(user):
        return True
    return not restricted_in_admin(user).filter(pk=page_id).exists()


def without_restricted(user, pages):
    if admin_sees_everything(user):
        return pages
    return pages.exclude(pk__in=restricted_in_admin(user))


class AdminPageGuardMiddleware:
    """403 on every admin view that names a post the member may not open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith("/admin/") or admin_sees_everything(request.user):
            return None
        page_ids = [view_kwargs[name] for name in PAGE_ARGUMENTS if name in view_kwargs]
        match = request.resolver_match
        if match is not None and set(PAGE_PK_NAMESPACES) & set(match.namespaces) and "pk" in view_kwargs:
            page_ids.append(view_kwargs["pk"])
        if request.path_info.startswith(PAGE_IDS_IN_QUERY):
            page_ids.extend(request.GET.getlist("id"))
        for page_id in page_ids:
            try:
                page_id = int(page_id)
            except (TypeError, ValueError):
                continue
            if not 0 < page_id < 2**63:
                continue
            if not may_open_in_admin(request.user, page_id):
                raise PermissionDenied
        return None


class SamenPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, except that the pages a member may "explore" (the
    admin's page search, its page API and what builds on it) leave out the posts they may
    not open."""

    def explorable_instances(self, user):
        return without_restricted(user, super().explorable_instances(user))
