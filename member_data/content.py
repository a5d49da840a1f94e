"""Everything a member put on the site, as plain data for their download's data.json,
and the files that go with it (their avatar, the pictures they uploaded).

Only the member's own data: other members appear by the address of their profile at
most, never by name, address or words. A page the data points at (the post a reaction
is under, a rated group) is named by title and address only while the member may still
read it, as the access policy decides. Each kind is read in a fixed number of queries,
however much the member wrote."""

import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_valid_filename

from wagtail.images import get_image_model
from wagtail.models import Page

from allauth.account.models import EmailAddress

from access.models import Membership
from access.policy import AccessLevel, viewable
from accounts.member_mail import member_language
from accounts.models import LoginEvent
from blog.models import BlogPage
from core.links import absolute_url
from engagement.likes import likes
from engagement.models import Follow, Rating, Reaction
from notifications.models import DEFAULT_CHANNELS, DigestSettings, Kind, PersonFollow, Preference, TagFollow
from privacy.models import PrivacyAgreement

IMAGES_FOLDER = "images"


@dataclass
class Attachment:
    """A file of the member's that goes into the ZIP as ``name``."""

    name: str
    file: FieldFile


class Places:
    """The title and address of each page the data points at, in the member's language
    where it has a live version, and only when the member may read it."""

    def __init__(self, member, language):
        self.member = member
        self.language = language

    def _described(self, pages):
        by_key = {}
        for page in pages:
            chosen = by_key.get(page.translation_key)
            if chosen is None or page.locale.language_code == self.language:
                by_key[page.translation_key] = page
        return {key: {"title": page.title, "address": self.address(page)} for key, page in by_key.items()}

    def address(self, page):
        url = page.get_url()
        return absolute_url(url) if url else None

    def by_key(self, keys):
        """``{translation key: {"title", "address"}}`` for the pages the member may read."""
        pages = viewable(self.member, Page.objects.filter(translation_key__in=set(keys)).select_related("locale"))
        return self._described(pages)

    def by_id(self, ids):
        """``{page id: {"title", "address"}}``, the address of the version in the member's language."""
        keys = dict(Page.objects.filter(pk__in=set(ids)).values_list("pk", "translation_key"))
        described = self.by_key(keys.values())
        return {pk: described[key] for pk, key in keys.items() if key in described}


def profile(member):
    return {
        "email": member.email,
        "display_name": member.display_name,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "bio": member.bio,
        "language": member.language,
        "date_joined": member.date_joined,
        "last_login": member.last_login,
        "avatar": avatar_name(member),
    }


def avatar_name(member):
    if not member.avatar:
        return None
    return f"{IMAGES_FOLDER}/avatar-{get_valid_filename(os.path.basename(member.avatar.name))}"


def email_addresses(member):
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=member).order_by("-primary", "email")
    ]


def posts(member, places):
    written = list(
        BlogPage.objects.filter(author=member)
        .select_related("locale")
        .prefetch_related("tagged_items__tag")
        .order_by("translation_key", "locale__language_code")
    )
    parents = {post.path[: -post.steplen] for post in written}
    groups = {page.path: page.title for page in Page.objects.filter(path__in=parents).only("path", "title")}
    return [
        {
            "title": post.title,
            "language": post.locale.language_code,
            "address": places.address(post),
            "group": groups.get(post.path[: -post.steplen]),
            "access_level": post.access_level,
            "access_level_label": str(AccessLevel(post.access_level).label),
            "live": post.live,
            "first_published_at": post.first_published_at,
            "last_published_at": post.last_published_at,
            "date_published": post.date_published,
            "teaser": post.teaser,
            "tags": sorted(item.tag.name for item in post.tagged_items.all()),
            "body": post.body.get_prep_value(),
            "translation_key": post.translation_key,
        }
        for post in written
    ]


def _page_id(object_pk):
    return int(object_pk) if object_pk.isdigit() else None


def reactions(member, places):
    written = list(Reaction.objects.filter(user=member).order_by("submit_date", "pk"))
    posts_under = places.by_id(pk for pk in map(_page_id, (r.object_pk for r in written)) if pk)
    return [
        {
            "id": reaction.pk,
            "text": reaction.comment,
            "submitted_at": reaction.submit_date,
            "edited_at": reaction.edited_at,
            "shown": reaction.is_visible and not reaction.awaiting_approval,
            "is_reply": reaction.is_reply,
            "post": posts_under.get(_page_id(reaction.object_pk)),
        }
        for reaction in written
    ]


def ratings(member, places):
    given = list(Rating.objects.filter(user=member).order_by("created_at", "pk"))
    items = places.by_key(rating.translation_key for rating in given)
    return [
        {
            "stars": rating.score,
            "given_at": rating.created_at,
            "changed_at": rating.changed_at,
            "item": items.get(rating.translation_key),
        }
        for rating in given
    ]


def follows(member, places):
    followed_posts = list(Follow.objects.filter(user=member).order_by("created_at", "pk"))
    post_places = places.by_key(follow.translation_key for follow in followed_posts)
    with translation.override(places.language):
        members = [
            {
                "profile": absolute_url(reverse("profiles:profile", args=[follow.followed_id])),
                "since": follow.created_at,
            }
            for follow in PersonFollow.objects.filter(follower=member).order_by("created_at", "pk")
        ]
    return {
        "posts": [
            {"post": post_places.get(follow.translation_key), "since": follow.created_at} for follow in followed_posts
        ],
        "members": members,
        "tags": [
            {"tag": follow.tag.name, "since": follow.created_at}
            for follow in TagFollow.objects.filter(user=member).select_related("tag").order_by("tag__name")
        ],
    }


def groups(member, places):
    memberships = list(Membership.objects.filter(user=member).order_by("created_at", "pk"))
    group_places = places.by_key(membership.group_key for membership in memberships)
    return [
        {
            "group": group_places.get(membership.group_key),
            "role": membership.role,
            "role_label": str(Membership.Role(membership.role).label),
            "since": membership.created_at,
            "mail_new_posts": membership.notify_posts,
            "request_message": membership.message,
        }
        for membership in memberships
    ]


def helpful(member, places):
    """The reactions the member marked as helpful: when, and under which post; the
    reaction itself is another member's and stays out."""
    given = list(likes().filter(user=member).order_by("flag_date", "pk"))
    under = dict(Reaction.objects.filter(pk__in=[flag.comment_id for flag in given]).values_list("pk", "object_pk"))
    post_places = places.by_id(pk for pk in map(_page_id, under.values()) if pk)
    return [
        {
            "reaction_id": flag.comment_id,
            "marked_at": flag.flag_date,
            "post": post_places.get(_page_id(under.get(flag.comment_id, ""))),
        }
        for flag in given
    ]


def notification_settings(member):
    chosen = dict(Preference.objects.filter(user=member).values_list("kind", "channel"))
    digest = DigestSettings.objects.filter(user=member).values_list("frequency", flat=True).first()
    return {
        "kinds": {
            kind.value: {
                "label": str(kind.label),
                "channel": chosen.get(kind.value, DEFAULT_CHANNELS[kind]),
                "chosen": kind.value in chosen,
            }
            for kind in Kind
        },
        "digest": digest or DigestSettings.Frequency.OFF.value,
    }


def log_ins(member):
    """The log-ins to the member's account, and failed attempts with its address, as
    their sessions page shows them (kept ``LOGIN_HISTORY_DAYS`` days)."""
    return [
        {
            "at": event.at,
            "succeeded": event.succeeded,
            "how": event.method,
            "address": event.ip,
            "browser": event.user_agent,
        }
        for event in LoginEvent.objects.filter(user=member).order_by("-at", "-pk")
    ]


def privacy_agreements(member):
    return [
        {
            "version": agreement.version.label,
            "in_force_from": agreement.version.in_force_from,
            "agreed_at": agreement.agreed_at,
        }
        for agreement in PrivacyAgreement.objects.filter(member=member).select_related("version").order_by("agreed_at")
    ]


def pictures(member):
    """The pictures the member uploaded to the image library, with their files."""
    uploaded = get_image_model().objects.filter(uploaded_by_user=member).select_related("collection").order_by("pk")
    listed, files = [], []
    for image in uploaded:
        name = f"{IMAGES_FOLDER}/{image.pk}-{get_valid_filename(os.path.basename(image.file.name))}"
        files.append(Attachment(name, image.file))
        listed.append(
            {
                "title": image.title,
                "file": name,
                "uploaded_at": image.created_at,
                "width": image.width,
                "height": image.height,
                "collection": image.collection.name,
            }
        )
    return listed, files


def member_data(member):
    """``(data, attachments)``: everything of ``member`` for data.json, and the files."""
    member = get_user_model().objects.get(pk=member.pk)
    language = member_language(member)
    places = Places(member, language)
    with translation.override(language):
        listed_pictures, files = pictures(member)
        data = {
            "made_at": timezone.now(),
            "profile": profile(member),
            "email_addresses": email_addresses(member),
            "posts": posts(member, places),
            "reactions": reactions(member, places),
            "ratings": ratings(member, places),
            "follows": follows(member, places),
            "groups": groups(member, places),
            "helpful": helpful(member, places),
            "notification_settings": notification_settings(member),
            "privacy_agreements": privacy_agreements(member),
            "log_ins": log_ins(member),
            "pictures": listed_pictures,
        }
    if member.avatar:
        files.insert(0, Attachment(avatar_name(member), member.avatar))
    return data, files
