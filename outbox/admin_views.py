"""The outbox in the Wagtail admin, for the site's administrators: a report of the mail
that waits or failed (or was sent), with "send again", and a note on the dashboard when
mail could not be sent."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.reports import ReportView

import django_filters

from .maintenance import send_again
from .models import Mail

Status = Mail.Status
UNSENT = [Status.FAILED, Status.WAITING, Status.SENDING]


def may_see_mail(user):
    return bool(user and user.is_active and (user.is_superuser or user.has_perm("outbox.view_mail")))


def may_send_again(user):
    return bool(user and user.is_active and (user.is_superuser or user.has_perm("outbox.change_mail")))


class MailFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Status.choices, empty_label=gettext_lazy("Not sent yet")
    )

    class Meta:
        model = Mail
        fields = ["status"]


class SendAgainColumn(Column):
    cell_template_name = "outbox/admin/send_again_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request else ""
        context["may_send_again"] = instance.status in (Status.FAILED, Status.WAITING) and may_send_again(
            request and request.user
        )
        return context


class OutboxReportView(ReportView):
    page_title = gettext_lazy("Outgoing mail")
    header_icon = "mail"
    template_name = "outbox/admin/report.html"
    index_url_name = "outbox_report"
    index_results_url_name = "outbox_report_results"
    filterset_class = MailFilterSet
    default_ordering = "-created_at"
    export_filename = "samen-outgoing-mail"
    columns = [
        DateColumn("created_at", label=gettext_lazy("Created"), sort_key="created_at"),
        Column("to", label=gettext_lazy("To")),
        Column("subject", label=gettext_lazy("Subject")),
        StatusTagColumn("status_label", label=gettext_lazy("Status"), primary=lambda mail: mail.status == "failed"),
        Column("attempts", label=gettext_lazy("Failed attempts"), sort_key="attempts"),
        DateColumn("next_attempt_at", label=gettext_lazy("Next attempt"), sort_key="next_attempt_at"),
        DateColumn("sent_at", label=gettext_lazy("Sent"), sort_key="sent_at"),
        Column("last_error", label=gettext_lazy("Last error")),
        SendAgainColumn("send_again", label=gettext_lazy("Action")),
    ]
    list_export = ["created_at", "to", "subject", "status", "attempts", "next_attempt_at", "sent_at", "last_error"]

    def dispatch(self, request, *args, **kwargs):
        if not may_see_mail(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        self.queryset = Mail.objects.defer("message")
        return super().get_queryset()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not (self.filters and self.filters.form.cleaned_data.get("status")):
            queryset = queryset.filter(status__in=UNSENT)
        return queryset

    def decorate_paginated_queryset(self, object_list):
        for mail in object_list:
            mail.status_label = mail.get_status_display()
        return object_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["failed_count"] = Mail.objects.filter(status=Status.FAILED).count()
        context["may_send_again"] = may_send_again(self.request.user)
        return context


@require_POST
def send_again_view(request):
    """Send the chosen mails (``mail``, one or more ids) or every failed one (``all_failed``)."""
    if not may_send_again(request.user):
        raise PermissionDenied
    if request.POST.get("all_failed"):
        ids = list(Mail.objects.filter(status=Status.FAILED).values_list("pk", flat=True))
    else:
        raw = request.POST.getlist("mail")
        if not raw or not all(value.isdigit() and len(value) <= 18 for value in raw):
            return HttpResponseBadRequest(_("Choose the mail to send again."))
        ids = [int(value) for value in raw]
    count = send_again(ids)
    if count:
        messages.success(
            request,
            ngettext("%(count)d mail is on its way again.", "%(count)d mails are on their way again.", count)
            % {"count": count},
        )
    else:
        messages.warning(request, _("There was no waiting or failed mail to send again."))
    return redirect(reverse("outbox_report"))


class FailedMailPanel(Component):
    """On the dashboard of those who may see the outbox: how many mails could not be sent."""

    name = "failed_mail"
    template_name = "outbox/admin/failed_mail_panel.html"
    order = 50

    def __init__(self, failed):
        self.failed = failed

    def get_context_data(self, parent_context):
        return {"failed": self.failed, "report_url": reverse("outbox_report") + "?status=failed"}
