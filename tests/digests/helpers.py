"""A small world for the digest tests: the previous week is week 10 of 2026 (Monday 2 to
Sunday 8 March, Europe/Amsterdam), and posts, reads, votes, reactions and notifications
inside it, just before and just after it."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from taggit.models import Tag

from access.models import Membership
from blog.factories import BlogPageFactory
from blog.models import BlogPage
from digests.content import digest_for
from digests.periods import period_from_key
from engagement.models import DailyViews, Rating
from notifications.models import DigestSettings, Notification, PersonFollow, TagFollow
from tests.engagement.helpers import make_reaction, verified_member

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEEK = "2026-W10"


def local(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


# A Wednesday in week 11: the weekly digest of week 10 is due.
NOW = local(2026, 3, 11, 10)
# In week 10, from its very first moment; just before it; the first moment after it.
FIRST_MOMENT = local(2026, 3, 2)
IN = local(2026, 3, 5, 12)
BEFORE = local(2026, 3, 1, 23, 59)
AFTER = local(2026, 3, 9)
LONG_AGO = local(2025, 6, 1)


def period():
    return period_from_key(WEEK)


def published(post, when):
    """``post`` (every language of it) first published at ``when``."""
    BlogPage.objects.filter(translation_key=post.translation_key).update(first_published_at=when)
    return post


def post_in(group, title, when, **fields):
    return published(BlogPageFactory(parent=group, title=title, **fields), when)


def member(email, name, language="nl", frequency="weekly", **fields):
    user = verified_member(email=email, display_name=name, language=language, **fields)
    DigestSettings.objects.create(user=user, frequency=frequency)
    return user


def join(user, group, notify=True, role=Membership.Role.MEMBER):
    Membership.objects.create(user=user, group_key=group.translation_key, role=role, notify_posts=notify)


def reads(post, views, day):
    DailyViews.objects.create(translation_key=post.translation_key, day=day, views=views)


def vote(post, user, score, when):
    rating = Rating.objects.create(user=user, translation_key=post.translation_key, score=score)
    Rating.objects.filter(pk=rating.pk).update(changed_at=when, created_at=when)


def notify(recipient, kind, page, actor=None, when=IN, for_digest=True, **fields):
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, page=page, actor=actor, for_digest=for_digest, **fields
    )
    Notification.objects.filter(pk=notification.pk).update(created_at=when)
    return notification


def follow_person(follower, followed):
    PersonFollow.objects.create(follower=follower, followed=followed)


def follow_tag(user, name):
    TagFollow.objects.create(user=user, tag=Tag.objects.get(name=name))


def react(post, user, when, text="Mooi stuk!"):
    return make_reaction(post, user, text, when=when)


def digest_of(user, language=None):
    language = language or user.language
    with translation.override(language):
        return digest_for(user, period(), language)


def titles(digest):
    """``{section name: [titles]}`` of the sections with entries."""
    return {section.name: [entry.title for entry in section.entries] for section in digest.sections if section.entries}
