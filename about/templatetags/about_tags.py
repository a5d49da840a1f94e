from django import template

from about.footer import footer_links, privacy_statement_url

register = template.Library()


@register.inclusion_tag("about/footer_links.html", takes_context=True)
def about_links(context):
    """The live pages about the site, in the reader's language, for the footer."""
    return {"links": footer_links(context.get("request"))}


@register.simple_tag(takes_context=True, name="privacy_statement_url")
def privacy_statement_url_tag(context):
    """The privacy statement's address in the reader's language, or "" without one."""
    return privacy_statement_url(context.get("request"))
