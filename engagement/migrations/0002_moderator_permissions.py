from django.db import migrations

MODERATING_GROUPS = ("Moderators", "Editors")
PERMISSIONS = (
    ("django_comments", "comment", "can_moderate", "Can moderate comments"),
    ("engagement", "reaction", "view_reaction", "Can view reaction"),
    ("engagement", "reaction", "change_reaction", "Can change reaction"),
)


def grant(apps, schema_editor):
    """Wagtail's editors and moderators moderate reactions too."""
    # Permissions are normally made after all migrations ran; make these three now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        for group in Group.objects.filter(name__in=MODERATING_GROUPS):
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
