"""What is measured: the scenarios, the servers that answer them, the member's session they
use, and one measurement."""

import re
import time
from dataclasses import dataclass

import requests

from .errors import BenchError
from .wrk import DURATION, WARM_UP_SECONDS, Failures, run_wrk

# Made by generate_load_data (bench/plan.py): the member is a plain member of the
# group of the post with 100 reactions.
MEMBER_EMAIL = "lid001@laadtest.samen.test"
MEMBER_PASSWORD = "samen-wachtwoord"  # noqa: S105 - a generated demo account on this machine
GROUP = "/nl/groepen/gemeentefinancien/"
FEATURED_POST = f"{GROUP}belastingpost-met-100-reacties/"
# One of the demo's own Dutch posts (demo/content/posts.json): three paragraphs, one reaction.
DEMO_POST = "/nl/groepen/menskracht/vijf-vragen-voor-een-goed-ontwikkelgesprek/"
# The Dutch blog index lists the demo's posts and the 1,000 generated ones; the English one
# only the demo's translated posts, since the load data is written in Dutch alone.
BLOG_INDEX = "/nl/blogs/"
DEMO_BLOG_INDEX = "/en/blogs/"
SEARCH_WORD = "gemeente"  # in most generated posts
SEARCH = f"/nl/zoeken/?q={SEARCH_WORD}"
HEALTHZ = "/healthz"
# A plain Wagtail page with the featured post's body (bench/models.py).
WAGTAIL_FLOOR = "/nl/wagtail-vloer/"

# The two servers: the production settings as they are, and the same with the page cache
# off, so that every page is rendered whole (as after a purge, for editors, without Redis).
CACHED, WHOLE = "cached", "whole"


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    logged_in: bool = False
    server: str = CACHED
    # A page the anonymous full-page cache is meant for: held to the cached-page target.
    cacheable: bool = False

    @property
    def who(self):
        return "logged in" if self.logged_in else "anonymous"


def _pages():
    """Every page, anonymous and logged in, from the shared cache and rendered whole. Pages
    compared with each other are measured one after the other, and each cached scenario
    next to its whole one, so that a machine that speeds up or slows down during the run
    moves both sides of a comparison."""
    families = [
        [("post with 100 reactions", FEATURED_POST, True), ("demo post, 1 reaction", DEMO_POST, False)],
        [("group page", GROUP, True)],
        [("blog index, 1,000 posts", BLOG_INDEX, True), ("blog index, the demo's 9 (en)", DEMO_BLOG_INDEX, False)],
        [(f"search '{SEARCH_WORD}'", SEARCH, True)],
    ]
    scenarios = []
    for family in families:
        for logged_in in (False, True):
            for name, path, cached in family:
                if cached:
                    cacheable = path != SEARCH and not logged_in
                    scenarios.append(Scenario(name, path, logged_in, CACHED, cacheable=cacheable))
                scenarios.append(Scenario(name, path, logged_in, WHOLE))
    return scenarios


SCENARIOS = [
    Scenario("floor: /healthz", HEALTHZ, server=WHOLE),
    Scenario("floor: Wagtail page", WAGTAIL_FLOOR, server=WHOLE),
    *_pages(),
]


def find(results, path, server, logged_in=False):
    """The result of one scenario, or None when it was not measured."""
    for result in results:
        scenario = result.scenario
        if (scenario.path, scenario.server, scenario.logged_in) == (path, server, logged_in):
            return result
    return None


@dataclass
class Result:
    scenario: Scenario
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    failures: Failures
    cache: str = "-"

    @property
    def errors(self):
        return self.failures.total


def log_in(base):
    """A member's session, made through the real log-in form (allauth)."""
    session = requests.Session()
    form_url = f"{base}/nl/account/login/"
    form = session.get(form_url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    if form.status_code != 200 or token is None:
        raise BenchError(f"the log-in form did not load ({form.status_code})")
    answer = session.post(
        form_url,
        data={"csrfmiddlewaretoken": token.group(1), "login": MEMBER_EMAIL, "password": MEMBER_PASSWORD},
        headers={"Referer": form_url},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        raise BenchError(f"logging in as {MEMBER_EMAIL} failed ({answer.status_code})")
    return session.cookies["sessionid"]


def check_pages(bases, session_id):
    """Every scenario answers 200 before it is measured (measuring a 404 says nothing), the
    member is logged in on both servers, and the whole server never answers from the page
    cache: it sends no X-Cache at all (pagecache/middleware.py sets one only on a page it
    served from the cache or stored)."""
    for scenario in SCENARIOS:
        cookies = {"sessionid": session_id} if scenario.logged_in else {}
        url = bases[scenario.server] + scenario.path
        answer = requests.get(url, cookies=cookies, allow_redirects=False, timeout=60)
        if answer.status_code != 200:
            raise BenchError(f"{scenario.path} ({scenario.who}, {scenario.server}) answered {answer.status_code}")
        # A member's page offers the log-out form; without it the session did not take.
        if scenario.logged_in and "/account/logout/" not in answer.text:
            raise BenchError(f"{scenario.path} does not show the member as logged in ({scenario.server})")
        if scenario.server == WHOLE and "X-Cache" in answer.headers:
            raise BenchError(f"{scenario.path} came with X-Cache {answer.headers['X-Cache']} from the whole server")


def cache_header(base, scenario, session_id):
    cookies = {"sessionid": session_id} if scenario.logged_in else {}
    answer = requests.get(base + scenario.path, cookies=cookies, allow_redirects=False, timeout=60)
    return answer.headers.get("X-Cache", "none")


def wait_until_idle(bases, quiet_ms=15, in_a_row=5, limit_s=30):
    """Wait until both servers have worked off what the previous scenario left queued: slow
    pages keep the workers busy after wrk stops, and would be counted against the next
    scenario (the servers share the machine's cores). Idle is ``in_a_row`` answers of the
    floor, each within ``quiet_ms``."""
    deadline = time.monotonic() + limit_s
    for base in bases.values():
        quiet = 0
        while quiet < in_a_row and time.monotonic() < deadline:
            started = time.monotonic()
            requests.get(f"{base}{HEALTHZ}", timeout=10)
            quiet = quiet + 1 if (time.monotonic() - started) * 1000 < quiet_ms else 0
            time.sleep(0.2)


def measure(bases, scenario, session_id):
    wait_until_idle(bases)
    print(f"- {scenario.name} ({scenario.who}, {scenario.server}) ...", end=" ", flush=True)
    base = bases[scenario.server]
    session = session_id if scenario.logged_in else None
    # Warm up first: compiled templates, image renditions, database connections and,
    # when there is one, the page cache. Its failures count as failures all the same.
    *_, warm_up_failures = run_wrk(base + scenario.path, WARM_UP_SECONDS, session)
    cache = cache_header(base, scenario, session_id) if scenario.path != HEALTHZ else "-"
    rps, p50, p99, total, failures = run_wrk(base + scenario.path, DURATION, session)
    result = Result(scenario, rps, p50, p99, total, failures + warm_up_failures, cache)
    print(f"{rps:.0f} req/s, p99 {p99:.0f} ms, {result.errors} errors", flush=True)
    return result
