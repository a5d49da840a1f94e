from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.log_actions import log
from wagtail.users.views.users import EditView as WagtailUserEditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from allauth.mfa.models import Authenticator

from core.links import absolute_url

from .forms import SamenUserCreationForm, SamenUserEditForm
from .member_mail import member_language, member_message

# The entry in the member's history (registered in wagtail_hooks.py).
SECOND_FACTORS_REMOVED = "samen.second_factors_removed"


def may_remove_second_factors(user):
    """Turning off someone's second factors lets a password alone in again: superusers only."""
    return user.is_active and user.is_superuser


class RemoveSecondFactorsView(WagtailAdminTemplateMixin, TemplateView):
    """A member who lost their phone, keys and recovery codes cannot log in. An administrator
    who has made sure it is them (by phone, in person) turns their second factors off; the
    member is mailed, so that one done behind their back does not go unnoticed."""

    template_name = "wagtailusers/users/remove_second_factors.html"
    page_title = gettext_lazy("Turn off two-factor authentication")
    header_icon = "key"

    def dispatch(self, request, pk):
        if not may_remove_second_factors(request.user):
            # A plain 403: Wagtail would turn PermissionDenied into a redirect to the dashboard.
            return HttpResponseForbidden(gettext("Only a superuser may turn off someone's two-factor authentication."))
        self.member = get_object_or_404(get_user_model(), pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return get_user_display_name(self.member)

    @cached_property
    def factors(self):
        return list(Authenticator.objects.filter(user=self.member).order_by("type", "created_at"))

    def get_context_data(self, **kwargs):
        kinds = {
            Authenticator.Type.TOTP: gettext("Authenticator app"),
            Authenticator.Type.WEBAUTHN: gettext("Passkey or security key"),
            Authenticator.Type.RECOVERY_CODES: gettext("Recovery codes"),
        }
        return super().get_context_data(
            member=self.member,
            factors=[(kinds.get(factor.type, factor.type), factor) for factor in self.factors],
            edit_url=reverse("wagtailusers_users:edit", args=[self.member.pk]),
            **kwargs,
        )

    def post(self, request, pk):
        if not self.factors:
            messages.warning(request, gettext("%(member)s has no second factor.") % {"member": self.member})
            return redirect("wagtailusers_users:edit", self.member.pk)
        with translation.override(member_language(self.member)):
            setup_url = absolute_url(reverse("mfa_index"))
        with transaction.atomic():
            Authenticator.objects.filter(user=self.member).delete()
            log(instance=self.member, action=SECOND_FACTORS_REMOVED, user=request.user)
            member_message(
                self.member,
                "accounts/email/second_factors_removed_subject.txt",
                "accounts/email/second_factors_removed.txt",
                {"setup_url": setup_url},
            ).send()
        messages.success(
            request,
            gettext("Two-factor authentication is off for %(member)s; they have been mailed.")
            % {"member": get_user_display_name(self.member)},
        )
        return redirect("wagtailusers_users:edit", self.member.pk)


class UserEditView(WagtailUserEditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if may_remove_second_factors(self.request.user) and Authenticator.objects.filter(user=self.object).exists():
            buttons.append(
                Button(
                    gettext("Turn off two-factor authentication"),
                    url=reverse("wagtailusers_users:remove_second_factors", args=[self.object.pk]),
                    icon_name="key",
                    priority=30,
                )
            )
        return buttons


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user admin, with the display name every byline shows, and a way to turn
    off a member's second factors."""

    edit_view_class = UserEditView
    # A member's id in the admin's addresses goes through the site's converter: one beyond
    # what the database holds is not found, never a server error (core/converters.py).
    pk_path_converter = "id"

    def get_form_class(self, for_update=False):
        return SamenUserEditForm if for_update else SamenUserCreationForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                f"second-factors/<{self.pk_path_converter}:pk>/",
                RemoveSecondFactorsView.as_view(),
                name="remove_second_factors",
            ),
        ]
