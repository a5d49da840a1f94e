"""Telling members what happened: ``notify`` is the one way in. The app whose event it is
calls it from a task (never from the request), with the members who should hear of it;
each member's preference for that kind says whether they get a notification on the site,
a mail at once as well, a place in their digest, or nothing.

The app may say how its mail reads (``mail``); without that, the mail is a plain notice
made here. Every mail carries a one-click link that turns that kind of mail off."""

from itertools import islice

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from access.policy import can_view
from accounts.member_mail import member_language, member_message, read_stop_token, stop_token
from core.links import absolute_url
from core.translations import version_in
from outbox.queue import send_event

from .inbox import forget_counts
from .models import DEFAULT_CHANNELS, Channel, Kind, Notification, Preference

STOP_SALT = "samen.notifications.stop-kind"
# A request answered twice, a post reviewed again: the same notification comes back as new.
REPEATABLE = {Kind.JOIN_REQUEST, Kind.JOIN_DECISION, Kind.POST_REVIEW}
CHUNK = 500


def stop_kind_token(member, kind):
    return stop_token(member, kind, STOP_SALT)


def read_stop_kind_token(token):
    """``(member id, kind)`` from a token this site signed, else ``None``."""
    found = read_stop_token(token, STOP_SALT)
    if found is None or found[1] not in Kind.values:
        return None
    return found


def stop_kind_url(member, kind):
    return reverse("notifications_stop", args=[stop_kind_token(member, kind)])


def channels_of(user_ids, kind):
    """``{user id: channel}`` for ``kind``: each member's choice, else the kind's default."""
    chosen = dict(Preference.objects.filter(user_id__in=user_ids, kind=kind).values_list("user_id", "channel"))
    default = DEFAULT_CHANNELS[Kind(kind)]
    return {user_id: chosen.get(user_id, default) for user_id in user_ids}


def set_channel(user, kind, channel):
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})


def _may_read(member, page, kind):
    if page is None:
        return True
    # A post sent back is a draft: its author hears of it all the same.
    if kind == Kind.POST_REVIEW and not page.live:
        return True
    return can_view(member, page)


def _chunks(items, size):
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def notify(
    kind,
    recipients,
    *,
    actor=None,
    page=None,
    reaction=None,
    group_page=None,
    outcome="",
    mail=None,
    event=None,
):
    """Tell ``recipients`` (members) of an event of ``kind``: each one but the ``actor``,
    who is active and may read ``page``, as their preference for ``kind`` says. Running it
    again for the same event makes no second notification and no second mail.

    ``reaction`` is a reaction (or its id), ``group_page`` the group it happened in,
    ``outcome`` what came of a request or review. ``mail(member, stop_url)`` makes the
    member's mail (``None`` for none); ``stop_url`` is the link that turns this kind of
    mail off. ``event`` names the event for the outbox (one mail per member per event).
    Returns the members who were notified."""
    kind = Kind(kind)
    actor_id = getattr(actor, "pk", actor)
    reaction_id = getattr(reaction, "pk", reaction)
    page_id = getattr(page, "pk", None)
    seen = set()
    notified, mailed = [], []
    for chunk in _chunks(recipients, CHUNK):
        members = []
        for member in chunk:
            if member is None or member.pk in seen or member.pk == actor_id or not member.is_active:
                continue
            seen.add(member.pk)
            members.append(member)
        channels = channels_of([member.pk for member in members], kind)
        rows = []
        for member in members:
            channel = channels[member.pk]
            if channel == Channel.OFF or not _may_read(member, page, kind):
                continue
            rows.append(
                Notification(
                    recipient=member,
                    kind=kind,
                    actor_id=actor_id,
                    page_id=page_id,
                    reaction_id=reaction_id,
                    group_page_id=getattr(group_page, "pk", None),
                    outcome=outcome,
                    for_digest=channel == Channel.DIGEST,
                )
            )
            notified.append(member)
            if channel == Channel.MAIL and member.email:
                mailed.append(member)
        if rows and kind in REPEATABLE:
            # Seen before: new again, with what came of it this time.
            same = Q(kind=kind, page_id=page_id, reaction_id=reaction_id, actor_id=actor_id)
            Notification.objects.filter(same, recipient__in=[row.recipient for row in rows]).update(
                created_at=timezone.now(), read_at=None, outcome=outcome
            )
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        forget_counts(row.recipient_id for row in rows)
    if mailed:
        build = mail or (lambda member, stop_url: notice_message(member, kind, actor, page, reaction_id, stop_url))
        event = event or f"notice:{kind}:{page_id or 0}:{reaction_id or 0}:{actor_id or 0}"
        send_event(event, mailed, lambda member: build(member, stop_kind_url(member, kind)))
    return notified


def notice_message(member, kind, actor, page, reaction_id, stop_url):
    """The plain mail about a notification, for kinds whose app does not make its own."""
    language = member_language(member)
    version = version_in(page.specific, language) if page is not None else None
    with translation.override(language):
        link = reverse("notifications:list")
    if version is not None and version.live:
        link = version.url + (f"#reactie-{reaction_id}" if reaction_id else "")
    return member_message(
        member,
        "notifications/email/notice_subject.txt",
        "notifications/email/notice.txt",
        {
            "kind": Kind(kind),
            "actor": getattr(actor, "display_name", "") if actor is not None and not isinstance(actor, int) else "",
            "title": version.title if version is not None else "",
            "url": absolute_url(link),
        },
        stop_url=stop_url,
    )


def forget_reaction(reaction_id):
    """A reaction removed or hidden takes its notifications with it."""
    notifications = Notification.objects.filter(reaction_id=reaction_id)
    recipients = list(notifications.values_list("recipient_id", flat=True))
    if recipients:
        notifications.delete()
        forget_counts(recipients)


def membership_changed(sender, instance, **kwargs):
    """What a member may read changed: their bell counts again."""
    forget_counts([instance.user_id])
