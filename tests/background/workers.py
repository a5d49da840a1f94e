"""Real worker processes for the tests: ``manage.py db_worker`` on the test's own
database (pytest-django's, which the test fills with committed rows), sending mail to the
test's own SMTP server."""

import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from tests.production.servers import own_environment

REPO = Path(__file__).resolve().parents[2]


def database_url():
    """The address of the database this test runs on, for another process."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@dataclass
class WorkerProcess:
    name: str
    process: subprocess.Popen
    log: Path

    def output(self):
        return self.log.read_text(errors="replace")

    def stop(self, timeout=20):
        """As a process manager stops it: SIGTERM, and it finishes its task first."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.process.returncode

    def kill(self):
        """As the machine or the kernel's out-of-memory killer does: at once, in the middle."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)


def start_worker(name, smtp_port, **extra_environment):
    environment = {
        **own_environment(),
        "DJANGO_SETTINGS_MODULE": "tests.background.worker_settings",
        "DATABASE_URL": database_url(),
        "SAMEN_TEST_SMTP_PORT": str(smtp_port),
        "PYTHONUNBUFFERED": "1",
        **{key: str(value) for key, value in extra_environment.items()},
    }
    log = Path(tempfile.mkstemp(prefix=f"samen-{name}-", suffix=".log")[1])
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"]
    process = subprocess.Popen(  # noqa: S603 - our own interpreter running our own manage.py
        [*command, "--worker-id", name], cwd=REPO, env=environment, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    return WorkerProcess(name, process, log)


def eventually(condition, timeout=60, interval=0.1, message="the condition"):
    """Wait until ``condition()`` is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(interval)
    raise AssertionError(f"{message} did not come true within {timeout} s")
