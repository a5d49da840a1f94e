from django.db import migrations

EDITING_GROUPS = ("Editors",)
PERMISSIONS = (
    ("add_privacystatementversion", "Can add privacy statement version"),
    ("change_privacystatementversion", "Can change privacy statement version"),
    ("view_privacystatementversion", "Can view privacy statement version"),
)


def grant(apps, schema_editor):
    """Wagtail's editors keep the privacy statement's versions, as they keep its page."""
    # Permissions are normally made after all migrations ran; make these now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="privacy", model="privacystatementversion")
    for codename, name in PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        for group in Group.objects.filter(name__in=EDITING_GROUPS):
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_statement_versions_and_agreements"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
