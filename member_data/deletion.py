"""Deleting a member's account: everything the site keeps of them, in one transaction.

Both the member's own "Delete my account" and an editor's "Delete account" in the admin
call ``delete_member``. The member chooses what becomes of their reactions (stay, shown
as a former member's, or go) and of their posts (stay with their group, or go to the
editors' trash, ``blog.PostLeftBehind``). Whatever they choose, no name, address or
picture of theirs stays: not on reactions, not in other members' mentions of them, not in
the mail log, not in the search index, not in a shared copy of a page."""

import json
import re
import uuid
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from wagtail.models import ModelLogEntry, Page, Site
from wagtail.search.index import insert_or_update_object

from allauth.usersessions.models import UserSession

from accounts.member_mail import member_message
from blog.models import BlogPage, PostLeftBehind
from engagement.models import GuestFollow, Rating, Reaction
from notifications.inbox import forget_counts
from notifications.models import Notification
from outbox.models import Mail
from outbox.queue import send_event
from pagecache.labels import purge_everything
from pagecache.purging import item_changed

LOG_ACTION = "samen.delete_member"
# The goodbye mail's event: its row is forgotten once sent (``forget_goodbye_mail``).
GOODBYE_EVENT = "member-left"


class ReactionChoice(models.TextChoices):
    KEEP = "keep", _("Keep them, shown as written by a former member")
    REMOVE = "remove", _("Remove them")


class PostChoice(models.TextChoices):
    GROUP = "group", _("Leave them with their group")
    TRASH = "trash", _("Take them offline for an editor to delete or keep")


@dataclass(frozen=True)
class Outcome:
    """What a deletion did, in counts: the editors' log keeps this and the member's id."""

    member: int
    reactions: str
    posts: str
    reactions_kept: int = 0
    reactions_removed: int = 0
    posts_with_group: int = 0
    posts_to_trash: int = 0
    by_editor: bool = False


def delete_member(member, *, reactions, posts, editor=None):
    """Delete ``member``'s account and what the site keeps of them, as they (or
    ``editor``) chose. Returns an ``Outcome``. Their goodbye mail is queued in the same
    transaction, so a deletion that fails mails nobody."""
    reactions, posts = ReactionChoice(reactions), PostChoice(posts)
    User = get_user_model()
    with transaction.atomic():
        member = User.objects.select_for_update().get(pk=member.pk)
        email, name = member.email, member.display_name
        _queue_goodbye(member, by_editor=editor is not None)
        kept, removed = _reactions_of(member, reactions)
        _forget_mentions_of(member)
        with_group, trashed = _posts_of(member, posts, editor)
        _pages_owned_by(member)
        _ratings_of(member)
        GuestFollow.objects.filter(email__iexact=email).delete()
        _notifications_by(member)
        _mail_to_or_about(email, name)
        _sessions_of(member)
        outcome = Outcome(
            member=member.pk,
            reactions=reactions.value,
            posts=posts.value,
            reactions_kept=kept,
            reactions_removed=removed,
            posts_with_group=with_group,
            posts_to_trash=trashed,
            by_editor=editor is not None,
        )
        _log(member, editor, outcome)
        # The rest goes with the account: addresses, second factors, single sign-on
        # accounts, memberships, follows, likes, notifications to them, the avatar file.
        member.delete()
    purge_everything()
    return outcome


def _queue_goodbye(member, *, by_editor):
    def message(recipient):
        return member_message(
            recipient,
            "member_data/delete_mail_subject.txt",
            "member_data/delete_mail.txt",
            {"by_editor": by_editor},
        )

    # The event names no one: a random id, so the mail log ties it to no account.
    send_event(f"{GOODBYE_EVENT}:{uuid.uuid4().hex}", [member], message, recipient_key=lambda recipient: "goodbye")


def forget_goodbye_mail():
    """Periodic job: the goodbye mails that went out (or failed for good) are forgotten,
    with the only address of a former member the site still held."""
    done = Mail.objects.filter(event__startswith=f"{GOODBYE_EVENT}:", status__in=[Mail.Status.SENT, Mail.Status.FAILED])
    return done.delete()[0]


def _reactions_of(member, choice):
    """Their reactions, and those they wrote as a guest with the same address, lose every
    copy of their name and address; kept, or removed (a reaction others replied to stays
    as a placeholder, so the thread keeps its replies). Returns ``(kept, removed)``."""
    theirs = Reaction.objects.filter(Q(user=member) | Q(user__isnull=True, user_email__iexact=member.email))
    anonymous = {"user": None, "user_name": "", "user_email": "", "user_url": "", "ip_address": None}
    # Confirmed, or the sweep of unconfirmed guest reactions would take them.
    theirs.filter(confirmed_at__isnull=True).update(confirmed_at=timezone.now())
    if choice == ReactionChoice.KEEP:
        kept = theirs.update(**anonymous)
        return kept, 0
    ids = list(theirs.values_list("pk", flat=True))
    others_replied = set(
        Reaction.objects.filter(thread_id__in=ids, level__gt=0).exclude(pk__in=ids).values_list("thread_id", flat=True)
    )
    placeholders = Reaction.objects.filter(pk__in=others_replied, level=0)
    placeholders.update(is_removed=True, comment="", **anonymous)
    for placeholder in placeholders:
        insert_or_update_object(placeholder)  # its words leave the search index
    # One by one: each takes its notifications, likes, search entry and shared copies along.
    removed = 0
    for reaction in Reaction.objects.filter(pk__in=ids).exclude(pk__in=others_replied).order_by("-level", "pk"):
        reaction.delete()
        removed += 1
    return 0, removed + len(others_replied)


def former_member_text():
    """How a mention of a member who left reads, in the site's own language: stored in
    another member's reaction, it has no reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return pgettext("a mention of a member who deleted their account", "@former member")


def _forget_mentions_of(member):
    """Other members' mentions of them (``@[Name](id)``) become a plain marker that names
    no one and links nowhere."""
    mention = re.compile(rf"@\[[^\[\]\n]{{1,80}}\]\({member.pk}\)")
    marker = former_member_text()
    for reaction in Reaction.objects.filter(comment__contains=f"]({member.pk})").exclude(user=member):
        changed = mention.sub(marker, reaction.comment)
        if changed != reaction.comment:
            reaction.comment = changed
            # Saved, not updated: the search index drops the name with it.
            reaction.save(update_fields=["comment"])


def fallback_owner(member=None):
    """Who is given what a member who left owned outside a group: the owner of the
    site's home page, else the first superuser; never the member themselves."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page__owner").first()
    owner = site.root_page.owner if site is not None else None
    leaving = getattr(member, "pk", None)
    if owner is not None and owner.pk != leaving and owner.is_active:
        return owner
    superusers = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk")
    return superusers.exclude(pk=leaving).first() if leaving else superusers.first()


def group_owner_of(post, member=None):
    """The owner of the group ``post`` lives in (its Wagtail page owner), or the site's
    fallback owner when the group has none or it was the member who left."""
    group = post.get_parent()
    owner = group.owner if group is not None else None
    if owner is None or owner.pk == getattr(member, "pk", None) or not owner.is_active:
        return fallback_owner(member)
    return owner


def _posts_of(member, choice, editor):
    """Posts they wrote, in every language: with their group (no author, the group's
    owner owns them), or offline in the editors' trash. Returns ``(with group, trashed)``."""
    posts = list(BlogPage.objects.filter(author=member).select_related("owner").order_by("path"))
    for post in posts:
        post.author = None
        if choice == PostChoice.GROUP:
            post.owner = group_owner_of(post, member)
            # Saved with its row only (no new revision over an editor's draft); the search
            # index and the page cache hear of it.
            post.save(update_fields=["author", "owner"], clean=False)
            continue
        post.owner = None
        post.save(update_fields=["author", "owner"], clean=False)
        if post.live:
            post.unpublish(user=editor, log_action=True)
        PostLeftBehind.objects.get_or_create(page=post)
        insert_or_update_object(post)
    if choice == PostChoice.GROUP:
        return len(posts), 0
    return 0, len(posts)


def _pages_owned_by(member):
    """Pages they own but did not write (a group they started, a post someone else wrote)
    go to whoever owns the group, else the site's fallback owner."""
    owned = Page.objects.filter(owner=member)
    if not owned.exists():
        return
    fallback = fallback_owner(member)
    for page in BlogPage.objects.filter(owner=member):
        Page.objects.filter(pk=page.pk).update(owner=group_owner_of(page, member))
    Page.objects.filter(owner=member).update(owner=fallback)


def _ratings_of(member):
    """Their votes go; every item they rated shows its average over the votes that stand."""
    votes = Rating.objects.filter(user=member)
    keys = set(votes.values_list("translation_key", flat=True))
    votes.delete()
    for key in keys:
        item_changed(key)


def _notifications_by(member):
    """Notifications that tell others of something they did: what they did is gone, or
    no longer theirs."""
    told = Notification.objects.filter(actor=member)
    recipients = set(told.values_list("recipient_id", flat=True))
    told.delete()
    forget_counts(recipients)


def _mail_to_or_about(email, name):
    """The mail log holds addresses and names: mail to them goes (but the goodbye), and
    mail to others that names them goes once sent; unsent, their name is taken out."""
    goodbye = Q(event__startswith=f"{GOODBYE_EVENT}:")
    Mail.objects.filter(to__icontains=email).exclude(goodbye).delete()
    # The message is JSON: as text, a name with accents may be written escaped.
    as_text = Cast("message", TextField())
    spelled = {name, json.dumps(name)[1:-1]}
    names = Q()
    for spelling in spelled:
        names |= Q(subject__contains=spelling) | Q(message_text__contains=spelling)
    about = (
        Mail.objects.exclude(goodbye)
        .alias(message_text=as_text)
        .filter(names | Q(subject__icontains=email) | Q(message_text__icontains=email))
    )
    about.exclude(status__in=[Mail.Status.WAITING, Mail.Status.SENDING]).delete()
    with translation.override(settings.LANGUAGE_CODE):
        neutral = pgettext("in a mail, instead of the name of a member who deleted their account", "a former member")
    for mail in about.filter(status__in=[Mail.Status.WAITING, Mail.Status.SENDING]):
        mail.subject = mail.subject.replace(email, neutral).replace(name, neutral)
        mail.message = _replaced(mail.message, {email: neutral, name: neutral})
        mail.save(update_fields=["subject", "message"])


def _replaced(value, replacements):
    if isinstance(value, str):
        for old, new in replacements.items():
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_replaced(item, replacements) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, replacements) for key, item in value.items()}
    return value


def _sessions_of(member):
    """Every session they are logged in with ends, and its record (address, browser) goes."""
    for session in UserSession.objects.filter(user=member):
        session.end()


def _log(member, editor, outcome):
    """The editors' log keeps that an account was deleted, how, and by whom: the member
    by their id only. Earlier entries about the account lose the name they were given."""
    user_type = ContentType.objects.get_for_model(member, for_concrete_model=False)
    label = f"#{member.pk}"
    ModelLogEntry.objects.filter(content_type=user_type, object_id=str(member.pk)).update(label=label)
    ModelLogEntry.objects.log_action(
        member, LOG_ACTION, user=editor, title=label, data=asdict(outcome), timestamp=timezone.now()
    )
