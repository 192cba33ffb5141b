"""A run leaves no processes behind, however it ends.

`start()` launches a small guardian process that holds the read end of a pipe whose write end
only this process has. While the run lives, the guardian notes the run's descendants (the
extraction pool, multiprocessing's resource tracker, Prefect's temporary API server) every
second; when the pipe closes (normal exit, SIGTERM, SIGKILL, a crash) it ends those still alive:
SIGTERM, then SIGKILL after a grace period. Linux only (it reads /proc); elsewhere it does
nothing.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

SCAN_SECONDS = 1.0
GRACE_SECONDS = 5.0

_pipe: int | None = None


def start() -> None:
    """Start this process's guardian (once per process; no-op without /proc)."""
    global _pipe
    if _pipe is not None or not Path("/proc/self/stat").exists():
        return
    read, write = os.pipe()  # not inheritable: no child of ours keeps the pipe open
    subprocess.Popen(
        [sys.executable, "-m", "pilkada.run.reaper", str(os.getpid())],
        stdin=read,
        stdout=subprocess.DEVNULL,
        start_new_session=True,  # a Ctrl+C to the run's group does not stop its guardian
    )
    os.close(read)
    _pipe = write  # closed by the kernel when this process ends, whatever the cause


def _stat(pid: int) -> tuple[int, int, int] | None:
    """(parent pid, process group, start time) of a live process, or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    if fields[0] in ("Z", "X"):  # a zombie waits for its parent only
        return None
    return int(fields[1]), int(fields[2]), int(fields[19])


def _processes() -> dict[int, tuple[int, int, int]]:
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (info := _stat(int(entry))) is not None:
            out[int(entry)] = info
    return out


def _descendants(roots: set[int], table: dict[int, tuple[int, int, int]]) -> set[int]:
    found: set[int] = set()
    frontier = set(roots)
    while frontier:
        frontier = {pid for pid, (ppid, _, _) in table.items() if ppid in frontier} - found
        found |= frontier
    return found


def guard(parent: int) -> None:
    """Watch `parent` until stdin closes, then end what it left running."""
    me = os.getpid()
    first = _stat(parent)
    if first is None:
        return
    _, group, born = first
    seen: dict[int, int] = {}  # pid -> start time (a reused pid is not ours)
    while True:
        table = _processes()
        for pid in _descendants({parent}, table) - {me}:
            seen[pid] = table[pid][2]
        ready, _, _ = select.select([0], [], [], SCAN_SECONDS)
        if ready and not os.read(0, 1):
            break
    table = _processes()
    ours = {pid for pid in seen if pid in table and table[pid][2] == seen[pid]}
    # started after the last look: orphans of the run's process group (a shell pipeline's other
    # commands share the group but still have their parent), and their children
    ours |= {pid for pid, (ppid, pgid, start) in table.items()
             if pgid == group and start >= born and (ppid == 1 or ppid not in table)}  # fmt: skip
    ours |= _descendants(ours, table)
    ours -= {me, parent}
    _end(ours)


def _end(pids: set[int]) -> None:
    """SIGTERM, a grace period, SIGKILL for what is left."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + GRACE_SECONDS
        while pids and time.monotonic() < deadline:
            pids = {pid for pid in pids if _stat(pid) is not None}
            time.sleep(0.1)
        if not pids:
            return


if __name__ == "__main__":
    guard(int(sys.argv[1]))
