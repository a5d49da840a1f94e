"""What a member sees of their notifications: only those whose page they may still read
and whose reaction is still shown, newest first, several from one post and kind as one
line. A fixed number of queries, however many there are."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import Locale, Page

from django_comments_xtd.models import XtdComment

from access.policy import viewable

from .models import Kind, Notification


def visible(user):
    """``user``'s notifications that may be shown: the page still there and readable to
    them (a post sent back is their own draft), the reaction still shown."""
    readable = viewable(user, Page.objects.all()).values("pk")
    shown = XtdComment.objects.filter(is_public=True, is_removed=False).values("pk")
    return (
        Notification.objects.filter(recipient=user)
        .filter(Q(page__isnull=True) | Q(page__in=readable) | Q(kind=Kind.POST_REVIEW, page__isnull=False))
        .filter(Q(reaction_id__isnull=True) | Q(reaction_id__in=shown))
    )


# The bell is on every page a member sees: its count is kept in the shared cache, so that
# it costs a page no query, and forgotten whenever the member's notifications or
# memberships change. The time bounds what any other change (a post's access level) leaves.
BELL_SECONDS = 300


def _bell_key(user_id):
    return f"notifications:unread:{user_id}"


def unread_count(user):
    key = _bell_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = visible(user).filter(read_at__isnull=True).count()
        cache.set(key, count, BELL_SECONDS)
    return count


def forget_counts(user_ids):
    cache.delete_many([_bell_key(user_id) for user_id in set(user_ids)])


@dataclass
class Line:
    """One line of the notifications page: the newest notification of a post and kind,
    and how many there are."""

    newest: Notification
    count: int
    unread: int
    title: str = ""
    url: str = ""

    @property
    def kind(self):
        return self.newest.kind

    @property
    def text(self):
        return describe(self.newest, self.count, self.title)


def grouped(user):
    """The lines, newest first, as a queryset of values to paginate."""
    return (
        visible(user)
        .order_by()
        .values("kind", "page_id")
        .annotate(newest_id=Max("pk"), latest=Max("created_at"), count=Count("pk"))
        .annotate(unread=Count("pk", filter=Q(read_at__isnull=True)))
        .order_by("-latest", "-newest_id")
    )


def lines(request, groups):
    """The ``Line`` of each group on one page of ``grouped``: two queries for any number."""
    groups = list(groups)
    newest = Notification.objects.filter(pk__in=[group["newest_id"] for group in groups]).select_related(
        "actor", "page", "group_page"
    )
    newest = {notification.pk: notification for notification in newest}
    pages = [n.page for n in newest.values() if n.page is not None]
    # Each page in the reader's language where it is live, else as it is.
    active = Locale.get_active()
    localized = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=[page.translation_key for page in pages], locale=active, live=True
        )
    }
    result = []
    for group in groups:
        notification = newest.get(group["newest_id"])
        if notification is None:
            continue
        line = Line(notification, group["count"], group["unread"])
        page = notification.page
        if page is not None:
            version = localized.get(page.translation_key, page)
            line.title = version.title
            if version.live:
                url = version.get_url(request) or ""
                line.url = url + (f"#reactie-{notification.reaction_id}" if notification.reaction_id else "")
            else:
                line.url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        result.append(line)
    return result


def describe(notification, count, title):
    """The line's sentence: who did what, or how many of them there are."""
    values = {
        "actor": notification.actor.display_name if notification.actor else _("Someone"),
        "title": title,
        "count": count,
    }
    kind = notification.kind
    # One of them is told by name; several by their number (a plural form of its own, as
    # not every language can leave the name out of the same sentence).
    if kind == Kind.REACTION:
        text = (
            _("%(actor)s reacted on %(title)s")
            if count == 1
            else ngettext("%(count)d new reaction on %(title)s", "%(count)d new reactions on %(title)s", count)
        )
    elif kind == Kind.REPLY:
        text = (
            _("%(actor)s replied to your reaction on %(title)s")
            if count == 1
            else ngettext(
                "%(count)d new reply to your reactions on %(title)s",
                "%(count)d new replies to your reactions on %(title)s",
                count,
            )
        )
    elif kind == Kind.MENTION:
        text = (
            _("%(actor)s mentioned you on %(title)s")
            if count == 1
            else ngettext("%(count)d mention of you on %(title)s", "%(count)d mentions of you on %(title)s", count)
        )
    elif kind == Kind.NEW_POST:
        text = _("%(actor)s published %(title)s")
    elif kind == Kind.JOIN_REQUEST:
        text = (
            _("%(actor)s asks to join %(title)s")
            if count == 1
            else ngettext("%(count)d request to join %(title)s", "%(count)d requests to join %(title)s", count)
        )
    elif kind == Kind.JOIN_DECISION:
        text = (
            _("Your request to join %(title)s was accepted")
            if notification.outcome == "accepted"
            else _("Your request to join %(title)s was not accepted")
        )
    elif kind == Kind.POST_REVIEW:
        text = (
            _("Your post %(title)s was approved")
            if notification.outcome == "approved"
            else _("Your post %(title)s was sent back by %(actor)s")
        )
    else:
        text = _("Something happened on %(title)s")
    return text % values
