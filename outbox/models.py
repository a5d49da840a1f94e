"""Every mail the site sends, from the moment something happens until the mail server
has it: a row per message, sent by the task workers (delivery.py)."""

import base64

from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Mail(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    # One row per event and recipient ("reaction:12:user:34"): an event that is handled a
    # second time (a task run again) finds its rows and mails nobody twice.
    key = models.CharField(_("key"), max_length=255, unique=True)
    event = models.CharField(_("event"), max_length=200, blank=True, db_index=True)
    to = models.TextField(_("to"))
    subject = models.TextField(_("subject"))
    message = models.JSONField(_("message"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    # Failed attempts since it was queued (or sent again by an administrator).
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    # The task that is to send it, or is sending it (its id in the task queue).
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mail")
        verbose_name_plural = _("mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_mail_due")]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    @classmethod
    def of(cls, message, *, key, event=""):
        """A row for ``message`` (an ``EmailMessage``), waiting to be sent."""
        record = message_record(message)
        return cls(
            key=key,
            event=event,
            to=", ".join(message.recipients()),
            subject=message.subject,
            message=record,
        )

    def as_message(self):
        return message_from_record(self.message)


def message_record(message):
    """``message`` as JSON that ``message_from_record`` makes into the same message."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise TypeError("Only attachments given as (filename, content, mimetype) can wait in the outbox.")
        filename, content, mimetype = attachment
        data = content.encode() if isinstance(content, str) else bytes(content)
        attachments.append([filename, base64.b64encode(data).decode("ascii"), mimetype])
    return {
        "from": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "subject": message.subject,
        "body": message.body,
        "content_subtype": message.content_subtype,
        "headers": dict(message.extra_headers),
        "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def message_from_record(record):
    message = EmailMultiAlternatives(
        subject=record["subject"],
        body=record["body"],
        from_email=record["from"],
        to=record["to"],
        cc=record["cc"],
        bcc=record["bcc"],
        reply_to=record["reply_to"],
        headers=record["headers"],
        alternatives=[tuple(alternative) for alternative in record["alternatives"]],
    )
    message.content_subtype = record["content_subtype"]
    for filename, data, mimetype in record["attachments"]:
        message.attach(filename, base64.b64decode(data), mimetype)
    return message
