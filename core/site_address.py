"""The site's own address is ``SITE_BASE_URL``. Wagtail builds full addresses from its Site
record instead (the page links in its workflow mails, a CDN's purges), so the default
Site is kept to the same host and port: by a migration for an existing database, by
``load_demo --domain``, and a deploy check says when the two disagree."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError

from wagtail.models import Site


def host_and_port(base_url):
    """``("samen.example.nl", 443)`` for ``https://samen.example.nl``."""
    parts = urlsplit(base_url)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def default_site_address():
    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    return (site.hostname, site.port) if site is not None else None


@checks.register("sites", deploy=True)
def site_record_matches_base_url(app_configs, **kwargs):
    try:
        recorded = default_site_address()
    except DatabaseError:
        return []  # no database yet: migrate sets the record
    wanted = host_and_port(settings.SITE_BASE_URL)
    if recorded is None or recorded == wanted:
        return []
    return [
        checks.Warning(
            f"Wagtail's default Site is {recorded[0]}:{recorded[1]}, but SITE_BASE_URL is "
            f"{settings.SITE_BASE_URL}: links in Wagtail's own mails would point elsewhere.",
            hint="Set the site's hostname and port under Settings › Sites, or run load_demo --domain.",
            id="samen.W001",
        )
    ]
