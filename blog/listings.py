"""Lists of posts as readers see them on cards: with author, group and image, in a fixed
number of queries however many posts there are."""

from django.db.models import Exists, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from taggit.models import Tag
from wagtail.images import get_image_model

from core.pagination import paginate
from engagement.models import PostViews
from engagement.ratings import attach_ratings, with_ratings
from engagement.reactions import reaction_counts, with_reaction_counts
from engagement.readership import RECENT_READ_DAYS
from groups.models import GroupPage

# The card image in two widths, as WebP: the same specs the card template asks for.
CARD_RENDITIONS = ("fill-320x180|format-webp", "fill-640x360|format-webp")


def for_cards(queryset):
    """``queryset`` with everything a post card shows fetched along with it, in two queries
    however many posts: author, image, rating and number of reactions with the posts (joins
    and subqueries), then the image's card renditions."""
    return _with_card_parts(with_reaction_counts(with_ratings(queryset)))


def for_a_few_cards(queryset):
    """``queryset`` with the author, image and renditions of a post card; ``post_cards``
    adds the stars and reaction counts in one grouped query each. For a handful of cards
    (related posts) that is faster than ``for_cards``: its six subqueries per post take
    Django longer to build than the two queries take to run (26 against 39 ms for four
    related posts on the benchmark's data)."""
    return _with_card_parts(queryset)


def _with_card_parts(queryset):
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_RENDITIONS)
    # The body is never on a card, and is the largest column of a post by far.
    return (
        queryset.select_related("author", "hero_image")
        .defer("body")
        .prefetch_related(Prefetch("hero_image__renditions", queryset=renditions, to_attr="prefetched_renditions"))
    )


def attach_groups(posts, group=None, groups=()):
    """Set ``post.group`` on every post: ``group`` when it is known, otherwise the post's
    parent among ``groups`` (pages the caller already has), and one query for the parents
    not among them (none when every parent is)."""
    posts = list(posts)
    if group is not None:
        for post in posts:
            post.group = group
        return posts
    steplen = GroupPage.steplen
    by_path = {g.path: g for g in groups}
    missing = {post.path[:-steplen] for post in posts} - set(by_path)
    if missing:
        by_path.update((g.path, g) for g in GroupPage.objects.filter(path__in=missing))
    for post in posts:
        post.group = by_path.get(post.path[:-steplen])
    return posts


def post_cards(posts, group=None, groups=()):
    """Posts ready for cards: group, rating and reaction count set. No query for posts from
    ``for_cards`` whose groups are known (``group``, or among ``groups``); posts from
    elsewhere cost at most four queries however many they are."""
    posts = attach_ratings(attach_groups(posts, group=group, groups=groups))
    uncounted = [post for post in posts if getattr(post, "reaction_count", None) is None]
    if uncounted:
        counts = reaction_counts(uncounted)
        for post in uncounted:
            post.reaction_count = counts.get(post.pk, 0)
    return posts


def latest_posts(readable, limit, groups=()):
    """The newest ``limit`` of ``readable`` (``BlogPage.readable``), ready for cards
    (``groups``: group pages the caller already has)."""
    return post_cards(for_cards(readable)[:limit], groups=groups)


MOST_READ_DAYS = RECENT_READ_DAYS


def most_read(readable, limit=5):
    """Of ``readable`` (``BlogPage.readable``: one language, what the reader may see), the
    posts read most over the last ``MOST_READ_DAYS`` days (today included), reads in every
    language counted together, equal counts newest first.

    One query. The counts are kept per post (``PostViews.recent_views``), so it no longer
    sums every post's days: it finds the ``limit``-th highest count among the readable
    posts' and takes the posts counted at least that much (ties included), then orders
    those few."""
    recent = PostViews.objects.filter(translation_key=OuterRef("translation_key")).values("recent_views")[:1]
    counted = PostViews.objects.filter(recent_views__gt=0, translation_key__in=readable.values("translation_key"))
    lowest_shown = counted.order_by("-recent_views").values("recent_views")[limit - 1 : limit]
    contenders = counted.filter(recent_views__gte=Coalesce(Subquery(lowest_shown), Value(1)))
    return list(
        readable.filter(translation_key__in=contenders.values("translation_key"))
        .annotate(recent_views=Subquery(recent))
        .order_by("-recent_views", "-date_published", "-pk")
        .defer("body")[:limit]
    )


def blog_index_listing(index_page, request, per_page, readable):
    """The blog index's posts (``readable``: ``BlogPage.readable``), narrowed by
    ``?group=`` and ``?tag=`` (both slugs).

    A filter value that names nothing narrows to nothing, and the page says so: the reader
    followed an old link or typed it, and should not mistake the full list for a result."""
    locale = index_page.locale
    posts = readable
    groups = list(GroupPage.objects.live().filter(locale=locale).order_by("title"))
    # Only tags of posts this reader may see: a tag can say as much as a title.
    carried = posts.model.tags.through.objects.filter(tag=OuterRef("pk"), content_object__in=posts.values("pk"))
    tags = list(Tag.objects.filter(Exists(carried)).order_by("name"))
    notices = []

    group_slug = request.GET.get("group", "").strip()
    active_group = None
    if group_slug:
        active_group = next((g for g in groups if g.slug == group_slug), None)
        if active_group is None:
            notices.append(_("There is no group with that name."))
            posts = posts.none()
        else:
            posts = posts.child_of(active_group)

    tag_slug = request.GET.get("tag", "").strip()
    active_tag = None
    if tag_slug:
        active_tag = next((t for t in tags if t.slug == tag_slug), None)
        if active_tag is None:
            notices.append(_("No post carries that tag."))
            posts = posts.none()
        else:
            posts = posts.filter(tagged_items__tag=active_tag)

    page = paginate(request, for_cards(posts), per_page)
    return {
        "posts_page": page,
        "posts": post_cards(page.object_list, group=active_group, groups=groups),
        "filter_groups": groups,
        "filter_tags": tags,
        "active_group": active_group,
        "active_tag": active_tag,
        "filter_notices": notices,
        "is_filtered": bool(group_slug or tag_slug),
        "most_read": most_read(readable),
        "most_read_days": MOST_READ_DAYS,
    }
