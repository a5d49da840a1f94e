from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PrivacyStatementVersion


class PrivacyStatementVersionViewSet(SnippetViewSet):
    """Editors add a version when the privacy statement changes; from its day in force on,
    members are asked to agree to it at their next log-in."""

    model = PrivacyStatementVersion
    icon = "lock"
    menu_label = _("Privacy statement")
    add_to_admin_menu = False
    list_display = [
        "label",
        DateColumn("in_force_from", label=_("In force from")),
        Column("agreement_count", label=_("Agreements")),
    ]
    ordering = ["-in_force_from", "-pk"]

    def get_queryset(self, request):
        return PrivacyStatementVersion.objects.annotate(agreement_count=Count("agreements"))


register_snippet(PrivacyStatementVersionViewSet)
