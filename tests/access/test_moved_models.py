"""Memberships and the closed-site switch moved from groups and home to access. A database
migrated at the old layout must keep every row, pk and permission through the move, and
the move must undo and redo cleanly.

These tests run the migrations for real on the test database (hence ``transaction=True``)
and always leave it fully migrated, so the tests after them see the usual schema."""

import uuid

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

import pytest

from access.models import Membership, SiteAccess
from accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Just before the move: access unapplied, and with it the two migrations that take the
# models out of groups and home.
BEFORE_MOVE = [
    ("groups", "0002_grouppage_is_closed_membership"),
    ("home", "0005_siteaccess"),
    ("access", None),
]
MOVE = {
    ("access", "0001_initial"),
    ("groups", "0003_membership_moves_to_access"),
    ("home", "0006_siteaccess_moves_to_access"),
}
OLD_TABLES = {"groups_membership", "home_siteaccess"}
NEW_TABLES = {"access_membership", "access_siteaccess"}


def migrate(targets=None):
    """Migrate the test database to ``targets`` (the latest migrations when None)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def applied():
    executor = MigrationExecutor(connection)
    return {key for key in executor.loader.applied_migrations if key in executor.loader.graph.nodes}


def historical_apps():
    """The models as the applied migrations describe them."""
    executor = MigrationExecutor(connection)
    return executor.loader.project_state(sorted(applied())).apps


def tables():
    return set(connection.introspection.table_names())


def old_rows():
    """Memberships and site switches as they stand in the old tables."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, user_id, group_key, role, notify_posts FROM groups_membership ORDER BY id")
        # SQLite keeps a UUID as 32 hex digits, PostgreSQL as a uuid; SQLite a boolean as 0 or 1.
        memberships = [(pk, user, str(uuid.UUID(str(key))), role, bool(on)) for pk, user, key, role, on in cursor]
        cursor.execute("SELECT id, site_id, closed FROM home_siteaccess ORDER BY id")
        switches = [(pk, site, bool(closed)) for pk, site, closed in cursor]
    return memberships, switches


def seed_old_layout():
    """Rows at the old layout, made with the models of that time: a member in two groups,
    the default site closed, and an editors' group allowed to change both kinds of row."""
    apps = historical_apps()
    old_membership = apps.get_model("groups", "Membership")
    old_site_access = apps.get_model("home", "SiteAccess")
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")

    user = apps.get_model("accounts", "User").objects.create(
        email="lid@samen.test", display_name="Lid Samen", password="!"
    )
    owner = old_membership.objects.create(user=user, group_key=uuid.uuid4(), role="owner", notify_posts=False)
    pending = old_membership.objects.create(user=user, group_key=uuid.uuid4(), role="pending", notify_posts=True)
    site = apps.get_model("wagtailcore", "Site").objects.get(is_default_site=True)
    switch, _ = old_site_access.objects.update_or_create(site=site, defaults={"closed": True})

    membership_type = content_type.objects.get(app_label="groups", model="membership")
    site_access_type = content_type.objects.get(app_label="home", model="siteaccess")
    change_membership, _ = permission.objects.get_or_create(
        content_type=membership_type, codename="change_membership", defaults={"name": "Can change membership"}
    )
    change_site_access, _ = permission.objects.get_or_create(
        content_type=site_access_type, codename="change_siteaccess", defaults={"name": "Can change site access"}
    )
    editors = apps.get_model("auth", "Group").objects.create(name="Ledenbeheer")
    editors.permissions.add(change_membership, change_site_access)
    user.groups.add(editors)

    return {
        "user": user.pk,
        "memberships": [
            (owner.pk, user.pk, str(owner.group_key), "owner", False),
            (pending.pk, user.pk, str(pending.group_key), "pending", True),
        ],
        "switches": [(switch.pk, site.pk, True)],
        "content_types": {"membership": membership_type.pk, "siteaccess": site_access_type.pk},
        "permissions": {"membership": change_membership.pk, "siteaccess": change_site_access.pk},
        "group": editors.pk,
    }


def assert_new_layout(seeded):
    """The seeded rows, read through today's models from today's tables."""
    assert not MOVE - applied()
    assert tables() >= NEW_TABLES
    assert not OLD_TABLES & tables()

    memberships = [
        (m.pk, m.user_id, str(m.group_key), m.role, m.notify_posts) for m in Membership.objects.order_by("pk")
    ]
    assert memberships == seeded["memberships"]
    switches = [(s.pk, s.site_id, s.closed) for s in SiteAccess.objects.order_by("pk")]
    assert switches == seeded["switches"]
    assert SiteAccess.site_is_closed()

    membership_type = ContentType.objects.get_for_model(Membership)
    site_access_type = ContentType.objects.get_for_model(SiteAccess)
    assert (membership_type.app_label, membership_type.model) == ("access", "membership")
    assert membership_type.pk == seeded["content_types"]["membership"]
    assert site_access_type.pk == seeded["content_types"]["siteaccess"]
    assert not ContentType.objects.filter(app_label="groups", model="membership").exists()
    assert not ContentType.objects.filter(app_label="home", model="siteaccess").exists()

    assert Permission.objects.get(pk=seeded["permissions"]["membership"]).content_type == membership_type
    assert Permission.objects.get(pk=seeded["permissions"]["siteaccess"]).content_type == site_access_type
    editors = Group.objects.get(pk=seeded["group"])
    assert set(editors.permissions.values_list("pk", flat=True)) == set(seeded["permissions"].values())
    user = User.objects.get(pk=seeded["user"])
    assert user.has_perm("access.change_membership")
    assert user.has_perm("access.change_siteaccess")


def assert_writable(seeded):
    """The renamed tables still hand out new ids after the old ones and still refuse a
    second membership of the same group."""
    user = User.objects.get(pk=seeded["user"])
    added = Membership.objects.create(user=user, group_key=uuid.uuid4())
    assert added.pk > max(pk for pk, *_ in seeded["memberships"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, group_key=seeded["memberships"][0][2])
    added.delete()


def assert_old_layout(seeded):
    """The seeded rows back in the old tables, the content types back in the old apps."""
    assert not MOVE & applied()
    assert tables() >= OLD_TABLES
    assert not NEW_TABLES & tables()
    assert old_rows() == (seeded["memberships"], seeded["switches"])

    apps = historical_apps()
    content_type = apps.get_model("contenttypes", "ContentType")
    assert content_type.objects.get(app_label="groups", model="membership").pk == seeded["content_types"]["membership"]
    assert content_type.objects.get(app_label="home", model="siteaccess").pk == seeded["content_types"]["siteaccess"]
    assert not content_type.objects.filter(app_label="access").exists()
    permission = apps.get_model("auth", "Permission")
    for model, pk in seeded["permissions"].items():
        assert permission.objects.get(pk=pk).content_type_id == seeded["content_types"][model]


def settle_content_types():
    """Cache every model's content type afresh, as migrate leaves it. The next test's
    serialized rollback reloads rows whose signals look content types up; with an empty
    cache they would insert new content types that clash with the ones being reloaded."""
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*django_apps.get_models(), for_concrete_models=False)


@pytest.fixture
def before_move():
    """The database at the layout before the move; fully migrated again afterwards."""
    try:
        ContentType.objects.clear_cache()
        migrate(BEFORE_MOVE)
        yield
    finally:
        migrate()
        settle_content_types()


def test_the_move_keeps_rows_pks_and_permissions(before_move):
    assert tables() >= OLD_TABLES
    seeded = seed_old_layout()

    migrate()

    assert_new_layout(seeded)
    assert_writable(seeded)


def test_the_move_goes_back_and_forward_again(before_move):
    seeded = seed_old_layout()
    migrate()
    assert_new_layout(seeded)

    migrate(BEFORE_MOVE)
    assert_old_layout(seeded)

    migrate()
    assert_new_layout(seeded)
    assert_writable(seeded)


def test_a_content_type_made_early_gives_way_to_the_old_one(before_move):
    """New code that runs before the migration (a worker started early) makes content
    types for access on first use. The old ones, with their permissions, must win."""
    seeded = seed_old_layout()
    content_type = historical_apps().get_model("contenttypes", "ContentType")
    content_type.objects.create(app_label="access", model="membership")
    content_type.objects.create(app_label="access", model="siteaccess")

    migrate()

    assert_new_layout(seeded)
