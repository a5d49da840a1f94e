"""The member's notifications page and their settings, marking as read, following
members and tags, and the one-click link in a mail that stops a kind of mail. Every
change is a POST with a security token, except the mail's link, which is signed."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from taggit.models import Tag
from wagtail.models import Locale, Page

from access.models import Membership
from access.policy import MEMBER_ROLES
from core.links import safe_next
from core.pagination import paginate

from . import follows
from .events import read_stop_kind_token, set_channel
from .forms import SettingsForm
from .inbox import forget_counts, grouped, lines, visible
from .models import Channel, DigestSettings, Kind

PER_PAGE = 20


@login_required
def notification_list(request):
    page = paginate(request, grouped(request.user), PER_PAGE)
    return render(
        request,
        "notifications/list.html",
        {"lines": lines(request, page.object_list), "notifications_page": page},
    )


@login_required
@require_POST
def mark_read(request, pk):
    """Mark a line read: the notification and the others of its post and kind."""
    _read_line(request.user, get_object_or_404(visible(request.user), pk=pk))
    return redirect(safe_next(request, request.POST.get("next"), fallback=reverse("notifications:list")))


@login_required
def open_notification(request, pk):
    """Follow a line's link: its notifications are read from then on, as the member
    expects of a notification they opened, and the bell counts them no more."""
    notification = get_object_or_404(visible(request.user).select_related("page"), pk=pk)
    _read_line(request.user, notification)
    [line] = lines(request, [{"newest_id": notification.pk, "count": 1, "unread": 0}])
    return redirect(line.url or reverse("notifications:list"))


def _read_line(user, notification):
    """Mark read the notification and the others of its post and kind (one line)."""
    visible(user).filter(kind=notification.kind, page_id=notification.page_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget_counts([user.pk])


@login_required
@require_POST
def mark_all_read(request):
    count = request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    forget_counts([request.user.pk])
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect(safe_next(request, request.POST.get("next"), fallback=reverse("notifications:list")))


def _groups_of(user, language):
    """The live groups the member belongs to, each in ``language`` where it has a version
    (their page carries the member's mail switch)."""
    keys = Membership.objects.filter(user=user, role__in=MEMBER_ROLES).values_list("group_key", flat=True)
    locale_id = Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()
    chosen = {}
    for page in Page.objects.filter(translation_key__in=list(keys), live=True).order_by("pk").specific():
        if page.translation_key not in chosen or page.locale_id == locale_id:
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.title.casefold())


@login_required
def notification_settings(request):
    digest, _created = DigestSettings.objects.get_or_create(user=request.user)
    if request.method == "POST":
        form = SettingsForm(request.user, request.POST, digest=digest)
        if form.is_valid():
            for kind in Kind.values:
                set_channel(request.user, kind, form.cleaned_data[form.field_name(kind)])
            digest.frequency = form.cleaned_data["digest"]
            digest.save(update_fields=["frequency"])
            messages.success(request, _("Your notification settings have been saved."))
            return redirect("notifications:settings")
        status = 400
    else:
        form = SettingsForm(request.user, digest=digest)
        status = 200
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "groups": _groups_of(request.user, request.LANGUAGE_CODE)},
        status=status,
    )


def _problem(request, message, back_url):
    """A clear answer to a request the page cannot have sent, with the way back."""
    return render(request, "notifications/problem.html", {"message": message, "back_url": back_url}, status=400)


def _back(request, fallback="/"):
    return safe_next(request, request.POST.get("next"), fallback=fallback)


@login_required
@require_POST
def follow_person(request, pk):
    followed = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    back = _back(request, fallback=reverse("profiles:profile", args=[followed.pk]))
    action = request.POST.get("action", "")
    if action == "follow":
        try:
            follows.follow_person(request.user, followed)
        except follows.SelfFollow:
            return _problem(request, _("You cannot follow yourself."), back)
        messages.success(request, _("You follow %(name)s now.") % {"name": followed.display_name})
    elif action == "unfollow":
        follows.unfollow_person(request.user, followed)
        messages.success(request, _("You no longer follow %(name)s.") % {"name": followed.display_name})
    else:
        return _problem(request, _("Choose to follow or to stop following."), back)
    return redirect(back)


@login_required
@require_POST
def follow_tag(request, pk):
    tag = get_object_or_404(Tag, pk=pk)
    back = _back(request)
    action = request.POST.get("action", "")
    if action == "follow":
        follows.follow_tag(request.user, tag)
        messages.success(request, _("You follow the tag %(tag)s now.") % {"tag": tag.name})
    elif action == "unfollow":
        follows.unfollow_tag(request.user, tag)
        messages.success(request, _("You no longer follow the tag %(tag)s.") % {"tag": tag.name})
    else:
        return _problem(request, _("Choose to follow or to stop following."), back)
    return redirect(back)


@csrf_exempt  # mail clients send the one-click POST (RFC 8058) without a session or token
def stop_kind_mails(request, token):
    """One click from a mail turns that kind of notification off; no log-in needed."""
    found = read_stop_kind_token(token)
    if found is None:
        return HttpResponseBadRequest(_("This link is not valid (any more)."))
    user_id, kind = found
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return HttpResponseBadRequest(_("This link is not valid (any more)."))
    set_channel(user, kind, Channel.OFF)
    return render(request, "notifications/stopped.html", {"kind": Kind(kind)})
