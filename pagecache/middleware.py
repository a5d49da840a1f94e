"""The full-page cache: one copy of each public page serves every anonymous reader.

Only a response rendered for an anonymous reader is ever stored, and only when nothing
personal went into it (no session change, no CSRF token, no cookie, no message). Members
get their audience's shell with their own parts filled in (pagecache/personal_parts.py), or a
fresh page. The cache is Django's default cache: local memory on a laptop, Redis in
production, so every application server shares the same copies and purges. What a page
shows is noted as labels (pagecache/labels.py); which requests share a copy, in
pagecache/keys.py."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.module_loading import import_string

from . import personal_parts
from .keys import MEMBER_PREFIX, PERSONAL_HEADER, asked_again, cache_place, identity_of, place_for, without_marker
from .labels import RenderNotes, purged_since, versions
from .personal_parts import fill_parts, holds_token, shared_text, split_parts, with_token

logger = logging.getLogger(__name__)

# A hint for the page's script, not a secret: set while a member is logged in, so that a
# page from a shared cache (a CDN, the back button) knows to fetch the member's own page.
MEMBER_HINT_COOKIE = "samen_lid"

# Answers in which a member's page may hold parts and token placeholders to fill in.
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml", "application/atom+xml")
# Headers a stored page keeps; the rest (cookies, Vary, security headers) is added again
# by the middleware on the way out.
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")


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
    # The script's request for the member's own page asks for the same address: a CDN must
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
        # Who shares a member's shell is the access policy's to say; the settings name it.
        self.audience_of = import_string(settings.PAGE_CACHE_AUDIENCE)

    def __call__(self, request):
        if PERSONAL_HEADER in request.headers and request.method == "GET":
            # The page's script, shown a shared copy, asks for this reader's own page.
            without_marker(request)
            response = self._answer(request)
            del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
            return response
        return self._answer(request)

    def _answer(self, request):
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

        request.page_cache = RenderNotes()
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
        rendered for them (see pagecache/personal_parts.py). Always private."""
        identity = identity_of(request)
        if identity is None:
            # A form sent, the admin, a file: rendered as it always was.
            return self.get_response(request)
        request.member_audience = audience = self.audience_of(request.user)
        # The placeholder is part of the key: after a new secret key, shells holding the
        # old one are never filled in.
        place = place_for(MEMBER_PREFIX, f"{identity}\n{audience.key}\n{personal_parts.CSRF_PLACEHOLDER}", request)
        entry = None
        try:
            entry = cache.get(place.key)
            if not place.holds(entry) or cache.get_many(list(entry["labels"])) != entry["labels"]:
                entry = None
        except Exception:  # noqa: BLE001 - without its cache the site still answers, uncached
            logger.exception("The page cache cannot be read")
            place = None
        if entry is not None:
            response = HttpResponse(with_token(request, fill_parts(request, entry["segments"])))
            for name, value in entry["headers"].items():
                response[name] = value
            response["X-Cache"] = "HIT"
            return response

        request.page_cache = RenderNotes()
        token_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith(TEXT_TYPES):
            return response
        segments, page = split_parts(response.content.decode(response.charset))
        storable = place is not None and self._member_storable(request, response, token_before)
        if storable and not holds_token(shared_text(segments)):
            try:
                self._store(place, request, response, seconds, segments=segments)
            except Exception:  # noqa: BLE001 - the member still gets the page
                logger.exception("The page cache cannot be written")
            response["X-Cache"] = "MISS"
        response.content = with_token(request, page)
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
        if place.variant and not asked_again(place, seconds):
            return
        labels = versions(request.page_cache.labels)
        if purged_since(labels, request.page_cache.started_ns):
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
