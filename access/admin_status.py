"""What the admin's status side panel says of who may read a page. Wagtail's own privacy
item only knows its view restrictions (a password, a log-in, Django groups); a blog post
is ruled by its access level, so the panel says that, in the site's words."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from .page_types import ReadByAccessLevel, group_types
from .policy import AccessLevel, facts_for, level_that_applies

ICONS = {
    AccessLevel.OWNER: "lock",
    AccessLevel.LOGGED_IN: "user",
    AccessLevel.MEMBERS: "group",
    AccessLevel.PUBLIC: "view",
}


@dataclass
class AccessStatus:
    title: str
    help_text: str
    icon_name: str
    narrowed: bool


def _group_of(page, parent):
    parent = parent if parent is not None else (page.get_parent() if page.pk else None)
    if parent is None:
        return None
    parent = parent.specific_deferred
    return parent if isinstance(parent, group_types()) else None


def access_status(page, parent=None):
    """The access level that applies to ``page`` and what it means, or ``None`` for a page
    that has no access level (Wagtail's own privacy item speaks for those)."""
    page = page.specific_deferred if page.pk else page
    if not isinstance(page, ReadByAccessLevel):
        return None
    group = _group_of(page, parent)
    facts = facts_for(AnonymousUser())
    chosen = AccessLevel(page.access_level or AccessLevel.MEMBERS)
    level = level_that_applies(chosen, group.translation_key if group else None, facts)
    name = group.title if group else _("its group")
    meaning = {
        AccessLevel.OWNER: _("Only its author and the site's editors can read it."),
        AccessLevel.LOGGED_IN: _("Once live, anyone who is logged in can read it."),
        AccessLevel.MEMBERS: _("Once live, only the members of %(group)s (and the site's editors) can read it.")
        % {"group": name},
        AccessLevel.PUBLIC: _("Once live, anyone can read it."),
    }[level]
    if level != chosen:
        why = (
            _("%(group)s is a closed group: “%(chosen)s” counts as “%(level)s” there.")
            if level == AccessLevel.MEMBERS
            else _("The site is closed: “%(chosen)s” counts as “%(level)s”.")
        )
        meaning = f"{meaning} {why % {'group': name, 'chosen': chosen.label, 'level': level.label}}"
    return AccessStatus(title=level.label, help_text=meaning, icon_name=ICONS[level], narrowed=level != chosen)
