from wagtail.models import Site


def menu_sections(request, current_page=None):
    """The main menu: the home page's live children marked "show in menus", in the
    reader's language, each flagged when the reader is in that section."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None or site.root_page_id is None:
        return []
    root = site.root_page.localized
    current_path = getattr(current_page, "path", "")
    return [
        {
            "title": section.title,
            "url": section.get_url(request),
            "is_current": bool(current_path) and current_path.startswith(section.path),
        }
        for section in root.get_children().live().in_menu()
    ]
