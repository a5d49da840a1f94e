"""What the workflow mails (templates/wagtailadmin/notifications/) show that Wagtail does
not hand them: who took the last decision on a page in its approval workflow, and what
they wrote with it."""

from wagtail.models import TaskState, WorkflowState


def last_decision(page):
    """The page's most recently finished approval step (approved, or changes requested),
    with ``finished_by`` and ``get_comment()``; ``None`` when there is none."""
    return (
        TaskState.objects.filter(
            workflow_state__in=WorkflowState.objects.for_instance(page),
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        )
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
