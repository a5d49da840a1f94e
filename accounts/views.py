from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.links import safe_next

from .forms import ProfileForm


@login_required
def edit_profile(request):
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("profiles:profile", pk=request.user.pk)
        status = 400
    else:
        form = ProfileForm(instance=request.user)
        status = 200
    return render(request, "accounts/edit_profile.html", {"form": form}, status=status)


def site_login(fallback):
    """A view that sends a log-in form Django or Wagtail mounts to the site's own
    (allauth's: rate-limited, and closed to addresses nobody confirmed), keeping where
    the reader was going when that is a path on this site."""

    def to_site_login(request):
        next_url = safe_next(request, request.GET.get("next") or request.POST.get("next"), fallback=fallback)
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    return to_site_login


admin_login = site_login(fallback="/admin/")
frontend_login = site_login(fallback="/")
