"""The site's periodic jobs that belong to no app of its own: Wagtail's scheduled
publishing, and keeping the session and task tables small. Each is a plain function,
listed with how often it runs in the setting ``PERIODIC_JOBS``."""

from io import StringIO

from django.conf import settings
from django.core.management import call_command


def _quietly(command, **options):
    out = StringIO()
    call_command(command, stdout=out, stderr=out, **options)
    return out.getvalue()


def publish_scheduled():
    """Publish what editors scheduled, and unpublish what has expired (Wagtail's own
    command: it publishes each due revision, which sends ``page_published`` as a publish
    by hand does, and unlocks the page)."""
    _quietly("publish_scheduled")


def clear_sessions():
    _quietly("clearsessions")


def prune_finished_tasks():
    """Finished tasks are kept a while so that failures can be looked into."""
    _quietly(
        "prune_db_task_results",
        min_age_days=settings.TASK_RESULTS_KEEP_DAYS,
        failed_min_age_days=settings.TASK_FAILURES_KEEP_DAYS,
    )


def collect_search_garbage():
    """Wagtail's daily clean-up of the search terms counted for promoted results."""
    _quietly("searchpromotions_garbage_collect")
