from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from access.admin_permissions import PostPermissionTester
from access.page_types import ReadByAccessLevel
from access.policy import AccessLevel, effective_level, facts_for, viewable
from core.pagination import paginate
from core.translations import follow_source, lead_translations
from engagement.ratings import Rateable
from engagement.reactions import closed_for, guest_reactions_allowed
from engagement.readership import read_count, views_of
from engagement.sections import post_and_group_ratings, reaction_context
from groups.models import RESERVED_SLUGS, GroupPage
from pagecache.labels import LISTINGS, SEARCH, page_label
from pages.models import BasePage, IntroPage
from pages.outline import home_child_of_type

from .blocks import BlogBodyBlock
from .forms import BlogPageForm
from .listings import blog_index_listing, for_cards, post_cards
from .related import posts_to_read_next
from .sharing import neighbours, share_context

POSTS_PER_PAGE = 10


class BlogIndexPage(IntroPage):
    """ "Blogs": the posts of every group, newest first, filtered by group or tag."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("blog index")

    @classmethod
    def for_locale(cls, locale):
        return cls.objects.live().filter(locale=locale).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        readable = BlogPage.readable(request.user, self.locale)
        context.update(blog_index_listing(self, request, POSTS_PER_PAGE, readable))
        return context


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items")


class BlogPage(ReadByAccessLevel, Rateable, BasePage):
    teaser = models.TextField(
        _("teaser"),
        max_length=320,
        help_text=_("One or two sentences for listings, related posts and search engines (at most 320 characters)."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="blog_posts",
    )
    date_published = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Shown in the byline. Left empty, it becomes the moment of first publication."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Leave empty only for a decorative image."),
    )
    body = StreamField(BlogBodyBlock(), verbose_name=_("body"), blank=True)
    access_level = models.CharField(
        _("who may read this"),
        max_length=10,
        choices=AccessLevel.choices,
        default=AccessLevel.PUBLIC,
        help_text=_(
            'In a closed group, "everyone" and "logged-in users" mean the group\'s members. '
            "Translations always follow the original."
        ),
    )
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True, verbose_name=_("tags"))

    base_form_class = BlogPageForm

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
    ]
    about_panels = [
        FieldPanel("access_level"),
        FieldPanel("author"),
        FieldPanel("date_published"),
        FieldPanel("tags"),
        InlinePanel(
            "related_pins",
            heading=_("Pinned related posts"),
            label=_("Pinned post"),
            help_text=_("Shown first under related posts; the rest are chosen by shared tags."),
            max_num=4,
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(about_panels, heading=_("Access, author and tags")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("author", [index.SearchField("display_name")]),
        index.FilterField("date_published"),
        index.FilterField("access_level"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("teaser"),
        TranslatableField("hero_image_alt"),
        TranslatableField("body"),
        SynchronizedField("author"),
        SynchronizedField("date_published"),
        SynchronizedField("hero_image"),
        # The tags' child relation: SynchronizedField("tags") (the manager) is never copied
        # when a translation is synced, so English posts kept their first tags.
        SynchronizedField("tagged_items"),
        SynchronizedField("related_pins"),
        SynchronizedField("access_level"),
    ]

    parent_page_types = ["groups.GroupPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")
        # Listings show the newest first (``readable``): walking this index, a page of cards
        # reads as many posts as it shows, not every post on the site to sort them.
        indexes = [models.Index(fields=["-date_published", "-page_ptr"], name="blog_newest_first")]

    def clean(self):
        super().clean()
        # The group page answers these addresses itself (its members page and forms).
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is taken by the group's own pages; choose another.")})

    def save(self, *args, **kwargs):
        if self.live and self.date_published is None:
            self.date_published = self.first_published_at or timezone.now()
        follow_source(self, "access_level")
        super().save(*args, **kwargs)
        lead_translations(self, "access_level", kwargs.get("update_fields"))

    @property
    def group(self):
        """The group this post lives in (its parent page), looked up once per instance."""
        if not hasattr(self, "_group"):
            self._group = GroupPage.objects.parent_of(self).select_related("image").first()
        return self._group

    @group.setter
    def group(self, value):
        self._group = value

    @cached_property
    def blog_index(self):
        return BlogIndexPage.for_locale(self.locale)

    @classmethod
    def readable(cls, user, locale):
        """The posts in ``locale`` that ``user`` may read, newest first."""
        return viewable(user, cls.objects.filter(locale=locale)).order_by("-date_published", "-pk")

    @classmethod
    def listing_in(cls, group, request, per_page):
        """A group page's posts: the page of them the request asks for, ready for cards."""
        page = paginate(request, for_cards(cls.readable(request.user, group.locale).child_of(group)), per_page)
        return page, post_cards(page.object_list, group=group)

    @classmethod
    def for_serving(cls):
        # The byline, the hero image, the read count, whether reactions are closed,
        # whether guests may react and whether an editor pinned related posts come with
        # the post itself.
        return (
            super()
            .for_serving()
            .select_related("author", "hero_image")
            .annotate(
                views_so_far=views_of(OuterRef("translation_key")),
                reactions_are_closed=closed_for(OuterRef("translation_key")),
                guest_reactions_allowed=guest_reactions_allowed(),
                has_related_pins=Exists(BlogPageRelatedPin.objects.filter(page=OuterRef("pk"))),
            )
        )

    def permissions_for_user(self, user):
        # What the admin lets a member do with this post asks the access policy first.
        return PostPermissionTester(user, self)

    def breadcrumb_pages(self, sections=()):
        # Served, the blog index is the home page's section (get_context); else the page.
        index = getattr(self, "_blog_section", None) or self.blog_index
        return [page for page in (index, self.group) if page is not None]

    def related_posts(self, user, limit=4, tags=None):
        return posts_to_read_next(self, user, limit=limit, tags=tags)

    def what_a_change_purges(self, moved_from=None, cdn=False):
        """Its own label, its group's (and the group it left), and what lists and searches
        find; a CDN also drops the posts that show it as related."""
        parents = [parent for parent in (self.get_parent(), moved_from) if parent is not None]
        labels = [page_label(self), *(page_label(parent) for parent in parents), LISTINGS, SEARCH]
        related = self.related_posts(AnonymousUser()) if cdn and self.live else []
        return labels, [self, *parents, *related]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["group"] = self.group
        context["group_url"] = self.group.get_url(request) if self.group else ""
        # The blog index as the header knows it (pages/outline.py): no query of its own.
        self._blog_section = home_child_of_type(request, BlogIndexPage)
        context["blog_index_url"] = self._blog_section.url if self._blog_section else ""
        context["tags"] = list(self.tags.all())
        context["related_posts"] = self.related_posts(request.user, tags=context["tags"])
        context.update(
            reaction_context(
                request,
                self,
                group=self.group,
                closed=getattr(self, "reactions_are_closed", None),
                guests_allowed=getattr(self, "guest_reactions_allowed", None),
            )
        )
        # Served, the post came with its read count (for_serving); previewed, it did not.
        served = hasattr(self, "views_so_far")
        context["read_count"] = (self.views_so_far or 0) if served else read_count(self)
        context["access_label"] = effective_level(self, facts_for(request.user)).label
        context.update(post_and_group_ratings(request, self, self.group))
        if self.pk is not None:
            context.update(share_context(request, self, self.group))
            context.update(neighbours(request.user, self, self.group))
        return context


class BlogPageRelatedPin(Orderable):
    """A post an editor wants shown first under "related posts"."""

    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="related_pins")
    related = models.ForeignKey(
        BlogPage,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("pinned related post")
        verbose_name_plural = _("pinned related posts")


class PostLeftBehind(models.Model):
    """A post whose author deleted their account and asked that it not stay with its
    group: unpublished, kept as a draft, until an editor deletes it or gives it to the
    group's owner. Kept beside the page, not on it, so that neither a revision published
    again nor a translation's sync can bring the mark back or take it away."""

    page = models.OneToOneField(BlogPage, on_delete=models.CASCADE, related_name="left_behind")
    left_at = models.DateTimeField(_("left since"), auto_now_add=True)

    class Meta:
        verbose_name = _("post of a member who left")
        verbose_name_plural = _("posts of members who left")
