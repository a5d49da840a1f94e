from django import template

from theme.look import look_for_request
from theme.style import root_style

register = template.Library()


@register.inclusion_tag("theme/head.html", takes_context=True)
def theme_head(context):
    """The organisation's colours, font and icons, in the page's head."""
    look = look_for_request(context.get("request"))
    return {"look": look, "root_style": root_style(look)}


@register.inclusion_tag("theme/brand.html", takes_context=True)
def theme_brand(context):
    """The organisation's logo and name, linking to the home page, in the header."""
    return {
        "look": look_for_request(context.get("request")),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


@register.simple_tag(takes_context=True)
def organisation_name(context):
    """The organisation's name, for the page's title and for sharing (og:site_name)."""
    return look_for_request(context.get("request"))["name"]
