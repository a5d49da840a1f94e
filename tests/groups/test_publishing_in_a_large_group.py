"""Publishing a post in a group answers at once however large the group: the request
enqueues one task and mails nobody itself (tests/background/test_workers.py has a
worker send the 2,000 mails). The publish's queries are pinned and do not grow with the
group's members."""

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from django_tasks_db.models import DBTaskResult

from access.models import Membership
from blog.factories import BlogPageFactory
from outbox.models import Mail
from tests.groups.test_group_writing import post_form

pytestmark = pytest.mark.django_db

# What publishing a post through the page editor takes, whatever the size of the group.
PUBLISH_QUERIES = 125  # 120 on SQLite, 122 on PostgreSQL today


def add_members(group, count, start=0):
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"groepslid{n}@samen.test", display_name=f"Groepslid {n}", password="!")
        for n in range(start, start + count)
    )
    Membership.objects.bulk_create(
        Membership(user=user, group_key=group.translation_key, role=Membership.Role.MEMBER) for user in users
    )


def publish_form(post):
    return post_form(post.title, post.slug, access_level="public", author=post.author_id, publish="action-publish")


def publish_and_count(client, post):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("wagtailadmin_pages:edit", args=[post.pk]), publish_form(post))
    assert response.status_code == 302, response.content.decode()[:2000]
    return len(queries.captured_queries)


def draft(group, n):
    post = BlogPageFactory(parent=group, title=f"Bericht {n}", slug=f"bericht-{n}")
    post.unpublish()
    return post


def test_the_publish_does_not_grow_with_the_group(client, settings, group, superuser):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(superuser)
    publish_and_count(client, draft(group, 0))  # the first publication warms what is cached

    add_members(group, 3)
    small = publish_and_count(client, draft(group, 1))
    add_members(group, 1997, start=3)
    large = publish_and_count(client, draft(group, 2))

    assert small == large, f"{small} queries with 3 members, {large} with 2,000"
    assert large <= PUBLISH_QUERIES
    assert not Mail.objects.exists(), "the request mails nobody itself"
    announcements = DBTaskResult.objects.filter(task_path="groups.tasks.mail_group_about_post")
    assert announcements.count() == 3, "one task per publication"


def test_a_publication_that_is_rolled_back_leaves_no_task(settings, group):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    add_members(group, 3)
    post = draft(group, 0)
    with pytest.raises(RuntimeError), transaction.atomic():
        post.save_revision().publish()
        assert DBTaskResult.objects.filter(task_path="groups.tasks.mail_group_about_post").count() == 1
        raise RuntimeError("something after the publish failed")
    assert not DBTaskResult.objects.filter(task_path="groups.tasks.mail_group_about_post").exists()
    post.refresh_from_db()
    assert not post.live
