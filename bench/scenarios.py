"""What is measured: the scenarios, the member's session they use, and one measurement."""

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
SEARCH_WORD = "gemeente"  # in most generated posts


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    logged_in: bool = False
    # A page the anonymous full-page cache is meant for: held to the cached-page target.
    cacheable: bool = False

    @property
    def who(self):
        return "logged in" if self.logged_in else "anonymous"


SCENARIOS = [
    Scenario("floor: /healthz", "/healthz"),
    *(
        Scenario(name, path, logged_in=logged_in, cacheable=cacheable and not logged_in)
        for name, path, cacheable in [
            ("post with 100 reactions", FEATURED_POST, True),
            ("group page", GROUP, True),
            ("blog index", "/nl/blogs/", True),
            (f"search '{SEARCH_WORD}'", f"/nl/zoeken/?q={SEARCH_WORD}", False),
        ]
        for logged_in in (False, True)
    ),
]


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


def check_pages(base, session_id):
    """Every scenario answers 200 before it is measured; measuring a 404 says nothing."""
    for scenario in SCENARIOS:
        cookies = {"sessionid": session_id} if scenario.logged_in else {}
        answer = requests.get(base + scenario.path, cookies=cookies, allow_redirects=False, timeout=60)
        if answer.status_code != 200:
            raise BenchError(f"{scenario.path} ({scenario.who}) answered {answer.status_code}, not 200")
        # A member's page offers the log-out form; without it the session did not take.
        if scenario.logged_in and "/account/logout/" not in answer.text:
            raise BenchError(f"{scenario.path} does not show the member as logged in")


def cache_header(base, scenario, session_id):
    cookies = {"sessionid": session_id} if scenario.logged_in else {}
    answer = requests.get(base + scenario.path, cookies=cookies, allow_redirects=False, timeout=60)
    return answer.headers.get("X-Cache", "none")


def wait_until_idle(base, quiet_ms=15, in_a_row=5, limit_s=30):
    """Wait until the server has worked off what the previous scenario left queued: slow
    pages keep the workers busy after wrk stops, and would be counted against the next
    scenario. Idle is ``in_a_row`` answers of the floor, each within ``quiet_ms``."""
    deadline = time.monotonic() + limit_s
    quiet = 0
    while quiet < in_a_row and time.monotonic() < deadline:
        started = time.monotonic()
        requests.get(f"{base}/healthz", timeout=10)
        quiet = quiet + 1 if (time.monotonic() - started) * 1000 < quiet_ms else 0
        time.sleep(0.2)


def measure(base, scenario, session_id):
    wait_until_idle(base)
    print(f"- {scenario.name} ({scenario.who}) ...", end=" ", flush=True)
    session = session_id if scenario.logged_in else None
    # Warm up first: compiled templates, image renditions, database connections and,
    # when there is one, the page cache. Its failures count as failures all the same.
    *_, warm_up_failures = run_wrk(base + scenario.path, WARM_UP_SECONDS, session)
    cache = cache_header(base, scenario, session_id) if scenario.path != "/healthz" else "-"
    rps, p50, p99, total, failures = run_wrk(base + scenario.path, DURATION, session)
    result = Result(scenario, rps, p50, p99, total, failures + warm_up_failures, cache)
    print(f"{rps:.0f} req/s, p99 {p99:.0f} ms, {result.errors} errors", flush=True)
    return result
