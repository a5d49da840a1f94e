"""Wagtail's default Site at the site's own address (SITE_BASE_URL), as Django's Site record
already is (0003): Wagtail builds the page links in its mails from it. A record an
administrator already changed from the first one (localhost:80) is left alone."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def to_site_base_url(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    parts = urlsplit(settings.SITE_BASE_URL)
    hostname = parts.hostname or "localhost"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True, hostname="localhost", port=80).update(hostname=hostname, port=port)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_siteaccess_moves_to_access"),
    ]

    operations = [migrations.RunPython(to_site_base_url, migrations.RunPython.noop)]
