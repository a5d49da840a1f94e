"""The digest as a task: the periodic job (jobs.py) enqueues one per member who is due,
and a worker makes and sends it."""

from django_tasks import task

from .mails import send_digest


@task()
def send_member_digest(user_id, period_key):
    return send_digest(user_id, period_key)
