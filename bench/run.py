"""``make bench``: how Samen holds up under load on this machine, with the production
settings, behind gunicorn, on PostgreSQL and Redis, and what a page rendered whole costs
next to a plain Wagtail page.

One run:

1. checks that ``wrk`` is installed (``make bench-tools`` installs it; this installs nothing);
2. creates and migrates the database ``samen_bench``, loads the demo content and the load
   data set (``generate_load_data``: 1,000 posts, 20,000 reactions, ..., and the Wagtail
   floor page), collects the static files, all with the production settings (as ``make
   serve-prod`` does);
3. empties its Redis database and starts two gunicorns (``gunicorn.conf.py``, no access log)
   on free ports: "cached", the production settings as they are, and "whole", the same with
   ``PAGE_CACHE_SECONDS=0`` and ``MEMBER_PAGE_CACHE=false``, where every page is rendered
   whole, as after a purge, for editors, or without Redis;
4. logs a member in through the real log-in form and keeps the session cookie;
5. for each scenario (the floors ``/healthz`` and the Wagtail page, then each page from the
   cache and rendered whole) warms up, then runs ``wrk`` anonymously and logged in;
6. times the first member request after a purge, one at a time, against the same page
   rendered whole (``after_purge.py``);
7. samples the memory of every gunicorn process of both servers all along;
8. prints the results and the targets, and with ``--write FILE`` writes them as Markdown;
9. stops both gunicorns, also when something failed.

It exits non-zero when a request failed (a status other than 2xx/3xx, or a socket error)
or the run itself could not be done; a missed target is reported as FAIL, not as a crash.

Environment: ``BENCH_DURATION`` (seconds per scenario, default 15) and
``BENCH_CONNECTIONS`` (default 8) for a quick smoke run; ``BENCH_DATABASE_URL`` and
``BENCH_REDIS_URL`` to point elsewhere.

Run from the project folder with its virtualenv:
``.venv/bin/python -m bench.run [--write docs/performance.md]``. The parts: ``wrk.py`` (the
load generator), ``server.py`` (set-up and gunicorn), ``memory.py``, ``scenarios.py`` (what
is measured), ``after_purge.py`` and ``report.py`` (tables, targets, the Markdown file).
"""

import argparse
import signal
import sys
from pathlib import Path

import redis

from . import report, server
from .after_purge import measure_after_purge
from .errors import BenchError
from .memory import MemorySampler
from .scenarios import CACHED, SCENARIOS, WHOLE, check_pages, log_in, measure
from .wrk import CONNECTIONS, DURATION, require_wrk


def main():
    parser = argparse.ArgumentParser(description="Load-test Samen with wrk (see the module docstring).")
    parser.add_argument("--write", metavar="FILE", help="also write the results as Markdown to FILE")
    args = parser.parse_args()
    load_before = report.load_average()
    # Stopped by a signal, still stop gunicorn (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server.WORK_DIR.mkdir(exist_ok=True)
    gunicorns, samplers = {}, {}
    try:
        require_wrk()
        ports = dict(zip((CACHED, WHOLE), server.free_ports(2), strict=True))
        environments = {name: server.production_environment(port, whole=name == WHOLE) for name, port in ports.items()}
        log = server.WORK_DIR / "setup.log"
        print(f"Setting up {server.DATABASE_URL} with the production settings (log: {log})", flush=True)
        server.prepare_site(ports[CACHED], environments[CACHED])
        redis.Redis.from_url(server.REDIS_URL).flushdb()
        # Started and waited for in two steps, so that a failed start is stopped too.
        for name in ports:
            gunicorns[name] = server.start_gunicorn(environments[name], name)
        for name, port in ports.items():
            server.wait_until_up(gunicorns[name], port, name)
        bases = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        print(
            f"gunicorn answers at {bases[CACHED]} (cached) and {bases[WHOLE]} (whole); "
            f"{DURATION} s per scenario, {CONNECTIONS} connections",
            flush=True,
        )
        for name, process in gunicorns.items():
            samplers[name] = MemorySampler(process.pid)
            samplers[name].start()
        session_id = log_in(bases[CACHED])
        check_pages(bases, session_id)
        results = [measure(bases, scenario, session_id) for scenario in SCENARIOS]
        purge = measure_after_purge(bases, session_id, server.REDIS_URL)
        for sampler in samplers.values():
            sampler.stop()
    except BenchError as error:
        print(f"\nmake bench could not finish: {error}", file=sys.stderr)
        return 2
    finally:
        for process in gunicorns.values():
            server.stop_gunicorn(process)

    checks = report.targets(results, report.largest_processes(samplers), purge)
    problems = {name: server.server_problems(name) for name in gunicorns}
    report.print_report(results, samplers, purge, checks, problems, load_before)
    if args.write:
        target = Path(args.write)
        text = report.markdown(results, samplers, purge, checks, problems, load_before)
        target.write_text(text + report.kept_notes(target))
        print(f"\nWritten to {args.write}")
    failed = sum(result.errors for result in results) + purge.failures
    if failed:
        print(f"\n{failed} requests failed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
