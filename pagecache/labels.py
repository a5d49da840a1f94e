"""Labels: what a stored page shows, and how a change makes the pages that show it stale.

Each stored page lists what it shows as *labels*: ``page:<translation key>`` for the page
itself and every post or group it shows a card of, ``listings`` for the index pages,
``search`` for search results and ``site`` for everything. Purging a label gives it a new
version; a stored page is only served while all its labels still have the versions they
had when it was stored (see ``purge``). Changing a post therefore purges its own page,
its group, the indexes and every page that shows it as related or next/previous, and
nothing else."""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

SITE = "site"
LISTINGS = "listings"
SEARCH = "search"

LABEL_PREFIX = "samen:label:"
# A purge seen this close to the start of a render (or after it) may have crossed it: the
# page might show the state before the purge, so it is not stored.
PURGE_MARGIN_NS = 1_000_000_000


class RenderNotes:
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


def versions(labels):
    keys = [LABEL_PREFIX + label for label in labels]
    found = cache.get_many(keys)
    missing = {key: f"0-{uuid.uuid4().hex}" for key in keys if key not in found}
    for key, version in missing.items():
        # Another server may set it first; its version is the one to keep.
        if not cache.add(key, version, timeout=None):
            version = cache.get(key, version)
        found[key] = version
    return found


def purged_since(versions, started_ns):
    for version in versions.values():
        stamp = int(str(version).split("-", 1)[0] or 0)
        if stamp >= started_ns - PURGE_MARGIN_NS:
            return True
    return False


# This process's own copies of what ``kept_until_purged`` keeps: ``key -> (stamp, value,
# until)``. A copy whose stamp still matches is served without reading the shared one, so
# a page pays one read of the versions for each, not two reads. The keys are a handful per
# language (the menu, the footer's links), so this stays small.
_held = {}


def kept_until_purged(key, labels, compute, timeout):
    """``compute()``, kept in the cache under ``key`` until one of ``labels`` is purged:
    the value is stored with the labels' versions, and a stored value whose versions no
    longer match is computed again. For small things every page shows (the footer's
    links, the menu), which would otherwise cost their queries on every page. Values are
    shared between requests and threads: callers must not change them."""
    stamp = versions(labels)
    now = time.monotonic()
    held = _held.get(key)
    if held is not None and held[0] == stamp and held[2] > now:
        return held[1]
    kept = cache.get(key)
    if kept is not None and kept["stamp"] == stamp:
        value = kept["value"]
    else:
        value = compute()
        cache.set(key, {"stamp": stamp, "value": value}, timeout)
    _held[key] = (stamp, value, now + timeout)
    return value
