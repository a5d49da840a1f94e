from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import TEXT_FEATURES, BasePage, IntroPage

POSTS_PER_PAGE = 10


class GroupIndexPage(IntroPage):
    """ "Groepen": every group of the site, in alphabetical order."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["groups.GroupPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("group index")

    def get_context(self, request, *args, **kwargs):
        from engagement.ratings import attach_ratings

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = attach_ratings(
            GroupPage.objects.child_of(self).live().select_related("image").order_by("title")
        )
        return context


class GroupPage(BasePage):
    """A group: people around one theme, and the blog posts they write."""

    description = models.CharField(
        _("description"),
        max_length=200,
        help_text=_("One line that says what the group is about; shown in listings and beside its posts."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(
        _("introduction"),
        features=["h2", "h3", *TEXT_FEATURES],
        blank=True,
        help_text=_("A longer introduction on the group's own page."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        FieldPanel("image"),
        FieldPanel("intro"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("intro"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("description"),
        TranslatableField("intro"),
        SynchronizedField("image"),
    ]

    parent_page_types = ["groups.GroupIndexPage"]
    subpage_types = ["blog.BlogPage"]

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def get_context(self, request, *args, **kwargs):
        from blog.listings import for_cards, post_cards
        from blog.models import BlogPage
        from engagement.context import rating_context

        context = super().get_context(request, *args, **kwargs)
        posts = for_cards(BlogPage.objects.child_of(self).live().order_by("-date_published", "-pk"))
        page = self.paginate(request, posts, POSTS_PER_PAGE)
        context["posts_page"] = page
        context["posts"] = post_cards(page.object_list, group=self)
        context["group_rating"] = rating_context(request, self) if self.pk else None
        return context
