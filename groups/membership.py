"""Joining, leaving and managing a group's members. Each function checks the rules,
changes the membership, gives or takes the matching admin rights (rights.py) and sends
the mails that go with it. A refusal raises ``MembershipRefused`` with the status and a
sentence for the member; nothing is changed then."""

from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.models import Membership
from access.policy import MANAGER_ROLES, MEMBER_ROLES, forget_facts, is_site_editor

from .rights import sync_member
from .tasks import mail_join_decision, mail_join_request

Role = Membership.Role


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


def own_role_in(user):
    """The role of ``user`` in the group of each row (a group page's query), or None: an
    annotation, so that a group page reads it with its other numbers."""
    if not (user and user.is_authenticated):
        return Value(None, output_field=CharField())
    own = Membership.objects.filter(user_id=user.pk, group_key=OuterRef("translation_key"))
    return Subquery(own.values("role")[:1])


def membership_with_role(user, group, role):
    """``user``'s membership of ``group`` as read by ``own_role_in``: what the group page
    shows (the role, and whether it makes a member or a manager), or None."""
    if role is None or not (user and user.is_authenticated):
        return None
    return Membership(user=user, group_key=group.translation_key, role=role)


def members_of(group):
    return Membership.objects.filter(group_key=group.translation_key, role__in=MEMBER_ROLES)


def member_count(group):
    return members_of(group).count()


def counted(roles):
    """How many memberships with one of ``roles`` the outer query's group has, as a subquery
    (the outer query is of group pages)."""
    rows = Membership.objects.filter(group_key=OuterRef("translation_key"), role__in=roles).order_by()
    return Coalesce(Subquery(rows.values("group_key").annotate(n=Count("pk")).values("n")), 0)


def can_manage(user, group, membership=None):
    """Owners and admins of the group, and the site's editors, manage its members."""
    if is_site_editor(user):
        return True
    membership = membership if membership is not None else membership_of(user, group)
    return membership is not None and membership.role in MANAGER_ROLES


def _changed(user, group):
    sync_member(user, group.translation_key)
    forget_facts()


REQUEST_MESSAGE_MAX = Membership._meta.get_field("message").max_length


def join(user, group, message=""):
    """Join an open group at once, or ask to join a closed one, with a ``message`` for its
    owners and admins. Returns the membership."""
    message = (message or "").strip()
    if len(message) > REQUEST_MESSAGE_MAX:
        raise MembershipRefused(
            400,
            _("Your message is %(length)d characters long; at most %(max)d fit. Shorten it and send it again.")
            % {"length": len(message), "max": REQUEST_MESSAGE_MAX},
        )
    current = membership_of(user, group)
    if current is not None:
        if current.role == Role.PENDING:
            raise MembershipRefused(400, _("Your request to join this group is already waiting for an answer."))
        raise MembershipRefused(400, _("You are already a member of this group."))
    role = Role.PENDING if group.is_closed else Role.MEMBER
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user,
                group_key=group.translation_key,
                role=role,
                message=message if role == Role.PENDING else "",
            )
            if role == Role.PENDING:
                mail_join_request.enqueue(group.pk, user.pk, membership.pk)
    except IntegrityError:  # a second click that arrived at the same moment
        raise MembershipRefused(400, _("You are already a member of this group.")) from None
    _changed(user, group)
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
    request_id = target.pk
    with transaction.atomic():
        if new_role is None:
            target.delete()
        else:
            target.role = new_role
            target.save(update_fields=["role", "changed_at"])
        if was_pending:
            mail_join_decision.enqueue(group.pk, user.pk, new_role is not None, request_id, actor.pk)
    _changed(user, group)
    return new_role
