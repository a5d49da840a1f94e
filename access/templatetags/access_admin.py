from django import template

from access.admin_status import access_status as status_of

register = template.Library()


@register.simple_tag(takes_context=True)
def access_status(context, page):
    """For the admin's status side panel (templates/wagtailadmin/.../status/privacy.html)."""
    # A new page has no place in the tree yet; its status panel knows the parent it goes under.
    panel = context.get("panel")
    return status_of(page, parent=getattr(panel, "parent_page", None))
