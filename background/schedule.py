"""Periodic jobs: which there are (the setting ``PERIODIC_JOBS``), which period is the
current one, and enqueueing each period's run once, however many workers keep time.

A job is a plain function, named by its dotted path, and how often it runs, in seconds.
Periods are counted from the Unix epoch, so every worker on every machine agrees on them:
a job that runs every 60 seconds has a period starting at each whole minute (UTC), a daily
one at midnight UTC."""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PeriodicJob


@dataclass(frozen=True)
class Job:
    name: str
    function_path: str
    every: int  # seconds

    def period(self, now):
        """The start of the period ``now`` falls in."""
        seconds = int(now.timestamp()) // self.every * self.every
        return datetime.fromtimestamp(seconds, tz=UTC)

    def run(self):
        return import_string(self.function_path)()


def jobs():
    return [Job(name, path, every) for name, (path, every) in settings.PERIODIC_JOBS.items()]


def job_named(name):
    for job in jobs():
        if job.name == name:
            return job
    raise LookupError(f"There is no periodic job {name!r} in PERIODIC_JOBS.")


def enqueue_due_jobs(run_job, now=None, seen=None):
    """Enqueue ``run_job(name, period)`` for every job whose current period nobody has
    enqueued yet, and return their names. ``seen`` (a dict kept by the caller) remembers the
    periods this clock has already handled, so that it writes only when a period turns."""
    now = now or timezone.now()
    seen = {} if seen is None else seen
    due = [(job, job.period(now)) for job in jobs()]
    due = [(job, period) for job, period in due if seen.get(job.name) != period]
    if not due:
        return []
    PeriodicJob.objects.bulk_create([PeriodicJob(name=job.name) for job, _ in due], ignore_conflicts=True)
    enqueued = []
    for job, period in due:
        # Moving the period on and enqueueing commit together: a clock that dies between
        # the two leaves the period to the next clock.
        with transaction.atomic():
            claimed = (
                PeriodicJob.objects.filter(name=job.name)
                .filter(Q(last_period__isnull=True) | Q(last_period__lt=period))
                .update(last_period=period)
            )
            if claimed:
                run_job.enqueue(job.name, period.isoformat())
                enqueued.append(job.name)
        seen[job.name] = period
    return enqueued


@contextmanager
def job_lock(name, now=None):
    """Hold the job ``name`` for at most ``PERIODIC_JOB_LOCK_SECONDS``: yields whether it
    was free. A run that dies holding it frees it when that time has passed."""
    now = now or timezone.now()
    PeriodicJob.objects.get_or_create(name=name)
    held = (
        PeriodicJob.objects.filter(name=name)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + timedelta(seconds=settings.PERIODIC_JOB_LOCK_SECONDS), last_started_at=now)
    )
    if not held:
        yield False
        return
    error = ""
    try:
        yield True
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        PeriodicJob.objects.filter(name=name).update(
            locked_until=None, last_finished_at=timezone.now(), last_error=error
        )
