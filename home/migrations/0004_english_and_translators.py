from django.db import migrations

TRANSLATORS = "Vertalers"


def add_english_and_translators(apps, schema_editor):
    """English is the site's second language; translators get just what translating needs:
    the admin, wagtail-localize's "submit translation", and editing and publishing pages
    (which the translation editor does for them)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")

    Locale.objects.get_or_create(language_code="en")

    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    wanted = [
        ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        ("wagtail_localize", "translation", "submit_translation", "Can submit translations"),
        ("wagtailimages", "image", "choose_image", "Can choose image"),
    ]
    for app_label, model, codename, name in wanted:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        translators.permissions.add(permission)

    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    root = Page.objects.filter(depth=1).first()
    for codename, name in (("change_page", "Can change page"), ("publish_page", "Can publish any page")):
        permission, _ = Permission.objects.get_or_create(
            content_type=page_type, codename=codename, defaults={"name": name}
        )
        if root is not None:
            GroupPagePermission.objects.get_or_create(group=translators, page=root, permission=permission)


def remove_translators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TRANSLATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_site_record"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(add_english_and_translators, remove_translators)]
