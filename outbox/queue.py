"""Putting mail in the outbox. Nothing here talks to a mail server: a mail is a row, and
the task that sends it is enqueued in the same transaction, so a change that is rolled
back mails nobody and one that is committed always has its mail on the way.

``send_event`` is for the site's own events (a reaction, a new post): one call per event,
from a task, with the recipients; ``QueueBackend`` (backend.py) puts the mail that
libraries send through Django (allauth's, Wagtail's) in the same outbox."""

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import make_msgid
from django.db import transaction

from .delivery import batches
from .models import Mail
from .tasks import schedule_delivery

# Recipients are written this many at a time: an event handled again after its worker died
# keeps the rows of the chunks it finished.
FAN_OUT_CHUNK = 200


def _stamp(message, key):
    """A Message-ID made from the row's key: the same mail sent twice (a worker killed
    while the server was taking it) carries the same id, which mail programs recognise."""
    if "Message-ID" not in message.extra_headers:
        domain = urlsplit(settings.SITE_BASE_URL).hostname or "samen.localhost"
        message.extra_headers["Message-ID"] = make_msgid(uuid.uuid5(uuid.NAMESPACE_URL, key).hex, domain=domain)
    return message


def queue_messages(messages):
    """Put ``messages`` (Django ``EmailMessage`` objects) in the outbox, each a mail of its
    own. Returns how many."""
    rows = []
    for message in messages:
        key = f"mail:{uuid.uuid4().hex}"
        rows.append(Mail.of(_stamp(message, key), key=key))
    with transaction.atomic():
        Mail.objects.bulk_create(rows)
        schedule_delivery(Mail.objects.filter(key__in=[row.key for row in rows]).values_list("id", flat=True))
    return len(rows)


def send_event(event, recipients, build_message, *, recipient_key=lambda recipient: recipient.pk):
    """Mail each of ``recipients`` about ``event`` (a name such as ``"reaction:12"``), at
    most once however often this is called: ``build_message(recipient)`` makes their
    ``EmailMessage``, or ``None`` for no mail. Returns how many mails were added."""
    already = set(Mail.objects.filter(event=event).values_list("key", flat=True))
    added = 0
    for chunk in batches(recipients, FAN_OUT_CHUNK):
        rows = []
        for recipient in chunk:
            key = f"{event}:{recipient_key(recipient)}"
            if key in already:
                continue
            message = build_message(recipient)
            if message is not None:
                rows.append(Mail.of(_stamp(message, key), key=key, event=event))
        if not rows:
            continue
        keys = [row.key for row in rows]
        with transaction.atomic():
            Mail.objects.bulk_create(rows, ignore_conflicts=True)
            new = Mail.objects.filter(key__in=keys, status=Mail.Status.WAITING, task_id="")
            schedule_delivery(new.values_list("id", flat=True))
        added += len(rows)
    return added
