"""Two admin reports that list pages without asking Wagtail's page permission policy:
Wagtail's page types usage (each type's last edited page) and wagtail-localize's
translations report (every translation with its source's title). Here they are narrowed
to what the member may open in the admin; site_config/urls.py mounts them at the
addresses of the originals, ahead of the admin's own."""

from django.urls import path

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page
from wagtail_localize.views.report import TranslationsReportView

from .admin_permissions import admin_sees_everything, restricted_in_admin, without_restricted
from .page_types import restricted_types


class PageTypesUsageForMember(PageTypesUsageReportView):
    """Counts and the last edited page of each type, among the pages the member may open."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        user = self.request.user
        if admin_sees_everything(user):
            return page_types
        for item in page_types:
            pages = without_restricted(user, Page.objects.filter(content_type=item))
            item.count = pages.count()
            latest = pages.order_by("-latest_revision_created_at", "title", "-pk").first()
            item.last_edited_page = latest.specific if latest else None
        return page_types


class TranslationsForMember(TranslationsReportView):
    """Translations of the pages the member may open in the admin."""

    def get_queryset(self):
        # wagtail-localize leaves the order to the database; the oldest first, explicitly,
        # so that its pages do not shift between requests.
        queryset = super().get_queryset().order_by("pk")
        user = self.request.user
        if admin_sees_everything(user):
            return queryset
        for post_type in restricted_types():
            hidden = post_type.objects.filter(restricted_in_admin(user)).values("translation_key")
            queryset = queryset.exclude(source__object_id__in=hidden)
        return queryset


def _report_urls(route, view, name):
    """A report's page and its results (what its filters reload), both for admin users only."""
    return [
        path(route, require_admin_access(view.as_view()), name=name),
        path(f"{route}results/", require_admin_access(view.as_view(results_only=True)), name=f"{name}_results"),
    ]


urlpatterns = [
    *_report_urls("reports/page-types-usage/", PageTypesUsageForMember, "page_types_usage"),
    *_report_urls("localize/reports/translations/", TranslationsForMember, "translations_report"),
]
