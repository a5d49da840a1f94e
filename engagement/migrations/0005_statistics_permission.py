from django.db import migrations

STATISTICS_GROUPS = ("Moderators", "Editors")


def grant(apps, schema_editor):
    """Wagtail's editors and moderators see the reading and rating statistics."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="engagement", model="rating")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_statistics",
        defaults={"name": "Can see reading and rating statistics"},
    )
    for group in Group.objects.filter(name__in=STATISTICS_GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("engagement", "0004_ratings")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
