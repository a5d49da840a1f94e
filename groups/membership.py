"""Joining, leaving and managing a group's members. Each function checks the rules,
changes the membership, gives or takes the matching admin rights (rights.py) and sends
the mails that go with it. A refusal raises ``MembershipRefused`` with the status and a
sentence for the member; nothing is changed then."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.models import Membership
from access.policy import MANAGER_ROLES, MEMBER_ROLES, can_view, forget_facts, is_site_editor
from accounts.member_mail import member_language, read_stop_token, send_member_mail, stop_token
from core.links import absolute_url
from core.translations import version_in

from .rights import sync_member

Role = Membership.Role
NOTIFY_SALT = "samen.groups.new-posts"


NOT_IN_GROUP = gettext_lazy("That person is not a member of this group and has not asked to join.")


class MembershipRefused(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def membership_of(user, group):
    if not (user and user.is_authenticated):
        return None
    return Membership.objects.filter(user=user, group_key=group.translation_key).first()


def members_of(group):
    return Membership.objects.filter(group_key=group.translation_key, role__in=MEMBER_ROLES)


def member_count(group):
    return members_of(group).count()


def can_manage(user, group, membership=None):
    """Owners and admins of the group, and the site's editors, manage its members."""
    if is_site_editor(user):
        return True
    membership = membership if membership is not None else membership_of(user, group)
    return membership is not None and membership.role in MANAGER_ROLES


def _changed(user, group):
    sync_member(user, group.translation_key)
    forget_facts()


def join(user, group):
    """Join an open group at once, or ask to join a closed one. Returns the membership."""
    current = membership_of(user, group)
    if current is not None:
        if current.role == Role.PENDING:
            raise MembershipRefused(400, _("Your request to join this group is already waiting for an answer."))
        raise MembershipRefused(400, _("You are already a member of this group."))
    role = Role.PENDING if group.is_closed else Role.MEMBER
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, group_key=group.translation_key, role=role)
    except IntegrityError:  # a second click that arrived at the same moment
        raise MembershipRefused(400, _("You are already a member of this group.")) from None
    _changed(user, group)
    if role == Role.PENDING:
        _mail_managers_about_request(group, user)
    return membership


def cancel_request(user, group):
    current = membership_of(user, group)
    if current is None or current.role != Role.PENDING:
        raise MembershipRefused(400, _("You have no request to join this group."))
    current.delete()
    _changed(user, group)


def leave(user, group):
    current = membership_of(user, group)
    if current is None or not current.is_member:
        raise MembershipRefused(400, _("You are not a member of this group."))
    if current.role == Role.OWNER and not _other_owners(group, user).exists():
        raise MembershipRefused(400, _("You are the group's only owner. Make another member owner first, then leave."))
    current.delete()
    _changed(user, group)


def set_notify(user, group, on):
    current = membership_of(user, group)
    if current is None or not current.is_member:
        raise MembershipRefused(400, _("You are not a member of this group."))
    current.notify_posts = on
    current.save(update_fields=["notify_posts", "changed_at"])


def _other_owners(group, user):
    return Membership.objects.filter(group_key=group.translation_key, role=Role.OWNER).exclude(user=user)


# What an owner or admin may do to another member: action -> {role before: role after}.
# Only owners may touch admins and owners; nobody acts on themselves (they leave instead).
CHANGES = {
    "accept": {Role.PENDING: Role.MEMBER},
    "refuse": {Role.PENDING: None},
    "promote": {Role.MEMBER: Role.ADMIN, Role.ADMIN: Role.OWNER},
    "demote": {Role.ADMIN: Role.MEMBER, Role.OWNER: Role.ADMIN},
    "remove": {Role.MEMBER: None, Role.ADMIN: None},
}
OWNERS_ONLY = {Role.ADMIN, Role.OWNER}


def manage(actor, group, member_id, action):
    """Accept, refuse, promote, demote or remove the member ``member_id`` of ``group``."""
    if action not in CHANGES:
        raise MembershipRefused(400, _("That is not something you can do to a member."))
    actor_membership = membership_of(actor, group)
    if not can_manage(actor, group, actor_membership):
        raise MembershipRefused(403, _("Only the group's owners and admins can manage its members."))
    target = (
        Membership.objects.select_related("user").filter(group_key=group.translation_key, user_id=member_id).first()
    )
    if target is None:
        raise MembershipRefused(404, NOT_IN_GROUP)
    if target.user_id == actor.pk:
        raise MembershipRefused(400, _("You cannot change your own membership here; to go, leave the group."))
    change = CHANGES[action]
    if target.role not in change:
        raise MembershipRefused(400, _("That cannot be done to a member with this role."))
    actor_is_owner = is_site_editor(actor) or (actor_membership is not None and actor_membership.role == Role.OWNER)
    touches_owners_or_admins = target.role in OWNERS_ONLY or change[target.role] == Role.OWNER
    if touches_owners_or_admins and not actor_is_owner:
        raise MembershipRefused(403, _("Only an owner can change the role of an admin or an owner."))

    new_role = change[target.role]
    was_pending = target.role == Role.PENDING
    user = target.user
    if new_role is None:
        target.delete()
    else:
        target.role = new_role
        target.save(update_fields=["role", "changed_at"])
    _changed(user, group)
    if was_pending:
        _mail_requester(group, user, accepted=new_role is not None)
    return new_role


def _group_url_for(group, language, members=True):
    version = group.get_translations(inclusive=True).filter(locale__language_code=language, live=True).first()
    page = (version or group).specific
    return absolute_url(page.members_url() if members else (page.url or "/"))


def _send(user, template, context, stop_url=None):
    send_member_mail(
        user, f"groups/email/{template}_subject.txt", f"groups/email/{template}.txt", context, stop_url=stop_url
    )


def _mail_managers_about_request(group, requester):
    managers = Membership.objects.filter(group_key=group.translation_key, role__in=MANAGER_ROLES).select_related("user")
    for membership in managers:
        manager = membership.user
        if not (manager.is_active and manager.email):
            continue
        language = member_language(manager)
        context = {
            "group": version_in(group, language),
            "requester": requester,
            "members_url": _group_url_for(group, language),
        }
        _send(manager, "join_request", context)


def _mail_requester(group, requester, accepted):
    if not (requester.is_active and requester.email):
        return
    language = member_language(requester)
    context = {
        "group": version_in(group, language),
        "accepted": accepted,
        "group_url": _group_url_for(group, language, members=False),
    }
    _send(requester, "join_decision", context)


def notify_token(user, group_key):
    return stop_token(user, group_key, NOTIFY_SALT, field="g")


def read_notify_token(token):
    return read_stop_token(token, NOTIFY_SALT, field="g")


def mail_members_about_post(post, group):
    """A new post in ``group``: mail each member who wants to hear of them and may read
    it, but not its author, in their language, with a one-click way to stop."""
    recipients = members_of(group).filter(notify_posts=True).exclude(user_id=post.author_id).select_related("user")
    for membership in recipients:
        member = membership.user
        if not (member.is_active and member.email) or not can_view(member, post):
            continue
        version = version_in(post, member_language(member))
        context = {
            "post_title": version.title,
            "post_url": absolute_url(version.url),
            "author": post.author.display_name if post.author else "",
            "group": version.get_parent().specific if version.get_parent() else group,
        }
        _send(
            member,
            "new_post",
            context,
            stop_url=reverse("group_mail_stop", args=[notify_token(member, group.translation_key)]),
        )
