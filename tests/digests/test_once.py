"""Two workers that take the same member's digest at the same moment (the job run twice at
once, each enqueueing it) send it once: the second waits for the first's row lock and
finds the period done. On SQLite and on PostgreSQL, with real connections in threads."""

import threading

from django.core import mail
from django.db import connection

import pytest

from digests.jobs import enqueue_due_digests
from digests.mails import send_digest
from notifications.models import DigestSettings
from outbox.models import Mail

from .helpers import IN, NOW, WEEK, join, member, post_in


def at_once(function, times=2):
    start = threading.Barrier(times)
    results, errors = [], []

    def run():
        try:
            start.wait()
            results.append(function())
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_one_digest(group):
    nina = member("nina@samen.test", "Nina de Vries")
    join(nina, group)
    post_in(group, "Nieuw in Menskracht", IN)

    assert sorted(at_once(lambda: send_digest(nina.pk, WEEK))) == [0, 1]
    assert Mail.objects.filter(event=f"digest:{WEEK}").count() == 1
    assert len(mail.outbox) == 1
    assert DigestSettings.objects.get(user=nina).last_sent_period == WEEK

    # The next week, the job itself run twice at once: one mail more.
    post_in(group, "Nog nieuwer", IN.replace(day=12))
    later = NOW.replace(day=18)
    assert sum(at_once(lambda: enqueue_due_digests(now=later))) in (1, 2)
    assert Mail.objects.filter(event="digest:2026-W11").count() == 1
    assert len(mail.outbox) == 2
    assert DigestSettings.objects.get(user=nina).last_sent_period == "2026-W11"
