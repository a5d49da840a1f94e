from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.links import safe_next

from .consent import agreed
from .forms import ConsentForm
from .models import has_agreed


@login_required
def consent(request):
    """Asks a member to agree to the version of the privacy statement in force, with what
    changed, before they go on; says what declining means."""
    next_url = safe_next(
        request, request.POST.get("next") or request.GET.get("next"), fallback=settings.LOGIN_REDIRECT_URL
    )
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if form.is_valid():
            form.record_agreement(request.user)
            agreed(request)
            messages.success(request, _("Thank you. You agreed to the privacy statement."))
            return redirect(next_url)
        status = 400
    else:
        form = ConsentForm()
        version = form.privacy_statement_version
        if version is None or has_agreed(request.user, version):
            agreed(request)
            return redirect(next_url)
        status = 200
    context = {"form": form, "version": form.privacy_statement_version, "next_url": next_url}
    return render(request, "privacy/consent.html", context, status=status)
