"""What the header of every page names: the main menu's sections and the home page in
each language (where the language switch leads when a page is not translated).

Looked up in two queries and kept per site and language in the cache, stamped with the
version of the page cache's ``site`` label, as the footer's links are: publishing,
unpublishing, moving or deleting a page, or a change to the site, purges that label. A
stamp that no longer matches means the outline is looked up again."""

from django.core.cache import cache
from django.utils import translation

from wagtail.models import Site

from core.i18n import home_urls
from core.navigation import section_entries
from pagecache.labels import SITE, versions

CACHE_SECONDS = 24 * 60 * 60


def site_outline(request):
    """``{"sections": [(title, url, path)], "homes": {code: url}}`` for the request's site
    in the active language."""
    site = Site.find_for_request(request)
    language = translation.get_language()
    key = f"pages:outline:{site.pk if site else 0}:{language}"
    stamp = versions([SITE])
    kept = cache.get(key)
    if kept is not None and kept["stamp"] == stamp:
        return kept["outline"]
    outline = {"sections": section_entries(request, language), "homes": home_urls(request)}
    cache.set(key, {"stamp": stamp, "outline": outline}, CACHE_SECONDS)
    return outline
