"""What the header of every page names: the home page's sections (the main menu, and the
first steps of a breadcrumb) and the home page in each language (where the language switch
leads when a page is not translated).

Looked up in two queries and kept per site and language in the cache, stamped with the
version of the page cache's ``site`` label, as the footer's links are: publishing,
unpublishing, moving or deleting a page, or a change to the site, purges that label. A
stamp that no longer matches means the outline is looked up again."""

from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from wagtail.models import Site

from core.i18n import home_urls
from core.navigation import home_children
from pagecache.labels import SITE, kept_until_purged

CACHE_SECONDS = 24 * 60 * 60
OUTLINE_FORMAT = 2


def site_outline(request):
    """``{"sections": [HomeChild], "homes": {code: url}}`` for the request's site in the
    active language."""
    site = Site.find_for_request(request)
    language = translation.get_language()
    # The format's version is in the key: a new release never reads an old release's shape.
    key = f"pages:outline:{OUTLINE_FORMAT}:{site.pk if site else 0}:{language}"
    # The header, the breadcrumb and the page's own context each ask: once per request.
    seen = request.__dict__.setdefault("_site_outlines", {})
    if key not in seen:
        seen[key] = kept_until_purged(
            key,
            [SITE],
            lambda: {"sections": home_children(request, language), "homes": home_urls(request)},
            CACHE_SECONDS,
        )
    return seen[key]


def home_child_of_type(request, model):
    """The section of the home page that is a page of type ``model``, or None."""
    content_type = ContentType.objects.get_for_model(model)
    return next(
        (child for child in site_outline(request)["sections"] if child.content_type_id == content_type.pk), None
    )
