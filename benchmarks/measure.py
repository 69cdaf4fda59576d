"""One child process measured: wall time, CPU time, its peak memory and its tree's.

Rules: a command is measured from a small wrapper process, never started straight
from the benchmark (see ``run_measured`` for why); a failed command raises
``BenchError`` with the tail of its log, never returns figures; an interrupted
benchmark (Ctrl-C or SIGTERM) stops the whole process group it started.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TREE_SAMPLE_SECONDS = 0.5
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_LOG_ERROR = re.compile(r"^\s*(?:\[[^]]*\]\s*)?(?:ERROR|CRITICAL)\b", re.MULTILINE)

# Runs one command and writes its wall time, CPU time and ru_maxrss (from wait4) as JSON.
_WRAPPER = """\
import json, os, sys, time
report, cmd = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ)
_pid, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
with open(report, "w") as f:
    json.dump({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "maxrss": usage.ru_maxrss}, f)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


class BenchError(RuntimeError):
    """A build the benchmark ran failed; the message ends with the tail of its log."""


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    log: str
    # Sampled sum of RSS over every process of the run (Linux), None elsewhere.
    peak_tree_rss_bytes: int | None = None


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> ChildRun:
    """Run one command: its wall time, CPU time and its own peak RSS.

    The command is started by a small wrapper process that reaps it with
    os.wait4, whose rusage covers that one process (and the children it waited
    for), unlike RUSAGE_CHILDREN, which keeps the maximum over every child ever.
    The wrapper is needed because Linux carries the RSS high-water mark of the
    memory a process was forked with across exec: a build started straight from
    this process, grown large by ingesting and indexing, would report at least
    this process's size. The wrapper's own few MB are the floor instead.

    ``peak_rss_bytes`` is thus the largest single process (the build or one of
    its forked workers); ``peak_tree_rss_bytes`` adds up every process of the
    run, sampled twice a second.
    """
    with tempfile.TemporaryDirectory(prefix="bench-run-") as scratch:
        report = Path(scratch) / "rusage.json"
        log_path = Path(scratch) / "log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [sys.executable, "-c", _WRAPPER, str(report), *cmd],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # so an interrupted run stops the build too
            )
            returncode, tree_peak = _wait_sampling(proc)
        text = log_path.read_text(encoding="utf-8", errors="replace")
        if returncode != 0 or not report.is_file():
            raise BenchError(f"{shlex.join(cmd)} exited {returncode}:\n{text[-4000:]}")
        usage = json.loads(report.read_text(encoding="utf-8"))
    # Linux reports kibibytes, macOS bytes.
    peak = usage["maxrss"] * (1 if sys.platform == "darwin" else 1024)
    return ChildRun(
        usage["seconds"],
        usage["cpu"],
        peak,
        text,
        None if tree_peak is None else max(tree_peak, peak),
    )


def _wait_sampling(proc: subprocess.Popen[bytes]) -> tuple[int, int | None]:
    """Wait for proc, sampling its session's memory; kill the session if interrupted.

    Returns the exit code and the largest sample (None where /proc is missing).
    """
    sampling = Path("/proc/self/statm").is_file()
    peak = 0
    try:
        while True:
            try:
                return proc.wait(timeout=TREE_SAMPLE_SECONDS), (peak if sampling else None)
            except subprocess.TimeoutExpired:
                if sampling:
                    peak = max(peak, session_rss(proc.pid, exclude=proc.pid))
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise


def session_rss(session: int, exclude: int) -> int:
    """Sum of RSS over the processes of one session, from /proc (cheap: statm, not smaps).

    Workers forked by the build share most of their pages copy-on-write and each
    counts them, so this is an upper bound of what the build holds at that moment.
    """
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == exclude:
            continue
        try:
            with open(os.path.join(entry.path, "stat"), encoding="ascii", errors="replace") as f:
                stat = f.read()
            # After "(comm) ": state, ppid, pgrp, session.
            if int(stat[stat.rindex(")") + 2 :].split()[3]) != session:
                continue
            with open(os.path.join(entry.path, "statm"), encoding="ascii") as f:
                total += int(f.read().split()[1]) * _PAGE_SIZE
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we read it
    return total


def log_errors(log: str) -> list[str]:
    """The ERROR and CRITICAL lines of a Pelican log."""
    return [m.group(0).strip() + log[m.end() :].split("\n", 1)[0] for m in _LOG_ERROR.finditer(log)]


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a `kill` of a background run) unwinds like Ctrl-C: builds stopped, scratch removed.

    Only in this process: a process forked meanwhile (ingest's pool of workers) inherits
    the handler, and there SIGTERM must end it at once, as by default. A pool ends its
    workers with SIGTERM; a worker that unwound instead, in the middle of taking the
    pool's task queue, left that queue locked and the pool waiting for ever.
    """
    owner = os.getpid()

    def interrupt(signum: int, frame: Any) -> None:
        if os.getpid() != owner:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
