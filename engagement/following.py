"""Following a post: who gets an e-mail when a reaction is written, and the signed
one-click link that stops it without logging in. The mails are made in a task
(tasks.py), one per reaction, and sent through notifications.events.notify, which
obeys each member's preference and sends through the outbox."""

from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from accounts.member_mail import member_language, member_message, read_stop_token, stop_token
from core.links import absolute_url
from core.translations import version_in
from notifications.events import forget_reaction, notify
from notifications.models import Kind

from .guest_mail import notify_guest_followers
from .markup import plain_text
from .mentions import mentioned_members
from .models import Follow, Reaction

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
    """Tell every follower of ``post`` but the reaction's own author about ``reaction``,
    each as their preference for reactions says (notifications.events.notify): on the
    site, or by mail in their own language as well, linking to the post in that language
    where it exists. Each mail has a link to the reaction, a one-click link to stop
    following and one to stop these mails altogether. The author of the reaction a reply
    answers hears of it as a reply instead. However often this runs, each follower hears
    of a reaction once. Returns how many members were told."""
    excerpt = plain_text(reaction.comment, limit=600)
    author = reaction.user.display_name if reaction.user else reaction.user_name
    versions = {}

    def message_for(member, stop_kind_url):
        if not member.email:
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
                "stop_kind_url": absolute_url(stop_kind_url),
            },
            html_template="engagement/email/new_reaction.html",
            stop_url=reverse("engagement:stop_following", args=[unfollow_token(member, post)]),
        )

    told = []
    answered = None
    if reaction.is_reply:
        parent = Reaction.objects.filter(pk=reaction.parent_id).select_related("user").first()
        answered = parent.user if parent is not None and parent.user_id != reaction.user_id else None
    common = {"actor": reaction.user, "page": post, "reaction": reaction, "mail": message_for}
    if answered is not None:
        told += notify(Kind.REPLY, [answered], event=f"reaction:{reaction.pk}", **common)
    # Whom a member's reaction names hears of it as a mention (a plain notice, no reaction
    # mail). A guest's mention notifies nobody: no account stands behind it.
    mentioned = [m for m in mentioned_members(reaction, post) if m != answered] if reaction.user_id else []
    told += notify(Kind.MENTION, mentioned, actor=reaction.user, page=post, reaction=reaction)
    already_told = [member.pk for member in mentioned] + [getattr(answered, "pk", None)]
    followers = (
        Follow.objects.filter(translation_key=post.translation_key)
        .exclude(user_id=reaction.user_id)
        .exclude(user_id__in=[pk for pk in already_told if pk is not None])
        .select_related("user")
        .order_by("pk")
    )
    members = (follow_row.user for follow_row in followers.iterator())
    told += notify(Kind.REACTION, members, event=f"reaction:{reaction.pk}", **common)
    # Guests who follow the post by e-mail (engagement/guest_mail.py), under keys of their own.
    return len(told) + notify_guest_followers(reaction, post, author, excerpt)


def forget_notifications(sender, instance, **kwargs):
    """A reaction removed or hidden takes its notifications with it."""
    if kwargs.get("signal") is post_delete or not instance.is_visible:
        forget_reaction(instance.pk)


def connect():
    post_save.connect(forget_notifications, sender=Reaction, dispatch_uid="engagement_reaction_notifications_saved")
    post_delete.connect(forget_notifications, sender=Reaction, dispatch_uid="engagement_reaction_notifications_gone")
