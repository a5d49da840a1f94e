"""What belonging to a group lets a member do in the Wagtail admin, kept in Wagtail's own
models: every group has two Django permission groups, "writers" (its members, admins
and owners) and "approvers" (its admins and owners), with page permissions on the
group's pages in every language, and a workflow in which the approvers (or the site's
editors and moderators) approve a post before it is published.

Writers may add posts under the group and edit their own (Wagtail's "add" permission);
they cannot publish, so their posts go to the workflow. Approvers may also edit the
group's posts. Leaving or being removed from a group takes the Django groups away."""

from django.contrib.auth.models import Group as PermissionGroup
from django.contrib.auth.models import Permission
from django.db import transaction

from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from access.models import Membership

SITE_REVIEWER_GROUPS = ("Editors", "Moderators")


def _name(group_key, kind):
    return f"Groep {group_key} {kind}"


def permission_groups(group_key):
    """The writers' and the approvers' Django groups of a group, made when missing."""
    writers, _ = PermissionGroup.objects.get_or_create(name=_name(group_key, "schrijvers"))
    approvers, _ = PermissionGroup.objects.get_or_create(name=_name(group_key, "beheerders"))
    return writers, approvers


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def set_up_group(group_page):
    """Give a group (in all its languages) its permission groups, page permissions and
    approval workflow. Safe to run again; it adds only what is missing."""
    key = group_page.translation_key
    writers, approvers = permission_groups(key)
    access_admin = _permission("wagtailadmin", "access_admin")
    add_page = _permission("wagtailcore", "add_page")
    change_page = _permission("wagtailcore", "change_page")
    writers.permissions.add(access_admin)
    approvers.permissions.add(access_admin)

    pages = list(type(group_page).objects.filter(translation_key=key))
    for page in pages:
        GroupPagePermission.objects.get_or_create(group=writers, page=page, permission=add_page)
        GroupPagePermission.objects.get_or_create(group=approvers, page=page, permission=add_page)
        GroupPagePermission.objects.get_or_create(group=approvers, page=page, permission=change_page)

    # Named after the group, in no language: Wagtail shows the names on buttons and in mail
    # in the reader's language ("Stuur door naar Menskracht", "Submit to Menskracht").
    workflow = Workflow.objects.filter(workflow_pages__page__in=pages).first() or Workflow.objects.create(
        name=group_page.title
    )
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=group_page.title)
        task.groups.set([approvers, *PermissionGroup.objects.filter(name__in=SITE_REVIEWER_GROUPS)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    _follow_the_groups_name(workflow, group_page.title)
    for page in pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def _follow_the_groups_name(workflow, title):
    """A renamed group's workflow and task take the new name, while both still carry the
    name they were given (an administrator's own name stays)."""
    tasks = [workflow_task.task for workflow_task in workflow.workflow_tasks.select_related("task")]
    if workflow.name == title or any(task.name != workflow.name for task in tasks):
        return
    for task in tasks:
        task.name = title
        task.save(update_fields=["name"])
    workflow.name = title
    workflow.save(update_fields=["name"])


def sync_member(user, group_key):
    """Put ``user`` in exactly the permission groups their membership of the group calls
    for (none when they are not, or not yet, a member)."""
    membership = Membership.objects.filter(user=user, group_key=group_key).first()
    writers, approvers = permission_groups(group_key)
    if membership is not None and membership.is_member:
        user.groups.add(writers)
    else:
        user.groups.remove(writers)
    if membership is not None and membership.is_manager:
        user.groups.add(approvers)
    else:
        user.groups.remove(approvers)
