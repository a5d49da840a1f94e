"""``/sitemap.xml`` and ``/robots.txt``: what search engines may find. The sitemap is
Wagtail's (``wagtail.contrib.sitemaps``): it lists what each page's ``get_sitemap_urls()``
returns (``BasePage``'s: every page an anonymous visitor may read, with the addresses of
its other language versions and its last publication date)."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page, Site

from access.policy import viewable
from core.addresses import ENDPOINT_PREFIXES
from core.links import absolute_url
from pagecache.labels import LISTINGS, cache_this


def public_pages(request):
    """Every live page of the site an anonymous visitor may read, in every language,
    without Wagtail's private pages. Built once per request: the entries and their
    language versions are read from the same set."""
    pages = getattr(request, "_samen_public_pages", None)
    if pages is None:
        site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
        in_site = Page.objects.none()
        for root in site.root_page.get_translations(inclusive=True):
            in_site |= Page.objects.descendant_of(root, inclusive=True)
        pages = viewable(AnonymousUser(), in_site).public()
        if request is not None:
            request._samen_public_pages = pages
    return pages


def public_versions(request):
    """The language versions of every page in ``public_pages``, as
    ``{translation_key: {language_code: (page id, absolute address)}}``: one query for the
    whole sitemap, kept on the request."""
    versions = getattr(request, "_samen_public_versions", None)
    if versions is None:
        versions = {}
        for page in public_pages(request).select_related("locale"):
            address = absolute_url(page.get_url(request))
            versions.setdefault(page.translation_key, {})[page.locale.language_code] = (page.pk, address)
        if request is not None:
            request._samen_public_versions = versions
    return versions


class PublicSitemap(Sitemap):
    """Wagtail's sitemap lists the tree under the site's root page, which is the Dutch
    one only; this one lists both languages, and only what anonymous visitors may read."""

    def items(self):
        # The entries need no field of the page types themselves, so no query per type.
        return public_pages(self.request).order_by("path").specific(defer=True)


@require_GET
def sitemap(request):
    cache_this(request, LISTINGS)
    # Samen's own template gives lastmod to the second, Django's only the day.
    return wagtail_sitemap(
        request,
        {"pages": PublicSitemap},
        template_name="pages/sitemap.xml",
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def robots(request):
    """Keep robots out of the admin, the search pages and the endpoints; point at the sitemap."""
    search_paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search_paths.append(reverse("search"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: {path}" for path in search_paths),
        *(f"Disallow: {prefix}" for prefix in ENDPOINT_PREFIXES),
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
