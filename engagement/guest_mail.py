"""Mail to guests (visitors without an account): the link that confirms their reaction,
and, for those who follow a post by e-mail, its new reactions with a one-click stop link.
Made in tasks and sent through the outbox, as members' mails are."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.urls import reverse

from access.policy import can_view
from accounts.member_mail import member_message
from core.links import absolute_url
from core.translations import version_in
from outbox.queue import send_event

from .markup import plain_text
from .models import GuestFollow

GUEST_UNFOLLOW_SALT = "samen.engagement.guest-unfollow"


@dataclass(frozen=True)
class Guest:
    """A guest as their mail needs them: the name they typed, the address they gave and
    the language they reacted in."""

    display_name: str
    email: str
    language: str


def mail_confirmation_link(reaction, post, token, language):
    """Mail the guest the link that confirms ``reaction``; once, however often this runs."""
    guest = Guest(reaction.user_name, reaction.user_email, language)
    version = version_in(post, language)

    def message_for(recipient):
        return member_message(
            recipient,
            "engagement/email/confirm_guest_reaction_subject.txt",
            "engagement/email/confirm_guest_reaction.txt",
            {
                "post_title": version.title,
                "confirm_url": absolute_url(reverse("engagement:guest_confirm", args=[token])),
                "excerpt": plain_text(reaction.comment, limit=600),
            },
            html_template="engagement/email/confirm_guest_reaction.html",
        )

    return send_event(f"guest-reaction:{reaction.pk}", [guest], message_for, recipient_key=lambda _guest: "confirm")


def guest_unfollow_token(follow_row):
    return signing.dumps({"g": follow_row.pk, "k": str(follow_row.translation_key)}, salt=GUEST_UNFOLLOW_SALT)


def read_guest_unfollow_token(token):
    """``(guest follow id, translation key)`` from a token this site signed, else ``None``."""
    try:
        data = signing.loads(token, salt=GUEST_UNFOLLOW_SALT)
        return int(data["g"]), str(data["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def notify_guest_followers(reaction, post, author, excerpt):
    """Mail the guests who follow ``post`` by e-mail about ``reaction`` (not its own
    writer), once each. The same mail as members get, with a stop link of their own."""
    followers = GuestFollow.objects.filter(translation_key=post.translation_key).order_by("pk")
    if reaction.user_id is None:
        followers = followers.exclude(email__iexact=reaction.user_email)
    if not followers.exists() or not can_view(AnonymousUser(), post):
        return 0
    versions = {}

    def message_for(follow_row):
        if follow_row.language not in versions:
            versions[follow_row.language] = version_in(post, follow_row.language)
        version = versions[follow_row.language]
        return member_message(
            follow_row,
            "engagement/email/new_reaction_subject.txt",
            "engagement/email/new_reaction.txt",
            {
                "author": author,
                "post_title": version.title,
                "reaction_url": absolute_url(f"{version.url}#reactie-{reaction.pk}"),
                "excerpt": excerpt,
            },
            html_template="engagement/email/new_reaction.html",
            stop_url=reverse("engagement:guest_stop_following", args=[guest_unfollow_token(follow_row)]),
        )

    return send_event(
        f"reaction:{reaction.pk}", followers.iterator(), message_for, recipient_key=lambda row: f"guest-{row.pk}"
    )
