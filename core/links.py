"""Links the site hands out: absolute ones for e-mail, and redirect targets that never
leave the site."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


def absolute_url(path_or_url):
    """``path_or_url`` on the site's own address (``SITE_BASE_URL``), whatever ``Host`` a
    request claimed: links in e-mail must lead to us, never to a forged host."""
    base = urlsplit(settings.SITE_BASE_URL)
    parts = urlsplit(path_or_url)
    return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


def safe_next(request, candidate, fallback="/"):
    """``candidate`` if it is a path on this site, else ``fallback``. Refuses
    ``//evil.example``, ``\\\\evil.example``, ``https:evil.example`` and the like."""
    candidate = (candidate or "").strip()
    if (
        candidate
        and candidate.startswith("/")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and not urlsplit(candidate).netloc
    ):
        return candidate
    return fallback
