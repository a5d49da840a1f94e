"""Who may see and do what. Every surface asks these functions; none decides on its own.

Access levels per post and group membership arrive with the groups work; until then
every live page is public and every group is open, and the rules below already hold the
places where those answers will change."""


def is_site_editor(user):
    """Site editors and admins see everything and moderate reactions."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("django_comments.can_moderate"))
    )


def can_view(user, page):
    """May ``user`` read ``page``?"""
    return page is not None and page.live


def viewable(user, queryset):
    """``queryset`` of pages narrowed to what ``user`` may read, as a database filter."""
    return queryset.live()


def group_is_open(group):
    return True


def can_react(user, post, group=None):
    """May ``user`` write a reaction under ``post``? Logged-in members who may read it;
    on a post in a closed group, only its members and site editors."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if not can_view(user, post):
        return False
    if group is not None and not group_is_open(group):
        return is_site_editor(user)
    return True


def can_change_reaction(user, reaction):
    """The reaction's author and moderators may edit or remove it."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return reaction.user_id == user.pk or is_site_editor(user)


def can_close_reactions(user, post):
    """The post's author and site editors may close (and reopen) its reactions."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return post.author_id == user.pk or is_site_editor(user)


def can_rate(user, item):
    """May ``user`` give ``item`` (a post or a group) stars? Logged-in members who may
    see it; never the author of a post."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if not can_view(user, item):
        return False
    return getattr(item, "author_id", None) != user.pk
