"""``EMAIL_BACKEND``: mail that Django sends for the site and its libraries (allauth's
confirmations and password resets, Wagtail's workflow mails) goes into the outbox and is
sent by the task workers, through ``MAIL_DELIVERY_BACKEND``."""

from django.core.mail.backends.base import BaseEmailBackend

from .queue import queue_messages


class QueueBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        # Never silent: a message that cannot be stored raises, whatever fail_silently says.
        messages = [message for message in email_messages if message.recipients()]
        if not messages:
            return 0
        return queue_messages(messages)
