"""``/sitemap.xml`` and ``/robots.txt``: what search engines may find. The sitemap lists
every page an anonymous visitor may read, in both languages, each with the addresses of
its other language versions and its last publication date."""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from wagtail.models import Page, Site

from groups.access import viewable

from .addresses import ENDPOINT_PREFIXES
from .links import absolute_url
from .page_cache import LISTINGS, cache_this


def public_pages(request):
    """Every live page of the site an anonymous visitor may read (in any language),
    without Wagtail's private pages, in one query."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    roots = site.root_page.get_translations(inclusive=True)
    in_site = Page.objects.none()
    for root in roots:
        in_site |= Page.objects.descendant_of(root, inclusive=True)
    pages = viewable(AnonymousUser(), in_site).public().select_related("locale").order_by("path")
    return list(pages.defer_streamfields())


@require_GET
def sitemap(request):
    cache_this(request, LISTINGS)
    pages = public_pages(request)
    by_key = defaultdict(dict)
    for page in pages:
        by_key[page.translation_key][page.locale.language_code] = page
    entries = []
    for page in pages:
        versions = by_key[page.translation_key]
        alternates = [(code, absolute_url(v.get_url(request))) for code, v in sorted(versions.items())]
        if len(versions) > 1 and settings.LANGUAGE_CODE in versions:
            alternates.append(("x-default", absolute_url(versions[settings.LANGUAGE_CODE].get_url(request))))
        entries.append(
            {
                "location": absolute_url(page.get_url(request)),
                "lastmod": page.last_published_at or page.latest_revision_created_at,
                "alternates": alternates if len(versions) > 1 else [],
            }
        )
    xml = render_to_string("home/sitemap.xml", {"entries": entries})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


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
