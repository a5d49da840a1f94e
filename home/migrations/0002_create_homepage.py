from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's placeholder welcome page by Samen's home page, in the default
    (Dutch) locale, and make it the root of the default site."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    placeholder_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=placeholder_type, depth=2).delete()
    root = Page.objects.get(depth=1)

    home_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    locale = Locale.objects.order_by("pk").first()
    homepage = HomePage.objects.create(
        title="Samen",
        draft_title="Samen",
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, site_name="Samen", root_page=homepage, is_default_site=True
    )


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("home.HomePage")
    HomePage.objects.filter(depth=2, slug="home").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
