"""``make bench``: how Samen holds up under load on this machine, with the production
settings, behind gunicorn, on PostgreSQL and Redis.

One run:

1. checks that ``wrk`` is installed (``make bench-tools`` installs it; this installs nothing);
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

Run from the project folder with its virtualenv:
``.venv/bin/python -m bench.run [--write docs/performance.md]``. The parts: ``wrk.py`` (the
load generator), ``server.py`` (set-up and gunicorn), ``memory.py``, ``scenarios.py`` (what
is measured) and ``report.py`` (tables, targets, the Markdown file).
"""

import argparse
import signal
import sys
from pathlib import Path

import redis

from . import report, server
from .errors import BenchError
from .memory import MemorySampler
from .scenarios import SCENARIOS, check_pages, log_in, measure
from .wrk import CONNECTIONS, DURATION, require_wrk


def main():
    parser = argparse.ArgumentParser(description="Load-test Samen with wrk (see the module docstring).")
    parser.add_argument("--write", metavar="FILE", help="also write the results as Markdown to FILE")
    args = parser.parse_args()
    # Stopped by a signal, still stop gunicorn (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server.WORK_DIR.mkdir(exist_ok=True)
    gunicorn = None
    try:
        require_wrk()
        port = server.free_port()
        env = server.production_environment(port)
        log = server.WORK_DIR / "setup.log"
        print(f"Setting up {server.DATABASE_URL} with the production settings (log: {log})", flush=True)
        server.prepare_site(port, env)
        redis.Redis.from_url(server.REDIS_URL).flushdb()
        # Started and waited for in two steps, so that a failed start is stopped too.
        gunicorn = server.start_gunicorn(env)
        server.wait_until_up(gunicorn, port)
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
        server.stop_gunicorn(gunicorn)

    checks = report.targets(results, sampler)
    problems = server.server_problems()
    report.print_report(results, sampler, checks, problems)
    if args.write:
        target = Path(args.write)
        target.write_text(report.markdown(results, sampler, checks, problems) + report.kept_notes(target))
        print(f"\nWritten to {args.write}")
    failed = sum(result.errors for result in results)
    if failed:
        print(f"\n{failed} requests failed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
