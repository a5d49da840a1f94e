"""What the templates need of a site's theme, worked out once and kept in the cache.

A page's head and header need the theme's colours, font, name and the addresses of the
logo's and icon's renditions: worked out from the database, that is a query for the
setting and one per rendition. They are kept in Django's cache per site, so a page costs
no query for them, and forgotten when the theme or one of its images changes
(theme/purges.py). Addresses of static files are not kept: they change with each release."""

import logging

from django.core.cache import cache
from django.db import transaction

from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from .contrast import is_hex_colour
from .models import DEFAULT_COLOURS, DEFAULT_NAME, FONT_STACKS, Font, Theme

logger = logging.getLogger(__name__)

CACHE_PREFIX = "samen:theme:v1:"
CACHE_SECONDS = 24 * 60 * 60

LOGO_HEIGHT = 40
ICON_SIZE = 32
TOUCH_ICON_SIZE = 180


def cache_key(site_id):
    return f"{CACHE_PREFIX}{site_id}"


def default_look():
    return {
        "name": DEFAULT_NAME,
        "colours": dict(DEFAULT_COLOURS),
        "font_stack": FONT_STACKS[Font.SYSTEM],
        "logo": None,
        "icon": None,
        "touch_icon": None,
    }


def look_for_request(request):
    """The look of the site ``request`` is for; Samen's own when there is no request or no
    such site."""
    if request is None:
        return default_look()
    look = getattr(request, "_samen_look", None)
    if look is None:
        site = Site.find_for_request(request)
        look = look_for_site(site) if site is not None else default_look()
        request._samen_look = look
    return look


def look_for_site(site):
    key = cache_key(site.pk)
    look = cache.get(key)
    if look is None:
        theme = Theme.objects.filter(site=site).select_related("logo", "favicon").first()
        look = look_of(theme) if theme is not None else default_look()
        cache.set(key, look, CACHE_SECONDS)
    return look


def look_of(theme):
    """The look ``theme`` gives: only checked colours and known fonts reach a page."""
    look = default_look()
    look["name"] = theme.organisation_name or DEFAULT_NAME
    for field in look["colours"]:
        value = getattr(theme, field)
        if is_hex_colour(value):
            look["colours"][field] = value.lower()
    look["font_stack"] = theme.font_stack
    look["logo"] = _logo(theme.logo)
    icon_source = theme.favicon or (theme.logo if theme.logo is not None and not theme.logo.is_svg() else None)
    if icon_source is not None:
        icon = _rendition(icon_source, f"fill-{ICON_SIZE}x{ICON_SIZE}|format-png")
        touch_icon = _rendition(icon_source, f"fill-{TOUCH_ICON_SIZE}x{TOUCH_ICON_SIZE}|bgcolor-ffffff|format-png")
        if icon is not None and touch_icon is not None:
            look["icon"] = icon["url"]
            look["touch_icon"] = touch_icon["url"]
    return look


def _logo(image):
    if image is None:
        return None
    logo = _rendition(image, f"height-{LOGO_HEIGHT}")
    if logo is not None and not image.is_svg():
        sharp = _rendition(image, f"height-{LOGO_HEIGHT * 2}")
        logo["url_2x"] = sharp["url"] if sharp is not None and sharp["height"] == LOGO_HEIGHT * 2 else None
    return logo


def _rendition(image, spec):
    try:
        rendition = image.get_rendition(spec)
    except SourceImageIOError:
        # The file is gone from the storage: show Samen's own rather than a broken image.
        logger.warning("The theme's image %s has no file; its default is shown instead", image.pk)
        return None
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def forget(site_ids):
    """Let the next page of these sites work out their look again: at once, and once more
    when the change is committed, so that a page rendered in between cannot keep the old one."""
    keys = [cache_key(site_id) for site_id in site_ids]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys), robust=True)
