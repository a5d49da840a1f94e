"""The outbox's task: send a batch of mails, and wait to try again those that could not
go yet."""

from django.conf import settings
from django.db import transaction

from django_tasks import TaskContext, default_task_backend, task

from .delivery import batches, send_batch
from .models import Mail


def schedule_delivery(mail_ids, run_after=None):
    """Enqueue the sending of these rows, ``MAIL_BATCH_SIZE`` to a task (one connection to
    the mail server each), at once or at ``run_after``."""
    for batch in batches(sorted(mail_ids), settings.MAIL_BATCH_SIZE):
        runner = deliver_mail.using(run_after=run_after) if run_after else deliver_mail
        with transaction.atomic():
            result = runner.enqueue(batch)
            Mail.objects.filter(id__in=batch, status=Mail.Status.WAITING, task_id="").update(task_id=result.id)


@task(takes_context=True)
def deliver_mail(context: TaskContext, mail_ids):
    sent, retry = send_batch(mail_ids, context.task_result.id)
    # Where the queue can wait (the database queue can), one task waits for the first of
    # those put back; otherwise the outbox's sweep (maintenance.py) finds them when due.
    if retry and default_task_backend.supports_defer:
        schedule_delivery(retry, run_after=min(retry.values()))
    return {"sent": sent, "waiting": len(retry)}
