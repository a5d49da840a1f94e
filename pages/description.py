"""The sentence search engines and link previews show for a page (``<meta name="description">``)."""

import html
import re

from django.utils.html import strip_tags

# Where one block of rich text ends and the next begins, a space keeps their words apart
# once the tags are gone.
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)

LIMIT = 160


def plain_text(rich_text):
    """The words of ``rich_text`` (HTML from the editor) without tags or entities."""
    text = html.unescape(strip_tags(BLOCK_END.sub(" ", str(rich_text))))
    return " ".join(text.split())


def page_description(page, limit=LIMIT):
    """What the editor wrote for search engines; else the post's teaser; else the opening
    words of the page's introduction, cut at a word to at most ``limit`` characters; else,
    for a page with none of these, its title."""
    for field in ("search_description", "teaser"):
        written = " ".join(str(getattr(page, field, "") or "").split())
        if written:
            return written
    intro = plain_text(getattr(page, "intro", "") or "")
    if not intro:
        return " ".join(str(getattr(page, "title", "") or "").split())
    if len(intro) <= limit:
        return intro
    cut = intro[: limit - 1]
    if intro[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
