"""RSS 2.0 and Atom feeds of the latest public posts: all of them, per group, per tag and
per author, in the language of the address. Only posts anyone may read go in (level
"everyone", in an open group, on an open site, behind no password or log-in of Wagtail's
own): a feed reader never logs in, and a feed is cached and shared, so it is decided by what
an anonymous reader may see whoever asks.

A feed is keyed by a name, so whether it answers says something too. A group and an author
have public pages of their own (a closed group's page shows its title and description to
anyone; so does every active member's profile), so their feeds confirm nothing those pages
do not: they answer, empty when nothing in them is public. A tag has no page: it is known
only from the posts that carry it, so its feed answers only when a public post does."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from taggit.models import Tag
from wagtail.models import Locale

from accounts.models import User
from core.links import absolute_url
from groups.models import GroupPage
from pagecache.labels import LISTINGS, cache_this

from .models import BlogIndexPage, BlogPage

FEED_SIZE = 20


def public_posts(locale):
    return BlogPage.readable(AnonymousUser(), locale).public().select_related("author")


@dataclass(frozen=True)
class FeedSubject:
    """What one request's feed is about. A feed view is one object shared by every
    request (and thread), so nothing about a request is ever kept on it."""

    locale: Locale
    path: str
    thing: object = None


class LatestPosts(Feed):
    """All public posts; subclasses narrow by group, tag or author."""

    feed_type = Rss201rev2Feed
    format_name = "rss"

    def get_object(self, request, *args, **kwargs):
        cache_this(request, LISTINGS)
        locale = Locale.get_active()
        return FeedSubject(locale, request.path, self.subject(locale, *args, **kwargs))

    def subject(self, locale):
        return None

    def title(self, obj):
        return _("Samen: latest blog posts")

    def description(self, obj):
        return _("The latest public blog posts on Samen.")

    def link(self, obj):
        return absolute_url(f"/{obj.locale.language_code}/")

    def feed_url(self, obj):
        return absolute_url(obj.path)

    def posts(self, obj):
        return public_posts(obj.locale)

    def items(self, obj):
        return list(self.posts(obj)[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return absolute_url(item.url)

    def item_guid(self, item):
        return absolute_url(item.url)

    def item_pubdate(self, item):
        return item.date_published or item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.date_published

    def item_author_name(self, item):
        return item.author.display_name if item.author else None

    def item_author_link(self, item):
        return absolute_url(reverse("profiles:profile", args=[item.author_id])) if item.author_id else None


class GroupPosts(LatestPosts):
    def subject(self, locale, slug):
        # A group behind a password or a log-in keeps its title and description to itself.
        return get_object_or_404(GroupPage.objects.live().public(), locale=locale, slug=slug)

    def title(self, obj):
        return _("Samen: blog posts in %(group)s") % {"group": obj.thing.title}

    def description(self, obj):
        return obj.thing.description

    def link(self, obj):
        return absolute_url(obj.thing.url)

    def posts(self, obj):
        return super().posts(obj).child_of(obj.thing)


class TagPosts(LatestPosts):
    def subject(self, locale, slug):
        # The same 404 as for a tag nobody uses: a tag found only on posts an anonymous
        # reader may not read must not be confirmed (the blog index hides it too).
        carriers = public_posts(locale).values("pk")
        tag = Tag.objects.filter(slug=slug, blog_blogpagetag_items__content_object__in=carriers).first()
        if tag is None:
            raise Http404
        return tag

    def title(self, obj):
        return _("Samen: blog posts tagged %(tag)s") % {"tag": obj.thing.name}

    def description(self, obj):
        return _("The latest public blog posts on Samen tagged %(tag)s.") % {"tag": obj.thing.name}

    def link(self, obj):
        index = BlogIndexPage.for_locale(obj.locale)
        base = index.url if index else f"/{obj.locale.language_code}/"
        return absolute_url(f"{base}?tag={obj.thing.slug}")

    def posts(self, obj):
        return super().posts(obj).filter(tagged_items__tag=obj.thing)


class AuthorPosts(LatestPosts):
    def subject(self, locale, pk):
        if pk >= 2**63:  # beyond any id the database holds
            raise Http404
        return get_object_or_404(User, pk=pk, is_active=True)

    def title(self, obj):
        return _("Samen: blog posts by %(author)s") % {"author": obj.thing.display_name}

    def description(self, obj):
        return _("The latest public blog posts on Samen by %(author)s.") % {"author": obj.thing.display_name}

    def link(self, obj):
        return absolute_url(reverse("profiles:profile", args=[obj.thing.pk]))

    def posts(self, obj):
        return super().posts(obj).filter(author=obj.thing)


def atom(feed_class):
    """The same feed in Atom (whose subtitle is the RSS description)."""
    attributes = {"feed_type": Atom1Feed, "format_name": "atom", "subtitle": feed_class.description}
    return type(f"{feed_class.__name__}Atom", (feed_class,), attributes)
