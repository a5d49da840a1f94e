"""What a member's digest says about one period: what was written for them (the
notifications they chose to read in the digest), the reactions on their own posts, the
new posts in their groups and by the people and with the tags they follow, and the most
read and best rated posts. Only posts the member may read (``access.policy.viewable``),
each once: a post a section has already shown is left out of the sections after it.
Titles and links are those of the version in the member's language where it is live.

Call ``digest_for`` with the member's language active: the texts are made here."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Sum
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from access.models import Membership
from access.policy import MEMBER_ROLES, can_view, under_paths, viewable
from blog.listings import attach_groups
from blog.models import BlogPage
from core.links import absolute_url
from core.locales import default_locale_id, locale_id_for
from core.translations import version_in
from engagement.models import DailyViews, Rating, Reaction
from engagement.ratings import average_text, rounded_average
from groups.models import GroupPage
from notifications.models import Kind, Notification, PersonFollow, TagFollow

NEW_POSTS_LIMIT = 20
POPULAR_LIMIT = 5
NOTIFICATIONS_LIMIT = 50
NAMES_SHOWN = 3


@dataclass
class Entry:
    title: str
    url: str
    meta: str = ""  # who wrote it, where
    lines: list = field(default_factory=list)  # what happened, one sentence each


@dataclass
class Section:
    name: str  # for the mail's markup and the tests: "for-you", "reactions", ...
    heading: str
    entries: list


@dataclass
class Digest:
    sections: list

    def __bool__(self):
        return any(section.entries for section in self.sections)


def digest_for(member, period, language):
    """The digest of ``member`` for ``period``, in ``language`` (active)."""
    readable = viewable(member, BlogPage.objects.all())
    shown = set()  # translation keys of the posts already in the digest
    sections = [
        Section("for-you", _("For you"), _for_you(member, period, readable, language, shown)),
        Section(
            "reactions",
            _("Reactions on your posts"),
            _reactions_on_own(member, period, readable, language, shown),
        ),
    ]
    new = _new_posts(member, period, readable)
    for name, heading, posts in (
        ("groups", _("New in your groups"), new.filter(under_paths(_paths_of_groups_mailing(member)))),
        ("people", _("New from people you follow"), new.filter(author_id__in=_followed_people(member))),
        ("tags", _("New with tags you follow"), new.filter(translation_key__in=_posts_with_followed_tags(member))),
    ):
        keys = posts.order_by("first_published_at", "pk").values_list("translation_key", flat=True)
        keys = _take(keys, shown, NEW_POSTS_LIMIT)
        sections.append(Section(name, heading, _post_entries(readable, keys, language, shown)))
    sections.append(Section("most-read", _("Most read"), _most_read(period, readable, language, shown)))
    sections.append(Section("best-rated", _("Best rated"), _best_rated(period, readable, language, shown)))
    return Digest(sections)


# -- choosing posts ------------------------------------------------------------------------


def _take(keys, shown, limit=None):
    """``keys`` in their order, each once, leaving out those already shown."""
    taken = []
    for key in keys:
        if key in shown or key in taken:
            continue
        taken.append(key)
        if limit is not None and len(taken) == limit:
            break
    return taken


def _new_posts(member, period, readable):
    """Posts first published in ``period``, in any language first (a translation of an
    older post is no news), not the member's own."""
    earlier = BlogPage.objects.filter(translation_key=OuterRef("translation_key"), first_published_at__lt=period.start)
    return (
        readable.filter(first_published_at__gte=period.start, first_published_at__lt=period.end)
        .exclude(Exists(earlier))
        .exclude(author_id=member.pk)
    )


def _paths_of_groups_mailing(member):
    """The paths of the groups (every language) whose posts the member wants to hear of."""
    keys = Membership.objects.filter(user=member, role__in=MEMBER_ROLES, notify_posts=True).values("group_key")
    return list(GroupPage.objects.filter(translation_key__in=keys).values_list("path", flat=True))


def _followed_people(member):
    return PersonFollow.objects.filter(follower=member).values("followed_id")


def _posts_with_followed_tags(member):
    tags = TagFollow.objects.filter(user=member).values("tag_id")
    return BlogPage.objects.filter(tagged_items__tag_id__in=tags).values("translation_key")


def _most_read(period, readable, language, shown):
    totals = (
        DailyViews.objects.filter(
            day__gte=period.first_day, day__lte=period.last_day, translation_key__in=readable.values("translation_key")
        )
        .exclude(translation_key__in=shown)
        .values("translation_key")
        .annotate(total=Sum("views"))
        .filter(total__gt=0)
        .order_by("-total", "translation_key")[:POPULAR_LIMIT]
    )
    totals = {row["translation_key"]: row["total"] for row in totals}

    def lines(key):
        views = totals[key]
        return [ngettext("%(views)s view", "%(views)s views", views) % {"views": views}]

    return _post_entries(readable, list(totals), language, shown, lines)


def _best_rated(period, readable, language, shown):
    """The posts with the highest average of the votes given (or changed) in ``period``,
    more votes first among equals."""
    votes = (
        Rating.objects.filter(
            changed_at__gte=period.start,
            changed_at__lt=period.end,
            translation_key__in=readable.values("translation_key"),
        )
        .exclude(translation_key__in=shown)
        .values("translation_key")
        .annotate(total=Sum("score"), votes=Count("pk"))
    )
    ranked = sorted(
        votes,
        key=lambda row: (-rounded_average(row["total"], row["votes"]), -row["votes"], str(row["translation_key"])),
    )[:POPULAR_LIMIT]
    by_key = {row["translation_key"]: row for row in ranked}

    def lines(key):
        row = by_key[key]
        average = average_text(rounded_average(row["total"], row["votes"]))
        return [_("%(average)s/5 stars (%(votes)s)") % {"average": average, "votes": row["votes"]}]

    return _post_entries(readable, list(by_key), language, shown, lines)


def _reactions_on_own(member, period, readable, language, shown):
    """The reactions others wrote in ``period`` on the member's own posts: per post, how
    many and by whom. Reactions hang on a post's default-language page."""
    own = BlogPage.objects.live().filter(author_id=member.pk).annotate(pk_text=Cast("pk", CharField()))
    reactions = (
        Reaction.objects.filter(
            content_type=ContentType.objects.get_for_model(BlogPage),
            object_pk__in=own.values("pk_text"),
            site_id=settings.SITE_ID,
            is_public=True,
            is_removed=False,
            submit_date__gte=period.start,
            submit_date__lt=period.end,
        )
        .exclude(user_id=member.pk)
        .select_related("user")
        .order_by("submit_date", "pk")
    )
    by_post = {}
    for reaction in reactions:
        by_post.setdefault(int(reaction.object_pk), []).append(reaction)
    if not by_post:
        return []
    key_of = dict(BlogPage.objects.filter(pk__in=by_post).values_list("pk", "translation_key"))
    per_key = {key_of[pk]: found for pk, found in by_post.items() if pk in key_of}

    def lines(key):
        found = per_key[key]
        names = []
        for reaction in found:
            name = reaction.user.display_name if reaction.user else reaction.user_name
            if name and name not in names:
                names.append(name)
        count = len(found)
        text = ngettext("%(count)s new reaction", "%(count)s new reactions", count) % {"count": count}
        if names:
            text = _("%(reactions)s, by %(names)s") % {"reactions": text, "names": _names(names)}
        return [text]

    keys = sorted(per_key, key=lambda key: per_key[key][0].submit_date)
    return _post_entries(readable, keys, language, shown, lines, anchor="#reacties")


def _names(names):
    if len(names) > NAMES_SHOWN:
        rest = len(names) - NAMES_SHOWN
        others = ngettext("%(count)s other", "%(count)s others", rest) % {"count": rest}
        return _("%(names)s and %(others)s") % {"names": ", ".join(names[:NAMES_SHOWN]), "others": others}
    if len(names) > 1:
        return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
    return names[0]


# -- notifications -------------------------------------------------------------------------


def _what_happened(notification, title):
    actor = notification.actor.display_name if notification.actor else _("Someone")
    texts = {
        Kind.REACTION: _('%(actor)s reacted to "%(title)s".'),
        Kind.REPLY: _('%(actor)s replied to your reaction on "%(title)s".'),
        Kind.MENTION: _('%(actor)s mentioned you in "%(title)s".'),
        Kind.NEW_POST: _('%(actor)s published "%(title)s".'),
        Kind.JOIN_DECISION: _('Your request to join "%(title)s" was answered.'),
        Kind.JOIN_REQUEST: _('%(actor)s asked to join "%(title)s".'),
        Kind.POST_REVIEW: _('%(actor)s reviewed your post "%(title)s".'),
    }
    text = texts.get(notification.kind, _('Something happened on "%(title)s".'))
    return text % {"actor": actor, "title": title}


def _for_you(member, period, readable, language, shown):
    """The notifications of ``period`` that the member chose to read in their digest, one
    entry per page (a post, or the group a request is about) with what happened on it."""
    notifications = list(
        Notification.objects.filter(
            recipient=member, for_digest=True, created_at__gte=period.start, created_at__lt=period.end
        )
        .select_related("actor", "page", "group_page")
        .order_by("created_at", "pk")[:NOTIFICATIONS_LIMIT]
    )
    post_type = ContentType.objects.get_for_model(BlogPage).pk
    pages = [notification.page or notification.group_page for notification in notifications]
    post_keys = {page.translation_key for page in pages if page is not None and page.content_type_id == post_type}
    readable_keys = set(readable.filter(translation_key__in=post_keys).values_list("translation_key", flat=True))
    entries = {}
    for notification, page in zip(notifications, pages, strict=True):
        key = page.translation_key if page is not None else None
        if key not in entries:
            # Posts as the access policy reads them now; other pages (groups) as it says.
            allowed = key in readable_keys if key in post_keys else key is not None and can_view(member, page)
            if not allowed:
                continue
            version = version_in(page, language)
            entries[key] = Entry(title=version.title, url=absolute_url(_anchored(version, notification)))
        entries[key].lines.append(_what_happened(notification, entries[key].title))
    shown.update(entries)
    return list(entries.values())


def _anchored(version, notification):
    url = version.url or "/"
    if notification.reaction_id and notification.kind in (Kind.REACTION, Kind.REPLY, Kind.MENTION):
        return f"{url}#reactie-{notification.reaction_id}"
    return url


# -- posts as entries ----------------------------------------------------------------------


def _post_entries(readable, keys, language, shown, lines=None, anchor=""):
    """An entry for each post in ``keys`` (translation keys, in order) that the member may
    read, in the version they read best: their language, else the original, else any."""
    keys = [key for key in keys if key not in shown]
    if not keys:
        return []
    wanted = locale_id_for(language)
    original = default_locale_id()
    best = {}
    for post in readable.filter(translation_key__in=keys).select_related("author").defer("body").order_by("pk"):
        rank = 0 if post.locale_id == wanted else 1 if post.locale_id == original else 2
        if post.translation_key not in best or rank < best[post.translation_key][0]:
            best[post.translation_key] = (rank, post)
    posts = attach_groups([best[key][1] for key in keys if key in best])
    entries = []
    for post in posts:
        shown.add(post.translation_key)
        entries.append(
            Entry(
                title=post.title,
                url=absolute_url(f"{post.url or '/'}{anchor}"),
                meta=_byline(post),
                lines=lines(post.translation_key) if lines else [],
            )
        )
    return entries


def _byline(post):
    author = post.author.display_name if post.author else ""
    group = post.group.title if post.group else ""
    if author and group:
        return _("by %(author)s in %(group)s") % {"author": author, "group": group}
    if author:
        return _("by %(author)s") % {"author": author}
    return group
