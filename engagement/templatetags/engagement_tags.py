from django import template

from engagement.markup import render_reaction

register = template.Library()


@register.filter
def reaction_html(text):
    """A reaction's Markdown as sanitised HTML."""
    return render_reaction(text)
