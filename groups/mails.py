"""The mails about a group: to its owners and admins when someone asks to join, to the
one who asked when they are answered, and to its members when a post is published in
it. Each is made in the reader's language and sent through the outbox, from a task
(tasks.py), once per event and member however often the task runs."""

from django.urls import reverse

from access.models import Membership
from access.policy import MANAGER_ROLES, MEMBER_ROLES, can_view
from accounts.member_mail import member_language, member_message, read_stop_token, stop_token
from core.links import absolute_url
from core.translations import version_in
from outbox.queue import send_event

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
    """Someone asked to join ``group`` (their pending membership is ``request_id``)."""

    def message_for(manager):
        if not _reachable(manager):
            return None
        language = member_language(manager)
        context = {
            "group": version_in(group, language),
            "requester": requester,
            "members_url": _group_url_for(group, language),
            "request_message": request_message,
        }
        return _message(manager, "join_request", context)

    request_message = Membership.objects.filter(pk=request_id).values_list("message", flat=True).first() or ""
    managers = Membership.objects.filter(group_key=group.translation_key, role__in=MANAGER_ROLES)
    users = (membership.user for membership in managers.select_related("user").order_by("pk"))
    return send_event(f"join-request:{request_id}", users, message_for)


def mail_requester(group, requester, accepted, request_id):
    """The request ``request_id`` to join ``group`` was accepted or refused."""

    def message_for(user):
        if not _reachable(user):
            return None
        language = member_language(user)
        context = {
            "group": version_in(group, language),
            "accepted": accepted,
            "group_url": _group_url_for(group, language, members=False),
        }
        return _message(user, "join_decision", context)

    return send_event(f"join-decision:{request_id}", [requester], message_for)


def mail_members_about_post(post, group):
    """A new post in ``group``: mail each member who wants to hear of them and may read
    it, but not its author, in their language, with a one-click way to stop. The event
    is the post in all its languages: whichever is published first is the news."""
    author = post.author.display_name if post.author else ""
    versions = {}

    def message_for(member):
        if not _reachable(member) or not can_view(member, post):
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
        }
        stop_url = reverse("group_mail_stop", args=[notify_token(member, group.translation_key)])
        return _message(member, "new_post", context, stop_url=stop_url)

    recipients = (
        Membership.objects.filter(group_key=group.translation_key, role__in=MEMBER_ROLES, notify_posts=True)
        .exclude(user_id=post.author_id)
        .select_related("user")
        .order_by("pk")
    )
    members = (membership.user for membership in recipients.iterator())
    return send_event(f"new-post:{post.translation_key}", members, message_for)
