"""Uploaded files (pictures and their renditions) served by the site itself, for trying the
production settings on one machine (``make serve-prod``, which sets ``SERVE_MEDIA``).

In production a proxy or S3-compatible storage serves MEDIA_URL and this answers 404:
Django's static view reads each file through a worker and is not made for that load. It
lists no directory and never reads outside MEDIA_ROOT (a ``..`` in the path is refused)."""

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve


@require_safe
def media(request, path):
    if not (settings.SERVE_MEDIA or settings.DEBUG):
        raise Http404("Uploaded files are served by the proxy or the storage, not here.")
    return serve(request, path, document_root=settings.MEDIA_ROOT, show_indexes=False)
