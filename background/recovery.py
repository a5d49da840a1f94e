"""Tasks whose worker died. A worker reports itself alive every few seconds (worker.py);
when it stops (killed, out of memory, the machine gone) the tasks it was running stay
"running" in the queue for ever. A worker told twice to stop (Ctrl-C, then the process
manager's SIGTERM) ends the task it is running, which the queue records as failed with
``SystemExit``. This finds both, marks them lost with their worker and enqueues them
again, so the work is done once a worker is back. Every task of the site may run twice
for that reason: each is written so that a second run does no harm."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import Worker

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker running a task stopped reporting before the task finished."""


WORKER_LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"


def _lost_before(task_result):
    """How often this task, with these arguments, was lost with a worker before."""
    return DBTaskResult.objects.filter(
        task_path=task_result.task_path, args_kwargs=task_result.args_kwargs, exception_class_path=WORKER_LOST
    ).count()


# How the queue records a task whose worker was made to stop in the middle of it.
INTERRUPTED = ["builtins.SystemExit", "builtins.KeyboardInterrupt"]


def recover_lost_tasks(now=None):
    """Enqueue again every task whose worker has not reported for
    ``TASK_WORKER_LOST_AFTER`` seconds, or was stopped in the middle of it; return how
    many were."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_WORKER_LOST_AFTER)
    alive = set(Worker.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    running = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    interrupted = DBTaskResult.objects.failed().filter(exception_class_path__in=INTERRUPTED)
    recovered = 0
    for candidate in [*running, *interrupted]:
        worker = candidate.worker_ids[-1] if candidate.worker_ids else ""
        if candidate.status == TaskResultStatus.RUNNING and worker in alive:
            continue
        with transaction.atomic():
            lost = (
                DBTaskResult.objects.select_for_update()
                .filter(pk=candidate.pk, status=candidate.status, exception_class_path=candidate.exception_class_path)
                .first()
            )
            if lost is None:
                continue
            earlier = _lost_before(lost)
            stopped = lost.status == TaskResultStatus.FAILED
            how = "was stopped while it ran" if stopped else "stopped reporting while it ran"
            lost.set_failed(WorkerLost(f"Worker {worker or '?'} {how} this task."))
            if earlier + 1 >= settings.TASK_MAX_LOST_RUNS:
                logger.error(
                    "Task %s (%s) was lost with its worker %d times; it is not started again.",
                    lost.pk,
                    lost.task_path,
                    earlier + 1,
                )
                continue
            lost.task.enqueue(*lost.args_kwargs["args"], **lost.args_kwargs["kwargs"])
        recovered += 1
        logger.warning("Task %s (%s) lost with worker %s; enqueued again.", candidate.pk, candidate.task_path, worker)
    Worker.objects.filter(seen_at__lt=cutoff).delete()
    return recovered
