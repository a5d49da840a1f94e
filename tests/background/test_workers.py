"""The task queue with real worker processes (``manage.py db_worker``) on the test's own
database, sending to a real SMTP server on this machine (aiosmtpd): mail that waits out a
server that is down and arrives once, a publication in a group of 2,000 members that
reaches each of them once, a worker killed in the middle of a batch, scheduled
publishing, and a clock shared by two workers.

These tests commit their rows (the workers are other processes) and empty the database
when they end, so they run after the others (tests/conftest.py)."""

import collections
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

import pytest
from django_tasks_db.models import DBTaskResult

from access.models import Membership
from blog.factories import BlogPageFactory
from engagement.models import Follow
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from outbox.models import Mail
from tests.background.workers import eventually, start_worker
from tests.engagement.helpers import verified_member
from tests.engagement.test_following import post_reaction
from tests.mailserver import MailServer

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Status = Mail.Status


@pytest.fixture(autouse=True)
def database_queue(settings):
    """This process enqueues; the workers run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def smtp():
    server = MailServer()
    yield server
    server.release()
    server.stop()


@pytest.fixture
def workers(smtp):
    started = []

    def start(name="worker-a", **environment):
        worker = start_worker(name, smtp.port, **environment)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def group(home):
    return GroupPageFactory(parent=GroupIndexPageFactory(parent=home), title="Menskracht", slug="menskracht")


def mails_of(event, status=None):
    rows = Mail.objects.filter(event=event)
    return rows.filter(status=status) if status else rows


def add_members(group, count, prefix="lid"):
    """``count`` members of ``group`` who want to hear of new posts, made in bulk."""
    User = get_user_model()
    User.objects.bulk_create(
        User(email=f"{prefix}{n}@samen.test", display_name=f"Lid {n}", password="!", language="nl")
        for n in range(count)
    )
    users = User.objects.filter(email__startswith=prefix, email__endswith="@samen.test")
    Membership.objects.bulk_create(
        Membership(user=user, group_key=group.translation_key, role=Membership.Role.MEMBER) for user in users
    )
    return sorted(user.email for user in users)


def draft_post(group, title="Samen leren"):
    post = BlogPageFactory(parent=group, author=verified_member(email="auteur@samen.test"), title=title)
    post.unpublish()
    return Page.objects.get(pk=post.pk).specific


def test_a_reaction_is_mailed_through_the_worker_and_waits_out_a_mail_server_that_is_down(
    client, group, workers, smtp, superuser
):
    post = BlogPageFactory(parent=group, author=verified_member(email="auteur@samen.test"), access_level="public")
    for address in ["auteur@samen.test", "volger@samen.test", "weg@samen.test"]:
        user = get_user_model().objects.filter(email=address).first() or verified_member(email=address)
        Follow.objects.create(user=user, translation_key=post.translation_key)
    workers()

    # The mail server is down. The reaction is stored at once; its mails wait.
    reaction = post_reaction(client, verified_member(email="bram@samen.test"), post, "Mooi stuk!")
    event = f"reaction:{reaction.pk}"
    eventually(lambda: mails_of(event).filter(attempts__gte=2).count() == 3, message="a second attempt for each")
    assert mails_of(event, Status.WAITING).count() == 3
    assert "Connection refused" in mails_of(event).first().last_error

    # The server comes back, refusing one address for good: the others arrive, once each.
    smtp.refuse = {"weg@samen.test": "550 5.1.1 No such user"}
    smtp.start()
    eventually(lambda: not mails_of(event).exclude(status__in=[Status.SENT, Status.FAILED]).exists())
    assert sorted(smtp.recipients()) == ["auteur@samen.test", "volger@samen.test"]
    assert len({received.message_id for received in smtp.received}) == 2
    [failed] = mails_of(event, Status.FAILED)
    assert failed.to == "weg@samen.test" and "550" in failed.last_error

    # The administrators see it in the admin.
    client.force_login(superuser)
    report = client.get(reverse("outbox_report"), {"status": "failed"}).content.decode()
    assert "weg@samen.test" in report and "550 5.1.1 No such user" in report


def test_a_post_in_a_group_of_2000_reaches_every_member_once(group, workers, smtp):
    addresses = add_members(group, 2000)
    post = draft_post(group)
    smtp.start()

    post.save_revision().publish()
    assert DBTaskResult.objects.filter(task_path="groups.tasks.mail_group_about_post").count() == 1
    assert not Mail.objects.exists(), "the publication itself mails nobody"

    workers("worker-a")
    workers("worker-b")
    smtp.wait_for(2000, timeout=240)
    eventually(lambda: mails_of(f"new-post:{post.translation_key}", Status.SENT).count() == 2000)
    assert sorted(smtp.recipients()) == addresses, "each member once, and nobody else"
    assert smtp.connections <= 2000 / 100 + 2, "a connection per batch of 100, not per mail"


def test_a_worker_killed_in_the_middle_of_a_batch_loses_nobody_and_mails_nobody_twice(group, workers, smtp):
    addresses = add_members(group, 30)
    post = draft_post(group)
    smtp.hold_from = 15  # the fifteenth mail, the middle of the second batch of ten
    smtp.start()
    post.save_revision().publish()

    doomed = workers("doomed", SAMEN_TEST_MAIL_BATCH=10)
    eventually(smtp.holding.is_set, message="the worker reaching the fifteenth mail")
    doomed.kill()
    smtp.release()
    event = f"new-post:{post.translation_key}"
    assert mails_of(event, Status.SENT).count() == 14
    assert len(smtp.received) == 14

    workers("rescuer", SAMEN_TEST_MAIL_BATCH=10)
    eventually(lambda: mails_of(event, Status.SENT).count() == 30, timeout=90, message="all 30 mails sent")
    counts = collections.Counter(smtp.recipients())
    assert sorted(counts) == addresses
    assert set(counts.values()) == {1}, [address for address, n in counts.items() if n > 1]
    [lost] = [
        row
        for row in DBTaskResult.objects.filter(task_path="outbox.tasks.deliver_mail", status="FAILED")
        if row.worker_ids == ["doomed"]
    ]
    assert lost.exception_class_path == "background.recovery.WorkerLost"


def test_a_scheduled_post_goes_live_unlocked_and_is_announced_once(group, workers, smtp):
    addresses = add_members(group, 3)
    post = draft_post(group)
    post.go_live_at = timezone.now() + timedelta(seconds=3)
    post.save_revision().publish()
    post.refresh_from_db()
    assert not post.live and post.get_lock() is not None, "scheduled, and locked until it goes live"
    smtp.start()
    workers()

    eventually(lambda: Page.objects.get(pk=post.pk).live, timeout=30, message="the post going live")
    post = Page.objects.get(pk=post.pk).specific
    assert post.get_lock() is None
    assert post.go_live_at is None or post.go_live_at <= timezone.now()
    smtp.wait_for(3)
    eventually(lambda: not Mail.objects.exclude(status=Status.SENT).exists())
    assert sorted(smtp.recipients()) == addresses


def test_two_workers_enqueue_each_period_of_a_periodic_job_once(workers, smtp):
    workers("worker-a")
    workers("worker-b")
    runs = DBTaskResult.objects.filter(task_path="background.tasks.run_periodic_job")

    def periods_enqueued():
        return [row.args_kwargs["args"][1] for row in runs.all() if row.args_kwargs["args"][0] == "publish-scheduled"]

    eventually(lambda: len(periods_enqueued()) >= 4, timeout=40, message="four periods")
    periods = periods_enqueued()
    assert len(periods) == len(set(periods)), "no period enqueued twice"
    eventually(lambda: runs.filter(status="SUCCESSFUL").count() >= 4, message="the runs done")
    assert not runs.filter(status="FAILED").exists()
