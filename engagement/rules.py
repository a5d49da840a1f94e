"""Who may react, close reactions and rate: the access policy's answer to "may they read
it", and what engagement adds to it."""

from django.contrib.auth.models import AnonymousUser

from access.policy import can_view, facts_for, is_group_member, is_member_account, is_site_editor


def can_react(user, post, group=None):
    """May ``user`` write a reaction under ``post``? Logged-in members who may read it;
    on a post in a closed group, only its members and site editors."""
    if not is_member_account(user):
        return False
    if not can_view(user, post):
        return False
    facts = facts_for(user)
    if group is not None and group.translation_key in facts.closed_groups:
        return is_group_member(user, group, facts) or is_site_editor(user)
    return True


def guests_may_react(post, allowed):
    """May a visitor without an account react to ``post``, confirming by e-mail? Only when
    the site setting ``allowed`` it, and only on posts everyone may read."""
    return bool(allowed) and can_view(AnonymousUser(), post)


def can_change_reaction(user, reaction):
    """The reaction's author and moderators may edit or remove it."""
    if not is_member_account(user):
        return False
    return reaction.user_id == user.pk or is_site_editor(user)


def can_close_reactions(user, post):
    """The post's author and site editors may close (and reopen) its reactions."""
    if not is_member_account(user):
        return False
    return post.author_id == user.pk or is_site_editor(user)


def can_rate(user, item):
    """May ``user`` give ``item`` (a post or a group) stars? Logged-in members who may
    see it; never the author of a post."""
    if not is_member_account(user):
        return False
    if not can_view(user, item):
        return False
    return getattr(item, "author_id", None) != user.pk
