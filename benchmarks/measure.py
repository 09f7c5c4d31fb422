"""Small measuring utilities shared by the benchmarks: percentiles, timing, memory, sizes.

Nothing here imports seedread, so the harness can be tested without an index.
"""

from __future__ import annotations

import math
import os
import pty
import resource
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


def percentile(values: Iterable[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``share`` of all at or
    below it (``share`` in 0..1). Raises ``ValueError`` for no values."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of no values")
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"share must be within 0..1, not {share}")
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def median(values: Iterable[float]) -> float | None:
    """The median, or None for no values (a measurement that could not be taken)."""
    found = [v for v in values if v is not None]
    return statistics.median(found) if found else None


@dataclass(slots=True)
class Latencies:
    """Latencies in milliseconds, by label, with their p50/p95 over everything."""

    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, label: str, ms: float) -> None:
        """Record one timing of ``label``."""
        self.samples.setdefault(label, []).append(ms)

    def per_label(self) -> dict[str, float]:
        """The median of each label's timings."""
        return {label: statistics.median(values) for label, values in self.samples.items()}

    def summary(self) -> dict[str, float]:
        """``p50``, ``p95`` and ``max`` over each label's median, in ms (one vote per
        query, so a query timed more often does not weigh more)."""
        medians = list(self.per_label().values())
        if not medians:
            return {}
        return {"p50": percentile(medians, 0.5), "p95": percentile(medians, 0.95),
                "max": max(medians)}


def time_ms(call: Callable[[], object]) -> tuple[float, object]:
    """Wall time of one call in milliseconds, and its result."""
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000.0, result


def memory_mb() -> dict[str, float]:
    """This process's resident memory now (``rss``) and at its peak (``hwm``), in MB.

    Read from ``/proc/self/status``; where that is missing, ``getrusage``'s peak stands for
    both.
    """
    found: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0]) / 1024.0  # kB → MB
    except OSError:
        pass
    if "VmRSS" not in found:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        found = {"VmRSS": peak, "VmHWM": peak}
    return {"rss": round(found["VmRSS"], 1), "hwm": round(found.get("VmHWM", found["VmRSS"]), 1)}


def tree_bytes(path: Path) -> int:
    """Bytes in the files under ``path`` (or of ``path`` itself), hidden files included."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    total = 0
    for folder, _, names in os.walk(path):
        for name in names:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


@dataclass(slots=True)
class Finished:
    """A finished child process: exit code, wall time, its peak memory, what it wrote."""

    returncode: int
    seconds: float
    max_rss_mb: float
    stdout: str
    stderr: str


def _drain(fd: int, into: list[bytes]) -> None:
    """Read ``fd`` (a pty's master side) until the other side is closed."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: every holder of the terminal side has closed it
            return
        if not chunk:
            return
        into.append(chunk)


def run_timed(argv: Sequence[str], env: dict[str, str] | None = None,
              timeout: float | None = None, stderr_tty: bool = False) -> Finished:
    """Run ``argv`` to the end, its output to temporary files; wall time from start to exit
    and the child's peak RSS from ``wait4`` (the child, or the largest of the children it
    waited for). A child still running after ``timeout`` seconds is killed.

    With ``stderr_tty`` the child's stderr is a pseudo-terminal, as when a person runs it
    (progress drawn in place shows up as ``\r``-separated lines in ``stderr``).
    """
    master = slave = -1
    captured: list[bytes] = []
    reader = None
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        if stderr_tty:
            master, slave = pty.openpty()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=slave if stderr_tty else err, env=env)
        if stderr_tty:
            os.close(slave)
            reader = threading.Thread(target=_drain, args=(master, captured), daemon=True)
            reader.start()
        timer = threading.Timer(timeout, proc.kill) if timeout else None
        if timer is not None:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if timer is not None:
                timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if reader is not None:
            reader.join(timeout=5)
            os.close(master)
            err.write(b"".join(captured))
        out.seek(0)
        err.seek(0)
        return Finished(proc.returncode, seconds, round(usage.ru_maxrss / 1024.0, 1),
                        out.read().decode("utf-8", "replace"),
                        err.read().decode("utf-8", "replace"))
