"""The one task the clock enqueues: run a periodic job by its name."""

import logging

from django_tasks import task

from .schedule import job_lock, job_named

logger = logging.getLogger(__name__)


# Ahead of mail and index updates in the queue: a post scheduled for 10:00 goes live at
# 10:00 even while thousands of mails wait.
@task(priority=10)
def run_periodic_job(name, period=None):
    """Run the periodic job ``name``; ``period`` (when the clock enqueued it: the start
    of the period it is for) is there for the log and the task list."""
    job = job_named(name)
    with job_lock(name) as free:
        if not free:
            logger.info(
                "Periodic job %s is still running from an earlier period; the run for %s is skipped.", name, period
            )
            return "skipped"
        job.run()
    return "done"
