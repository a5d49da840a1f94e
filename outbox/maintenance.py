"""The outbox's periodic jobs (``PERIODIC_JOBS``): send what is due and has no task on
the way, and forget sent mail after a while."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .delivery import stale_claims
from .models import Mail
from .tasks import schedule_delivery


def send_due_mail(now=None):
    """Every mail that is due and that no task in the queue is about to send gets one: mail
    whose task was lost, whose retry was not enqueued, or whose sender died while sending
    it. Returns how many."""
    now = now or timezone.now()
    stale = list(stale_claims(Mail.objects.all(), now).values_list("pk", flat=True))
    Mail.objects.filter(pk__in=stale).update(status=Mail.Status.WAITING, task_id="", claimed_at=None)
    due = Mail.objects.filter(status=Mail.Status.WAITING, next_attempt_at__lte=now).values_list("pk", "task_id")
    pending = {
        str(pk)
        for pk in DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        ).values_list("id", flat=True)
    }
    orphans = [pk for pk, task_id in due if not task_id or task_id not in pending]
    Mail.objects.filter(pk__in=orphans).update(task_id="")
    schedule_delivery(orphans)
    return len(orphans)


def prune_mail(now=None):
    """Sent mail is kept ``MAIL_KEEP_SENT_DAYS`` days (long enough to answer "did it go
    out?"), mail that failed ``MAIL_KEEP_FAILED_DAYS``: both hold members' addresses."""
    now = now or timezone.now()
    sent = Mail.objects.filter(status=Mail.Status.SENT, sent_at__lt=now - timedelta(days=settings.MAIL_KEEP_SENT_DAYS))
    failed = Mail.objects.filter(
        status=Mail.Status.FAILED, created_at__lt=now - timedelta(days=settings.MAIL_KEEP_FAILED_DAYS)
    )
    return sent.delete()[0] + failed.delete()[0]


def send_again(mail_ids):
    """An administrator's "send again": failed or waiting mail goes out now, as new."""
    rows = Mail.objects.filter(pk__in=mail_ids, status__in=[Mail.Status.FAILED, Mail.Status.WAITING])
    ids = list(rows.values_list("pk", flat=True))
    rows.update(status=Mail.Status.WAITING, attempts=0, next_attempt_at=timezone.now(), task_id="", claimed_at=None)
    schedule_delivery(ids)
    return len(ids)
