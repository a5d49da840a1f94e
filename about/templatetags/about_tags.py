from django import template

from about.footer import footer_links

register = template.Library()


@register.inclusion_tag("about/footer_links.html", takes_context=True)
def about_links(context):
    """The live pages about the site, in the reader's language, for the footer."""
    return {"links": footer_links(context.get("request"))}
