"""The results as tables, the targets they are held to, and the Markdown file
(``docs/performance.md``) that ``make bench`` writes."""

import datetime
import os
import re
import shlex
import subprocess
from pathlib import Path

from .scenarios import FEATURED_POST, MEMBER_EMAIL
from .server import ROOT, WORK_DIR, worker_restarts
from .wrk import CONNECTIONS, DEFAULT_CONNECTIONS, DEFAULT_DURATION, DURATION, WARM_UP_SECONDS, wrk_command

# Targets (see docs/performance.md).
CACHED_SHARE_OF_FLOOR = 0.5
LOGGED_IN_POST_RPS = 150
LOGGED_IN_POST_P99_MS = 100
MAX_RSS_MB = 300


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
        "see `pagecache/personal_parts.py`). Errors are",
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


def print_report(results, sampler, checks, server_problems):
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
    if server_problems:
        print(f"\ngunicorn logged {len(server_problems)} problem lines (see {WORK_DIR / 'gunicorn.log'}):")
        print("\n".join(server_problems[:10]))
    print("\nPages served from the page cache (X-Cache after warm-up):")
    for result in results:
        if result.scenario.path != "/healthz":
            print(f"  {result.scenario.name} ({result.scenario.who}): {result.cache}")


# Everything below this line in the written file is written by hand and kept by each run.
NOTES_MARK = "<!-- notes: kept by make bench -->"


def kept_notes(target):
    if not target.exists():
        return ""
    text = target.read_text()
    return text[text.index(NOTES_MARK) :] if NOTES_MARK in text else ""
