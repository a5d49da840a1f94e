"""Lists of posts as readers see them on cards: with author, group and image, in a fixed
number of queries however many posts there are."""

from datetime import timedelta

from django.db.models import OuterRef, Prefetch, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from taggit.models import Tag
from wagtail.images import get_image_model

from core.pagination import paginate
from engagement.models import DailyViews
from engagement.ratings import attach_ratings
from engagement.reactions import reaction_counts
from groups.models import GroupPage

# The card image in two widths, as WebP: the same specs the card template asks for.
CARD_RENDITIONS = ("fill-320x180|format-webp", "fill-640x360|format-webp")


def for_cards(queryset):
    """``queryset`` with everything a post card shows fetched along with it."""
    images = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
    return queryset.select_related("author").prefetch_related(Prefetch("hero_image", queryset=images))


def attach_groups(posts, group=None):
    """Set ``post.group`` on every post with one query (none when the group is known)."""
    posts = list(posts)
    if group is not None:
        for post in posts:
            post.group = group
        return posts
    steplen = GroupPage.steplen
    parent_paths = {post.path[:-steplen] for post in posts}
    groups = {g.path: g for g in GroupPage.objects.filter(path__in=parent_paths)} if parent_paths else {}
    for post in posts:
        post.group = groups.get(post.path[:-steplen])
    return posts


def post_cards(posts, group=None):
    """Posts ready for cards: group, rating and reaction count set, in at most four
    queries whatever the number of posts."""
    posts = attach_ratings(attach_groups(posts, group=group))
    counts = reaction_counts(posts)
    for post in posts:
        post.reaction_count = counts.get(post.pk, 0)
    return posts


def latest_posts(readable, limit):
    """The newest ``limit`` of ``readable`` (``BlogPage.readable``), ready for cards."""
    return post_cards(for_cards(readable)[:limit])


MOST_READ_DAYS = 30


def most_read(readable, limit=5, days=MOST_READ_DAYS):
    """Of ``readable`` (``BlogPage.readable``: one language, what the reader may see), the
    posts read most over the last ``days`` days (today included), reads in every language
    counted together. One query."""
    since = timezone.localdate() - timedelta(days=days - 1)
    recent = (
        DailyViews.objects.filter(translation_key=OuterRef("translation_key"), day__gte=since)
        .order_by()
        .values("translation_key")
        .annotate(total=Sum("views"))
        .values("total")
    )
    posts = (
        readable.annotate(recent_views=Subquery(recent))
        .filter(recent_views__gt=0)
        .order_by("-recent_views", "-date_published", "-pk")
    )
    return list(posts[:limit])


def blog_index_listing(index_page, request, per_page, readable):
    """The blog index's posts (``readable``: ``BlogPage.readable``), narrowed by
    ``?group=`` and ``?tag=`` (both slugs).

    A filter value that names nothing narrows to nothing, and the page says so: the reader
    followed an old link or typed it, and should not mistake the full list for a result."""
    locale = index_page.locale
    posts = readable
    groups = list(GroupPage.objects.live().filter(locale=locale).order_by("title"))
    # Only tags of posts this reader may see: a tag can say as much as a title.
    tags = list(
        Tag.objects.filter(blog_blogpagetag_items__content_object__in=posts.values("pk")).distinct().order_by("name")
    )
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
        "posts": post_cards(page.object_list, group=active_group),
        "filter_groups": groups,
        "filter_tags": tags,
        "active_group": active_group,
        "active_tag": active_tag,
        "filter_notices": notices,
        "is_filtered": bool(group_slug or tag_slug),
        "most_read": most_read(readable),
        "most_read_days": MOST_READ_DAYS,
    }
