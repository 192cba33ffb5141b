"""A killed run leaves no processes behind: its extraction pool, multiprocessing's resource
tracker, Prefect's temporary API server and its guardian all end after SIGTERM or SIGKILL of
`pilkada run` (a real run, paused inside its first load by the fault hook)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.synth import generate

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]


def _table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) of every live, non-zombie process."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] not in ("Z", "X"):
            out[int(entry)] = (int(fields[1]), cmd)
    return out


def _tree(root: int) -> dict[int, str]:
    table = _table()
    found: dict[int, str] = {}
    frontier = {root}
    while frontier:
        frontier = {p for p, (ppid, _) in table.items() if ppid in frontier} - set(found)
        found.update({p: table[p][1] for p in frontier})
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_run_leaves_no_process(tmp_path, sig):
    articles = tmp_path / "articles"
    generate(450, articles, seed=7)  # enough for the process pool (400 per batch at least)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}  # its own server
    env.update(PILKADA_WORKERS="2", PILKADA_FAULT="sleep@load:1:300", PYTHONPATH=str(REPO),
               PREFECT_HOME=str(tmp_path / "prefect"))  # fmt: skip
    run = subprocess.Popen(
        [sys.executable, "-m", "pilkada.cli", "run", "--articles", str(articles),
         "--warehouse", str(tmp_path / "w.duckdb"), "--batch-size", "450", "-q"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 400
        tree: dict[int, str] = {}
        while time.monotonic() < deadline and run.poll() is None:
            tree = _tree(run.pid)
            workers = [c for c in tree.values() if "spawn_main" in c]
            tracker = [c for c in tree.values() if "resource_tracker" in c]
            server = [c for c in tree.values() if "uvicorn" in c or "prefect" in c]
            if len(workers) >= 2 and tracker and server:
                break
            time.sleep(1)
        else:
            pytest.fail(f"the run never had its pool, tracker and server: {tree}")
        time.sleep(2)  # the guardian looks every second
        tree = _tree(run.pid)
        assert any("pilkada.run.reaper" in c for c in tree.values()), tree
        os.kill(run.pid, sig)
        killed = time.monotonic()
        run.wait(timeout=120)  # SIGTERM: Prefect marks the flow run crashed, then it exits
        print(f"{sig.name}: the run ended {time.monotonic() - killed:.1f} s later")
        deadline = time.monotonic() + 30
        left = dict(tree)
        while left and time.monotonic() < deadline:
            table = _table()
            left = {p: c for p, c in left.items() if p in table and table[p][1] == c}
            time.sleep(0.5)
        assert not left, f"still running after {sig.name} of the run: {left}"
    finally:
        if run.poll() is None:
            run.kill()
