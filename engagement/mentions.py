"""Mentions of members in reactions: whom a post's reaction form may suggest, whom a
mention links to, and whom a reaction mentions.

Every answer is narrowed to the members who may read the post, so that neither the
suggestions nor the rendered links tell anyone who belongs to a closed group or who else
could read an owner-only post. How a mention is written and shown: engagement/markup.py."""

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Lower

from access.models import Membership
from access.page_types import ReadByAccessLevel
from access.policy import MEMBER_ROLES, AccessLevel, effective_level, facts_for, group_key_of, site_editor_accounts

from .markup import mentioned_ids

SUGGESTIONS = 8


def readers_of(post, *, editors=True, facts=None):
    """The active members who may read ``post``, as a queryset: the same answer as
    ``access.policy.can_view`` for each of them, in one query. With ``editors=False`` the
    site's editors count only where the post's own rules let them read it (they read
    everything, but the form of a closed group's post should suggest its members only).
    ``facts`` are any viewer's access facts (only the site's and groups' part is read)."""
    members = get_user_model().objects.filter(is_active=True)
    if not isinstance(post, ReadByAccessLevel):
        post = post.specific
    if not isinstance(post, ReadByAccessLevel):
        return members if post.live else members.none()
    if not post.live:
        return members.none()
    facts = facts if facts is not None else facts_for(None)
    level = effective_level(post, facts)
    if level in (AccessLevel.PUBLIC, AccessLevel.LOGGED_IN):
        may_read = Q()
    else:
        may_read = Q(pk=post.author_id)
        group_key = group_key_of(post, facts)
        if level == AccessLevel.MEMBERS and group_key is not None:
            in_group = Membership.objects.filter(group_key=group_key, role__in=MEMBER_ROLES).values("user_id")
            may_read |= Q(pk__in=in_group)
        if editors:
            may_read |= Q(pk__in=site_editor_accounts().values("pk"))
    return members.filter(may_read)


def suggestions(post, typed, *, asking, facts=None):
    """At most ``SUGGESTIONS`` members whose display name holds ``typed``, among those the
    post's own rules let read it; names that begin with it first, then by name. The member
    ``asking`` is left out: nobody mentions themselves."""
    found = (
        readers_of(post, editors=False, facts=facts)
        .exclude(pk=asking.pk)
        .filter(display_name__icontains=typed)
        .annotate(
            begins=Case(
                When(display_name__istartswith=typed, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("begins", Lower("display_name"), "pk")
    )
    return list(found.values("pk", "display_name")[:SUGGESTIONS])


def shown_mentions(post, texts, viewer=None):
    """``{member id: display name}`` for the members mentioned in ``texts`` who may read
    ``post``: what ``render_reaction`` links. One query, none when nobody is mentioned
    (the ``viewer``'s access facts, read once per request, tell which groups are closed)."""
    ids = {pk for text in texts for pk in mentioned_ids(text)}
    if not ids:
        return {}
    readers = readers_of(post, facts=facts_for(viewer))
    return dict(readers.filter(pk__in=ids).values_list("pk", "display_name"))


def mentioned_members(reaction, post):
    """The active members ``reaction`` mentions who may read ``post`` (its author left
    out), in the order first mentioned: whom a mention may notify."""
    ids = [pk for pk in mentioned_ids(reaction.comment) if pk != reaction.user_id]
    if not ids:
        return []
    found = {member.pk: member for member in readers_of(post).filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]
