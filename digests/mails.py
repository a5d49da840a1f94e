"""Sending one member's digest for one period: at most once (the period is recorded in
``DigestSettings.last_sent_period`` under a row lock, and the outbox keys the mail by
period and member), never empty (nothing to say: nothing is sent, and the period is
done all the same), in the member's language, with a one-click link that turns the
digest off."""

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.member_mail import member_language, member_message, read_stop_token, stop_token
from core.links import absolute_url
from notifications.models import DigestSettings
from outbox.queue import send_event

from .content import digest_for
from .periods import DAILY, WEEKLY, period_from_key

STOP_SALT = "samen.digests.stop"
# What the token's subject says: the digest, whichever frequency it has.
STOP_SUBJECT = "digest"


def stop_digest_token(member):
    return stop_token(member, STOP_SUBJECT, STOP_SALT)


def read_stop_digest_token(token):
    """The member id of a token this site signed, else ``None``."""
    found = read_stop_token(token, STOP_SALT)
    if found is None or found[1] != STOP_SUBJECT:
        return None
    return found[0]


def period_title(period):
    """ "6 April 2025", "week 14: 31 March to 6 April 2025", "April 2025", in the active
    language."""
    if period.frequency == DAILY:
        return date_format(period.first_day, "j F Y")
    if period.frequency == WEEKLY:
        return _("week %(week)s: %(first)s to %(last)s") % {
            "week": period.first_day.isocalendar().week,
            "first": date_format(period.first_day, "j F"),
            "last": date_format(period.last_day, "j F Y"),
        }
    return date_format(period.first_day, "F Y")


def digest_message(member, period, digest):
    """The mail (text and HTML) of ``digest`` for ``member``."""
    language = member_language(member)
    with translation.override(language):
        stop_url = reverse("digests:stop", args=[stop_digest_token(member)])
        settings_url = absolute_url(reverse("notifications:settings"))
        context = {"period": period, "period_title": period_title(period), "digest": digest}
    return member_message(
        member,
        "digests/email/digest_subject.txt",
        "digests/email/digest.txt",
        {**context, "settings_url": settings_url},
        html_template="digests/email/digest.html",
        stop_url=stop_url,
    )


def _reachable(member):
    return member.is_active and bool(member.email)


def send_digest(user_id, period_key):
    """Send ``user_id`` their digest for the period ``period_key`` names, once. Returns
    how many mails were added (0 or 1)."""
    period = period_from_key(period_key)
    if period is None:
        raise ValueError(f"{period_key!r} names no digest period.")
    with transaction.atomic():
        # A second worker with the same member waits here until the first has recorded
        # the period, and then finds it done.
        locked = DigestSettings.objects.select_for_update(of=("self",)).select_related("user")
        row = locked.filter(user_id=user_id).first()
        if row is None or row.frequency != period.frequency:
            return 0
        last = period_from_key(row.last_sent_period)
        if last is not None and (last == period or last.comes_after(period)):
            return 0
        member = row.user
        sent = 0
        if _reachable(member):
            language = member_language(member)
            with translation.override(language):
                digest = digest_for(member, period, language)
            if digest:
                sent = send_event(
                    f"digest:{period.key}", [member], lambda recipient: digest_message(recipient, period, digest)
                )
        row.last_sent_period = period.key
        row.save(update_fields=["last_sent_period"])
    return sent
