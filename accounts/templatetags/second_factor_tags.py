from django import template

from ..second_factor_views import next_on_this_site

register = template.Library()


@register.simple_tag(takes_context=True)
def next_on_site(context):
    """Where the member was going (``?next=``), if that is on this site, else ``""``."""
    return next_on_this_site(context["request"])
