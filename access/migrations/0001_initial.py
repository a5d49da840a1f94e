"""Memberships and the site's closed switch move here from groups and home. Their tables
and rows stay as they are: the models change app in Django's state only, the tables are
renamed, and the content types (with the permissions that hang on them) follow."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = (("groups", "membership"), ("home", "siteaccess"))


def move_content_types(apps, to_access):
    """The moved models' content types change app and keep their ids, so the permissions
    (and log entries) on them stay attached. A content type already made under the name
    they move to, by code that ran before this migration, gives way to the old one: the
    old one is what the permissions hang on."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_app, model in MOVED:
        source, target = (old_app, "access") if to_access else ("access", old_app)
        moving = ContentType.objects.filter(app_label=source, model=model)
        if moving.exists():
            ContentType.objects.filter(app_label=target, model=model).delete()
            moving.update(app_label=target)


def content_types_follow(apps, schema_editor):
    move_content_types(apps, to_access=True)


def content_types_go_back(apps, schema_editor):
    move_content_types(apps, to_access=False)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("groups", "0002_grouppage_is_closed_membership"),
        ("home", "0005_siteaccess"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Membership",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("group_key", models.UUIDField(db_index=True, verbose_name="group")),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("owner", "owner"),
                                    ("admin", "admin"),
                                    ("member", "member"),
                                    ("pending", "request pending"),
                                ],
                                default="member",
                                max_length=10,
                                verbose_name="role",
                            ),
                        ),
                        ("notify_posts", models.BooleanField(default=True, verbose_name="mail me new posts")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="since")),
                        ("changed_at", models.DateTimeField(auto_now=True, verbose_name="changed")),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="memberships",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "membership",
                        "verbose_name_plural": "memberships",
                        "db_table": "groups_membership",
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "group_key"), name="groups_membership_once")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="SiteAccess",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        (
                            "closed",
                            models.BooleanField(
                                default=False,
                                help_text="Only logged-in members can read posts; no post is publicly visible.",
                                verbose_name="closed site",
                            ),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site"
                            ),
                        ),
                    ],
                    options={"verbose_name": "site access", "db_table": "home_siteaccess"},
                ),
            ],
            database_operations=[],
        ),
        # Now that the models are ours, their tables get our names.
        migrations.AlterModelTable(name="membership", table=None),
        migrations.AlterModelTable(name="siteaccess", table=None),
        migrations.RunPython(content_types_follow, content_types_go_back),
    ]
