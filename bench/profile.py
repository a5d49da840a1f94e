"""Where the time of a page rendered whole goes, in one process: the queries it makes, the
median time of a request through Django's whole middleware stack, and a profile.

Run after ``make bench`` has set up its database (``samen_bench``), from the project folder:

    .venv/bin/python -m bench.profile                      # every page, both readers
    .venv/bin/python -m bench.profile post --sql           # each query, its time, its caller
    .venv/bin/python -m bench.profile post --profile 25    # the 25 costliest functions

It runs with the production settings on the benchmark's database and Redis, with the shared
page cache and members' shells off, as the benchmark's "whole" server does. Requests go
through Django's WSGI handler (not the test client, which records every template it
renders). The member is the benchmark's (``bench/plan.py``)."""

import argparse
import cProfile
import os
import pstats
import statistics
import time
import traceback
from pathlib import Path

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


def set_up_django():
    environment = {
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "samen-bench-on-this-machine-only"),
        "HTTPS_ONLY": "false",
        "ALLOWED_HOSTS": HOST,
        "PAGE_CACHE_SECONDS": "0",
        "MEMBER_PAGE_CACHE": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
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

        self.handler, self.factory, self.cookie = WSGIHandler(), RequestFactory(), {}
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
        body = b"".join(self.handler(environ, lambda line, headers, *rest: status.append(line)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{address} ({self.who}) answered {status[0]}")
        return body


def queries_of(reader, address):
    """``(milliseconds, sql, caller)`` of every query one request makes."""
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
        reader.get(address)
    return made


def main():
    parser = argparse.ArgumentParser(description="Profile pages rendered whole (see the module docstring).")
    parser.add_argument("pages", nargs="*", default=list(PAGES), help=f"of {', '.join(PAGES)} (default all)")
    parser.add_argument("--who", choices=["anonymous", "member", "both"], default="both")
    parser.add_argument("-n", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--sql", action="store_true", help="list every query")
    parser.add_argument("--profile", type=int, metavar="N", help="the N costliest functions (cProfile)")
    args = parser.parse_args()
    unknown = set(args.pages) - set(PAGES)
    if unknown:
        parser.error(f"no such page: {', '.join(sorted(unknown))}; choose from {', '.join(PAGES)}")
    set_up_django()
    readers = [Reader(member) for member in (False, True) if args.who in ("both", "member" if member else "anonymous")]
    print(f"{'page':<16} {'who':<10} {'queries':>7} {'query ms':>9} {'median ms':>10} {'min ms':>7}")
    for name in args.pages:
        for reader in readers:
            for _ in range(3):  # templates compiled, renditions made, connections open
                reader.get(PAGES[name])
            made = queries_of(reader, PAGES[name])
            times = []
            for _ in range(args.n):
                started = time.perf_counter()
                reader.get(PAGES[name])
                times.append((time.perf_counter() - started) * 1000)
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
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(args.n):
                    reader.get(PAGES[name])
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
