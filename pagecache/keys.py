"""Where a copy is kept: which requests share a copy of a page, and under which key.

A page's own address has a copy as soon as it is asked for: there are as many of those as
there are pages. An address with query parameters (a search, a filter, a page number) is a
*variant*, and anyone can make up new ones (every ``?q=`` is another search): a variant is
stored only when the same address is asked for a second time within a copy's lifetime, and
always in one of ``VARIANT_SLOTS`` keys, so that a flood of made-up addresses can neither
fill the cache nor push the pages' own copies out of it."""

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.http.request import split_domain_port

from core.addresses import NOT_PAGES

ENTRY_PREFIX = "samen:page:"
MEMBER_PREFIX = "samen:shell:"
ASKED_PREFIX = "samen:asked:"
# At most this many copies of variants (addresses with query parameters) for readers who
# are not logged in, and as many shells for members: some 10 MB of search pages each. A new
# variant takes the slot of whichever variant had it.
VARIANT_SLOTS = 1000
# Where the variants asked for once are noted, by a digest of their address (under 1 MB).
ASKED_SLOTS = 4096
# The page's script, shown a shared copy while a member is logged in, asks for the member's
# own page with this header (see static/js/samen.js); the answer is never stored by a CDN
# or the browser.
PERSONAL_HEADER = "X-Samen-Personal"
# The script adds this to the page's address too, so that a CDN (which keys on the address,
# and may ignore Vary) never answers the request with the shared copy; the page itself is
# rendered as if it were not there.
MARKER = "persoonlijk"

# The only query parameters a cached page may vary on: pagination, filters, search and
# the reaction thread's choices, each only with a value the page understands. Anything
# else (tracking codes, typos, made-up values) bypasses the cache, so that a copy is only
# ever stored for an address a reader could reach from the site itself.
MAX_PARAMETER_LENGTH = 200
CACHEABLE_PARAMETERS = frozenset({"page", "tag", "group", "order", "count", "auto", "q", "van", "tot", "sort", "tab"})
_SLUG = re.compile(r"[-a-z0-9_]{1,100}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CANONICAL = {
    "page": re.compile(r"[1-9]\d{0,4}").fullmatch,
    "tag": _SLUG.fullmatch,
    "group": _SLUG.fullmatch,
    "order": re.compile(r"oldest|newest").fullmatch,
    "count": re.compile(r"5|10|25|50|100").fullmatch,
    "auto": re.compile(r"[01]").fullmatch,
    "van": _DATE.fullmatch,
    "tot": _DATE.fullmatch,
    "sort": re.compile(r"relevance|date").fullmatch,
    "tab": re.compile(r"pages|reactions").fullmatch,
}


def _canonical(name, value):
    if name == "q":
        return 0 < len(value) <= MAX_PARAMETER_LENGTH
    return bool(_CANONICAL[name](value))


# Cookies that change what an anonymous reader sees, and are part of the key, each with
# the form the site itself writes.
VARYING_COOKIES = {"samen_reacties": re.compile(r"(oldest|newest):(5|10|25|50|100):[01]").fullmatch}


def identity_of(request):
    """What makes two requests ask for the same copy of a page (address, canonical
    parameters, the cookies that change a page), or None when the request must be
    answered fresh."""
    # Never pages, so never stored: not worth a look in the cache.
    if request.method != "GET" or request.path.startswith(NOT_PAGES):
        return None
    if "Authorization" in request.headers:
        return None
    # The script's request for a member's own page may come from their shell; for anyone
    # else it is rendered fresh and never stored.
    if PERSONAL_HEADER in request.headers and not request.user.is_authenticated:
        return None
    if request.COOKIES.get("messages") or request.session.get("_messages"):
        return None
    parameters = []
    for name in sorted(request.GET):
        values = request.GET.getlist(name)
        if name not in CACHEABLE_PARAMETERS or len(values) != 1 or not _canonical(name, values[0]):
            return None
        parameters.append((name, values[0]))
    cookies = []
    for name, canonical in VARYING_COOKIES.items():
        value = request.COOKIES.get(name, "")
        if value and not canonical(value):
            return None
        cookies.append(value)
    # The host without its port: the site answers one name, and ports only make copies.
    host, _port = split_domain_port(request.get_host())
    return "\n".join([request.scheme, host, request.path, urlencode(parameters), *cookies])


@dataclass(frozen=True)
class Place:
    """Where the copy for one address (and audience) is kept, and the digest that the copy
    in that key must carry to be the one asked for."""

    key: str
    digest: str
    variant: bool

    def holds(self, entry):
        return entry is not None and entry.get("digest") == self.digest


def place_for(prefix, identity, request):
    digest = hashlib.sha256(identity.encode()).hexdigest()
    if request.GET:
        return Place(f"{prefix}variant:{int(digest[:8], 16) % VARIANT_SLOTS}", digest, variant=True)
    return Place(prefix + digest, digest, variant=False)


def cache_place(request):
    """Where the shared copy this request may be served from is kept, or None when the
    request must be answered fresh."""
    if request.user.is_authenticated:
        return None
    identity = identity_of(request)
    if identity is None:
        return None
    return place_for(ENTRY_PREFIX, identity, request)


def asked_again(place, seconds):
    """Whether the variant at ``place`` was asked for before within ``seconds``; noted if
    not. Two readers asking at once may both be the first: the copy waits for a third."""
    key = f"{ASKED_PREFIX}{int(place.digest[8:16], 16) % ASKED_SLOTS}"
    if cache.get(key) == place.digest:
        return True
    cache.set(key, place.digest, timeout=seconds)
    return False


def without_marker(request):
    """The request as if the script had not added ``MARKER`` to its address."""
    if MARKER in request.GET:
        query = request.GET.copy()
        del query[MARKER]
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()
