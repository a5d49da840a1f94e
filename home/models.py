from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from .locales import locale_id_for
from .pagination import paginate

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class BasePage(Page):
    """What every Samen page shares: the fields translators translate, and the trail the
    breadcrumb shows."""

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
    ]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        # Wagtail falls back to the default language's page when a translation is missing
        # (the English home when there is none, say). Never show a page under the other
        # language's prefix: send the reader to the page in its own language instead.
        if self.locale_id != locale_id_for(translation.get_language()):
            return redirect(self.get_url(request))
        return super().serve(request, *args, **kwargs)

    def breadcrumb_pages(self):
        """The pages the breadcrumb shows before this one, home excluded."""
        return [page.specific for page in self.get_ancestors().filter(depth__gt=2)]

    def paginate(self, request, items, per_page):
        return paginate(request, items, per_page)


class IntroPage(BasePage):
    """A page that opens with a short introduction: home and the two index pages."""

    intro = RichTextField(_("introduction"), features=TEXT_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    class Meta:
        abstract = True


class HomePage(IntroPage):
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["groups.GroupIndexPage", "blog.BlogIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from blog.listings import latest_posts
        from engagement.ratings import attach_ratings
        from groups.models import GroupPage

        context = super().get_context(request, *args, **kwargs)
        context["latest_posts"] = latest_posts(self.locale, limit=6)
        context["groups"] = attach_ratings(
            GroupPage.objects.live().filter(locale=self.locale).select_related("image").order_by("title")
        )
        return context
