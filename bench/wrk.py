"""wrk, the load generator: whether it is there, how it is called, and what its output says."""

import os
import re
import shutil
import subprocess
from dataclasses import asdict, astuple, dataclass

from .errors import BenchError

DEFAULT_DURATION, DEFAULT_CONNECTIONS = 15, 8
DURATION = int(os.environ.get("BENCH_DURATION", DEFAULT_DURATION))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", DEFAULT_CONNECTIONS))
THREADS = 2
WARM_UP_SECONDS = 2
# wrk gives up on an answer after 2 s by default and counts it as a socket error, leaving it
# out of the latencies; a page rendered whole on a busy machine may take that long, and is
# slow, not failed. gunicorn's own limit is 30 s.
TIMEOUT_SECONDS = 10


def require_wrk():
    """The benchmark installs nothing itself: ``make bench-tools`` does, as root."""
    if shutil.which("wrk") is None:
        raise BenchError(
            "wrk is not installed; make bench measures with it. Install the package wrk: "
            "as root, make bench-tools (or apt-get install wrk)."
        )


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
    command = ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{seconds}s", f"--timeout={TIMEOUT_SECONDS}s", "--latency"]
    if session_id:
        command += ["-H", f"Cookie: sessionid={session_id}"]
    return [*command, url]


def run_wrk(url, seconds, session_id=None):
    command = wrk_command(url, seconds, session_id)
    finished = subprocess.run(command, capture_output=True, text=True)  # noqa: S603 - wrk on our own server
    if finished.returncode != 0:
        raise BenchError(f"wrk failed: {finished.stderr or finished.stdout}")
    return parse_wrk(finished.stdout)
