"""Shared fixtures: a Samen page tree built from the same factories as the demo site."""

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_save

from wagtail.models import Site

import pytest

from accounts.factories import DEFAULT_PASSWORD, give_authenticator_app
from accounts.models import User
from accounts.second_factor import has_second_factor
from blog.factories import BlogIndexPageFactory
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from tests.mailserver import MailServer


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the transactional tests (the browser journeys and a few more) after all others.

    They empty the database when they end, and a test that expects the rows the
    migrations made (the home page, the site) must not come after them. pytest-django
    sorts them last, but pytest then regroups tests by parametrised fixtures (the browser
    name), which can move the journeys into the middle; this puts them back at the end."""

    def transactional(item):
        marker = item.get_closest_marker("django_db")
        marked = marker is not None and bool(marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
        return marked or "live_server" in item.fixturenames or "transactional_db" in item.fixturenames

    items.sort(key=transactional)


@pytest.fixture
def home(db):
    """The home page the first migration made, root of the default site."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def group_index(home):
    return GroupIndexPageFactory(parent=home)


@pytest.fixture
def blog_index(home):
    return BlogIndexPageFactory(parent=home)


@pytest.fixture
def group(group_index):
    return GroupPageFactory(
        parent=group_index,
        title="Menskracht",
        slug="menskracht",
        description="Inspiratie en ontwikkeling van professionele passie en talent",
    )


@pytest.fixture
def other_group(group_index):
    return GroupPageFactory(
        parent=group_index,
        title="Digitaal Samenwerken",
        slug="digitaal-samenwerken",
        description="Slimmer samenwerken met online hulpmiddelen",
    )


@pytest.fixture
def closed_group(group_index):
    return GroupPageFactory(
        parent=group_index,
        title="Vertrouwelijk",
        slug="vertrouwelijk",
        description="Een gesloten groep",
        is_closed=True,
    )


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(
        email="redactie@samen.test", password=DEFAULT_PASSWORD, display_name="Redactie Samen"
    )


@pytest.fixture(autouse=True)
def _staff_have_a_second_factor():
    """The admin is closed to whoever may open it without a second factor
    (accounts/second_factor.py). Everyone a test lets into the admin (a superuser, a member
    of a group that may open it: editors, moderators, translators, a group's writers and
    approvers) gets a real authenticator app the moment they may, as a careful member would
    set one up; ``accounts.factories.current_code_for(user)`` makes its codes. Tests of the
    refusal itself remove it (tests/mfa)."""

    def give_if_admin(user):
        if user.pk and user.has_perm("wagtailadmin.access_admin") and not has_second_factor(user):
            give_authenticator_app(user)

    def on_save(sender, instance, update_fields=None, **kwargs):
        # Not on a save of other fields (a log-in stamps last_login).
        if instance.is_superuser and (update_fields is None or "is_superuser" in update_fields):
            give_if_admin(instance)

    def on_groups(sender, instance, action, pk_set=None, **kwargs):
        # From either side: ``member.groups.add(group)`` or ``group.user_set.add(member)``.
        if action == "post_add":
            for user in User.objects.filter(pk__in=[instance.pk] if isinstance(instance, User) else pk_set):
                give_if_admin(user)

    def on_permissions(sender, instance, action, **kwargs):
        # A group given the admin (a group's writers, when the group is set up after they joined).
        if action == "post_add" and isinstance(instance, Group):
            for user in instance.user_set.all():
                give_if_admin(User.objects.get(pk=user.pk))

    post_save.connect(on_save, sender=User, dispatch_uid="tests-staff-second-factor")
    m2m_changed.connect(on_permissions, sender=Group.permissions.through, dispatch_uid="tests-staff-second-factor")
    m2m_changed.connect(on_groups, sender=User.groups.through, dispatch_uid="tests-staff-second-factor")
    yield
    post_save.disconnect(dispatch_uid="tests-staff-second-factor", sender=User)
    m2m_changed.disconnect(dispatch_uid="tests-staff-second-factor", sender=User.groups.through)
    m2m_changed.disconnect(dispatch_uid="tests-staff-second-factor", sender=Group.permissions.through)


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings):
    """Django's test set-up sends mail straight to its in-memory outbox; the site sends every
    mail through its own (outbox/), which then delivers it there (MAIL_DELIVERY_BACKEND)."""
    settings.EMAIL_BACKEND = "outbox.backend.QueueBackend"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the (shared, in-memory) cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp_delivery(settings):
    """A real SMTP server on this machine that the site's outbox delivers to, in this
    process (tests with a worker process of their own start a plain ``MailServer``)."""
    server = MailServer().start()
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    yield server
    server.stop()
