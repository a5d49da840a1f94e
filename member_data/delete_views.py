"""Leaving the site: the member's "Delete my account" page and the page that says it is
gone; the editors' "Delete account" in the admin and their trash of posts left behind.

The member's page asks allauth to have them prove who they are again (their password, a
second factor or their single sign-on), however long ago they logged in."""

from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wagtail.admin import messages
from wagtail.users.utils import user_can_delete_user

from allauth.account.decorators import reauthentication_required

from access.policy import is_site_editor
from blog.models import BlogPage, PostLeftBehind
from engagement.models import Reaction
from groups.models import GroupPage

from .delete_forms import DeleteAccountForm, EditorDeleteAccountForm
from .deletion import delete_member, group_owner_of

GONE_FLAG = "samen_account_deleted"


def _what_they_leave(member):
    """What the page tells the member (or editor) they are choosing about."""
    return {
        "reaction_count": Reaction.objects.filter(user=member).count(),
        "post_count": BlogPage.objects.filter(author=member).values("translation_key").distinct().count(),
    }


@never_cache
@login_required
@reauthentication_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    if request.method == "POST":
        form = DeleteAccountForm(request.POST)
        if form.is_valid():
            delete_member(request.user, reactions=form.cleaned_data["reactions"], posts=form.cleaned_data["posts"])
            logout(request)
            request.session[GONE_FLAG] = True
            return redirect("member_data:deleted")
        status = 400
    else:
        form = DeleteAccountForm()
        status = 200
    context = {"form": form, **_what_they_leave(request.user)}
    return render(request, "member_data/delete_account.html", context, status=status)


@never_cache
@require_safe
def account_deleted(request):
    """The goodbye page; only right after a deletion, else back to the home page."""
    if not request.session.pop(GONE_FLAG, False):
        return redirect("/")
    return render(request, "member_data/delete_done.html")


def _member_to_delete(request, user_id):
    member = get_object_or_404(get_user_model(), pk=user_id)
    if not user_can_delete_user(request.user, member):
        raise PermissionDenied
    return member


@require_http_methods(["GET", "HEAD", "POST"])
def admin_delete_member(request, user_id):
    """Wagtail's own user delete view comes here (member_data/wagtail_hooks.py)."""
    member = _member_to_delete(request, user_id)
    if request.method == "POST":
        form = EditorDeleteAccountForm(request.POST)
        if form.is_valid():
            delete_member(
                member,
                reactions=form.cleaned_data["reactions"],
                posts=form.cleaned_data["posts"],
                editor=request.user,
            )
            messages.success(request, _("The account was deleted."))
            return redirect("wagtailusers_users:index")
        status = 400
    else:
        form = EditorDeleteAccountForm()
        status = 200
    context = {"form": form, "member": member, **_what_they_leave(member)}
    return render(request, "member_data/delete_admin.html", context, status=status)


def may_decide_on_left_posts(user):
    return is_site_editor(user)


def _left_behind():
    return PostLeftBehind.objects.select_related("page", "page__locale").order_by("-left_at", "pk")


@require_safe
def posts_left_behind(request):
    """The editors' trash: posts taken offline when their authors left."""
    if not may_decide_on_left_posts(request.user):
        raise PermissionDenied
    rows = list(_left_behind())
    parents = {row.page.path[: -row.page.steplen]: None for row in rows}
    groups = {group.path: group for group in GroupPage.objects.filter(path__in=list(parents))}
    for row in rows:
        row.group = groups.get(row.page.path[: -row.page.steplen])
    return render(request, "member_data/delete_left_behind.html", {"rows": rows})


KEEP, DELETE = "keep", "delete"


@require_POST
def decide_on_left_post(request, post_id):
    """Keep the post (the group's owner owns it, it is published again) or delete it."""
    if not may_decide_on_left_posts(request.user):
        raise PermissionDenied
    row = get_object_or_404(PostLeftBehind.objects.select_related("page"), page_id=post_id)
    decision = request.POST.get("decision")
    if decision not in (KEEP, DELETE):
        return HttpResponseBadRequest(_("Choose to keep or to delete the post."))
    post = row.page
    title = post.title
    with transaction.atomic():
        if decision == KEEP:
            draft = post.get_latest_revision_as_object()
            draft.author = None
            draft.owner = group_owner_of(post)
            revision = draft.save_revision(user=request.user, log_action=True)
            revision.publish(user=request.user)
            row.delete()
            messages.success(
                request, _("“%(title)s” is published again, owned by its group's owner.") % {"title": title}
            )
        else:
            post.delete(user=request.user)
            messages.success(request, _("“%(title)s” was deleted.") % {"title": title})
    return redirect(reverse("posts_left_behind"))
