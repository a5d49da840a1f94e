from django import template
from django.utils.html import format_html

from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from access.policy import is_site_editor
from core.dates import exact_time, relative_time
from core.i18n import alternates, language_links
from core.navigation import menu_sections
from pagecache.labels import depends_on, page_label
from pagecache.personal_parts import render_part
from pages.description import page_description
from pages.outline import site_outline
from pages.workflow_mail import last_decision

register = template.Library()


@register.simple_tag
def time_ago(value):
    """``<time>`` with the relative time as text and the exact local date on hover. Built
    here, not in a template of its own: a thread shows it for every reaction."""
    if not value:
        return ""
    iso, exact = exact_time(value)
    return format_html('<time datetime="{}" title="{}">{}</time>', iso, exact, relative_time(value))


@register.filter
def nearby_page_numbers(page):
    """The page numbers a list of pages links to: the first and the last, and two on
    either side of ``page``; ``None`` for each gap between them. However many pages there
    are, at most seven numbers: a list of 1,000 posts no longer links to each of its pages."""
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return [number if isinstance(number, int) else None for number in numbers]


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, page):
    request = context.get("request")
    sections = site_outline(request)["sections"] if request is not None else ()
    return {"trail": page.breadcrumb_pages(sections=sections), "page": page, "request": request}


@register.simple_tag(takes_context=True)
def site_sections(context, request):
    if request is None:
        return []
    return menu_sections(site_outline(request)["sections"], context.get("page"))


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    request = context.get("request")
    if request is None:
        return {"links": []}
    return {"links": language_links(request, context.get("page"), homes=site_outline(request)["homes"])}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    request = context.get("request")
    return {"alternates": alternates(request, context.get("page")) if request else []}


@register.simple_tag(takes_context=True)
def shows(context, *pages):
    """Note that this page shows ``pages`` (a card, a link with its title), so that a
    change to one of them purges this page from the shared cache too."""
    request = context.get("request")
    if request is not None:
        depends_on(request, *(page_label(page) for page in pages if page is not None))
    return ""


@register.simple_tag
def meta_description(page):
    """The page's description for ``<meta name="description">`` (pages/description.py)."""
    return page_description(page) if page else ""


@register.simple_tag
def workflow_decision(page):
    """The last approval step taken on ``page`` (for the workflow mails)."""
    return last_decision(page)


@register.simple_tag(takes_context=True)
def editing_bar(context):
    """Wagtail's userbar, for the people who edit this page: site editors and the page's
    own author or owner, and everyone in a preview (the admin's checks panel runs its
    accessibility checker through it). Group members also reach the admin (to write in
    their group), but on every other page the bar would only cost them time: it is the
    slowest part of a member's page."""
    request = context.get("request")
    if getattr(request, "is_preview", False):
        return wagtailuserbar(context)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    page = context.get("page")
    own = page is not None and user.pk in (getattr(page, "owner_id", None), getattr(page, "author_id", None))
    if not (own or is_site_editor(user)):
        return ""
    return wagtailuserbar(context)


@register.simple_tag(takes_context=True)
def part(context, name, **arguments):
    """A part of the page that is the reader's own (see pagecache/personal_parts.py): rendered
    from its arguments alone, so that it can be rendered again for another member."""
    for value in arguments.values():
        if not isinstance(value, (str, int, bool, type(None))):
            raise TypeError(f"The part {name!r} takes plain values, not {type(value).__name__}.")
    return render_part(context["request"], name, arguments)
