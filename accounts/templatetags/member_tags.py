from django import template

register = template.Library()


def initials(name):
    parts = [part for part in (name or "").split() if part[:1].isalnum()]
    if not parts:
        return "?"
    letters = parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")
    return letters.upper()


@register.inclusion_tag("accounts/avatar.html")
def avatar(member, size=40):
    """The member's picture, or their initials in a circle; decorative beside their name."""
    return {
        "url": member.avatar.url if member is not None and member.avatar else "",
        "initials": initials(member.display_name if member is not None else ""),
        "size": size,
    }
