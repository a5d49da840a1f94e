"""What belonging to a group lets a member do in the Wagtail admin, kept in Wagtail's own
models: every group has two Django permission groups, "writers" (its members, admins
and owners) and "approvers" (its admins and owners), with page permissions on the
group's pages in every language, an image collection of its own, and a workflow in which
the approvers (or the site's editors and moderators) approve a post before it is
published.

Writers may add posts under the group and edit their own (Wagtail's "add" permission);
they cannot publish, so their posts go to the workflow. They add pictures to their
group's collection and choose from it and from the shared collection, never from another
group's. Approvers may also edit the group's posts and its pictures. Leaving or being
removed from a group takes the Django groups away."""

from django.contrib.auth.models import Group as PermissionGroup
from django.contrib.auth.models import Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from access.models import Membership

from .image_collections import GroupImages

SITE_REVIEWER_GROUPS = ("Editors", "Moderators")
# Collections (names in the admin's image library): pictures every group may use, and the
# parent of the groups' own collections.
SHARED_COLLECTION = "Gedeeld"
GROUPS_COLLECTION = "Groepen"


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
    _give_images(group_page, writers, approvers)


def _collection_under(parent, name):
    existing = parent.get_children().filter(name=name).first()
    return existing or parent.add_child(instance=Collection(name=name))


def shared_collection():
    """The collection of pictures every group's writers may choose."""
    return _collection_under(Collection.get_first_root_node(), SHARED_COLLECTION)


def group_collection(group_page):
    """The group's own collection (made when missing, named after the group)."""
    link = GroupImages.objects.select_related("collection").filter(group_key=group_page.translation_key).first()
    if link is not None:
        collection = link.collection
        if collection.name != group_page.title:
            collection.name = group_page.title
            collection.save(update_fields=["name"])
            # Collections are kept in order of their names, and adding one relies on it: a
            # renamed collection left in its old place made the next insert move its
            # neighbours onto each other's paths.
            collection.move(collection.get_parent(), "sorted-child")
        return collection
    parent = _collection_under(Collection.get_first_root_node(), GROUPS_COLLECTION)
    collection = parent.add_child(instance=Collection(name=group_page.title))
    GroupImages.objects.create(group_key=group_page.translation_key, collection=collection)
    return collection


def _give_images(group_page, writers, approvers):
    own, shared = group_collection(group_page), shared_collection()
    granted = [
        (writers, own, "add_image"),
        (writers, own, "choose_image"),
        (writers, shared, "choose_image"),
        (approvers, own, "change_image"),
        (approvers, own, "delete_image"),
    ]
    for group, collection, codename in granted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission("wagtailimages", codename)
        )


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
