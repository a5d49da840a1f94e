"""allauth's pages that set up a second factor, able to lead back where the member was
going: the admin sends whoever lacks a factor here with ``?next=`` (second_factor.py).
allauth ends both on the member's recovery codes (when it made them) or the overview; with
a ``next`` on this site, the codes page offers the way on, and without new codes the
member goes straight there."""

from django.urls import path, reverse
from django.utils.http import urlencode

from allauth.mfa.totp.views import ActivateTOTPView
from allauth.mfa.webauthn.views import AddWebAuthnView

from core.links import safe_next


def next_on_this_site(request):
    """The ``next`` a request carries, if it is an address on this site, else ``""``."""
    return safe_next(request, request.GET.get("next"), fallback="")


class ThenOnToNext:
    def get_success_url(self):
        url = super().get_success_url()
        back = next_on_this_site(self.request)
        if not back:
            return url
        if url == reverse("mfa_view_recovery_codes"):
            return f"{url}?{urlencode({'next': back})}"
        return back


class ActivateAuthenticatorApp(ThenOnToNext, ActivateTOTPView):
    pass


class AddPasskey(ThenOnToNext, AddWebAuthnView):
    pass


# Under allauth's own addresses and names, before allauth's URLs (site_config/urls.py).
urlpatterns = [
    path("totp/activate/", ActivateAuthenticatorApp.as_view(), name="mfa_activate_totp"),
    path("webauthn/add/", AddPasskey.as_view(), name="mfa_add_webauthn"),
]
