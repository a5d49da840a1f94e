"""Making a member's download, as a task: the request answers at once, a worker collects
the data, stores the ZIP and mails the link.

A run that fails is logged with its error and tried again later
(``MEMBER_DATA_EXPORT_RETRY_SECONDS``); after the last try the download is marked
failed, and the member may ask again. The failure is raised all the same, so the task
list shows it. A second run of a task that already succeeded (a lost worker's task run
again) changes nothing and mails nobody twice."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from django_tasks import task

from .archive import write_archive
from .exports import new_token, token_hash
from .mails import send_ready_mail
from .models import DataExport

logger = logging.getLogger(__name__)


@task()
def build_export(export_id):
    export = DataExport.objects.filter(pk=export_id).select_related("member").first()
    if export is None or export.status != DataExport.Status.QUEUED:
        # Made already, given up, or removed with its member: nothing to do.
        return "nothing to do"
    if not export.member.is_active:
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED)
        return "member inactive"
    try:
        size = write_archive(export.member, export.file_name)
    except Exception:
        try_again_later(export)
        raise
    token = new_token()
    now = timezone.now()
    with transaction.atomic():
        made = DataExport.objects.filter(pk=export.pk, status=DataExport.Status.QUEUED).update(
            status=DataExport.Status.READY,
            size=size,
            token_hash=token_hash(token),
            ready_at=now,
            expires_at=now + timedelta(hours=settings.MEMBER_DATA_EXPORT_HOURS),
        )
        if made:
            send_ready_mail(export, token)
    return "ready"


def try_again_later(export):
    """After a failed run: enqueue the next, or give up after the last."""
    attempts = export.attempts + 1
    delays = settings.MEMBER_DATA_EXPORT_RETRY_SECONDS
    if attempts > len(delays):
        DataExport.objects.filter(pk=export.pk).update(attempts=attempts, status=DataExport.Status.FAILED)
        logger.exception(
            "The data download %s of member %s failed %d times; given up.", export.pk, export.member_id, attempts
        )
        return
    DataExport.objects.filter(pk=export.pk).update(attempts=attempts)
    delay = timedelta(seconds=delays[attempts - 1])
    logger.exception(
        "The data download %s of member %s failed (attempt %d); it is tried again in %s.",
        export.pk,
        export.member_id,
        attempts,
        delay,
    )
    retry = build_export
    if retry.get_backend().supports_defer:
        retry = retry.using(run_after=timezone.now() + delay)
    retry.enqueue(export.pk)
