"""Reactions by guests: visitors without an account, when the site setting allows them.

A guest's reaction is stored at once, invisible, and a signed link is mailed to the
address they gave. Opening it within ``GUEST_CONFIRMATION_DAYS`` confirms the reaction:
it is shown, or waits for a moderator when the site setting asks so, and a guest who
asked to follow the post becomes a follower by e-mail. Unconfirmed reactions are removed
by a daily job once their link has expired."""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.utils import timezone

from .models import GuestFollow, GuestReactions, Reaction
from .tasks import mail_followers
from .throttle import allow

CONFIRM_SALT = "samen.engagement.guest-reaction"


def guest_settings():
    """The default site's guest-reaction settings (defaults when never saved)."""
    return GuestReactions.current()


def network_of(address):
    """The network an address belongs to for rate limits: its IPv4 /24 or IPv6 /64
    (one household or office), or the text itself when it is no address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def within_limits(email, address):
    """Count one guest reaction from ``email`` on ``address``'s network; False when
    either has reacted more often this hour than the settings allow."""
    by_address = allow("guest-reaction-address", email.lower(), settings.GUEST_REACTIONS_PER_ADDRESS, window=3600)
    by_network = allow("guest-reaction-network", network_of(address), settings.GUEST_REACTIONS_PER_NETWORK, window=3600)
    return by_address and by_network


def store_guest_reaction(post, name, email, text, *, follow=False, ip_address=None):
    """Save a guest's reaction under ``post`` (its canonical page), unconfirmed and
    invisible. ``followup`` keeps whether they asked to follow the post."""
    reaction = Reaction(
        content_type=ContentType.objects.get_for_model(post),
        object_pk=str(post.pk),
        site_id=settings.SITE_ID,
        user=None,
        user_name=name,
        user_email=email,
        comment=text,
        submit_date=timezone.now(),
        ip_address=ip_address,
        is_public=False,
        followup=follow,
    )
    with transaction.atomic():
        reaction.save()
    return reaction


def confirmation_token(reaction, language):
    return signing.dumps({"r": reaction.pk, "l": language}, salt=CONFIRM_SALT)


class LinkExpired(Exception):
    """The link was signed here, but longer ago than the confirmation days."""


def read_confirmation_token(token):
    """``(reaction id, language)`` from a link this site mailed. Raises LinkExpired for an
    old link and ``signing.BadSignature`` for one the site never signed (or changed)."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=timedelta(days=settings.GUEST_CONFIRMATION_DAYS))
    except signing.SignatureExpired as expired:
        raise LinkExpired from expired
    try:
        return int(data["r"]), str(data["l"])
    except (KeyError, TypeError, ValueError) as broken:
        raise signing.BadSignature("not a confirmation token") from broken


def confirm(reaction, language):
    """Confirm a guest's reaction (once; again changes nothing). Returns the reaction."""
    with transaction.atomic():
        # Only its own row: comments-xtd's manager joins the author, a guest's being none,
        # and PostgreSQL locks no row on the empty side of an outer join.
        reaction = Reaction.objects.select_for_update(of=("self",)).get(pk=reaction.pk)
        if reaction.confirmed_at is not None:
            return reaction
        need_approval = guest_settings().need_approval
        reaction.confirmed_at = timezone.now()
        reaction.is_public = not need_approval
        reaction.awaiting_approval = need_approval
        reaction.save(update_fields=["confirmed_at", "is_public", "awaiting_approval"])
        post = reaction.content_object
        if reaction.followup and post is not None:
            GuestFollow.objects.get_or_create(
                email=reaction.user_email.lower(),
                translation_key=post.translation_key,
                defaults={"name": reaction.user_name, "language": language},
            )
        if reaction.is_public:
            mail_followers.enqueue(reaction.pk)
    return reaction


def unconfirmed():
    return Reaction.objects.filter(user__isnull=True, confirmed_at__isnull=True)


def remove_unconfirmed():
    """Periodic job: remove guest reactions whose confirmation link has expired."""
    too_old = timezone.now() - timedelta(days=settings.GUEST_CONFIRMATION_DAYS)
    removed = 0
    for reaction in unconfirmed().filter(submit_date__lt=too_old).iterator():
        reaction.delete()
        removed += 1
    return removed
