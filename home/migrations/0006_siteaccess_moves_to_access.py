"""The closed-site switch now belongs to the access app (see
access/migrations/0001_initial.py); the table stays, only Django's state forgets it here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_siteaccess"),
        ("access", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="SiteAccess")]),
    ]
