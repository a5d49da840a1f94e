"""The memory of gunicorn's processes, sampled from /proc while the load runs."""

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path


def read_memory(pid):
    """``(VmRSS, VmHWM)`` of a process in kB, or None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    if "VmRSS" not in values:
        return None
    return int(values["VmRSS"]), int(values.get("VmHWM", values["VmRSS"]))


def children_of(parent):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name is in parentheses and may hold spaces; the parent pid follows it.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


@dataclass
class MemorySampler:
    """Samples the memory of gunicorn's master and workers every half second. Workers are
    replaced after ``max_requests``, so every process seen is kept with its own peak:
    the highest VmRSS sampled, and VmHWM (the kernel's own peak, which catches what
    happens between samples)."""

    master: int
    peaks: dict = field(default_factory=dict)  # pid -> {"role", "rss", "hwm"} (kB)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self):
        while not self._stop.wait(0.5):
            self.sample()

    def sample(self):
        for pid in [self.master, *children_of(self.master)]:
            memory = read_memory(pid)
            if memory is None:
                continue
            role = "master" if pid == self.master else "worker"
            peak = self.peaks.setdefault(pid, {"role": role, "rss": 0, "hwm": 0})
            peak["rss"] = max(peak["rss"], memory[0])
            peak["hwm"] = max(peak["hwm"], memory[1])

    def peak_mb(self, pid):
        return max(self.peaks[pid]["rss"], self.peaks[pid]["hwm"]) / 1024
