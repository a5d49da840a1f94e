from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import FailedMailPanel, OutboxReportView, may_see_mail, send_again_view
from .models import Mail


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [
        path("uitgaande-mail/", OutboxReportView.as_view(), name="outbox_report"),
        path("uitgaande-mail/resultaten/", OutboxReportView.as_view(results_only=True), name="outbox_report_results"),
        path("uitgaande-mail/opnieuw/", send_again_view, name="outbox_send_again"),
    ]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_mail(request.user)


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem(
        _("Outgoing mail"), reverse("outbox_report"), name="outgoing-mail", icon_name="mail", order=700
    )


@hooks.register("construct_homepage_panels")
def add_failed_mail_panel(request, panels):
    if may_see_mail(request.user):
        failed = Mail.objects.filter(status=Mail.Status.FAILED).count()
        if failed:
            panels.append(FailedMailPanel(failed))
