"""The brand variables of a look, as the CSS that sets them on :root.

The CSS goes into a <style> element, where HTML escaping does not apply (an &quot; would
reach the CSS as it stands), so what goes in is checked here instead: colours only as
#rrggbb, fonts only from the fixed list, and nothing that could end the element."""

from django.utils.safestring import mark_safe

from .contrast import is_hex_colour
from .models import DEFAULT_COLOURS, FONT_STACKS

VARIABLES = {
    "color_primary": "--samen-color-primary",
    "color_header": "--samen-color-header",
    "color_accent": "--samen-color-accent",
    "color_focus": "--samen-color-focus",
}
KNOWN_FONT_STACKS = frozenset(FONT_STACKS.values())


def root_style(look):
    declarations = []
    for field, variable in VARIABLES.items():
        colour = look["colours"].get(field)
        declarations.append(f"{variable}: {colour if is_hex_colour(colour) else DEFAULT_COLOURS[field]};")
    font_stack = look["font_stack"] if look["font_stack"] in KNOWN_FONT_STACKS else next(iter(FONT_STACKS.values()))
    declarations.append(f"--samen-font-family: {font_stack};")
    css = ":root { " + " ".join(declarations) + " }"
    if "<" in css or ">" in css:
        raise ValueError("The theme's CSS may not contain < or >")
    return mark_safe(css)  # noqa: S308 - built only from checked colours and the fixed font stacks
