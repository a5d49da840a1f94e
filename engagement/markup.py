"""Reactions are typed in a small Markdown subset and shown as sanitised HTML.

Allowed: paragraphs, bold, italic, links, bulleted and numbered lists, quotes and a small
heading. Anything else a member types is shown as text. The result passes an allow-list
sanitiser, so nothing can run script, load remote content or break out of its box."""

import html as html_lib
from functools import lru_cache

from django.utils.safestring import mark_safe

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "strong", "em", "a", "ul", "ol", "li", "blockquote", "h4", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_markdown = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["emphasis", "link", "list", "blockquote", "heading", "newline", "autolink"]
)


def render_reaction(text):
    """Markdown source → safe HTML for a reaction body."""
    return mark_safe(_rendered(text or ""))  # noqa: S308 - nh3 has sanitised it against an allow-list


@lru_cache(maxsize=4096)
def _rendered(text):
    # The same text always gives the same HTML, and a post page shows dozens of reactions
    # on every view: each process renders a reaction once.
    tokens = _markdown.parse(text)
    for token in tokens:
        # Whatever level a member asks for, a heading inside a reaction stays small: the
        # page's own outline (post h1, sections h2, reactions h3) is not theirs to change.
        if token.type in ("heading_open", "heading_close"):
            token.tag = "h4"
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return clean


def plain_text(text, limit=None):
    """The reaction as plain text (for e-mails and listings): markup dropped, entities kept
    as characters."""
    stripped = nh3.clean(str(render_reaction(text)), tags=set())
    result = " ".join(html_lib.unescape(stripped).split())
    if limit and len(result) > limit:
        result = result[: limit - 1].rstrip() + "…"
    return result
