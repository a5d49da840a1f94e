"""The one way a shared page is made personal: its *personal parts*.

Most of what a member sees is the same for every member who belongs to the same groups
in the same roles: the post, its reactions, the related posts, the listings. Only a few
small parts are theirs alone: the account menu, their own vote, whether they follow a
post, the actions on each reaction (edit their own, report the others), their group mail
switch, and the security token of every form.

Templates mark those parts with ``{% part "name" arg=value ... %}``. Each part is a
template and a function of the request and its arguments only, registered with ``@part``
by the app that owns it (each app's personal_parts.py). When a member's page is rendered,
every part is wrapped in markers and every form gets a placeholder instead of a token; the
page cache (pagecache/middleware.py) stores the page split at the markers as the *shell*
for the member's audience (``access.audience.Audience`` says who shares one). The next
request of any member of that audience is answered from the shell: each part is rendered
afresh for that member with the same arguments, and the placeholder becomes their own
token. A part therefore renders the same on the first request and on every later one, by
construction. Pages behind a Wagtail view restriction are never stored for members (see
``BasePage.refusal_or_redirect``).

Some parts are the same for nearly every member of the audience: the actions on a reaction
offer its author to edit it and everyone else to report it; its "helpful" button is pressed
only for those who found it helpful. Such a part says for whom it is their own
(``personal_when``, a function of the request and the part's arguments). The shell keeps the
part as the first request rendered it for the rest of the audience (with the token
placeholder, as every form in a shell), and the member's page takes it from there; it is
rendered afresh only for a member it is personal to, or when the first request was one. A
page with a hundred reactions thus costs about the same as one with a single reaction, and
the rendering kept is still the first request's.

A copy made for readers who are not logged in has no parts of anyone: when a CDN or the
back button shows one to a member, the page's script asks for the member's own page (from
their shell) and shows it instead (static/js/samen.js, ``PERSONAL_HEADER``).
"""

import base64
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.safestring import mark_safe

PARTS = {}

# Neither can be written by a member or an editor: both derive from the secret key, which
# every server of one site shares. A placeholder anyone could type into a reaction would
# put the reader's own security token into that reaction's text.
_SECRET = hashlib.sha256(f"samen-member-pages:{settings.SECRET_KEY}".encode()).hexdigest()
CSRF_PLACEHOLDER = f"samen-token-{_SECRET[:32]}"
_OPEN = f"<!--samen-part-{_SECRET[32:48]}:"
_CLOSE = f"<!--/samen-part-{_SECRET[32:48]}-->"
# After the arguments, ``:audience`` when the part as rendered is the audience's, not the
# member's own (see ``personal_when``).
_AUDIENCE = ":audience"
_MARKED = re.compile(
    re.escape(_OPEN)
    + r"(?P<name>[a-z-]+):(?P<arguments>[A-Za-z0-9_=-]*)(?P<audience>:audience)?-->(?P<html>.*?)"
    + re.escape(_CLOSE),
    re.S,
)


@dataclass(frozen=True)
class Part:
    function: Callable
    template: str
    # ``(request, **arguments) -> bool``: whether the part is this member's own, or None
    # when it is every member's.
    personal_when: Callable | None = None

    def is_personal(self, request, arguments):
        return self.personal_when is None or bool(self.personal_when(request, **arguments))


def part(name, template, personal_when=None):
    """Register ``function(request, **arguments) -> context`` as the part ``name``.

    With ``personal_when(request, **arguments)``: the function promises that for every
    member of one audience for whom that is false it returns the same context (the token
    being the placeholder), so that the shell may keep that rendering for them."""

    def register(function):
        PARTS[name] = Part(function, template, personal_when)
        return function

    return register


def assembling(request):
    """Whether this request renders a member's page that may become a shell."""
    return getattr(request, "member_audience", None) is not None


def csrf_token(request):
    """The token for a form in a part or a page: the placeholder while a shell is being
    made, the member's own token otherwise."""
    if assembling(request):
        return CSRF_PLACEHOLDER
    return get_token(request)


def csrf_placeholder(request):
    """Context processor, after Django's own: forms in a member's page get the
    placeholder, which the page cache replaces with the member's token on the way out."""
    if assembling(request):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def render_part(request, name, arguments, marked=True):
    found = PARTS[name]
    html = get_template(found.template).render(found.function(request, **arguments))
    if not (marked and assembling(request)):
        return mark_safe(html)  # noqa: S308 - rendered by a template, which escapes
    encoded = base64.urlsafe_b64encode(json.dumps(arguments, sort_keys=True).encode()).decode()
    audience = "" if found.is_personal(request, arguments) else _AUDIENCE
    return mark_safe(f"{_OPEN}{name}:{encoded}{audience}-->{html}{_CLOSE}")  # noqa: S308


def split_parts(html):
    """A member's page rendered whole, split at its parts: the shell (literal text and, in
    between, the parts as ``(name, arguments, audience's rendering or None)``), and the
    page as the member gets it (the parts without their markers)."""
    segments, page, start = [], [], 0
    for match in _MARKED.finditer(html):
        text = html[start : match.start()]
        rendered = match.group("html")
        arguments = json.loads(base64.urlsafe_b64decode(match.group("arguments")))
        segments += [text, (match.group("name"), arguments, rendered if match.group("audience") else None)]
        page += [text, rendered]
        start = match.end()
    segments.append(html[start:])
    page.append(html[start:])
    return segments, "".join(page)


def shared_text(segments):
    """Everything a shell shows every member of its audience alike."""
    return "".join(segment if isinstance(segment, str) else (segment[2] or "") for segment in segments)


def fill_parts(request, segments):
    """The member's page from a shell: every part theirs rendered for them, the others as
    the shell keeps them for the audience."""
    page = []
    for segment in segments:
        if isinstance(segment, str):
            page.append(segment)
            continue
        name, arguments, audience = segment
        if audience is None or PARTS[name].is_personal(request, arguments):
            page.append(render_part(request, name, arguments, marked=False))
        else:
            page.append(audience)
    return "".join(page)


def with_token(request, html):
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(CSRF_PLACEHOLDER, get_token(request))


_TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def holds_token(html):
    """A shell must never hold a real token (one a view wrote past the placeholder)."""
    return any(value != CSRF_PLACEHOLDER for value in _TOKEN_FIELD.findall(html))
