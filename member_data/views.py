"""The member's "Your data" page, asking for a download of it, and the download itself.

The download answers only the member it belongs to, logged in: another member, or a
token that matches nothing, gets the site's 404, never a hint that the download exists.
It is streamed with ``Cache-Control: private, no-store``, so neither the page cache nor a
proxy or browser keeps a copy."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from .exports import ExportRefused, ask_for_export, find_for_download, has_expired, refusal
from .storage import export_storage
from .tasks import build_export


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def index(request):
    if request.method == "POST":
        try:
            # The task is queued in the same transaction as the download's record: both or neither.
            with transaction.atomic():
                export = ask_for_export(request.user)
                build_export.enqueue(export.pk)
        except ExportRefused as refused:
            messages.warning(request, str(refused))
        else:
            messages.success(
                request,
                _("We are collecting your data. You will receive an e-mail at %(email)s with a link to download it.")
                % {"email": request.user.email},
            )
        return redirect("member_data:index")
    return render(
        request,
        "member_data/index.html",
        {
            "hours": settings.MEMBER_DATA_EXPORT_HOURS,
            "refusal": refusal(request.user),
        },
    )


@never_cache
@login_required
@require_safe
def download(request, token):
    export = find_for_download(request.user, token)
    if export is None:
        raise Http404("No download of this member has this token.")
    if has_expired(export):
        return render(
            request,
            "member_data/expired.html",
            {"hours": settings.MEMBER_DATA_EXPORT_HOURS, "refusal": refusal(request.user)},
            status=410,
        )
    try:
        zip_file = export_storage().open(export.file_name, "rb")
    except FileNotFoundError as missing:
        raise Http404("The download's file is gone.") from missing
    filename = f"samen-{request.user.pk}-{export.ready_at:%Y-%m-%d}.zip"
    response = FileResponse(zip_file, as_attachment=True, filename=filename, content_type="application/zip")
    response["Cache-Control"] = "private, no-store"
    return response
