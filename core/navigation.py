from dataclasses import dataclass

from django.db.models import Subquery
from django.db.models.functions import Length, Substr

from wagtail.models import Page, Site

from .locales import locale_id_for


@dataclass(frozen=True)
class HomeChild:
    """A live child of a language's home page (a section), as the header and the
    breadcrumb name it."""

    title: str
    url: str
    path: str
    content_type_id: int
    in_menu: bool
    # The breadcrumb links entries by ``url``, pages with ``{% pageurl %}``.
    is_home_child = True


def home_children(request, language_code):
    """The live children of the home page in ``language_code``, in the tree's order. One
    query."""
    site = Site.find_for_request(request) if request is not None else None
    locale_id = locale_id_for(language_code)
    if site is None or site.root_page_id is None or locale_id is None:
        return []
    # Every language's home is a translation of the site's root page.
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    homes = Page.objects.filter(translation_key=Subquery(root_key), locale_id=locale_id).values("path")
    children = (
        Page.objects.live()
        .filter(locale_id=locale_id)
        .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
        .filter(parent_path__in=homes)
        .order_by("path")
    )
    return [
        HomeChild(child.title, child.get_url(request), child.path, child.content_type_id, child.show_in_menus)
        for child in children
    ]


def menu_sections(children, current_page=None):
    """The main menu: the ``children`` of home (``home_children``) marked "show in
    menus", each flagged when the reader is in that section."""
    current_path = getattr(current_page, "path", "")
    return [
        {
            "title": child.title,
            "url": child.url,
            "is_current": bool(current_path) and current_path.startswith(child.path),
        }
        for child in children
        if child.in_menu
    ]
