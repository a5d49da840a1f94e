"""Following a post: who gets an e-mail when a reaction is written, and the signed
one-click link that stops it without logging in. The mails are made in a task
(tasks.py), one per reaction, and sent through the outbox."""

from django.urls import reverse

from access.policy import can_view
from accounts.member_mail import member_language, member_message, read_stop_token, stop_token
from core.links import absolute_url
from core.translations import version_in
from outbox.queue import send_event

from .markup import plain_text
from .models import Follow

UNFOLLOW_SALT = "samen.engagement.unfollow"


def follow(user, post):
    Follow.objects.get_or_create(user=user, translation_key=post.translation_key)


def unfollow(user, post):
    Follow.objects.filter(user=user, translation_key=post.translation_key).delete()


def is_following(user, translation_key):
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, translation_key=translation_key).exists()


def unfollow_token(user, post):
    return stop_token(user, post.translation_key, UNFOLLOW_SALT)


def read_unfollow_token(token):
    """``(user_id, translation_key)`` from a token this site signed, else ``None``."""
    return read_stop_token(token, UNFOLLOW_SALT)


def notify_followers(reaction, post):
    """Mail every follower of ``post`` but the reaction's own author about ``reaction``,
    in the follower's own language, linking to the post in that language where it exists.
    Each mail has a link to the reaction and a one-click link to stop following. Each
    follower is mailed once per reaction, however often this runs. Returns how many mails
    were added."""
    followers = (
        Follow.objects.filter(translation_key=post.translation_key)
        .exclude(user_id=reaction.user_id)
        .select_related("user")
        .order_by("pk")
    )
    excerpt = plain_text(reaction.comment, limit=600)
    author = reaction.user.display_name if reaction.user else reaction.user_name
    versions = {}

    def message_for(member):
        # Who may read the post can change after someone started following it.
        if not (member.is_active and member.email) or not can_view(member, post):
            return None
        language = member_language(member)
        if language not in versions:
            versions[language] = version_in(post, language)
        version = versions[language]
        return member_message(
            member,
            "engagement/email/new_reaction_subject.txt",
            "engagement/email/new_reaction.txt",
            {
                "author": author,
                "post_title": version.title,
                "reaction_url": absolute_url(f"{version.url}#reactie-{reaction.pk}"),
                "excerpt": excerpt,
            },
            html_template="engagement/email/new_reaction.html",
            stop_url=reverse("engagement:stop_following", args=[unfollow_token(member, post)]),
        )

    members = (follow_row.user for follow_row in followers.iterator())
    return send_event(f"reaction:{reaction.pk}", members, message_for)
