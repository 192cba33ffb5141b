"""Faults: SIGKILL mid-load and mid-publish, two runs at once, disk full. Nothing is lost.

Each fault runs the real `pilkada run` in a subprocess; afterwards the published warehouse must
hold exactly the batches of a published state, have no orphaned facts, and a plain re-run must
reach the same state as a clean build. Every batch is published here (PILKADA_PUBLISH_EVERY=1).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from snapshots import duplicate_keys, orphans, snapshot

from flows.build import build_warehouse
from pilkada.errors import ExitCode

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]


def pilkada(*args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    """Start `pilkada run ...` in a subprocess (its own Prefect ephemeral server)."""
    full_env = {**os.environ, "PILKADA_PUBLISH_EVERY": "1", **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "pilkada.cli", *args],
        cwd=REPO,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **kwargs,
    )


def run_args(articles: Path, warehouse: Path, *extra: str) -> list[str]:
    return [
        "run",
        "--articles",
        str(articles),
        "--warehouse",
        str(warehouse),
        "--batch-size",
        "3",
        "--quiet",
        *extra,
    ]


def loaded_batches(path: Path) -> list[tuple[str, int]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT batch_id, n_articles FROM load_batches WHERE status = 'loaded' ORDER BY 1"
        ).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def clean(sample_dir, tmp_path_factory, prefect_server) -> Path:
    """A clean build of the sample with the same batch size: the state every fault must reach
    (built once; the tests only read it)."""
    path = tmp_path_factory.mktemp("clean") / "data" / "warehouse" / "clean.duckdb"
    path.parent.mkdir(parents=True)
    build_warehouse(articles=[str(sample_dir)], warehouse=str(path), batch_size=3)
    return path


def test_sigkill_mid_load_keeps_committed_batches_and_rerun_completes(sample_dir, warehouse, clean):
    proc = pilkada(*run_args(sample_dir, warehouse), env={"PILKADA_FAULT": "kill@load:2"})
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == -9, out
    committed = loaded_batches(warehouse)
    assert len(committed) == 1  # batch 1 committed and published; batch 2 died in its transaction
    con = duckdb.connect(str(warehouse), read_only=True)
    n_articles = con.execute("SELECT count(*) FROM dim_article").fetchone()[0]
    con.close()
    assert n_articles == committed[0][1]
    assert not any(orphans(warehouse).values())
    assert not any(duplicate_keys(warehouse).values())

    proc = pilkada(*run_args(sample_dir, warehouse))
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, out
    assert snapshot(warehouse) == snapshot(clean)
    assert not any(orphans(warehouse).values())
    assert not any(duplicate_keys(warehouse).values())


def test_second_run_stops_with_a_clear_message_while_the_first_writes(sample_dir, warehouse, clean):
    first = pilkada(*run_args(sample_dir, warehouse), env={"PILKADA_FAULT": "sleep@load:1:20"})
    deadline = time.monotonic() + 120
    while not warehouse.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(1)
    second = pilkada(*run_args(sample_dir, warehouse))
    out2, _ = second.communicate(timeout=300)
    assert second.returncode == ExitCode.WAREHOUSE_BUSY, out2
    assert "another run is writing to this warehouse" in out2
    assert "a build is running since" in out2 and f"pid {first.pid}" in out2
    waiting = pilkada(*run_args(sample_dir, warehouse, "--lock-timeout", "240"))
    out1, _ = first.communicate(timeout=300)
    assert first.returncode == 0, out1
    out3, _ = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, out3
    assert "unchanged" in out3
    assert snapshot(warehouse) == snapshot(clean)


def published_seq(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return int(
            con.execute("SELECT value FROM _pilkada_meta WHERE key = 'publish_seq'").fetchone()[0]
        )
    finally:
        con.close()


@pytest.mark.parametrize(
    ("point", "seq", "n_batches"),
    [
        ("publish_copy", 1, 0),  # killed copying batch 1's state: the empty start state stays
        ("publish_renamed", 2, 1),  # killed after the rename, before recording it: batch 1 shows
    ],
)
def test_sigkill_during_a_publish_leaves_a_readable_warehouse_and_rerun_completes(
    sample_dir, warehouse, clean, point, seq, n_batches
):
    proc = pilkada(*run_args(sample_dir, warehouse), env={"PILKADA_FAULT": f"kill@{point}:2"})
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == -9, out
    assert published_seq(warehouse) == seq
    committed = loaded_batches(warehouse)
    assert len(committed) == n_batches
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM dim_article").fetchone()[0] == sum(
        n for _, n in committed
    )
    con.close()
    assert not any(orphans(warehouse).values())

    proc = pilkada(*run_args(sample_dir, warehouse))
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, out
    assert snapshot(warehouse) == snapshot(clean)
    assert not any(duplicate_keys(warehouse).values())
    leftovers = sorted(p.name for p in warehouse.parent.iterdir() if "publishing" in p.name)
    assert leftovers == []


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    return done.returncode == 0


def test_disk_full_leaves_a_consistent_warehouse(sample_dir, tmp_path, clean):
    small = tmp_path / "small"
    if not _mount_tmpfs(small, "2m"):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        warehouse = small / "data" / "warehouse" / "w.duckdb"
        warehouse.parent.mkdir(parents=True)
        big = tmp_path / "big_articles"
        shutil.copytree(sample_dir, big)
        # pad the articles so the load needs more room than the small filesystem has
        for path in sorted(big.glob("*.txt")):
            path.write_text(path.read_text(encoding="utf-8") + "\n" + ("Catatan. " * 40000))
        proc = pilkada(*run_args(big, warehouse), env={"PILKADA_GX_ROOT": str(tmp_path / "gx")})
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode != 0, out
        assert "No space left" in out or "Could not write" in out or "disk" in out.lower(), out
        # what is there opens, and holds only whole batches
        if warehouse.exists():
            try:
                counts = loaded_batches(warehouse)
            except duckdb.Error as exc:
                pytest.fail(f"warehouse unreadable after disk full: {exc}")
            con = duckdb.connect(str(warehouse), read_only=True)
            n = con.execute("SELECT count(*) FROM dim_article").fetchone()[0]
            con.close()
            assert n == sum(c for _, c in counts)
            assert not any(orphans(warehouse).values())
            assert not any(duplicate_keys(warehouse).values())
        # move to a roomy disk and finish: same state as a clean build of the same inputs
        roomy = tmp_path / "roomy" / "data" / "warehouse" / "w.duckdb"
        roomy.parent.mkdir(parents=True)
        if warehouse.exists():
            shutil.copy(warehouse, roomy)
        proc = pilkada(*run_args(big, roomy))
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, out
        assert not any(orphans(roomy).values())
        assert not any(duplicate_keys(roomy).values())
    finally:
        subprocess.run(["umount", str(small)], capture_output=True)
