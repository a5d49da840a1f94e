"""Where the time of a page rendered whole goes, in one process: the queries it makes, the
median time of a request through Django's whole middleware stack, and a profile.

Run after ``make bench`` has set up its database (``samen_bench``), from the project folder:

    .venv/bin/python -m bench.profile                      # every page, both readers
    .venv/bin/python -m bench.profile post --sql           # each query, its time, its caller
    .venv/bin/python -m bench.profile post --profile 25    # the 25 costliest functions
    .venv/bin/python -m bench.profile post --cached --profile 25

It runs with the production settings on the benchmark's database and Redis, with the shared
page cache and members' shells off, as the benchmark's "whole" server does. Requests go
through Django's WSGI handler (not the test client, which records every template it
renders). The member is the benchmark's (``bench/plan.py``).

With ``--cached`` the page cache is on, as on the benchmark's "cached" server, and the member
is measured twice: from their audience's shell (X-Cache ``HIT``, the member's post in
``make bench``), and as the first request after a purge (the page cache emptied before each
request, as ``bench/after_purge.py`` does: the shell rebuilt, X-Cache ``MISS``), next to the
same page rendered whole for an anonymous reader with the page cache off."""

import argparse
import cProfile
import os
import pstats
import statistics
import time
import traceback
from pathlib import Path

import redis

from .after_purge import empty_page_cache as empty_page_cache_of
from .scenarios import BLOG_INDEX, DEMO_BLOG_INDEX, DEMO_POST, FEATURED_POST, GROUP, MEMBER_EMAIL, SEARCH, WAGTAIL_FLOOR
from .server import DATABASE_URL, REDIS_URL

PAGES = {
    "post": FEATURED_POST,
    "demo-post": DEMO_POST,
    "group": GROUP,
    "blog-index": BLOG_INDEX,
    "demo-blog-index": DEMO_BLOG_INDEX,
    "search": SEARCH,
    "home": "/nl/",
    "wagtail-floor": WAGTAIL_FLOOR,
}
ROOT = str(Path(__file__).resolve().parent.parent) + "/"
HOST = "127.0.0.1"


def set_up_django(cached=False):
    environment = {
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "samen-bench-on-this-machine-only"),
        "HTTPS_ONLY": "false",
        "ALLOWED_HOSTS": HOST,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    if not cached:
        environment.update({"PAGE_CACHE_SECONDS": "0", "MEMBER_PAGE_CACHE": "false"})
    os.environ.update(environment)
    # Imported here and in the functions below, not at the top: Django reads the
    # environment above when it starts.
    import django  # noqa: PLC0415

    django.setup()


class Reader:
    """Requests through Django's WSGI handler, as a visitor or with the member's session."""

    def __init__(self, member):
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: PLC0415
        from django.contrib.sessions.backends.cached_db import SessionStore  # noqa: PLC0415
        from django.core.handlers.wsgi import WSGIHandler  # noqa: PLC0415
        from django.test import RequestFactory  # noqa: PLC0415

        from accounts.models import User  # noqa: PLC0415

        self.handler, self.factory, self.cookie, self.headers = WSGIHandler(), RequestFactory(), {}, {}
        self.who = "member" if member else "anonymous"
        if member:
            user = User.objects.get(email=MEMBER_EMAIL)
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.save()
            self.cookie = {"HTTP_COOKIE": f"sessionid={session.session_key}"}

    def get(self, address):
        path, _, query = address.partition("?")
        environ = self.factory._base_environ(PATH_INFO=path, QUERY_STRING=query, HTTP_HOST=HOST, **self.cookie)
        status = []

        def start_response(line, headers, *rest):
            status.append(line)
            self.headers = dict(headers)

        body = b"".join(self.handler(environ, start_response))
        if not status[0].startswith("200"):
            raise SystemExit(f"{address} ({self.who}) answered {status[0]}")
        return body

    def cache_says(self, address, expected):
        """Request ``address`` once and check that the page cache answered as ``expected``."""
        self.get(address)
        found = self.headers.get("X-Cache", "none")
        if found != expected:
            raise SystemExit(f"{address} ({self.who}) came with X-Cache {found}, not {expected}")


def queries_of(get, address):
    """``(milliseconds, sql, caller)`` of every query one request (``get(address)``) makes."""
    from django.db import connection  # noqa: PLC0415

    made = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            ours = [f"{frame.filename.removeprefix(ROOT)}:{frame.lineno}" for frame in traceback.extract_stack()]
            ours = [where for where in ours if not where.startswith(("/", ".venv", "bench/"))]
            made.append(((time.perf_counter() - started) * 1000, sql, " < ".join(reversed(ours[-3:]))))

    with connection.execute_wrapper(record):
        get(address)
    return made


def empty_page_cache():
    """What a purge of everything leaves: no copies, shells or labels (sessions stay)."""
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    empty_page_cache_of(client)


def timed(get, address, n, before=None):
    times = []
    for _ in range(n):
        if before is not None:
            before()
        started = time.perf_counter()
        get(address)
        times.append((time.perf_counter() - started) * 1000)
    return times


def profiled(get, address, n, top, before=None):
    profiler = cProfile.Profile()
    for _ in range(n):
        if before is not None:
            before()
        profiler.enable()
        get(address)
        profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def whole(get):
    """``get`` with the page cache off for one request, as on the benchmark's whole server."""
    from django.test import override_settings  # noqa: PLC0415

    def get_whole(address):
        with override_settings(PAGE_CACHE_SECONDS=0, MEMBER_PAGE_CACHE=False):
            return get(address)

    return get_whole


def main_cached(args):
    """The member's page from their shell, and the first member request after a purge
    next to the anonymous page rendered whole (see the module docstring). The three are
    timed in turns, as ``bench/after_purge.py`` does, so that a machine busy with other work
    weighs on each alike."""
    member, anonymous = Reader(member=True), Reader(member=False)
    anonymous_whole = whole(anonymous.get)
    # What each request is, how it is made, what comes before it, and its X-Cache.
    hit = ("member, from the shell (HIT)", member.get, None, "HIT")
    miss = ("member, after a purge (MISS)", member.get, empty_page_cache, "MISS")
    # After a purge too: the footer and the outline are read again, as for the member.
    rendered_whole = ("anonymous, rendered whole", anonymous_whole, empty_page_cache, "none")
    print(f"{'page':<16} {'request':<34} {'queries':>7} {'query ms':>9} {'median ms':>10} {'min ms':>7} {'CPU ms':>7}")
    for name in args.pages:
        address = PAGES[name]
        for _ in range(3):  # templates compiled, renditions made, connections open
            for _label, get, before, _expected in (miss, hit, rendered_whole):
                if before is not None:
                    before()
                get(address)
        times = {hit[0]: [], miss[0]: [], rendered_whole[0]: []}
        # This process's CPU time alone: less moved by other work on the machine than the
        # time on the clock, though it leaves out what PostgreSQL and Redis spend.
        cpu = {hit[0]: [], miss[0]: [], rendered_whole[0]: []}
        for number in range(args.n):
            for label, get, before, expected in (miss, hit, rendered_whole)[:: 1 if number % 2 else -1]:
                if label == hit[0]:
                    member.get(address)  # the shell, should the anonymous request have purged it
                if before is not None:
                    before()
                started, started_cpu = time.perf_counter(), time.process_time()
                reader = member if get == member.get else anonymous
                get(address)
                times[label].append((time.perf_counter() - started) * 1000)
                cpu[label].append((time.process_time() - started_cpu) * 1000)
                if reader.headers.get("X-Cache", "none") != expected:
                    raise SystemExit(f"{address} ({label}) came with X-Cache {reader.headers.get('X-Cache')}")
        for label, get, before, _expected in (hit, miss, rendered_whole):
            if before is None:
                member.get(address)
            else:
                before()
            made = queries_of(get, address)
            query_ms = sum(ms for ms, _sql, _where in made)
            print(
                f"{name:<16} {label:<34} {len(made):>7} {query_ms:>9.1f} "
                f"{statistics.median(times[label]):>10.1f} {min(times[label]):>7.1f} "
                f"{statistics.median(cpu[label]):>7.1f}",
                flush=True,
            )
            if args.sql:
                for ms, sql, where in made:
                    print(f"    {ms:6.2f} ms  {sql[:70]:<70}  {where}")
            if args.profile:
                profiled(get, address, args.n, args.profile, before)
        ratios = [
            statistics.median(measured[miss[0]]) / statistics.median(measured[rendered_whole[0]])
            for measured in (times, cpu)
        ]
        print(
            f"{name:<16} after a purge: {ratios[0]:.2f}x the anonymous page rendered whole "
            f"({ratios[1]:.2f}x its CPU time; medians)",
            flush=True,
        )


def main():
    parser = argparse.ArgumentParser(description="Profile pages rendered whole (see the module docstring).")
    parser.add_argument("pages", nargs="*", default=list(PAGES), help=f"of {', '.join(PAGES)} (default all)")
    parser.add_argument("--who", choices=["anonymous", "member", "both"], default="both")
    parser.add_argument("-n", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--sql", action="store_true", help="list every query")
    parser.add_argument("--profile", type=int, metavar="N", help="the N costliest functions (cProfile)")
    parser.add_argument(
        "--cached", action="store_true", help="the member from their shell and after a purge, with the page cache on"
    )
    args = parser.parse_args()
    unknown = set(args.pages) - set(PAGES)
    if unknown:
        parser.error(f"no such page: {', '.join(sorted(unknown))}; choose from {', '.join(PAGES)}")
    set_up_django(cached=args.cached)
    if args.cached:
        main_cached(args)
        return
    readers = [Reader(member) for member in (False, True) if args.who in ("both", "member" if member else "anonymous")]
    print(f"{'page':<16} {'who':<10} {'queries':>7} {'query ms':>9} {'median ms':>10} {'min ms':>7}")
    for name in args.pages:
        for reader in readers:
            for _ in range(3):  # templates compiled, renditions made, connections open
                reader.get(PAGES[name])
            made = queries_of(reader.get, PAGES[name])
            times = timed(reader.get, PAGES[name], args.n)
            query_ms = sum(ms for ms, _sql, _where in made)
            print(
                f"{name:<16} {reader.who:<10} {len(made):>7} {query_ms:>9.1f} "
                f"{statistics.median(times):>10.1f} {min(times):>7.1f}",
                flush=True,
            )
            if args.sql:
                for ms, sql, where in made:
                    print(f"    {ms:6.2f} ms  {sql[:70]:<70}  {where}")
            if args.profile:
                profiled(reader.get, PAGES[name], args.n, args.profile)


if __name__ == "__main__":
    main()
