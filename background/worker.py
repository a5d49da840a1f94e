"""What runs beside a worker's task loop, in a thread of its own: it reports the worker
alive (so that the tasks of a worker that died are found, recovery.py) and keeps time
for the periodic jobs (schedule.py). Every worker does both; the database decides which
worker enqueues a period's job."""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from .models import Worker
from .schedule import enqueue_due_jobs
from .tasks import run_periodic_job

logger = logging.getLogger(__name__)


def report_alive(worker_id, started_at):
    # One statement at a time, no read before a write in a transaction: on SQLite a
    # transaction that reads and then writes is refused outright while the web process writes.
    now = timezone.now()
    if Worker.objects.filter(worker_id=worker_id).update(seen_at=now):
        return
    host = socket.gethostname()[:255]
    Worker.objects.create(worker_id=worker_id, host=host, pid=os.getpid(), started_at=started_at, seen_at=now)


class Companion(threading.Thread):
    def __init__(self, worker_id, *, clock=True, every=None):
        super().__init__(name=f"samen-worker-companion-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.clock = clock
        self.every = every or settings.TASK_WORKER_BEAT_SECONDS
        self.started_at = timezone.now()
        self._stop_requested = threading.Event()
        self._seen_periods = {}

    def beat(self):
        """Once: report alive, and enqueue the periodic jobs whose period has begun."""
        report_alive(self.worker_id, self.started_at)
        if self.clock:
            for name in enqueue_due_jobs(run_periodic_job, seen=self._seen_periods):
                logger.info("Periodic job %s enqueued.", name)

    def run(self):
        while not self._stop_requested.is_set():
            try:
                self.beat()
            except Exception:
                # The database may be restarting; the worker goes on, and so does this.
                logger.exception("Worker %s could not report or keep time; trying again.", self.worker_id)
            finally:
                close_old_connections()
            self._stop_requested.wait(self.every)
        try:
            # Gone on purpose: nothing of this worker's needs recovering.
            Worker.objects.filter(worker_id=self.worker_id).delete()
        except Exception:
            logger.exception("Worker %s could not sign off.", self.worker_id)
        finally:
            connection.close()

    def stop(self, timeout=10):
        self._stop_requested.set()
        if self.is_alive():
            self.join(timeout)
