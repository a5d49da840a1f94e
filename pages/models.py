from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from csp import constants as csp

from access.policy import can_view
from core.links import absolute_url
from core.locales import locale_id_for
from pagecache.labels import LISTINGS, cache_this, page_label
from pagecache.personal_parts import assembling

from .sitemap import public_versions

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

    # The address sits under the title, where editors and translators (whose editor follows
    # these tabs) look for it, not among the search engine settings.
    content_panels = [TitleFieldPanel("title"), FieldPanel("slug")]
    promote_panels = [
        MultiFieldPanel([FieldPanel("seo_title"), FieldPanel("search_description")], heading=_("For search engines")),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("For site menus")),
    ]

    class Meta:
        abstract = True

    # What else a change to any page of this type makes stale (see pagecache/labels.py).
    cache_labels = ()

    @classmethod
    def for_serving(cls):
        """The pages of this type as they are served (pages/routing.py): with what serving
        one reads anyway fetched along."""
        return cls.objects.select_related("locale")

    def serve(self, request, *args, **kwargs):
        return self.refusal_or_redirect(request) or super().serve(request, *args, **kwargs)

    def refusal_or_redirect(self, request):
        """What to answer instead of the page, if anything."""
        # Who may read this? Asked before anything else, so that a refusal reveals nothing
        # (not even the address of the page in the other language). A visitor who is not
        # logged in is asked to; a member who may not read it gets the same 404 as for a
        # page that does not exist.
        if not can_view(request.user, self):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))
            raise Http404
        # Wagtail falls back to the default language's page when a translation is missing
        # (the English home when there is none, say). Never show a page under the other
        # language's prefix: send the reader to the page in its own language instead.
        if self.locale_id != locale_id_for(translation.get_language()):
            return redirect(self.get_url(request))
        # Whoever may read it: a reader who is not logged in gets the shared copy. Members
        # share copies with their audience (pagecache/personal_parts.py), which does not know
        # who passed a Wagtail view restriction (a password, a Django group): such a page
        # is rendered whole for every member.
        if not (assembling(request) and self.get_view_restrictions().exists()):
            cache_this(request, page_label(self), *self.cache_labels)
        return None

    def get_view_restrictions(self):
        """The view restrictions on this page and its ancestors, an alias's taken from the
        page it copies, as Wagtail's own method finds them, in one query instead of two
        (the ancestors' paths follow from this page's own)."""
        if self.alias_of_id is not None or not self.path:
            return super().get_view_restrictions()
        steplen = self.steplen
        chain = Page.objects.filter(path__in=[self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)])
        own = Q(page__in=chain.filter(alias_of__isnull=True).values("pk"))
        copied = Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
        return PageViewRestriction.objects.filter(own | copied)

    def serve_preview(self, request, mode_name):
        # The admin shows the preview in a frame (the live preview panel, and the checks
        # panel, which runs Wagtail's accessibility checker inside it): the admin's own
        # origin may frame it; the site's pages stay unframeable everywhere else.
        response = super().serve_preview(request, mode_name)
        response._csp_replace = {"frame-ancestors": [csp.SELF]}
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def what_a_change_purges(self, moved_from=None, cdn=False):
        """The cache labels a change to this page makes stale (``None``: everything) and
        the pages whose addresses a CDN must drop. By default everything: home and the
        indexes are named in every page's menu and breadcrumb."""
        return None, [self]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["canonical_url"] = absolute_url(self.get_url(request)) if self.pk else ""
        return context

    def breadcrumb_pages(self, sections=()):
        """The pages the breadcrumb shows before this one, home excluded. ``sections``, the
        home page's sections as the outline keeps them (pages/outline.py), stand in for
        the ancestors they are, so that only deeper ancestors are looked up."""
        steplen = self.steplen
        # Below home (the site's root is depth 1, home 2), above this page.
        paths = [self.path[:end] for end in range(3 * steplen, len(self.path), steplen)]
        known = {section.path: section for section in sections if section.path in paths}
        missing = [path for path in paths if path not in known]
        if missing:
            known.update((page.path, page) for page in Page.objects.filter(path__in=missing).specific())
        return [known[path] for path in paths if path in known]

    def get_sitemap_urls(self, request=None):
        """This page's entry in /sitemap.xml, or none when an anonymous visitor may not
        read it: its address (on SITE_BASE_URL, whatever Host the request named), its last
        publication, and, when it is translated, every language version such a visitor may
        read, the Dutch one also as x-default."""
        versions = public_versions(request).get(self.translation_key, {})
        own = [address for pk, address in versions.values() if pk == self.pk]
        if not own:
            return []
        alternates = []
        if len(versions) > 1:
            alternates = [{"lang_code": code, "location": address} for code, (_pk, address) in sorted(versions.items())]
            if settings.LANGUAGE_CODE in versions:
                alternates.append({"lang_code": "x-default", "location": versions[settings.LANGUAGE_CODE][1]})
        lastmod = self.last_published_at or self.latest_revision_created_at
        return [{"location": own[0], "lastmod": lastmod, "alternates": alternates}]


class IntroPage(BasePage):
    """A page that opens with a short introduction: home and the two index pages."""

    cache_labels = (LISTINGS,)

    intro = RichTextField(_("introduction"), features=TEXT_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    class Meta:
        abstract = True
