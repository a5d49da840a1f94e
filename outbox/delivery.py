"""Sending what waits in the outbox: a batch of rows over one connection to the mail
server (``MAIL_DELIVERY_BACKEND``), each row marked as it goes.

- A row is claimed before it is sent, so that two workers never send the same row.
- A row is marked sent as soon as the server has taken it: a worker killed in the middle
  of a batch leaves the rest waiting, and the rows it sent are never sent again.
- A refusal that may pass (the server down or busy, a 4xx answer) puts the row back to
  wait, longer after every attempt (``MAIL_RETRY_DELAYS``); after the last it fails.
- A permanent refusal (a 5xx answer, a message that cannot be made) fails the row at
  once. Failed rows are logged and listed for the site's administrators in the admin,
  who can send them again."""

import logging
import smtplib
import uuid
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import Mail

logger = logging.getLogger(__name__)

Status = Mail.Status


def batches(items, size):
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


class ConnectionTrouble(Exception):
    """The mail server cannot be reached or dropped the connection."""


def _answer(code, message):
    text = message.decode(errors="replace") if isinstance(message, bytes) else str(message)
    return f"{code} {text}"


def _error_text(exc):
    """What went wrong, as an administrator reads it: the server's own answer where it gave one."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        detail = "; ".join(f"{address}: {_answer(*answer)}" for address, answer in exc.recipients.items())
    elif isinstance(exc, smtplib.SMTPResponseException):
        detail = _answer(exc.smtp_code, exc.smtp_error)
    else:
        detail = str(exc)
    return f"{type(exc).__name__}: {detail}"[:2000]


def is_permanent(exc):
    """Whether the mail server's answer means that trying again will not help."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPServerDisconnected | smtplib.SMTPAuthenticationError):
        return False
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    # Anything that is not the server's answer nor the network (a header with a line
    # break, a character the charset cannot carry) will fail the same way next time.
    return not isinstance(exc, OSError)


def retry_delay(attempts):
    """How long a mail waits after its ``attempts``-th failed attempt, or ``None`` when
    that was the last."""
    delays = settings.MAIL_RETRY_DELAYS
    return timedelta(seconds=delays[attempts - 1]) if attempts <= len(delays) else None


def _finished_tasks(task_ids):
    """Of these task ids, those the queue says have finished (or failed with their worker)."""
    ids = {task_id for task_id in task_ids if task_id}
    finished = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
    ).values_list("id", flat=True)
    # Ids of another backend (the immediate one in tests) are no UUIDs and not in the queue.
    valid = [task_id for task_id in ids if _is_uuid(task_id)]
    return {str(pk) for pk in finished.filter(id__in=valid)}


def _is_uuid(text):
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def stale_claims(queryset, now):
    """Rows in ``queryset`` claimed by a task that is gone: it finished without marking
    them (its worker was killed), or has held them longer than ``MAIL_SENDING_TIMEOUT``."""
    sending = queryset.filter(status=Status.SENDING)
    gone = _finished_tasks(sending.values_list("task_id", flat=True).distinct())
    too_old = now - timedelta(seconds=settings.MAIL_SENDING_TIMEOUT)
    return sending.filter(Q(task_id__in=gone) | Q(claimed_at__lt=too_old))


def claim(mail_ids, task_id, now=None):
    """Take the rows of ``mail_ids`` that are due and nobody is sending, for ``task_id``."""
    now = now or timezone.now()
    rows = Mail.objects.filter(id__in=mail_ids)
    due = Q(status=Status.WAITING, next_attempt_at__lte=now) | Q(pk__in=stale_claims(rows, now).values("pk"))
    # One statement: on PostgreSQL a second worker's UPDATE waits for these rows and then
    # finds them no longer waiting; SQLite runs one writer at a time.
    rows.filter(due).update(status=Status.SENDING, task_id=task_id, claimed_at=now)
    return list(Mail.objects.filter(id__in=mail_ids, status=Status.SENDING, task_id=task_id).order_by("id"))


def _sent(mail):
    Mail.objects.filter(pk=mail.pk).update(status=Status.SENT, sent_at=timezone.now(), task_id="", claimed_at=None)


def _failed_for_good(mail, error):
    Mail.objects.filter(pk=mail.pk).update(
        status=Status.FAILED, attempts=mail.attempts + 1, last_error=error, task_id="", claimed_at=None
    )
    logger.error("Mail %s to %s (%s) failed for good: %s", mail.pk, mail.to, mail.subject, error)


def _postponed(mail, error, now):
    """Back to wait after a failed attempt; returns when it is due again (``None``: it failed)."""
    attempts = mail.attempts + 1
    delay = retry_delay(attempts)
    if delay is None:
        _failed_for_good(mail, f"{error} (gave up after {attempts} attempts)")
        return None
    due = now + delay
    Mail.objects.filter(pk=mail.pk).update(
        status=Status.WAITING, attempts=attempts, next_attempt_at=due, last_error=error, task_id="", claimed_at=None
    )
    logger.warning("Mail %s to %s not sent (attempt %d); it waits until %s: %s", mail.pk, mail.to, attempts, due, error)
    return due


def _released(mails):
    """Back to wait, untried: the batch stopped before their turn."""
    Mail.objects.filter(pk__in=[mail.pk for mail in mails], status=Status.SENDING).update(
        status=Status.WAITING, task_id="", claimed_at=None
    )


def _send_one(connection, mail):
    try:
        message = mail.as_message()
        sent = connection.send_messages([message])
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError, TimeoutError) as exc:
        raise ConnectionTrouble(_error_text(exc)) from exc
    if not sent:
        raise smtplib.SMTPException("The mail backend did not send the message.")


def send_batch(mail_ids, task_id):
    """Send the rows of ``mail_ids`` that are due, over one connection. Returns
    ``(sent, retry)``: how many were sent, and ``{row id: when due again}`` for those put
    back to wait."""
    mails = claim(mail_ids, task_id)
    if not mails:
        return 0, {}
    now = timezone.now()
    retry = {}
    sent = 0
    connection = get_connection(settings.MAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.open()
    except Exception as exc:
        error = _error_text(exc)
        for mail in mails:
            if (due := _postponed(mail, error, now)) is not None:
                retry[mail.pk] = due
        return 0, retry
    try:
        for index, mail in enumerate(mails):
            try:
                _send_one(connection, mail)
            except ConnectionTrouble as exc:
                # The server went away: this row waits its turn again, the rest untried.
                due = _postponed(mail, str(exc), now)
                if due is not None:
                    retry[mail.pk] = due
                untried = mails[index + 1 :]
                _released(untried)
                retry.update(dict.fromkeys((other.pk for other in untried), due or now + retry_delay(1)))
                break
            except Exception as exc:
                if is_permanent(exc):
                    logger.exception("Mail %s cannot be sent.", mail.pk)
                    _failed_for_good(mail, _error_text(exc))
                elif (due := _postponed(mail, _error_text(exc), now)) is not None:
                    retry[mail.pk] = due
            else:
                _sent(mail)
                sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("Closing the connection to the mail server failed.", exc_info=True)
    return sent, retry
