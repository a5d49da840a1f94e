"""The editors' view of the figures: a dashboard panel with the most read and the best
rated posts, and a report of every post that can be downloaded as CSV or XLSX. Both are
for superusers and for groups given "Can see reading and rating statistics" (Editors
and Moderators are, by a migration)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, LiveStatusTagColumn, LocaleColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from blog.listings import attach_groups
from blog.models import BlogPage
from engagement.ratings import average_text
from engagement.statistics import RECENT_DAYS, average_of, source_posts, with_figures

STATISTICS_PERMISSION = "engagement.view_statistics"
PANEL_SIZE = 5


def may_see_statistics(user):
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(STATISTICS_PERMISSION)))


def edit_url(post):
    return reverse("wagtailadmin_pages:edit", args=[post.pk])


def _spreadsheet_text(value):
    """Text for a CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class PostStatisticsView(ReportView):
    page_title = _("Post statistics")
    header_icon = "table"
    index_url_name = "post_statistics"
    index_results_url_name = "post_statistics_results"
    export_filename = "samen-post-statistics"
    default_ordering = "-views"
    paginate_by = 50
    columns = [
        TitleColumn("title", label=_("Title"), sort_key="title", get_url=lambda post: edit_url(post)),
        LocaleColumn(),
        Column("group_title", label=_("Group")),
        Column("author_name", label=_("Author")),
        LiveStatusTagColumn(),
        DateColumn("date_published", label=_("Published"), sort_key="date_published"),
        NumberColumn("views", label=_("Views"), sort_key="views"),
        NumberColumn("recent_views", label=_("Views, last 30 days"), sort_key="recent_views"),
        NumberColumn("votes", label=_("Votes"), sort_key="votes"),
        Column("average_display", label=_("Average"), sort_key="average_score"),
        NumberColumn("reactions", label=_("Reactions"), sort_key="reactions"),
    ]
    list_export = [
        "title",
        "language",
        "group_title",
        "author_name",
        "status_string",
        "date_published",
        "views",
        "recent_views",
        "votes",
        "average",
        "reactions",
    ]
    export_headings = {
        "title": _("Title"),
        "language": _("Language"),
        "group_title": _("Group"),
        "author_name": _("Author"),
        "status_string": _("Status"),
        "date_published": _("Published"),
        "views": _("Views"),
        "recent_views": _("Views, last 30 days"),
        "votes": _("Votes"),
        "average": _("Average"),
        "reactions": _("Reactions"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            **{field: {self.FORMAT_CSV: _spreadsheet_text} for field in ("title", "group_title", "author_name")},
        }

    def dispatch(self, request, *args, **kwargs):
        if not may_see_statistics(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # Set as the view's queryset, so that Wagtail's listing sorts it by the column asked.
        posts = BlogPage.objects.select_related("author", "locale").annotate_approved_schedule()
        self.queryset = with_figures(source_posts(posts)).prefetch_workflow_states()
        return super().get_queryset()

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "locale", "-locale", "live", "-live"]

    def decorate_paginated_queryset(self, object_list):
        posts = attach_groups(object_list)
        for post in posts:
            post.group_title = post.group.title if post.group else ""
            post.author_name = post.author.display_name if post.author else ""
            post.language = post.locale.get_display_name()
            average = average_of(post)
            post.average = float(average) if average is not None else None
            post.average_display = average_text(average)
        return posts


class StatisticsPanel(Component):
    """On the admin dashboard: the posts read most in the last 30 days, and the best
    rated (highest average, then most votes)."""

    name = "post_statistics"
    template_name = "engagement/admin/statistics_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        posts = with_figures(source_posts(BlogPage.objects.live()))
        most_read = list(posts.filter(recent_views__gt=0).order_by("-recent_views", "-pk")[:PANEL_SIZE])
        best_rated = list(posts.filter(votes__gt=0).order_by("-average_score", "-votes", "-pk")[:PANEL_SIZE])
        for post in best_rated:
            post.average_display = average_text(average_of(post))
        context.update(
            {
                "most_read": most_read,
                "best_rated": best_rated,
                "recent_days": RECENT_DAYS,
                "report_url": reverse("post_statistics"),
            }
        )
        return context
