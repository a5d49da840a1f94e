"""Wagtail's page view, with the page found by its address (pages/routing.py)."""

from django.http import Http404
from django.utils import translation

from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from .routing import page_at


def serve(request, path):
    """Wagtail's page view, with the page found by its address. Wagtail starts from the
    site's root page in the active language (two more queries: the locale, the page);
    its address is in Wagtail's cached list of site root paths. The route found is
    handed to Wagtail where its view keeps it (``route_for_request`` reads
    ``request._wagtail_route_for_request`` first), so that Wagtail's hooks, view
    restrictions and serving run as always."""
    site = Site.find_for_request(request)
    language = translation.get_language()
    # Read from the cache once and left on the request where Wagtail's get_url(request)
    # looks for it (Page._get_site_root_paths), so that the page's own URLs ask no more.
    root_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
    if root_paths is None:
        root_paths = request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    root = next(
        (entry for entry in root_paths if site and entry.site_id == site.pk and entry.language_code == language),
        None,
    )
    if root is not None:
        components = [component for component in path.split("/") if component]
        page = page_at(f"{root.root_path}{'/'.join(components)}/" if components else root.root_path)
        if page is not None:
            try:
                request._wagtail_route_for_request = page.route(request, [])
            except Http404:
                request._wagtail_route_for_request = None
    return wagtail_serve(request, path)
