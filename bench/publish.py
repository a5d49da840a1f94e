"""``make bench-publish``: how long publishing a post takes for the editor when its group
has 2,000 members, measured on two trees of the code in one run: this one and an
earlier commit (``--before``, default ``e7f6302``, the last commit that mailed the group
inside the publish request), each in a git worktree of its own.

For each tree and group size (10 and 2,000 members) it creates a PostgreSQL database,
migrates it with that tree's migrations, and runs ``bench/publish_probe.py`` there
(``manage.py shell -c``), which publishes posts through Wagtail's page editor and times
each request. Mail goes over SMTP to an aiosmtpd server this script runs on a free
port, as it would to a real one. For this tree it then runs a task worker
(``db_worker --batch``) and times how long it takes to send the group's mails.

Run: ``.venv/bin/python -m bench.publish [--before REV] [--repeat N]``; it prints a
Markdown table. It needs PostgreSQL (``BENCH_POSTGRES_URL``, default the local server)."""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from aiosmtpd.controller import Controller
from psycopg import sql

from .errors import BenchError
from .server import free_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SIZES = (10, 2000)


class CountingHandler:
    def __init__(self):
        self.received = 0

    async def handle_DATA(self, server, session, envelope):
        self.received += len(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def recreate(name):
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = POSTGRES_URL.rsplit("/", 1)[0]
    return f"{base}/{name}"


def environment(database_url, smtp_port):
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))},
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "SITE_BASE_URL": "http://127.0.0.1:8000",
    }


def manage(tree, env, *arguments):
    finished = subprocess.run(  # noqa: S603 - the project's interpreter and manage.py
        [str(PYTHON), "manage.py", *arguments], cwd=tree, env=env, capture_output=True, text=True
    )
    if finished.returncode != 0:
        raise BenchError(f"manage.py {arguments[0]} in {tree} failed:\n{(finished.stdout + finished.stderr)[-3000:]}")
    return finished.stdout


def measure(tree, label, members, repeat, smtp_port, handler, run_worker):
    database = recreate(f"samen_bench_publish_{label}_{members}")
    env = {**environment(database, smtp_port), "BENCH_MEMBERS": str(members), "BENCH_REPEAT": str(repeat)}
    manage(tree, env, "migrate", "--no-input")
    before = handler.received
    output = manage(tree, env, "shell", "-c", (ROOT / "bench" / "publish_probe.py").read_text())
    result = json.loads(next(line for line in output.splitlines() if line.startswith("RESULT "))[7:])
    result["mailed_during_requests"] = handler.received - before
    if run_worker:
        started = time.perf_counter()
        manage(tree, env, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0.1")
        result["worker_seconds"] = time.perf_counter() - started
    result["mailed_in_all"] = handler.received - before
    return result


def row(label, result):
    median = statistics.median(result["seconds"])
    worker = f"{result['worker_seconds'] / result['publications']:.1f} s" if "worker_seconds" in result else "—"
    return (
        f"| {label} | {result['members']:,} | {median * 1000:,.0f} ms | "
        f"{min(result['seconds']) * 1000:,.0f}–{max(result['seconds']) * 1000:,.0f} ms | "
        f"{statistics.median(result['queries']):,.0f} | "
        f"{result['mailed_during_requests'] // result['publications']:,} | {worker} | "
        f"{result['mailed_in_all'] // result['publications']:,} |"
    )


def main():
    parser = argparse.ArgumentParser(description="Publish latency before and after (see the module docstring).")
    parser.add_argument("--before", default="e7f6302", help="the earlier commit to compare with")
    parser.add_argument("--repeat", type=int, default=3, help="publications measured per tree and size")
    args = parser.parse_args()
    handler = CountingHandler()
    smtp_port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    worktree = Path(tempfile.mkdtemp(prefix="samen-before-"))
    try:
        subprocess.run(["git", "worktree", "add", "--detach", str(worktree), args.before], cwd=ROOT, check=True)  # noqa: S603, S607
        rows = []
        for members in SIZES:
            for label, tree, after in (("before", worktree, False), ("after", ROOT, True)):
                print(f"- {label}, {members} members", flush=True)
                result = measure(tree, label, members, args.repeat, smtp_port, handler, run_worker=after)
                rows.append(row(f"{label} ({args.before if label == 'before' else 'this tree'})", result))
        print("\nPer publication:\n")
        print(
            "| code | members | publish request, median | range | queries | mails sent in the request "
            "| worker sending them | mails in all |"
        )
        print("|---|--:|--:|--:|--:|--:|--:|--:|")
        print("\n".join(rows))
    finally:
        controller.stop()
        subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, check=False)  # noqa: S603, S607
        shutil.rmtree(worktree, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        sys.exit(f"bench-publish: {error}")
