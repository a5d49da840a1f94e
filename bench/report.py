"""The results as tables, the targets they are held to, and the Markdown file
(``docs/performance.md``) that ``make bench`` writes."""

import datetime
import os
import re
import shlex
import statistics
import subprocess
from pathlib import Path

from .after_purge import ROUNDS, WARM_UP_ROUNDS
from .scenarios import (
    BLOG_INDEX,
    CACHED,
    DEMO_BLOG_INDEX,
    DEMO_POST,
    FEATURED_POST,
    HEALTHZ,
    MEMBER_EMAIL,
    WAGTAIL_FLOOR,
    WHOLE,
    find,
)
from .server import ROOT, WORK_DIR, log_of, worker_restarts
from .wrk import CONNECTIONS, DEFAULT_CONNECTIONS, DEFAULT_DURATION, DURATION, WARM_UP_SECONDS, wrk_command

# Targets (see docs/performance.md), all ratios within one run but the member's post.
WHOLE_POST_SHARE_OF_WAGTAIL_FLOOR = 0.5  # req/s: at most twice the floor page's time per request
BLOG_INDEX_SLOWDOWN = 1.10  # time per request with 1,000 posts over the demo's
AFTER_PURGE_RATIO = 1.2  # mean time of the member's page after a purge over the anonymous whole one
CACHED_SHARE_OF_FLOOR = 0.5
MEMBER_SHELL_POST_RPS = 250
MAX_RSS_MB = 300


def _rps(results, path, server, logged_in=False):
    result = find(results, path, server, logged_in)
    return result.rps if result is not None else 0.0


def _share(part, whole):
    return part / whole if whole else 0.0


def results_table(results):
    floor = _rps(results, HEALTHZ, WHOLE)
    wagtail = _rps(results, WAGTAIL_FLOOR, WHOLE)
    header = (
        "scenario | server | who | req/s | × floor | × Wagtail floor | p50 ms | p99 ms | requests | errors | X-Cache"
    )
    rows = [f"| {header} |", "|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|"]
    for r in results:
        scenario = r.scenario
        rows.append(
            f"| {scenario.name} | {scenario.server} | {scenario.who} | {r.rps:.1f} | {_share(r.rps, floor):.2f} | "
            f"{_share(r.rps, wagtail):.2f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.requests} | {r.failures} | "
            f"{r.cache} |"
        )
    return rows


def after_purge_table(purge):
    def row(request, server, timings):
        median = statistics.median(timings) if timings else 0.0
        mean = statistics.fmean(timings) if timings else 0.0
        return f"| {request} | {server} | {mean:.1f} | {median:.1f} | {len(timings)} |"

    return [
        "| request | server | mean ms | median ms | rounds |",
        "|---|---|--:|--:|--:|",
        row("the member's post, shell rebuilt", CACHED, purge.member_ms),
        row("the same post, anonymous, rendered whole", WHOLE, purge.anonymous_ms),
    ]


def memory_table(samplers, shown=4):
    """Per server the master and the largest workers; the many replaced workers in one line."""
    rows = ["| server | process | pid | peak RSS MB |", "|---|---|--:|--:|"]
    for name, sampler in samplers.items():
        ordered = sorted(sampler.peaks, key=lambda pid: (sampler.peaks[pid]["role"] != "master", -sampler.peak_mb(pid)))
        for pid in ordered[:shown]:
            rows.append(f"| {name} | {sampler.peaks[pid]['role']} | {pid} | {sampler.peak_mb(pid):.1f} |")
        rest = [sampler.peak_mb(pid) for pid in ordered[shown:]]
        if rest:
            rows.append(f"| {name} | {len(rest)} more workers | | {min(rest):.1f} to {max(rest):.1f} |")
    return rows


def largest_processes(samplers):
    """The peak RSS (MB) of the largest process of each server."""
    return {
        name: max((sampler.peak_mb(pid) for pid in sampler.peaks), default=0.0) for name, sampler in samplers.items()
    }


def targets(results, largest, purge):
    """Each target as ``(what, passed, measured)``. A scenario that was not measured fails
    its target; nothing here raises."""
    return [
        _whole_posts(results),
        _blog_index(results),
        _after_purge(purge),
        _cached_pages(results),
        _member_post(results),
        ("zero errors", _errors(results, purge) == 0, f"{_errors(results, purge)} failed requests"),
        _memory(largest),
    ]


def _whole_posts(results):
    wagtail = _rps(results, WAGTAIL_FLOOR, WHOLE)
    shares = {name: _share(_rps(results, path, WHOLE), wagtail) for name, path in _POSTS}
    measured = ", ".join(
        f"{name} {share:.2f} ({1 / share:.1f}× the time)" if share else f"{name} not measured"
        for name, share in shares.items()
    )
    return (
        "post rendered whole, anonymous: time per request ≤ "
        f"{1 / WHOLE_POST_SHARE_OF_WAGTAIL_FLOOR:.0f}× the Wagtail floor page's "
        f"(req/s ≥ {WHOLE_POST_SHARE_OF_WAGTAIL_FLOOR} × its req/s)",
        all(share >= WHOLE_POST_SHARE_OF_WAGTAIL_FLOOR for share in shares.values()),
        measured,
    )


_POSTS = [("post with 100 reactions", FEATURED_POST), ("demo post", DEMO_POST)]


def _blog_index(results):
    slowdowns = {}
    for logged_in in (False, True):
        many = _rps(results, BLOG_INDEX, WHOLE, logged_in)
        few = _rps(results, DEMO_BLOG_INDEX, WHOLE, logged_in)
        slowdowns["logged in" if logged_in else "anonymous"] = few / many if many and few else None
    measured = ", ".join(
        f"{who} {slowdown:.2f}× the time" if slowdown else f"{who} not measured" for who, slowdown in slowdowns.items()
    )
    return (
        "blog index rendered whole: with 1,000 posts at most "
        f"{BLOG_INDEX_SLOWDOWN - 1:.0%} slower than with the demo's, anonymous and logged in",
        all(slowdown is not None and slowdown <= BLOG_INDEX_SLOWDOWN for slowdown in slowdowns.values()),
        measured,
    )


def _after_purge(purge):
    measured = (
        f"{purge.member_mean:.1f} ms against {purge.anonymous_mean:.1f} ms: {purge.ratio:.2f}×"
        if purge.member_ms and purge.anonymous_ms
        else "not measured"
    )
    if purge.not_rebuilt:
        measured += f"; {purge.not_rebuilt} answers did not rebuild the shell"
    return (
        f"first member request after a purge ≤ {AFTER_PURGE_RATIO}× the anonymous post rendered whole",
        bool(purge.member_ms and purge.anonymous_ms) and purge.ratio <= AFTER_PURGE_RATIO and not purge.not_rebuilt,
        measured,
    )


def _cached_pages(results):
    floor = _rps(results, HEALTHZ, WHOLE)
    cached = [r for r in results if r.scenario.cacheable]
    shares = ", ".join(f"{r.scenario.name} {_share(r.rps, floor):.2f}" for r in cached)
    return (
        f"cached anonymous pages ≥ {CACHED_SHARE_OF_FLOOR:.0%} of /healthz's req/s",
        bool(cached) and all(_share(r.rps, floor) >= CACHED_SHARE_OF_FLOOR for r in cached),
        shares or "not measured",
    )


def _member_post(results):
    post = find(results, FEATURED_POST, CACHED, logged_in=True)
    return (
        f"member's post from their audience's shell ≥ {MEMBER_SHELL_POST_RPS} req/s",
        post is not None and post.rps >= MEMBER_SHELL_POST_RPS and post.cache == "HIT",
        f"{post.rps:.1f} req/s, X-Cache {post.cache}" if post is not None else "not measured",
    )


def _errors(results, purge):
    return sum(r.errors for r in results) + purge.failures


def _memory(largest):
    return (
        f"≤ {MAX_RSS_MB} MB RSS per process, both servers",
        bool(largest) and all(mb <= MAX_RSS_MB for mb in largest.values()),
        ", ".join(f"{name} largest {mb:.1f} MB" for name, mb in largest.items()) or "not measured",
    )


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


def load_average():
    """The machine's load average over the last minute. Read before the run does anything,
    it is the other work on the machine (tests, a build), which takes cores from both
    servers and makes the figures lower and noisier."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


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


def markdown(results, samplers, purge, checks, server_problems, load_before):
    workers = sum(1 for sampler in samplers.values() for peak in sampler.peaks.values() if peak["role"] == "worker")
    restarts = sum(worker_restarts(name) for name in samplers)
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
        f"- load average (1 min) before the run: {load_before:.1f}, from other work on the machine",
        f"- command: `{command_line()}`",
        f"- load: `{example}` per scenario (`-H` only when logged in), after {WARM_UP_SECONDS} s of warm-up",
        "- servers: production settings, gunicorn with `gunicorn.conf.py` (access log off), PostgreSQL and",
        "  Redis on the same machine as wrk; the database holds the demo content and `generate_load_data`",
        "  (20 groups, 1,000 posts, 20,000 reactions, 5,000 ratings, 200 members)",
        "",
        "Two servers run side by side on the same database and Redis. **cached** is the production",
        "set-up: anonymous readers get the shared copy of a page, members their audience's shell",
        "with their own parts filled in. **whole** is the same with `PAGE_CACHE_SECONDS=0` and",
        "`MEMBER_PAGE_CACHE=false`: every page is rendered whole, as it is after a purge, for",
        "editors, or when Redis is down. Pages rendered whole are held against the **Wagtail floor**",
        f"(`{WAGTAIL_FLOOR}`): a plain Wagtail page (`bench/models.py`) with the post with 100",
        "reactions' title, hero image and body in Wagtail's own blocks, a standalone template without",
        "Samen's layout, served by the whole server through the same URLs and middleware: what",
        "Wagtail itself costs on this machine. Scenarios take turns between the servers, so that a",
        "machine that speeds up or slows down during the run moves both sides of a comparison.",
        "",
        "## Throughput and latency",
        "",
        "The floor is `/healthz`: a constant JSON answer through the same middleware, so the",
        "ratio says how close a page comes to the most this server can answer; × Wagtail floor",
        "is the page's req/s over the Wagtail floor page's. Logged in is a",
        f"member ({MEMBER_EMAIL}) with a session made through the log-in form; on the cached server",
        "their pages are their audience's shell with their own parts rendered for each request",
        "(X-Cache `HIT`, see `pagecache/personal_parts.py`). The demo post is one of the demo's own",
        "(three paragraphs, one reaction); the blog index with the demo's posts is the English one,",
        "which the load data, written in Dutch, leaves alone. Errors are",
        "answers other than 2xx/3xx (status) and socket errors (connect, read, write, timeout),",
        "warm-up included. X-Cache is the header of one request after warm-up, made the same",
        "way (`none`: no such header, as the whole server never sends one).",
        "",
        *results_table(results),
        "",
        "## The first member request after a purge",
        "",
        "wrk cannot purge between requests, so this is timed one request at a time in Python",
        f"(kept-alive connections, after {WARM_UP_ROUNDS} rounds of warm-up): each of {ROUNDS} rounds empties",
        "the page cache (its copies, shells and labels; sessions, theme and footer stay, as after",
        "a real purge), then asks the cached server for the member's post with 100 reactions",
        "(its shell is rebuilt: X-Cache `MISS`) and the whole server for the same post",
        "anonymously, taking turns which goes first.",
        "",
        *after_purge_table(purge),
        "",
        "## Memory",
        "",
        "Peak resident memory of the gunicorn processes of both servers: the larger of the highest",
        "VmRSS sampled every 0.5 s and VmHWM. gunicorn replaced a worker that had served",
        f"`max_requests` {restarts} times during the run; {workers} worker processes were sampled in all.",
        "",
        *memory_table(samplers),
        "",
        "## Targets",
        "",
        "All but the member's post are ratios within this run. Cached anonymous pages are the post,",
        "group and blog index pages; the search page depends on its query and is not counted.",
        "",
        *targets_table(checks),
        "",
    ]
    for name, problems in server_problems.items():
        if problems:
            lines += [f"## Problems the {name} gunicorn logged", "", "```", *problems[:20], "```", ""]
    return "\n".join(lines)


def print_report(results, samplers, purge, checks, server_problems, load_before):
    print(f"\nLoad average (1 min) before the run, from other work on the machine: {load_before:.1f}")
    for row in results_table(results):
        print(row)
    print()
    for row in after_purge_table(purge):
        print(row)
    print(f"(ratio of the means {purge.ratio:.2f}; {purge.not_rebuilt} member answers did not rebuild the shell)")
    print()
    for row in memory_table(samplers):
        print(row)
    restarts = ", ".join(f"{name} {worker_restarts(name)}" for name in samplers)
    print(f"(workers gunicorn replaced after max_requests: {restarts})")
    print()
    for row in targets_table(checks):
        print(row)
    for name, problems in server_problems.items():
        if problems:
            print(f"\nThe {name} gunicorn logged {len(problems)} problem lines (see {log_of(name)}):")
            print("\n".join(problems[:10]))
    print(f"\nLogs of the run: {WORK_DIR}")


# Everything below this line in the written file is written by hand and kept by each run.
NOTES_MARK = "<!-- notes: kept by make bench -->"


def kept_notes(target):
    if not target.exists():
        return ""
    text = target.read_text()
    return text[text.index(NOTES_MARK) :] if NOTES_MARK in text else ""
