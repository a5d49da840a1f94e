from django import template

from engagement.likes import count_text
from engagement.markup import render_reaction

register = template.Library()


@register.filter
def reaction_html(text):
    """A reaction's Markdown as sanitised HTML."""
    return render_reaction(text)


@register.filter
def helpful_count(number):
    """How many members found a reaction helpful, in words; nothing when none did."""
    return count_text(number or 0)
