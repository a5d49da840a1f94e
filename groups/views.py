"""The group's own pages for membership: the members list, joining and leaving, and the
owners' and admins' management of members. All changes are POSTs with a security
token; a refusal is a 4xx page that says why, and changes nothing."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from wagtail.models import Page

from access.models import Membership
from access.policy import MEMBER_ROLES, is_site_editor
from core.pagination import paginate

from . import membership as rules
from .mails import read_notify_token

MEMBERS_PER_PAGE = 24
ROLE_ORDER = {"owner": 0, "admin": 1, "member": 2, "pending": 3}


def _refused(request, group, refusal, kept_message=""):
    return render(
        request,
        "groups/membership_problem.html",
        {"page": group, "message": refusal.message, "kept_message": kept_message},
        status=refusal.status,
    )


def _may_see_members(user, group, own):
    """An open group's members are listed for everyone; a closed group's only for its
    members and the site's editors."""
    if not group.is_closed:
        return True
    return is_site_editor(user) or (own is not None and own.is_member)


def members_page(group, request):
    own = rules.membership_of(request.user, group)
    if not _may_see_members(request.user, group, own):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))
        return render(
            request,
            "groups/membership_problem.html",
            {"page": group, "message": _("Only members of this closed group can see who is in it.")},
            status=403,
        )
    managing = rules.can_manage(request.user, group, own)
    rank = Case(*(When(role=role, then=Value(n)) for role, n in ROLE_ORDER.items()), output_field=IntegerField())
    members = (
        Membership.objects.filter(group_key=group.translation_key, role__in=MEMBER_ROLES)
        .select_related("user")
        .annotate(rank=rank)
        .order_by("rank", "user__display_name", "pk")
    )
    page = paginate(request, members, MEMBERS_PER_PAGE)
    rows = list(page.object_list)
    pending = (
        list(
            Membership.objects.filter(group_key=group.translation_key, role=Membership.Role.PENDING)
            .select_related("user")
            .order_by("created_at")
        )
        if managing
        else []
    )
    return render(
        request,
        "groups/members_page.html",
        {
            "page": group,
            "self": group,
            "members_page": page,
            "members": rows,
            "pending": pending,
            "own": own,
            "managing": managing,
            "is_owner": is_site_editor(request.user) or (own is not None and own.role == Membership.Role.OWNER),
        },
    )


OWN_ACTIONS = {
    "cancel": (rules.cancel_request, _("Your request has been withdrawn.")),
    "leave": (rules.leave, _("You have left the group.")),
}


def own_membership(group, request):
    """Join (or ask to join), cancel a request, leave, or switch the new-post mails."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(group.url, login_url=reverse("account_login"))
    action = request.POST.get("action", "")
    try:
        if action in ("notify_on", "notify_off"):
            rules.set_notify(request.user, group, action == "notify_on")
            done = (
                _("You will get an e-mail for each new post.")
                if action == "notify_on"
                else _("You will no longer get e-mails about new posts in this group.")
            )
        elif action == "join":
            result = rules.join(request.user, group, request.POST.get("message", ""))
            done = (
                _("Your request has been sent. The group's admins will answer it.")
                if result.role == Membership.Role.PENDING
                else _("Welcome! You are now a member of this group.")
            )
        elif action in OWN_ACTIONS:
            change, done = OWN_ACTIONS[action]
            change(request.user, group)
        else:
            raise rules.MembershipRefused(400, _("That is not something you can do in a group."))
    except rules.MembershipRefused as refusal:
        return _refused(request, group, refusal, kept_message=request.POST.get("message", ""))
    messages.success(request, done)
    return redirect(group.url)


def what_was_done(action, name, group, new_role):
    """The sentence a manager reads after acting on a member: who, and what now."""
    values = {"name": name, "group": group}
    if action == "accept":
        return _("%(name)s is now a member of %(group)s.") % values
    if action == "refuse":
        return _("The request of %(name)s to join %(group)s has been refused.") % values
    if action == "remove":
        return _("%(name)s is no longer a member of %(group)s.") % values
    return _("%(name)s is now %(role)s of %(group)s.") % {**values, "role": Membership.Role(new_role).label}


def manage_member(group, request, member_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if member_id >= 2**63:  # beyond any id the database can hold (SQLite would overflow)
        return _refused(request, group, rules.MembershipRefused(404, rules.NOT_IN_GROUP))
    if not request.user.is_authenticated:
        return redirect_to_login(group.url, login_url=reverse("account_login"))
    members = Membership.objects.filter(group_key=group.translation_key).select_related("user")
    target = members.filter(user_id=member_id).first()
    action = request.POST.get("action", "")
    try:
        new_role = rules.manage(request.user, group, member_id, action)
    except rules.MembershipRefused as refusal:
        return _refused(request, group, refusal)
    messages.success(request, what_was_done(action, target.user.display_name, group.title, new_role))
    return redirect(group.members_url())


@csrf_exempt  # mail clients send the one-click POST (RFC 8058) without a session or token
def stop_new_post_mails(request, token):
    """One click from a new-post mail stops those mails for that group; no log-in needed."""
    found = read_notify_token(token)
    if found is None:
        return HttpResponseBadRequest(_("This link is not valid (any more)."))
    user_id, group_key = found
    Membership.objects.filter(user_id=user_id, group_key=group_key).update(notify_posts=False)
    group = Page.objects.filter(translation_key=group_key, live=True).order_by("pk").first()
    return render(request, "groups/mails_stopped.html", {"group": group})
