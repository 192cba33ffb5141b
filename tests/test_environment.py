"""Expected environment failures end with one line naming the path and the real cause, and exit
code 5: a read-only warehouse folder, a read-only warehouse file, a full disk, an unwritable
PREFECT_HOME. Real mounts (tmpfs, read-only remounts and bind mounts; root only)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pilkada.errors import ExitCode

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "raw" / "articles"


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def tmpfs(path: Path, size: str = "64m") -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)):
        pytest.skip("needs root and mount(8) to make a small or read-only file system")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def pilkada_run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pilkada.cli", "run", "-q", *args],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO), **env},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def _last_line(out: subprocess.CompletedProcess) -> str:
    lines = out.stderr.strip().splitlines()
    return lines[-1] if lines else ""


def test_unwritable_prefect_home_is_one_line(tmp_path):
    with tmpfs(tmp_path / "ro") as ro:
        assert _mount("-o", "remount,ro", str(ro))
        out = pilkada_run("--warehouse", str(tmp_path / "w.duckdb"),
                          PREFECT_HOME=str(ro / "prefect"))  # fmt: skip
    assert out.returncode == ExitCode.ENVIRONMENT, out.stderr
    assert out.stderr.strip() == (
        f"error: {ro / 'prefect'}: PREFECT_HOME is not a writable folder (Read-only file system)"
    )


def test_read_only_folder(tmp_path, prefect_server):
    # The build writes its own work file and publishes it by renaming it over the warehouse
    # (pilkada.load.publish), so what must be writable is the warehouse's folder, not its file.
    with tmpfs(tmp_path / "data") as data:
        warehouse = data / "w.duckdb"
        built = pilkada_run("--articles", str(SAMPLE), "--warehouse", str(warehouse))
        assert built.returncode == 0, built.stderr
        # the whole folder read-only: the lock file cannot even be made
        assert _mount("-o", "remount,ro", str(data))
        out = pilkada_run("--articles", str(SAMPLE), "--warehouse", str(warehouse))
        assert out.returncode == ExitCode.ENVIRONMENT, out.stderr
        assert _last_line(out) == f"error: {warehouse}.lock: cannot write: Read-only file system"


@pytest.mark.slow
def test_disk_full_names_the_cause(tmp_path, prefect_server):
    articles = tmp_path / "articles"
    shutil.copytree(SAMPLE, articles)
    with tmpfs(tmp_path / "small", size="3m") as small:
        out = pilkada_run("--articles", str(articles), "--warehouse", str(small / "w.duckdb"))
    assert out.returncode == ExitCode.ENVIRONMENT, out.stderr
    last = _last_line(out)
    assert last.startswith("error: ") and "No space left on device" in last, out.stderr
    assert "cannot rollback" not in out.stderr
