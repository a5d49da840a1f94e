"""``make bench``: how Samen holds up under load on this machine, with the production
settings, behind gunicorn, on PostgreSQL and Redis.

One run:

1. makes sure ``wrk`` is there (installs it with apt-get when running as root);
2. creates and migrates the database ``samen_bench``, loads the demo content and the load
   data set (``generate_load_data``: 1,000 posts, 20,000 reactions, ...), collects the
   static files, all with the production settings (as ``make serve-prod`` does);
3. empties its Redis database and starts gunicorn (``gunicorn.conf.py``, no access log) on
   a free port;
4. logs a member in through the real log-in form and keeps the session cookie;
5. for each scenario (the floor ``/healthz``, the post with 100 reactions, a group page, the
   blog index, a search) warms up, then runs ``wrk`` anonymously and logged in;
6. samples the memory of every gunicorn process all along;
7. prints the results and the targets, and with ``--write FILE`` writes them as Markdown;
8. stops gunicorn, also when something failed.

It exits non-zero when a request failed (a status other than 2xx/3xx, or a socket error)
or the run itself could not be done; a missed target is reported as FAIL, not as a crash.

Environment: ``BENCH_DURATION`` (seconds per scenario, default 15) and
``BENCH_CONNECTIONS`` (default 8) for a quick smoke run; ``BENCH_DATABASE_URL`` and
``BENCH_REDIS_URL`` to point elsewhere.

Run with the project's virtualenv: ``.venv/bin/python bench/run.py [--write docs/performance.md]``.
"""

import argparse
import datetime
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, astuple, dataclass, field
from pathlib import Path

import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the virtualenv's bin/, with gunicorn next to python
WORK_DIR = Path(tempfile.gettempdir()) / "samen-bench"  # logs of the run

DEFAULT_DURATION, DEFAULT_CONNECTIONS = 15, 8
DURATION = int(os.environ.get("BENCH_DURATION", DEFAULT_DURATION))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", DEFAULT_CONNECTIONS))
THREADS = 2
WARM_UP_SECONDS = 2
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samen_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")

# Made by generate_load_data (bench/plan.py): the member is a plain member of the
# group of the post with 100 reactions.
MEMBER_EMAIL = "lid001@laadtest.samen.test"
MEMBER_PASSWORD = "samen-wachtwoord"  # noqa: S105 - a generated demo account on this machine
GROUP = "/nl/groepen/gemeentefinancien/"
FEATURED_POST = f"{GROUP}belastingpost-met-100-reacties/"
SEARCH_WORD = "gemeente"  # in most generated posts

# Targets (see docs/performance.md).
CACHED_SHARE_OF_FLOOR = 0.5
LOGGED_IN_POST_RPS = 150
LOGGED_IN_POST_P99_MS = 100
MAX_RSS_MB = 300


class BenchError(Exception):
    """The benchmark could not be run (set-up failed, the site does not answer)."""


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
class Failures:
    """What wrk counts as failed: answers other than 2xx/3xx, and socket errors by kind."""

    status: int = 0
    connect: int = 0
    read: int = 0
    write: int = 0
    timeout: int = 0

    def __add__(self, other):
        return Failures(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @property
    def total(self):
        return sum(astuple(self))

    def __str__(self):
        kinds = [f"{name} {count}" for name, count in asdict(self).items() if count]
        return f"{self.total} ({', '.join(kinds)})" if kinds else "0"


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


# -- Set-up -------------------------------------------------------------------------------


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        raise BenchError("wrk is not installed. Install it (sudo apt-get install wrk) and run make bench again.")
    print("Installing wrk with apt-get ...", flush=True)
    # Installing a package needs root; without it, the message above asks the user to.
    subprocess.run(["apt-get", "update"], check=True, stdout=subprocess.DEVNULL)  # noqa: S603, S607
    subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)  # noqa: S603, S607


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(port):
    """The environment ``make serve-prod`` runs with, on the benchmark's own database,
    Redis database and port."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "samen-bench-on-this-machine-only"),
        "HTTPS_ONLY": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_BASE_URL": f"http://127.0.0.1:{port}",
        "STATIC_ROOT": str(ROOT / "staticfiles"),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "PORT": str(port),
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }


def run_step(title, command, env, log, show_output=False):
    """Run a set-up command; its output goes to ``log`` (load_demo prints its mails)."""
    print(f"- {title}", flush=True)
    started = time.monotonic()
    finished = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603 - our manage.py
    log.write(f"$ {' '.join(map(str, command))}\n{finished.stdout}{finished.stderr}\n")
    if finished.returncode != 0:
        raise BenchError(f"{title} failed:\n{(finished.stdout + finished.stderr)[-3000:]}")
    if show_output:
        print("  " + finished.stdout.strip().replace("\n", "\n  "))
    print(f"  done in {time.monotonic() - started:.1f} s", flush=True)


def prepare_site(port, env):
    python = str(BIN / "python")
    with open(WORK_DIR / "setup.log", "w") as log:
        run_step("database", [python, "-m", "site_config.ensure_database", DATABASE_URL], env, log)
        run_step("migrate", [python, "manage.py", "migrate", "--no-input"], env, log)
        run_step("load_demo", [python, "manage.py", "load_demo", "--domain", f"127.0.0.1:{port}"], env, log)
        run_step("generate_load_data", [python, "manage.py", "generate_load_data"], env, log, show_output=True)
        run_step("collectstatic", [python, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], env, log)


# -- gunicorn and its memory ------------------------------------------------------------------


def start_gunicorn(env):
    log = open(WORK_DIR / "gunicorn.log", "w")  # noqa: SIM115 - open while gunicorn runs
    process = subprocess.Popen(  # noqa: S603 - the virtualenv's gunicorn with our configuration
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so it can be stopped as a whole
    )
    return process


def wait_until_up(process, port):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn stopped at start-up; see {WORK_DIR / 'gunicorn.log'}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass  # not listening yet, or its workers are still starting
        time.sleep(0.3)
    raise BenchError("gunicorn did not answer /healthz within 60 s")


def stop_gunicorn(process):
    """Ask the master to stop (it stops its workers); force the process group after 30 s."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def read_memory(pid):
    """``(VmRSS, VmHWM)`` of a process in kB, or None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    if "VmRSS" not in values:
        return None
    return int(values["VmRSS"]), int(values.get("VmHWM", values["VmRSS"]))


def children_of(parent):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name is in parentheses and may hold spaces; the parent pid follows it.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


@dataclass
class MemorySampler:
    """Samples the memory of gunicorn's master and workers every half second. Workers are
    replaced after ``max_requests``, so every process seen is kept with its own peak:
    the highest VmRSS sampled, and VmHWM (the kernel's own peak, which catches what
    happens between samples)."""

    master: int
    peaks: dict = field(default_factory=dict)  # pid -> {"role", "rss", "hwm"} (kB)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self):
        while not self._stop.wait(0.5):
            self.sample()

    def sample(self):
        for pid in [self.master, *children_of(self.master)]:
            memory = read_memory(pid)
            if memory is None:
                continue
            role = "master" if pid == self.master else "worker"
            peak = self.peaks.setdefault(pid, {"role": role, "rss": 0, "hwm": 0})
            peak["rss"] = max(peak["rss"], memory[0])
            peak["hwm"] = max(peak["hwm"], memory[1])

    def peak_mb(self, pid):
        return max(self.peaks[pid]["rss"], self.peaks[pid]["hwm"]) / 1024


# -- Requests --------------------------------------------------------------------------------


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


UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(number, unit):
    return float(number) * UNIT_MS[unit]


def parse_wrk(output):
    """Requests/s, p50 and p99 (ms), number of requests and the failures."""

    def find(pattern, default=None):
        match = re.search(pattern, output, re.MULTILINE)
        if match is None and default is None:
            raise BenchError(f"could not read wrk's output:\n{output}")
        return match.groups() if match else default

    p50 = _ms(*find(r"^\s+50%\s+([\d.]+)(us|ms|s|m|h)\s*$"))
    p99 = _ms(*find(r"^\s+99%\s+([\d.]+)(us|ms|s|m|h)\s*$"))
    total = int(find(r"(\d+) requests in")[0])
    rps = float(find(r"Requests/sec:\s+([\d.]+)")[0])
    status = find(r"Non-2xx or 3xx responses: (\d+)", ("0",))
    sockets = find(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", ("0", "0", "0", "0"))
    return rps, p50, p99, total, Failures(*map(int, status + sockets))


def wrk_command(url, seconds, session_id=None):
    connections = max(CONNECTIONS, THREADS)
    command = ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if session_id:
        command += ["-H", f"Cookie: sessionid={session_id}"]
    return [*command, url]


def run_wrk(url, seconds, session_id=None):
    command = wrk_command(url, seconds, session_id)
    finished = subprocess.run(command, capture_output=True, text=True)  # noqa: S603 - wrk on our own server
    if finished.returncode != 0:
        raise BenchError(f"wrk failed: {finished.stderr or finished.stdout}")
    return parse_wrk(finished.stdout)


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


# -- Report ----------------------------------------------------------------------------------


def results_table(results):
    floor = results[0].rps or 1
    rows = [
        "| scenario | who | req/s | × floor | p50 ms | p99 ms | requests | errors | X-Cache |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in results:
        rows.append(
            f"| {r.scenario.name} | {r.scenario.who} | {r.rps:.1f} | {r.rps / floor:.2f} | {r.p50_ms:.1f} | "
            f"{r.p99_ms:.1f} | {r.requests} | {r.failures} | {r.cache} |"
        )
    return rows


def memory_table(sampler, shown=8):
    """The master and the largest workers; the many replaced workers in one line."""
    rows = ["| process | pid | peak RSS MB |", "|---|--:|--:|"]
    ordered = sorted(sampler.peaks, key=lambda pid: (sampler.peaks[pid]["role"] != "master", -sampler.peak_mb(pid)))
    for pid in ordered[:shown]:
        rows.append(f"| {sampler.peaks[pid]['role']} | {pid} | {sampler.peak_mb(pid):.1f} |")
    rest = [sampler.peak_mb(pid) for pid in ordered[shown:]]
    if rest:
        rows.append(f"| {len(rest)} more workers | | {min(rest):.1f} to {max(rest):.1f} |")
    return rows


def targets(results, sampler):
    floor = results[0].rps or 1
    cached = [r for r in results if r.scenario.cacheable]
    post = next(r for r in results if r.scenario.path == FEATURED_POST and r.scenario.logged_in)
    errors = sum(r.errors for r in results)
    biggest = max((sampler.peak_mb(pid) for pid in sampler.peaks), default=0)
    shares = ", ".join(f"{r.scenario.name} {r.rps / floor:.2f}" for r in cached)
    return [
        (
            f"cached anonymous pages ≥ {CACHED_SHARE_OF_FLOOR:.0%} of the floor's req/s",
            all(r.rps >= CACHED_SHARE_OF_FLOOR * floor for r in cached),
            shares,
        ),
        (
            f"logged-in post page ≥ {LOGGED_IN_POST_RPS} req/s with p99 < {LOGGED_IN_POST_P99_MS} ms",
            post.rps >= LOGGED_IN_POST_RPS and post.p99_ms < LOGGED_IN_POST_P99_MS,
            f"{post.rps:.1f} req/s, p99 {post.p99_ms:.1f} ms",
        ),
        ("zero errors", errors == 0, f"{errors} failed requests"),
        (f"≤ {MAX_RSS_MB} MB RSS per process", biggest <= MAX_RSS_MB, f"largest {biggest:.1f} MB"),
    ]


def targets_table(checks):
    rows = ["| target | result | measured |", "|---|---|---|"]
    rows += [f"| {name} | {'PASS' if passed else 'FAIL'} | {detail} |" for name, passed, detail in checks]
    return rows


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
    memory = f"{int(meminfo.group(1)) / 1024 / 1024:.1f} GiB" if meminfo else "unknown"
    return f"{model.group(1).strip() if model else 'unknown CPU'}, {os.cpu_count()} cores, {memory} memory"


def commit():
    try:
        git = ["git", "rev-parse", "--short", "HEAD"]
        return subprocess.run(git, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603, S607
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def command_line():
    overrides = []
    if DURATION != DEFAULT_DURATION:
        overrides.append(f"BENCH_DURATION={DURATION}")
    if CONNECTIONS != DEFAULT_CONNECTIONS:
        overrides.append(f"BENCH_CONNECTIONS={CONNECTIONS}")
    return " ".join([*overrides, "make bench"])


def markdown(results, sampler, checks, server_problems):
    workers = sum(1 for peak in sampler.peaks.values() if peak["role"] == "worker")
    example = shlex.join(wrk_command("http://127.0.0.1:PORT/PATH", DURATION, "…"))
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (`bench/run.py`); run it again to measure a change. Each run",
        "rewrites the figures; the notes at the end are written by hand and kept.",
        "",
        f"- commit: `{commit()}`",
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- machine: {machine()}",
        f"- command: `{command_line()}`",
        f"- load: `{example}` per scenario (`-H` only when logged in), after {WARM_UP_SECONDS} s of warm-up",
        "- server: production settings, gunicorn with `gunicorn.conf.py` (access log off), PostgreSQL and",
        "  Redis on the same machine as wrk; the database holds the demo content and `generate_load_data`",
        "  (20 groups, 1,000 posts, 20,000 reactions, 5,000 ratings, 200 members)",
        "",
        "## Throughput and latency",
        "",
        "The floor is `/healthz`: a constant JSON answer through the same middleware, so the",
        "ratio says how close a page comes to the most this server can answer. Logged in is a",
        f"member ({MEMBER_EMAIL}) with a session made through the log-in form; their pages are",
        "their audience's shell with their own parts rendered for each request (X-Cache `HIT`,",
        "see `home/member_pages.py`). Errors are",
        "answers other than 2xx/3xx (status) and socket errors (connect, read, write, timeout),",
        "warm-up included. X-Cache is the header of one request after warm-up, made the same",
        "way (`none`: no such header).",
        "",
        *results_table(results),
        "",
        "## Memory",
        "",
        "Peak resident memory of the gunicorn processes: the larger of the highest VmRSS sampled",
        "every 0.5 s and VmHWM. gunicorn replaced a worker that had served `max_requests`",
        f"{worker_restarts()} times during the run; {workers} worker processes were sampled in all.",
        "",
        *memory_table(sampler),
        "",
        "## Targets",
        "",
        "Cached anonymous pages are the post, group and blog index pages; the search page",
        "depends on its query and is not counted.",
        "",
        *targets_table(checks),
        "",
    ]
    if server_problems:
        lines += ["## Problems gunicorn logged", "", "```", *server_problems[:20], "```", ""]
    return "\n".join(lines)


def print_report(results, sampler, checks):
    print()
    for row in results_table(results):
        print(row)
    print()
    for row in memory_table(sampler):
        print(row)
    print(f"(gunicorn replaced {worker_restarts()} workers after max_requests)")
    print()
    for row in targets_table(checks):
        print(row)


def worker_restarts():
    """How often gunicorn replaced a worker that had served ``max_requests``."""
    log = WORK_DIR / "gunicorn.log"
    return log.read_text().count("Autorestarting worker") if log.exists() else 0


def server_problems():
    """Lines gunicorn logged at error level (worker timeouts, crashes, tracebacks)."""
    log = WORK_DIR / "gunicorn.log"
    if not log.exists():
        return []
    return [line for line in log.read_text().splitlines() if re.search(r"\[(ERROR|CRITICAL)\]|Traceback", line)]


# Everything below this line in the written file is written by hand and kept by each run.
NOTES_MARK = "<!-- notes: kept by make bench -->"


def kept_notes(target):
    if not target.exists():
        return ""
    text = target.read_text()
    return text[text.index(NOTES_MARK) :] if NOTES_MARK in text else ""


def main():
    parser = argparse.ArgumentParser(description="Load-test Samen with wrk (see the module docstring).")
    parser.add_argument("--write", metavar="FILE", help="also write the results as Markdown to FILE")
    args = parser.parse_args()
    # Stopped by a signal, still stop gunicorn (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    WORK_DIR.mkdir(exist_ok=True)
    gunicorn = None
    try:
        ensure_wrk()
        port = free_port()
        env = production_environment(port)
        print(f"Setting up {DATABASE_URL} with the production settings (log: {WORK_DIR / 'setup.log'})", flush=True)
        prepare_site(port, env)
        redis.Redis.from_url(REDIS_URL).flushdb()
        # Started and waited for in two steps, so that a failed start is stopped too.
        gunicorn = start_gunicorn(env)
        wait_until_up(gunicorn, port)
        base = f"http://127.0.0.1:{port}"
        print(f"gunicorn answers at {base}; {DURATION} s per scenario, {CONNECTIONS} connections", flush=True)
        sampler = MemorySampler(gunicorn.pid)
        sampler.start()
        session_id = log_in(base)
        check_pages(base, session_id)
        results = [measure(base, scenario, session_id) for scenario in SCENARIOS]
        sampler.stop()
    except BenchError as error:
        print(f"\nmake bench could not finish: {error}", file=sys.stderr)
        return 2
    finally:
        stop_gunicorn(gunicorn)

    checks = targets(results, sampler)
    print_report(results, sampler, checks)
    problems = server_problems()
    if problems:
        print(f"\ngunicorn logged {len(problems)} problem lines (see {WORK_DIR / 'gunicorn.log'}):")
        print("\n".join(problems[:10]))
    print("\nPages served from the page cache (X-Cache after warm-up):")
    for result in results:
        if result.scenario.path != "/healthz":
            print(f"  {result.scenario.name} ({result.scenario.who}): {result.cache}")
    if args.write:
        target = Path(args.write)
        Path(args.write).write_text(markdown(results, sampler, checks, problems) + kept_notes(target))
        print(f"\nWritten to {args.write}")
    failed = sum(result.errors for result in results)
    if failed:
        print(f"\n{failed} requests failed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
