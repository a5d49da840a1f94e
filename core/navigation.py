from django.db.models import Subquery
from django.db.models.functions import Length, Substr

from wagtail.models import Page, Site

from .locales import locale_id_for


def section_entries(request, language_code):
    """``(title, url, path)`` of the main menu's sections in ``language_code``: the live
    children of that language's home page that are marked "show in menus". One query."""
    site = Site.find_for_request(request) if request is not None else None
    locale_id = locale_id_for(language_code)
    if site is None or site.root_page_id is None or locale_id is None:
        return []
    # Every language's home is a translation of the site's root page.
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    homes = Page.objects.filter(translation_key=Subquery(root_key), locale_id=locale_id).values("path")
    sections = (
        Page.objects.live()
        .in_menu()
        .filter(locale_id=locale_id)
        .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
        .filter(parent_path__in=homes)
        .order_by("path")
    )
    return [(section.title, section.get_url(request), section.path) for section in sections]


def menu_sections(entries, current_page=None):
    """The main menu from its ``entries`` (``section_entries``), each flagged when the
    reader is in that section."""
    current_path = getattr(current_page, "path", "")
    return [
        {"title": title, "url": url, "is_current": bool(current_path) and current_path.startswith(path)}
        for title, url, path in entries
    ]
