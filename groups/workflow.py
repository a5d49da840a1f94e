"""How a finished approval workflow publishes (``WAGTAIL_FINISH_WORKFLOW_ACTION``). Kept
apart from rights.py: Wagtail imports this while its own models are still loading."""


def publish_approved(workflow_state, user=None):
    """What finishing an approval workflow does (``WAGTAIL_FINISH_WORKFLOW_ACTION``):
    publish the approved revision. Approving the last task is the permission: a group's
    admins and the site's editors may approve without holding Wagtail's "publish"
    permission, which would let them skip the approval for their own posts."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
