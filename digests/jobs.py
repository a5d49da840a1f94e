"""The periodic job (``PERIODIC_JOBS``) that finds the members whose digest is due: those
with a daily, weekly or monthly digest whose previous period has not been done yet. It
runs every hour, so a digest goes out in the first hour after its period ends (in the
site's time zone), and a clock that stood still catches up when it runs again. Running
it twice enqueues a member twice at most; the task sends once."""

from django.utils import timezone

from notifications.models import DigestSettings

from .periods import FREQUENCIES, previous_period
from .tasks import send_member_digest


def due_members(now=None):
    """``[(user id, period key)]`` of every digest that is due at ``now``."""
    now = now or timezone.now()
    due = []
    for frequency in FREQUENCIES:
        period = previous_period(frequency, now)
        members = (
            DigestSettings.objects.filter(frequency=frequency, user__is_active=True)
            .exclude(last_sent_period=period.key)
            .order_by("user_id")
            .values_list("user_id", flat=True)
        )
        due.extend((user_id, period.key) for user_id in members.iterator())
    return due


def enqueue_due_digests(now=None):
    """Enqueue a digest task for every member who is due. Returns how many."""
    due = due_members(now)
    for user_id, period_key in due:
        send_member_digest.enqueue(user_id, period_key)
    return len(due)
