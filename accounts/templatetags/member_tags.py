from django import template
from django.utils.html import format_html

register = template.Library()


def initials(name):
    parts = [part for part in (name or "").split() if part[:1].isalnum()]
    if not parts:
        return "?"
    letters = parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")
    return letters.upper()


@register.simple_tag
def avatar(member, size=40):
    """The member's picture, or their initials in a circle; decorative beside their name.
    Built here, not in a template of its own: a thread shows it for every reaction."""
    if member is not None and member.avatar:
        return format_html(
            '<img class="avatar" src="{}" width="{}" height="{}" alt="" loading="lazy">', member.avatar.url, size, size
        )
    return format_html(
        '<span class="avatar avatar--initials" style="--size: {}px" aria-hidden="true">{}</span>',
        size,
        initials(member.display_name if member is not None else ""),
    )
