from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import my_groups_panel
from .statistics_admin import PostStatisticsView, StatisticsPanel, may_see_statistics


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [
        path("statistieken/", PostStatisticsView.as_view(), name="post_statistics"),
        path("statistieken/resultaten/", PostStatisticsView.as_view(results_only=True), name="post_statistics_results"),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_statistics(request.user)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Post statistics"), reverse("post_statistics"), name="post-statistics", icon_name="table", order=650
    )


@hooks.register("construct_homepage_panels")
def add_my_groups_panel(request, panels):
    if my_groups_panel.shown_to(request.user):
        panels.append(my_groups_panel.MyGroupsPanel(request.user))


@hooks.register("construct_homepage_panels")
def add_statistics_panel(request, panels):
    if may_see_statistics(request.user):
        panels.append(StatisticsPanel())
