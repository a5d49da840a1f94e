"""The servers under test: the database ``samen_bench`` set up as ``make serve-prod`` sets
up its own, and two gunicorns on it (the production settings as they are, and the same
with the page cache off), started, stopped afterwards, and their logs read."""

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from .errors import BenchError

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the virtualenv's bin/, with gunicorn next to python
WORK_DIR = Path(tempfile.gettempdir()) / "samen-bench"  # logs of the run
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samen_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def free_ports(count):
    """``count`` different free ports (a port just let go may be handed out again)."""
    ports = set()
    while len(ports) < count:
        ports.add(free_port())
    return sorted(ports)


def production_environment(port, whole=False):
    """The environment ``make serve-prod`` runs with, on the benchmark's own database,
    Redis database and port; ``whole``: with the page cache off, for anonymous readers and
    members alike, so that every page is rendered whole."""
    cache_off = {"PAGE_CACHE_SECONDS": "0", "MEMBER_PAGE_CACHE": "false"} if whole else {}
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
        **cache_off,
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
        # What the set-up left for the task workers (search index updates, the demo's mails).
        worker = [python, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0.1"]
        run_step("tasks", worker, env, log)
        run_step("collectstatic", [python, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], env, log)


def log_of(name):
    return WORK_DIR / f"gunicorn-{name}.log"


def start_gunicorn(env, name):
    log = open(log_of(name), "w")  # noqa: SIM115 - open while gunicorn runs
    process = subprocess.Popen(  # noqa: S603 - the virtualenv's gunicorn with our configuration
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so it can be stopped as a whole
    )
    return process


def wait_until_up(process, port, name):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"the {name} gunicorn stopped at start-up; see {log_of(name)}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass  # not listening yet, or its workers are still starting
        time.sleep(0.3)
    raise BenchError(f"the {name} gunicorn did not answer /healthz within 60 s")


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


def worker_restarts(name):
    """How often gunicorn replaced a worker that had served ``max_requests``."""
    log = log_of(name)
    return log.read_text().count("Autorestarting worker") if log.exists() else 0


def server_problems(name):
    """Lines gunicorn logged at error level (worker timeouts, crashes, tracebacks)."""
    log = log_of(name)
    if not log.exists():
        return []
    return [line for line in log.read_text().splitlines() if re.search(r"\[(ERROR|CRITICAL)\]|Traceback", line)]
