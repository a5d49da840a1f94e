"""The group mails and notifications, as tasks: the request, publication or review that
causes one enqueues it in its own transaction and answers at once; a worker makes and
sends them."""

from django.contrib.auth import get_user_model

from wagtail.models import Page

from django_tasks import task

from access.models import Membership

from .mails import mail_managers_about_request, mail_members_about_post, mail_requester, tell_author_about_review


def _page(page_id):
    return Page.objects.filter(pk=page_id).specific().first()


def _user(user_id):
    return get_user_model().objects.filter(pk=user_id).first()


@task()
def mail_join_request(group_id, requester_id, request_id):
    # A request withdrawn or answered before the worker came to it is no news.
    if not Membership.objects.filter(pk=request_id, role=Membership.Role.PENDING).exists():
        return 0
    group, requester = _page(group_id), _user(requester_id)
    if group is None or requester is None:
        return 0
    return mail_managers_about_request(group, requester, request_id)


@task()
def mail_join_decision(group_id, requester_id, accepted, request_id, manager_id=None):
    group, requester = _page(group_id), _user(requester_id)
    if group is None or requester is None:
        return 0
    return mail_requester(group, requester, accepted, request_id, manager=_user(manager_id) if manager_id else None)


@task()
def mail_group_about_post(post_id, group_id):
    post, group = _page(post_id), _page(group_id)
    # Unpublished again before the worker came to it: no news.
    if post is None or group is None or not post.live:
        return 0
    # Page types with tags (posts) are followed by them too.
    tags = getattr(post, "tags", None)
    tag_ids = list(tags.values_list("pk", flat=True)) if tags is not None else []
    return mail_members_about_post(post, group, tag_ids)


@task()
def tell_about_review(page_id, reviewer_id, approved, state_id):
    post = _page(page_id)
    if post is None:
        return 0
    return tell_author_about_review(post, _user(reviewer_id) if reviewer_id else None, approved, state_id)
