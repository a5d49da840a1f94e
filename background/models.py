"""What the task workers tell each other through the database: who is alive, and which
periodic job was last started for which period."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Worker(models.Model):
    """A running ``manage.py db_worker`` process, as it last reported itself. A worker
    that stops reporting has died; the tasks it was running are started again
    (background/recovery.py)."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"))
    seen_at = models.DateTimeField(_("last seen at"), db_index=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self):
        return f"{self.host}:{self.pid} ({self.worker_id})"


class PeriodicJob(models.Model):
    """One of the jobs in ``PERIODIC_JOBS``. Every worker runs a clock; the first to move
    ``last_period`` on to the current period enqueues the job, so however many workers
    run, each period's job is enqueued once. ``locked_until`` keeps two runs of one job
    from overlapping (a slow run and the next period's)."""

    name = models.CharField(_("name"), max_length=64, primary_key=True)
    last_period = models.DateTimeField(_("last period enqueued"), null=True, blank=True)
    locked_until = models.DateTimeField(_("running until at most"), null=True, blank=True)
    last_started_at = models.DateTimeField(_("last started at"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self):
        return self.name
