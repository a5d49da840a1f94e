"""The full-page cache: one copy of each public page serves every anonymous reader.

Only a response rendered for an anonymous reader is ever stored, and only when nothing
personal went into it (no session change, no CSRF token, no cookie, no message). Members
always get a fresh page. The cache is Django's default cache: local memory on a laptop,
Redis in production, so every application server shares the same copies and purges.

Each stored page lists what it shows as *labels*: ``page:<translation key>`` for the page
itself and every post or group it shows a card of, ``listings`` for the index pages,
``search`` for search results and ``site`` for everything. Purging a label gives it a new
version; a stored page is only served while all its labels still have the versions they
had when it was stored (see ``purge``). Changing a post therefore purges its own page,
its group, the indexes and every page that shows it as related or next/previous, and
nothing else.

A page's own address has a copy as soon as it is asked for: there are as many of those as
there are pages. An address with query parameters (a search, a filter, a page number) is a
*variant*, and anyone can make up new ones (every ``?q=`` is another search): a variant is
stored only when the same address is asked for a second time within a copy's lifetime, and
always in one of ``VARIANT_SLOTS`` keys, so that a flood of made-up addresses can neither
fill the cache nor push the pages' own copies out of it.
"""

import hashlib
import logging
import re
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control, patch_vary_headers

from .addresses import NOT_PAGES

logger = logging.getLogger(__name__)

SITE = "site"
LISTINGS = "listings"
SEARCH = "search"

ENTRY_PREFIX = "samen:page:"
MEMBER_PREFIX = "samen:shell:"
LABEL_PREFIX = "samen:label:"
ASKED_PREFIX = "samen:asked:"
# At most this many copies of variants (addresses with query parameters) for readers who
# are not logged in, and as many shells for members: some 10 MB of search pages each. A new
# variant takes the slot of whichever variant had it.
VARIANT_SLOTS = 1000
# Where the variants asked for once are noted, by a digest of their address (under 1 MB).
ASKED_SLOTS = 4096
# A request with this header asks for the personal parts of the page it names (see
# home/personal.py); it is never served from or stored in the cache.
PERSONAL_HEADER = "X-Samen-Personal"
# A hint for the page's script, not a secret: set while a member is logged in, so that a
# page from a shared cache (a CDN, the back button) knows to fetch its personal parts.
MEMBER_HINT_COOKIE = "samen_lid"

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
# Answers in which a member's page may hold parts and token placeholders to fill in.
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml", "application/atom+xml")
# Headers a stored page keeps; the rest (cookies, Vary, security headers) is added again
# by the middleware on the way out.
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")
# A purge seen this close to the start of a render (or after it) may have crossed it: the
# page might show the state before the purge, so it is not stored.
PURGE_MARGIN_NS = 1_000_000_000


class Recorder:
    """What the view said about the page it rendered: whether it may be shared, and the
    labels of everything it shows."""

    def __init__(self):
        self.cacheable = False
        self.labels = {SITE}
        self.started_ns = time.time_ns()


def page_label(page):
    return f"page:{page.translation_key}"


def depends_on(request, *labels):
    """Note that the page being rendered shows what ``labels`` name."""
    recorder = getattr(request, "page_cache", None)
    if recorder is not None:
        recorder.labels.update(labels)


def cache_this(request, *labels):
    """Let the page being rendered be shared with every anonymous reader, if nothing
    personal goes into it."""
    recorder = getattr(request, "page_cache", None)
    if recorder is not None:
        recorder.cacheable = True
        recorder.labels.update(labels)


def purge(*labels):
    """Make every stored page that shows one of ``labels`` stale, on every server.

    Purged at once (so that the same request, and a test, sees it) and again when the
    transaction commits: a reader who rendered the page between the two saw the old
    state and must not keep it."""
    labels = {label for label in labels if label}
    if not labels:
        return
    _new_versions(labels)
    transaction.on_commit(lambda: _new_versions(labels), robust=True)


def purge_everything():
    purge(SITE)


def _new_versions(labels):
    try:
        cache.set_many({LABEL_PREFIX + label: f"{time.time_ns()}-{uuid.uuid4().hex}" for label in labels}, timeout=None)
    except Exception:  # noqa: BLE001 - a cache that is down must not stop an editor publishing
        # Nothing is served from a cache that cannot be reached either; copies left from
        # before expire after PAGE_CACHE_SECONDS.
        logger.exception("Could not purge %s from the page cache", ", ".join(sorted(labels)))


def _versions(labels):
    keys = [LABEL_PREFIX + label for label in labels]
    found = cache.get_many(keys)
    missing = {key: f"0-{uuid.uuid4().hex}" for key in keys if key not in found}
    for key, version in missing.items():
        # Another server may set it first; its version is the one to keep.
        if not cache.add(key, version, timeout=None):
            version = cache.get(key, version)
        found[key] = version
    return found


def _purged_since(versions, started_ns):
    for version in versions.values():
        stamp = int(str(version).split("-", 1)[0] or 0)
        if stamp >= started_ns - PURGE_MARGIN_NS:
            return True
    return False


def _identity(request):
    """What makes two requests ask for the same copy of a page (address, canonical
    parameters, the cookies that change a page), or None when the request must be
    answered fresh."""
    # Never pages, so never stored: not worth a look in the cache.
    if request.method != "GET" or request.path.startswith(NOT_PAGES):
        return None
    if PERSONAL_HEADER in request.headers or "Authorization" in request.headers:
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


def _place(prefix, identity, request):
    digest = hashlib.sha256(identity.encode()).hexdigest()
    if request.GET:
        return Place(f"{prefix}variant:{int(digest[:8], 16) % VARIANT_SLOTS}", digest, variant=True)
    return Place(prefix + digest, digest, variant=False)


def cache_place(request):
    """Where the shared copy this request may be served from is kept, or None when the
    request must be answered fresh."""
    if request.user.is_authenticated:
        return None
    identity = _identity(request)
    if identity is None:
        return None
    return _place(ENTRY_PREFIX, identity, request)


def _asked_again(place, seconds):
    """Whether the variant at ``place`` was asked for before within ``seconds``; noted if
    not. Two readers asking at once may both be the first: the copy waits for a third."""
    key = f"{ASKED_PREFIX}{int(place.digest[8:16], 16) % ASKED_SLOTS}"
    if cache.get(key) == place.digest:
        return True
    cache.set(key, place.digest, timeout=seconds)
    return False


def _personal(request, response):
    """Whether something about this reader went into the response."""
    session = getattr(request, "session", None)
    return bool(
        request.user.is_authenticated
        or response.cookies
        # get_token() sets this whenever a token went into the page (Django 4.1 and later).
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or request.META.get("CSRF_COOKIE_USED")
        or (session is not None and session.modified)
    )


def _storable(request, response):
    recorder = request.page_cache
    return (
        recorder.cacheable
        and response.status_code == 200
        and not response.streaming
        and not getattr(request, "is_preview", False)
        and not response.has_header("Cache-Control")
        and not _personal(request, response)
    )


def _public(response, seconds):
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=seconds, stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS
    )
    # The script's request for the personal parts asks for the same address: a CDN must
    # not answer it with the shared copy.
    patch_vary_headers(response, ("Cookie", PERSONAL_HEADER))


def _private(response):
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


def _from_entry(entry):
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"].items():
        response[name] = value
    return response


class AnonymousPageCacheMiddleware:
    """Serves and stores the shared copies; marks everything else ``private``.

    Sits last in MIDDLEWARE, so that a copy served from the cache still passes every other
    middleware on its way out (security headers, the session's Vary, the language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if PERSONAL_HEADER in request.headers and request.method == "GET":
            from .personal import personal_parts, without_marker

            without_marker(request)
            return self._finish(request, personal_parts(request, self.get_response(request)))
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds and settings.MEMBER_PAGE_CACHE and request.user.is_authenticated:
            return self._finish(request, self._member_page(request, seconds))
        place = cache_place(request) if seconds else None
        if place is None:
            response = self.get_response(request)
            return self._finish(request, response)

        try:
            entry = cache.get(place.key)
            fresh = place.holds(entry) and cache.get_many(list(entry["labels"])) == entry["labels"]
        except Exception:  # noqa: BLE001 - without its cache the site still answers, uncached
            logger.exception("The page cache cannot be read")
            return self._finish(request, self.get_response(request))
        if fresh:
            response = _from_entry(entry)
            response["X-Cache"] = "HIT"
            _public(response, seconds)
            return response

        request.page_cache = Recorder()
        response = self.get_response(request)
        if _storable(request, response):
            try:
                self._store(place, request, response, seconds)
            except Exception:  # noqa: BLE001 - the reader still gets the page
                logger.exception("The page cache cannot be written")
            response["X-Cache"] = "MISS"
            _public(response, seconds)
            return response
        return self._finish(request, response)

    def _member_page(self, request, seconds):
        """A logged-in member's page: the shell their audience shares, with their own parts
        rendered for them (see home/member_pages.py). Always private."""
        from .member_pages import CSRF_PLACEHOLDER, Audience, cut, fill, holds_token, unmark, with_token

        identity = _identity(request)
        if identity is None:
            # A form sent, the admin, a file: rendered as it always was.
            return self.get_response(request)
        request.member_audience = audience = Audience(request.user)
        # The placeholder is part of the key: after a new secret key, shells holding the
        # old one are never filled in.
        place = _place(MEMBER_PREFIX, f"{identity}\n{audience.key}\n{CSRF_PLACEHOLDER}", request)
        entry = None
        try:
            entry = cache.get(place.key)
            if not place.holds(entry) or cache.get_many(list(entry["labels"])) != entry["labels"]:
                entry = None
        except Exception:  # noqa: BLE001 - without its cache the site still answers, uncached
            logger.exception("The page cache cannot be read")
            place = None
        if entry is not None:
            response = HttpResponse(with_token(request, fill(request, entry["segments"])))
            for name, value in entry["headers"].items():
                response[name] = value
            response["X-Cache"] = "HIT"
            return response

        request.page_cache = Recorder()
        token_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith(TEXT_TYPES):
            return response
        html = response.content.decode(response.charset)
        if place is not None and self._member_storable(request, response, token_before):
            segments = cut(html)
            shell = "".join(segment for segment in segments if isinstance(segment, str))
            if not holds_token(shell):
                try:
                    self._store(place, request, response, seconds, segments=segments)
                except Exception:  # noqa: BLE001 - the member still gets the page
                    logger.exception("The page cache cannot be written")
                response["X-Cache"] = "MISS"
        response.content = with_token(request, unmark(html))
        return response

    @staticmethod
    def _member_storable(request, response, token_before):
        session = getattr(request, "session", None)
        return (
            request.page_cache.cacheable
            and response.status_code == 200
            and not getattr(request, "is_preview", False)
            and not response.has_header("Cache-Control")
            and not response.cookies
            and not (session is not None and session.modified)
            # A view that asked for the real token itself may have written it into the
            # page (and a cookie being renewed anyway leaves no way to tell).
            and not token_before
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        )

    @staticmethod
    def _store(place, request, response, seconds, segments=None):
        if place.variant and not _asked_again(place, seconds):
            return
        labels = _versions(request.page_cache.labels)
        if _purged_since(labels, request.page_cache.started_ns):
            return
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        entry = {"digest": place.digest, "labels": labels, "headers": headers}
        if segments is None:
            entry["content"] = response.content
        else:
            entry["segments"] = segments
        cache.set(place.key, entry, timeout=seconds)

    def _finish(self, request, response):
        user = getattr(request, "user", None)
        member = user is not None and user.is_authenticated
        # Only a stored copy is public: everything else is for this reader alone.
        _private(response)
        # Keep the member hint in step with the session.
        hinted = bool(request.COOKIES.get(MEMBER_HINT_COOKIE))
        if member and not hinted:
            response.set_cookie(
                MEMBER_HINT_COOKIE,
                "1",
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                samesite="Lax",
                httponly=False,
            )
        elif user is not None and not member and hinted:
            response.delete_cookie(MEMBER_HINT_COOKIE, samesite="Lax")
        return response


class NoSharedCookiesMiddleware:
    """First in MIDDLEWARE, so it sees the response last: a copy meant to be shared must
    never carry a cookie. The session and CSRF middlewares add theirs after the page cache
    has decided (a stale session is deleted, a malformed CSRF cookie replaced); such an
    answer is made private, so that no CDN stores one reader's cookie for everyone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies and "public" in response.get("Cache-Control", ""):
            del response["Cache-Control"]
            patch_cache_control(response, private=True, no_cache=True)
        return response
