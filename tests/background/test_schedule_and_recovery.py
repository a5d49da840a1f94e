"""The clock and the recovery, in one process with the database queue (no worker runs
here; tests/background/test_workers.py runs real ones): each period's job is enqueued
once whichever clocks keep time, two runs of a job never overlap, and a task whose worker
died or was stopped half way is enqueued again, a few times at most."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from wagtail.models import Page, Revision

import pytest
from django_tasks_db.models import DBTaskResult

from background.jobs import publish_scheduled
from background.models import PeriodicJob, Worker
from background.recovery import WORKER_LOST, recover_lost_tasks
from background.schedule import Job, enqueue_due_jobs, job_lock
from background.tasks import run_periodic_job
from blog.factories import BlogPageFactory
from outbox.tasks import deliver_mail

pytestmark = pytest.mark.django_db

JOB_TASK = "background.tasks.run_periodic_job"


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PERIODIC_JOBS = {
        "every-minute": ("tests.background.jobs.nothing", 60),
        "daily": ("tests.background.jobs.nothing", 24 * 60 * 60),
    }


def enqueued_jobs():
    return sorted(
        args["args"][0]
        for args in DBTaskResult.objects.filter(task_path=JOB_TASK).values_list("args_kwargs", flat=True)
    )


def test_periods_start_at_whole_minutes_and_days_for_every_machine():
    job = Job("x", "x", 60)
    moment = datetime(2026, 12, 7, 10, 0, 59, 999000, tzinfo=UTC)
    assert job.period(moment) == datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    assert Job("x", "x", 86400).period(moment) == datetime(2026, 12, 7, tzinfo=UTC)


def test_each_period_is_enqueued_once_however_many_clocks_keep_time():
    ten = datetime(2026, 12, 7, 10, 0, 5, tzinfo=UTC)
    first_clock, second_clock = {}, {}
    assert sorted(enqueue_due_jobs(run_periodic_job, now=ten, seen=first_clock)) == ["daily", "every-minute"]
    assert enqueue_due_jobs(run_periodic_job, now=ten + timedelta(seconds=20), seen=second_clock) == []
    assert enqueue_due_jobs(run_periodic_job, now=ten + timedelta(seconds=30), seen=first_clock) == []
    assert enqueued_jobs() == ["daily", "every-minute"]

    # The next minute: the first clock to see it enqueues it, the other finds it taken.
    assert enqueue_due_jobs(run_periodic_job, now=ten + timedelta(seconds=61), seen=second_clock) == ["every-minute"]
    assert enqueue_due_jobs(run_periodic_job, now=ten + timedelta(seconds=62), seen=first_clock) == []
    assert enqueued_jobs() == ["daily", "every-minute", "every-minute"]


def test_a_clock_that_already_saw_the_period_does_not_write():
    ten = datetime(2026, 12, 7, 10, 0, 5, tzinfo=UTC)
    seen = {}
    enqueue_due_jobs(run_periodic_job, now=ten, seen=seen)
    PeriodicJob.objects.all().delete()  # were it to write, it would enqueue again
    assert enqueue_due_jobs(run_periodic_job, now=ten + timedelta(seconds=10), seen=seen) == []


def test_two_runs_of_a_job_never_overlap_and_a_dead_runs_lock_expires(settings):
    now = timezone.now()
    with job_lock("every-minute", now=now) as first:
        assert first
        with job_lock("every-minute", now=now + timedelta(seconds=30)) as second:
            assert not second
    with job_lock("every-minute", now=now + timedelta(seconds=31)) as after:
        assert after, "free again once the first run ended"

    PeriodicJob.objects.filter(name="every-minute").update(locked_until=now + timedelta(seconds=60))
    with job_lock("every-minute", now=now + timedelta(seconds=59)) as held:
        assert not held
    with job_lock("every-minute", now=now + timedelta(seconds=61)) as expired:
        assert expired


def test_a_job_that_fails_says_so_and_its_task_fails(settings):
    settings.PERIODIC_JOBS = {"broken": ("tests.background.jobs.fail", 60)}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = run_periodic_job.enqueue("broken")
    assert result.status == "FAILED"
    assert "the job failed on purpose" in result.errors[0].traceback
    job = PeriodicJob.objects.get(name="broken")
    assert job.last_error == "RuntimeError: the job failed on purpose"
    assert job.locked_until is None, "a failed run frees its job"


def test_an_unknown_job_name_fails_its_task(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = run_periodic_job.enqueue("no-such-job")
    assert result.status == "FAILED"
    assert "LookupError" in result.errors[0].exception_class_path


def running_task(worker_id, started=timedelta(minutes=5)):
    result = deliver_mail.enqueue([1, 2, 3])
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker_id)
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - started)
    return row


def report(worker_id, seen_ago):
    now = timezone.now()
    Worker.objects.update_or_create(
        worker_id=worker_id, defaults={"host": "here", "pid": 1, "started_at": now, "seen_at": now - seen_ago}
    )


def test_the_tasks_of_a_worker_that_stopped_reporting_are_enqueued_again():
    report("alive", seen_ago=timedelta(seconds=5))
    report("dead", seen_ago=timedelta(minutes=3))
    kept = running_task("alive")
    lost = running_task("dead")
    also_lost = running_task("never-reported")
    just_started = running_task("dead", started=timedelta(seconds=5))

    assert recover_lost_tasks() == 2

    lost.refresh_from_db()
    also_lost.refresh_from_db()
    assert (lost.status, lost.exception_class_path) == ("FAILED", WORKER_LOST)
    assert "Worker dead stopped reporting" in lost.traceback
    assert also_lost.status == "FAILED"
    kept.refresh_from_db()
    just_started.refresh_from_db()
    assert kept.status == just_started.status == "RUNNING"
    again = DBTaskResult.objects.filter(status="READY", task_path="outbox.tasks.deliver_mail")
    assert [row.args_kwargs for row in again] == [{"args": [[1, 2, 3]], "kwargs": {}}] * 2
    assert list(Worker.objects.values_list("worker_id", flat=True)) == ["alive"], "the dead worker is forgotten"


def test_a_task_ended_by_stopping_its_worker_is_enqueued_again():
    task = running_task("stopped")
    task.set_failed(SystemExit(1))
    assert recover_lost_tasks() == 1
    task.refresh_from_db()
    assert task.exception_class_path == WORKER_LOST
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert recover_lost_tasks() == 0, "once"


def test_a_task_that_keeps_killing_its_worker_is_left_failed(settings, caplog):
    settings.TASK_MAX_LOST_RUNS = 3
    for _ in range(3):
        running_task("dead")
        recover_lost_tasks()
        DBTaskResult.objects.filter(status="READY").delete()
    assert DBTaskResult.objects.filter(exception_class_path=WORKER_LOST).count() == 3
    assert "lost with its worker 3 times; it is not started again" in caplog.text


def test_a_task_that_fails_by_itself_is_not_run_again():
    task = running_task("alive-or-not")
    task.set_failed(ValueError("a bug"))
    assert recover_lost_tasks() == 0


def test_the_scheduled_publishing_job_publishes_what_is_due_and_unpublishes_what_expired(group, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    due = BlogPageFactory(parent=group, title="Nu live", slug="nu-live")
    due.unpublish()
    due.go_live_at = timezone.now() + timedelta(hours=1)
    due.save_revision().publish()
    expiring = BlogPageFactory(parent=group, title="Verloopt", slug="verloopt")
    Page.objects.filter(pk=expiring.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    later = BlogPageFactory(parent=group, title="Later", slug="later")
    later.unpublish()
    later.go_live_at = timezone.now() + timedelta(days=1)
    later.save_revision().publish()
    Revision.objects.filter(object_id=str(due.pk)).exclude(approved_go_live_at=None).update(
        approved_go_live_at=timezone.now() - timedelta(seconds=1)
    )
    revision = Revision.objects.get(object_id=str(due.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save(update_fields=["content"])

    publish_scheduled()

    live = dict(Page.objects.filter(pk__in=[due.pk, expiring.pk, later.pk]).values_list("slug", "live"))
    assert live == {"nu-live": True, "verloopt": False, "later": False}
    assert Page.objects.get(pk=expiring.pk).expired
