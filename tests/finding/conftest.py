"""Fixtures for the finding tests (search, feeds, sitemap, sharing).

Building pages is what makes these tests slow, and most of them only read. So the site is
built once for this folder (``site``, package-scoped) inside a transaction that is rolled
back when the folder is done; each module adds its own posts once (a module-scoped
``corpus``, inside ``rolled_back``: a savepoint undone when the module is done), and every
test still runs in its own savepoint within that, so what a test changes (closing the site,
promoting a page) is undone after it. Tests here use ``site`` and never the
function-scoped page fixtures of tests/conftest.py.

Why ``make_post`` indexes once more: the search index is updated from ``post_save``, which
Django sends before a ClusterableModel commits its child relations. The factory adds the
tags and then saves, so the entry that save leaves in the index has no tag names. Indexing
again, once the tags are in the database, is what the next save would do."""

from contextlib import contextmanager
from types import SimpleNamespace

from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation

from wagtail.models import Site
from wagtail.search.backends import get_search_backend

import pytest

from access.models import Membership, SiteAccess
from accounts.factories import UserFactory
from blog.factories import BlogIndexPageFactory, BlogPageFactory
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from tests.engagement.helpers import verified_member
from tests.i18n.conftest import POST_STRINGS, SITE_STRINGS
from tests.i18n.helpers import translate


def fresh(page):
    """``page`` as the database has it now. The pages ``site`` holds outlive the savepoints
    of the modules that added children to them, so their tree counters (``numchild``) may be
    out of date: anything that writes a page or under it starts from a fresh copy."""
    return type(page).objects.get(pk=page.pk)


def index(*pages):
    """(Re)index ``pages`` in the search index the site searches."""
    backend = get_search_backend()
    for page in pages:
        backend.add(page)


def publish(page):
    """Publish ``page`` the way the admin does (through a revision), which sets its
    publication dates; the page as it is in the database afterwards."""
    fresh(page).save_revision().publish()
    return fresh(page)


def url_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def english_version(page, strings):
    """The English version of ``page`` made through wagtail-localize, ``strings`` mapping
    its Dutch texts to English; indexed with its tags."""
    version = translate(fresh(page), {**POST_STRINGS, **strings}, TestCase.captureOnCommitCallbacks)
    index(version)
    return version


def close_site():
    SiteAccess.objects.update_or_create(site=Site.objects.get(is_default_site=True), defaults={"closed": True})


@contextmanager
def rolled_back(django_db_blocker):
    """Database access for a package- or module-scoped fixture, undone when it ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


@pytest.fixture(scope="package")
def site(django_db_setup, django_db_blocker):
    """A Samen site built once for the folder: home, Groepen and Blogs with English versions;
    the open groups Menskracht (also in English) and Digitaal Samenwerken, the closed group
    Vertrouwelijk; readers: ``member`` (of Menskracht), ``outsider`` (of Digitaal
    Samenwerken only); ``author``, who writes the posts unless a test says otherwise.
    ``site.post(...)`` makes a published, indexed post (in Menskracht by default) and
    ``site.client(kind)`` is a test client for ``"anonymous"`` or a reader."""
    with rolled_back(django_db_blocker):
        home = Site.objects.get(is_default_site=True).root_page.specific
        group_index = GroupIndexPageFactory(parent=home)
        blog_index = BlogIndexPageFactory(parent=home)
        group = GroupPageFactory(
            parent=group_index,
            title="Menskracht",
            slug="menskracht",
            description="Inspiratie en ontwikkeling van professionele passie en talent",
        )
        other_group = GroupPageFactory(
            parent=group_index,
            title="Digitaal Samenwerken",
            slug="digitaal-samenwerken",
            description="Slimmer samenwerken met online hulpmiddelen",
        )
        closed_group = GroupPageFactory(
            parent=group_index,
            title="Vertrouwelijk",
            slug="vertrouwelijk",
            description="Een gesloten groep voor het bestuur",
            is_closed=True,
        )
        capture = TestCase.captureOnCommitCallbacks
        en = SimpleNamespace(
            home=translate(home, SITE_STRINGS, capture),
            group_index=translate(group_index, SITE_STRINGS, capture),
            blog_index=translate(blog_index, SITE_STRINGS, capture),
            group=translate(group, SITE_STRINGS, capture),
        )
        member = verified_member(display_name="Mila Lid", email="mila@samen.test")
        outsider = verified_member(display_name="Olga Andergroep", email="olga@samen.test")
        author = UserFactory(display_name="Anouk Verbeek", email="anouk@samen.test")
        Membership.objects.bulk_create(
            [
                Membership(user=member, group_key=group.translation_key, role=Membership.Role.MEMBER),
                Membership(user=outsider, group_key=other_group.translation_key, role=Membership.Role.MEMBER),
            ]
        )
        users = {"anonymous": None, "member": member, "outsider": outsider, "author": author}

        def post(**kwargs):
            kwargs["parent"] = fresh(kwargs.get("parent", group))
            kwargs.setdefault("author", author)
            made = BlogPageFactory(**kwargs)
            index(made)
            return made

        def client(kind="anonymous"):
            browser = Client()
            if users[kind] is not None:
                browser.force_login(users[kind])
            return browser

        yield SimpleNamespace(
            home=home,
            group_index=group_index,
            blog_index=blog_index,
            group=group,
            other_group=other_group,
            closed_group=closed_group,
            en=en,
            users=users,
            post=post,
            client=client,
        )


@pytest.fixture(autouse=True)
def _each_test_in_its_own_savepoint(db):
    """Every test here may write; what it writes is undone after it (``site`` stays)."""
