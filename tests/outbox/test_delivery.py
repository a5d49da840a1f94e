"""The outbox against a real SMTP server on this machine (aiosmtpd): a batch goes over
one connection, a server that is down or refuses for now keeps the mail waiting with a
longer wait after every attempt, a permanent refusal fails it, and nothing is ever sent
twice. Tasks run at once here (the immediate backend); tests/background/ runs the same
outbox with the database queue and real worker processes."""

import logging
from datetime import timedelta

from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from outbox.delivery import claim, send_batch
from outbox.maintenance import send_due_mail
from outbox.models import Mail
from outbox.queue import queue_messages, send_event
from tests.mailserver import MailServer, free_port

pytestmark = pytest.mark.django_db

Status = Mail.Status


def message(to="mila@samen.test", subject="Nieuwe reactie", **extra):
    return EmailMultiAlternatives(subject, "Er is gereageerd.", "Samen <noreply@samen.test>", [to], **extra)


@pytest.fixture
def smtp_settings(settings):
    def point_at(port):
        settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5

    settings.MAIL_RETRY_DELAYS = [60, 300]
    return point_at


@pytest.fixture
def smtp(smtp_settings):
    server = MailServer().start()
    smtp_settings(server.port)
    yield server
    server.stop()


def the_minute_passes(**delta):
    """Move every waiting mail's next attempt a minute (or ``delta``) into the past."""
    Mail.objects.update(next_attempt_at=F("next_attempt_at") - timedelta(**(delta or {"seconds": 61})))


def test_every_part_of_a_message_survives_the_outbox():
    original = message(
        cc=["cc@samen.test"],
        bcc=["bcc@samen.test"],
        reply_to=["redactie@samen.test"],
        headers={"List-Unsubscribe": "<https://samen.example/stop/>"},
    )
    original.attach_alternative("<p>Er is <b>gereageerd</b>.</p>", "text/html")
    original.attach("verslag.txt", "Notulen", "text/plain")
    assert original.send() == 1

    [sent] = mail.outbox
    assert (sent.subject, sent.body, sent.from_email) == (original.subject, original.body, original.from_email)
    assert (sent.to, sent.cc, sent.bcc, sent.reply_to) == (original.to, original.cc, original.bcc, original.reply_to)
    assert sent.alternatives == [("<p>Er is <b>gereageerd</b>.</p>", "text/html")]
    assert sent.attachments == [("verslag.txt", "Notulen", "text/plain")]
    assert sent.extra_headers["List-Unsubscribe"] == "<https://samen.example/stop/>"
    row = Mail.objects.get()
    assert row.status == Status.SENT and row.sent_at is not None
    assert row.to == "mila@samen.test, cc@samen.test, bcc@samen.test"
    assert sent.extra_headers["Message-ID"], "a Message-ID of the outbox's own, the same on every attempt"


def test_django_mail_of_the_libraries_goes_through_the_outbox():
    send_mail("Bevestig je adres", "Klik op de link.", None, ["nieuw@samen.test"])
    assert Mail.objects.get().subject == "Bevestig je adres"
    assert [m.to for m in mail.outbox] == [["nieuw@samen.test"]]


def test_a_batch_goes_over_one_connection(smtp, settings):
    queue_messages([message(to=f"lid{n}@samen.test") for n in range(5)])
    assert sorted(smtp.recipients()) == sorted(f"lid{n}@samen.test" for n in range(5))
    assert smtp.connections == 1

    settings.MAIL_BATCH_SIZE = 2
    queue_messages([message(to=f"ander{n}@samen.test") for n in range(5)])
    assert smtp.connections == 1 + 3, "five mails in batches of two: three connections"
    assert Mail.objects.filter(status=Status.SENT).count() == 10


def test_a_server_that_is_down_keeps_the_mail_waiting_and_it_arrives_once_when_it_is_back(smtp_settings, caplog):
    port = free_port()
    smtp_settings(port)
    before = timezone.now()
    with caplog.at_level(logging.WARNING, logger="outbox"):
        queue_messages([message(to="mila@samen.test"), message(to="bram@samen.test")])

    rows = list(Mail.objects.order_by("pk"))
    assert {row.status for row in rows} == {Status.WAITING}
    assert {row.attempts for row in rows} == {1}
    for row in rows:
        assert before + timedelta(seconds=60) <= row.next_attempt_at <= timezone.now() + timedelta(seconds=60)
        assert "Connection refused" in row.last_error or "ConnectionRefused" in row.last_error
    assert "not sent (attempt 1); it waits until" in caplog.text

    # Not yet due: the sweep leaves them alone, the server being back or not.
    server = MailServer(port=port).start()
    try:
        assert send_due_mail() == 0
        assert server.received == []
        # A minute later they are due: sent, once each, and never again.
        the_minute_passes()
        assert send_due_mail() == 2
        assert sorted(server.recipients()) == ["bram@samen.test", "mila@samen.test"]
        the_minute_passes(days=1)
        assert send_due_mail() == 0
        assert len(server.received) == 2
    finally:
        server.stop()
    assert set(Mail.objects.values_list("status", flat=True)) == {Status.SENT}


def test_the_wait_grows_and_the_mail_fails_after_the_last_attempt(smtp_settings, caplog):
    smtp_settings(free_port())
    queue_messages([message()])
    row = Mail.objects.get()
    assert timedelta(seconds=55) < row.next_attempt_at - timezone.now() <= timedelta(seconds=60)
    the_minute_passes()
    send_due_mail()
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.WAITING, 2)
    assert timedelta(seconds=295) < row.next_attempt_at - timezone.now() <= timedelta(seconds=300), "then 300 s"

    the_minute_passes(seconds=301)
    with caplog.at_level(logging.ERROR, logger="outbox"):
        send_due_mail()
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.FAILED, 3)
    assert "gave up after 3 attempts" in row.last_error
    assert "failed for good" in caplog.text


def test_a_refusal_for_now_waits_and_a_permanent_one_fails_at_once(smtp, caplog):
    smtp.refuse = {"vol@samen.test": "452 4.2.2 Mailbox full", "weg@samen.test": "550 5.1.1 No such user"}
    with caplog.at_level(logging.WARNING, logger="outbox"):
        queue_messages([message(to="vol@samen.test"), message(to="weg@samen.test"), message(to="ok@samen.test")])
    status = dict(Mail.objects.values_list("to", "status"))
    assert status == {"vol@samen.test": Status.WAITING, "weg@samen.test": Status.FAILED, "ok@samen.test": Status.SENT}
    assert "550" in Mail.objects.get(to="weg@samen.test").last_error
    assert "452" in Mail.objects.get(to="vol@samen.test").last_error
    assert smtp.recipients() == ["ok@samen.test"]
    assert "failed for good" in caplog.text


def test_a_message_that_cannot_be_made_fails_at_once_and_the_batch_goes_on(smtp):
    broken = message(to="a@samen.test")
    queue_messages([broken, message(to="b@samen.test")])
    assert smtp.recipients() == ["a@samen.test", "b@samen.test"]
    # A header with a line break is refused when the message is built, not by the server.
    Mail.objects.filter(to="a@samen.test").update(
        status=Status.WAITING, message={**Mail.objects.get(to="a@samen.test").message, "subject": "Hoi\nBcc: x@y"}
    )
    send_due_mail()
    row = Mail.objects.get(to="a@samen.test")
    assert row.status == Status.FAILED
    assert "newlines" in row.last_error


def test_an_event_mails_each_recipient_once_however_often_it_is_handled():
    people = ["mila", "bram", "sanne"]

    def build(name):
        return message(to=f"{name}@samen.test")

    assert send_event("reaction:7", people, build, recipient_key=str) == 3
    assert send_event("reaction:7", people, build, recipient_key=str) == 0
    assert send_event("reaction:7", [*people, "youssef"], build, recipient_key=str) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"{n}@samen.test" for n in [*people, "youssef"])
    assert send_event("reaction:8", ["mila"], build, recipient_key=str) == 1, "another event is news again"


def test_an_event_may_skip_a_recipient():
    assert (
        send_event(
            "reaction:9",
            ["mila", "bram"],
            lambda n: message(to=f"{n}@x.test") if n == "bram" else None,
            recipient_key=str,
        )
        == 1
    )
    assert [m.to for m in mail.outbox] == [["bram@x.test"]]


def test_a_row_is_sent_by_one_task_only(settings):
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queue_messages([message(to="a@samen.test"), message(to="b@samen.test")])
    ids = list(Mail.objects.values_list("pk", flat=True))
    assert len(claim(ids, "task-one")) == 2
    assert claim(ids, "task-two") == [], "claimed rows are not taken again"
    assert send_batch(ids, "task-two") == (0, {})
    assert mail.outbox == []


def test_a_claim_left_by_a_task_that_ended_is_taken_over(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queue_messages([message()])
    row = Mail.objects.get()
    task = DBTaskResult.objects.get(pk=row.task_id)
    assert claim([row.pk], row.task_id) == [row]
    assert claim([row.pk], "another") == [], "its task is still running"
    task.status = "FAILED"
    task.save(update_fields=["status"])
    [taken] = claim([row.pk], "another")
    assert taken.task_id == "another"


def test_a_claim_older_than_the_timeout_is_taken_over(settings):
    queue_messages([message()])
    row = Mail.objects.get()
    Mail.objects.filter(pk=row.pk).update(status=Status.SENDING, task_id="gone", claimed_at=timezone.now())
    assert claim([row.pk], "another") == []
    later = timezone.now() + timedelta(seconds=settings.MAIL_SENDING_TIMEOUT + 1)
    assert [m.pk for m in claim([row.pk], "another", now=later)] == [row.pk]


def test_a_change_that_is_rolled_back_leaves_no_mail_and_no_task(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_messages([message()])
        assert Mail.objects.count() == 1 and DBTaskResult.objects.count() == 1
        raise RuntimeError("the change failed")
    assert Mail.objects.count() == 0
    assert DBTaskResult.objects.count() == 0

    queue_messages([message()])
    assert Mail.objects.get().status == Status.WAITING, "sent by a worker, not in the request"
    assert DBTaskResult.objects.get().task_path == "outbox.tasks.deliver_mail"
