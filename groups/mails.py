"""The mails about a group: to its owners and admins when someone asks to join, to the
one who asked when they are answered, and to its members when a post is published in
it, and to the author of a post when it is approved or sent back. Each goes through
notifications.events.notify, which obeys the member's preference for that kind; a mail
is made here in the reader's language and sent through the outbox, from a task
(tasks.py), once per event and member however often the task runs."""

from itertools import chain

from django.urls import reverse

from access.models import Membership
from access.page_types import ReadByAccessLevel
from access.policy import MANAGER_ROLES, MEMBER_ROLES
from accounts.member_mail import member_language, member_message, read_stop_token, stop_token
from core.links import absolute_url
from core.translations import version_in
from notifications.events import notify
from notifications.follows import followers_of
from notifications.models import Kind

NOTIFY_SALT = "samen.groups.new-posts"


def notify_token(user, group_key):
    return stop_token(user, group_key, NOTIFY_SALT, field="g")


def read_notify_token(token):
    return read_stop_token(token, NOTIFY_SALT, field="g")


def _reachable(user):
    return user is not None and user.is_active and bool(user.email)


def _group_url_for(group, language, members=True):
    version = group.get_translations(inclusive=True).filter(locale__language_code=language, live=True).first()
    page = (version or group).specific
    return absolute_url(page.members_url() if members else (page.url or "/"))


def _message(user, template, context, stop_url=None):
    return member_message(
        user, f"groups/email/{template}_subject.txt", f"groups/email/{template}.txt", context, stop_url=stop_url
    )


def mail_managers_about_request(group, requester, request_id):
    """Someone asked to join ``group`` (their pending membership is ``request_id``): its
    owners and admins hear of it as their preference for join requests says."""

    def message_for(manager, stop_kind_url):
        if not _reachable(manager):
            return None
        language = member_language(manager)
        context = {
            "group": version_in(group, language),
            "requester": requester,
            "members_url": _group_url_for(group, language),
            "request_message": request_message,
        }
        return _message(manager, "join_request", context, stop_url=stop_kind_url)

    request_message = Membership.objects.filter(pk=request_id).values_list("message", flat=True).first() or ""
    managers = Membership.objects.filter(group_key=group.translation_key, role__in=MANAGER_ROLES)
    users = (membership.user for membership in managers.select_related("user").order_by("pk"))
    told = notify(
        Kind.JOIN_REQUEST,
        users,
        actor=requester,
        page=group,
        group_page=group,
        mail=message_for,
        event=f"join-request:{request_id}",
    )
    return len(told)


def mail_requester(group, requester, accepted, request_id, manager=None):
    """The request ``request_id`` to join ``group`` was accepted or refused (by ``manager``)."""

    def message_for(user, stop_kind_url):
        if not _reachable(user):
            return None
        language = member_language(user)
        context = {
            "group": version_in(group, language),
            "accepted": accepted,
            "group_url": _group_url_for(group, language, members=False),
        }
        return _message(user, "join_decision", context, stop_url=stop_kind_url)

    told = notify(
        Kind.JOIN_DECISION,
        [requester],
        actor=manager,
        page=group,
        group_page=group,
        outcome="accepted" if accepted else "refused",
        mail=message_for,
        event=f"join-decision:{request_id}",
    )
    return len(told)


def mail_members_about_post(post, group, tag_ids=()):
    """A new post in ``group``: tell each member who wants to hear of its new posts, and
    everyone who follows its author or one of its tags (``tag_ids``), each once and never
    its author, as their preference for new posts says, if they may read it. A mail is in
    the member's language, with a one-click way to stop: a member of the group stops the
    mails of this group, anyone else the mails about new posts. The event is the post in
    all its languages: whichever is published first is the news."""
    author = post.author.display_name if post.author else ""
    versions = {}
    memberships = Membership.objects.filter(
        group_key=group.translation_key, role__in=MEMBER_ROLES, notify_posts=True
    ).exclude(user_id=post.author_id)
    in_group = set(memberships.values_list("user_id", flat=True))

    def message_for(member, stop_kind_url):
        if not _reachable(member):
            return None
        language = member_language(member)
        if language not in versions:
            version = version_in(post, language)
            parent = version.get_parent()
            versions[language] = (version, parent.specific if parent else group)
        version, version_group = versions[language]
        context = {
            "post_title": version.title,
            "post_url": absolute_url(version.url),
            "author": author,
            "group": version_group,
            "as_member": member.pk in in_group,
            "stop_kind_url": absolute_url(stop_kind_url),
        }
        if member.pk in in_group:
            stop_url = reverse("group_mail_stop", args=[notify_token(member, group.translation_key)])
        else:
            stop_url = stop_kind_url
        return _message(member, "new_post", context, stop_url=stop_url)

    members = (membership.user for membership in memberships.select_related("user").order_by("pk").iterator())
    followers = followers_of(post.author_id, tag_ids).exclude(pk__in=in_group).iterator()
    told = notify(
        Kind.NEW_POST,
        chain(members, followers),
        actor=post.author,
        page=post,
        group_page=group,
        mail=message_for,
        event=f"new-post:{post.translation_key}",
    )
    return len(told)


def tell_author_about_review(post, reviewer, approved, state_id):
    """The author of ``post`` hears that it was approved or sent back by ``reviewer``."""
    author = post.author if isinstance(post, ReadByAccessLevel) else None
    if author is None:
        return 0
    told = notify(
        Kind.POST_REVIEW,
        [author],
        actor=reviewer,
        page=post,
        group_page=post.get_parent(),
        outcome="approved" if approved else "sent-back",
        event=f"post-review:{state_id}:{'approved' if approved else 'sent-back'}",
    )
    return len(told)
