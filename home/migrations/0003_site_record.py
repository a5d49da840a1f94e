from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def set_site_record(apps, schema_editor):
    """Django's Site record names the site in account mail ("Hallo van ...") and in
    redirects of the comments app: make it Samen at SITE_BASE_URL, not example.com."""
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_BASE_URL).netloc or "localhost"
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": "Samen"})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(set_site_record, migrations.RunPython.noop)]
