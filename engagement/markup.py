"""Reactions are typed in a small Markdown subset and shown as sanitised HTML.

Allowed: paragraphs, bold, italic, links, bulleted and numbered lists, quotes and a small
heading. Anything else a member types is shown as text. The result passes an allow-list
sanitiser, so nothing can run script, load remote content or break out of its box.

A mention of a member is stored as ``@[Display Name](member id)``: the id keeps pointing at
the member when they change their name, and the name keeps the text readable as typed.
It is shown as a link to the member's profile when that member may read the post, and as
the plain ``@Name`` the author typed otherwise (see ``render_reaction``)."""

import html as html_lib
import re
from functools import lru_cache

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "strong", "em", "a", "ul", "ol", "li", "blockquote", "h4", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

LARGEST_ID = 2**31 - 1  # the largest member id the database can hold
MENTION = re.compile(r"@\[([^\[\]\n]{1,80})\]\((\d{1,10})\)")
# A rendered mention is kept between characters from Unicode's private use area until the
# page says whom it may link to. They are taken out of what a member types, so a marker in
# the rendered HTML can only have come from a mention.
_START, _MIDDLE, _END = "\ue000", "\ue001", "\ue002"
_MARKERS = {ord(_START): None, ord(_MIDDLE): None, ord(_END): None}
_RENDERED_MENTION = re.compile(f"{_START}(\\d+){_MIDDLE}([^{_END}]*){_END}")


def _mention_rule(state, silent):
    if state.src[state.pos] != "@":
        return False
    match = MENTION.match(state.src, state.pos)
    if match is None or not match.group(1).strip():
        return False
    if not silent:
        token = state.push("mention", "", 0)
        token.meta = {"id": int(match.group(2))}
        token.content = match.group(1).strip()
    state.pos = match.end()
    return True


def _render_mention(self, tokens, idx, options, env):
    token = tokens[idx]
    return f"{_START}{token.meta['id']}{_MIDDLE}{escape(token.content)}{_END}"


_markdown = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["emphasis", "link", "list", "blockquote", "heading", "newline", "autolink"]
)
_markdown.inline.ruler.before("link", "mention", _mention_rule)
_markdown.add_render_rule("mention", _render_mention)


def mentioned_ids(text):
    """The ids of the members ``text`` mentions, in the order first mentioned (as shown:
    a mention inside a link's text is none)."""
    html = _rendered(text or "")
    ids = (int(match.group(1)) for match in _RENDERED_MENTION.finditer(html))
    return list(dict.fromkeys(pk for pk in ids if pk <= LARGEST_ID))


def render_reaction(text, mentions=None):
    """Markdown source → safe HTML for a reaction body. ``mentions`` maps the ids of the
    mentioned members who may read the post to their display names: those mentions link
    to the member's profile; any other mention stays the text the author typed."""
    html = _rendered(text or "")
    if _START in html:
        html = _RENDERED_MENTION.sub(lambda match: _mention_html(match, mentions or {}), html)
    return mark_safe(html)  # noqa: S308 - nh3 has sanitised it against an allow-list; mentions are escaped


def _mention_html(match, mentions):
    pk, typed = int(match.group(1)), match.group(2)  # ``typed`` was escaped when rendered
    name = mentions.get(pk)
    if name is None:
        return f"@{typed}"
    return f'<a class="mention" href="{escape(reverse("profiles:profile", args=[pk]))}">@{escape(name)}</a>'


@lru_cache(maxsize=4096)
def _rendered(text):
    # The same text always gives the same HTML, and a post page shows dozens of reactions
    # on every view: each process renders a reaction once.
    tokens = _markdown.parse(text.translate(_MARKERS))
    for token in tokens:
        # Whatever level a member asks for, a heading inside a reaction stays small: the
        # page's own outline (post h1, sections h2, reactions h3) is not theirs to change.
        if token.type in ("heading_open", "heading_close"):
            token.tag = "h4"
        if token.type == "inline":
            _no_mention_links_inside_links(token.children or [])
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


def _no_mention_links_inside_links(children):
    """A mention inside a link's text stays text: a link cannot hold another link."""
    depth = 0
    for child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        elif child.type == "mention" and depth:
            child.type, child.content = "text", f"@{child.content}"


def plain_text(text, limit=None):
    """The reaction as plain text (for e-mails and listings): markup dropped, entities kept
    as characters."""
    stripped = nh3.clean(str(render_reaction(text)), tags=set())
    result = " ".join(html_lib.unescape(stripped).split())
    if limit and len(result) > limit:
        result = result[: limit - 1].rstrip() + "…"
    return result
