"""The first member request after a purge: the member's shell rebuilt (pagecache/
personal_parts.py), against a page rendered whole for an anonymous reader.

wrk cannot purge between requests, so this is measured one request at a time: each round
empties the page cache, then times one member GET of the post with 100 reactions on the
cached server and one anonymous GET of the same post on the whole server, in turns which
goes first. Only the page cache is emptied (its copies, shells, labels and the variants
asked for), as a purge of everything leaves them stale: the sessions (``cached_db``), the
theme and the footer stay in Redis, as they do after a real purge."""

import statistics
import time
from dataclasses import dataclass, field

import redis
import requests

from .errors import BenchError
from .scenarios import CACHED, FEATURED_POST, WHOLE

# The keys of the page cache (pagecache/keys.py, pagecache/labels.py), behind Django's
# own key prefix and version.
PAGE_CACHE_KEYS = ("samen:page:", "samen:shell:", "samen:label:", "samen:asked:")
WARM_UP_ROUNDS = 5
ROUNDS = 40


@dataclass
class AfterPurge:
    member_ms: list = field(default_factory=list)  # the member's post, shell rebuilt (cached server)
    anonymous_ms: list = field(default_factory=list)  # the same post rendered whole (whole server)
    failures: int = 0  # answers other than 200
    not_rebuilt: int = 0  # member answers that did not rebuild the shell (X-Cache other than MISS)

    @property
    def member_mean(self):
        return statistics.fmean(self.member_ms) if self.member_ms else 0.0

    @property
    def anonymous_mean(self):
        return statistics.fmean(self.anonymous_ms) if self.anonymous_ms else 0.0

    @property
    def ratio(self):
        return self.member_mean / self.anonymous_mean if self.anonymous_mean else float("inf")


def empty_page_cache(client):
    keys = [key for prefix in PAGE_CACHE_KEYS for key in client.scan_iter(match=f"*{prefix}*", count=1000)]
    if keys:
        client.delete(*keys)


def _session(**cookies):
    # Kept alive, and not compressed, as wrk asks.
    session = requests.Session()
    session.headers["Accept-Encoding"] = "identity"
    for name, value in cookies.items():
        session.cookies.set(name, value)
    return session


def _timed(session, url):
    started = time.perf_counter()
    answer = session.get(url, allow_redirects=False, timeout=60)
    return answer, (time.perf_counter() - started) * 1000


def measure_after_purge(bases, session_id, redis_url, rounds=ROUNDS):
    print(f"- first member request after a purge, {rounds} rounds ...", end=" ", flush=True)
    client = redis.Redis.from_url(redis_url)
    member, anonymous = _session(sessionid=session_id), _session()
    member_url, anonymous_url = bases[CACHED] + FEATURED_POST, bases[WHOLE] + FEATURED_POST
    result = AfterPurge()
    for number in range(WARM_UP_ROUNDS + rounds):
        counted = number >= WARM_UP_ROUNDS
        empty_page_cache(client)
        turns = [("member", member, member_url), ("anonymous", anonymous, anonymous_url)]
        for who, session, url in turns if number % 2 == 0 else reversed(turns):
            answer, elapsed = _timed(session, url)
            if answer.status_code != 200:
                result.failures += 1
                continue
            if who == "member":
                # The session lives in the database as well as in Redis; it must outlast the purge.
                if "/account/logout/" not in answer.text:
                    raise BenchError("the member was logged out once the page cache was emptied")
                result.not_rebuilt += counted and answer.headers.get("X-Cache") != "MISS"
            if counted:
                (result.member_ms if who == "member" else result.anonymous_ms).append(elapsed)
    print(
        f"member {result.member_mean:.1f} ms, anonymous whole {result.anonymous_mean:.1f} ms, ratio {result.ratio:.2f}",
        flush=True,
    )
    return result
