from django import template

register = template.Library()


@register.inclusion_tag("theme/head.html", takes_context=True)
def theme_head(context):
    """The organisation's colours, font and icons, in the page's head."""
    return {"request": context.get("request")}


@register.inclusion_tag("theme/brand.html", takes_context=True)
def theme_brand(context):
    """The organisation's logo and name, linking to the home page, in the header."""
    return {"request": context.get("request"), "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}
