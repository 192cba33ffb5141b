"""GX's runtime state is crash-safe: files are replaced atomically, and a damaged checkpoint,
suite or validation result (a run killed mid-write) is rebuilt by the next run instead of
failing every run after it. Each run is its own process, as a real `pilkada run` is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pilkada.quality import gx_state

TESTS = Path(__file__).resolve().parent
RUN = """
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from test_quality_gate import PARAMS, clean_batch
from pilkada.quality import build_data_docs, gate
result = gate(clean_batch(), batch_id=sys.argv[1], params=PARAMS, gx_root=Path({root!r}))
assert result.success, result.message()
build_data_docs(Path({root!r}), Path({root!r}) / "site")
print("ok", result.batch_id)
"""


def run_gate(root: Path, batch_id: str) -> subprocess.CompletedProcess:
    code = RUN.format(tests=str(TESTS), root=str(root))
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "False"}
    return subprocess.run(
        [sys.executable, "-c", code, batch_id], capture_output=True, text=True, env=env,
        timeout=300,
    )  # fmt: skip


@pytest.mark.slow
def test_a_damaged_checkpoint_suite_and_result_are_repaired_on_the_next_run(tmp_path: Path):
    root = tmp_path / "gx"
    first = run_gate(root, "b-first")
    assert first.returncode == 0, first.stderr[-2000:]
    project = root / "gx"
    checkpoint = project / "checkpoints" / "gate_articles.json"
    suite = project / "expectations" / "staged_articles.json"
    results = sorted((project / "uncommitted" / "validations").rglob("*.json"))
    assert checkpoint.exists() and suite.exists() and results
    text = checkpoint.read_text()
    checkpoint.write_text(text[: len(text) // 2])  # a kill in the middle of GX's write
    suite.write_text("")  # a full disk
    results[0].write_text(results[0].read_text()[:100])  # a half-written validation result

    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=root)
    with pytest.raises(Exception):  # noqa: B017 - what every later run met before the repair
        context.checkpoints.get("gate_articles")

    second = run_gate(root, "b-second")
    assert second.returncode == 0, second.stderr[-2000:]
    assert json.loads(checkpoint.read_text())["name"] == "gate_articles"
    assert json.loads(suite.read_text())["name"] == "staged_articles"
    assert not results[0].exists()  # dropped: its outcome is also in dq_results
    assert (root / "site" / "index.html").exists()  # the report's Data Docs build again


def test_repair_removes_only_damaged_files_and_leftover_temporaries(tmp_path: Path):
    project = tmp_path / "gx"
    (project / "checkpoints").mkdir(parents=True)
    good = project / "checkpoints" / "good.json"
    good.write_text('{"name": "good"}')
    bad = project / "checkpoints" / "bad.json"
    bad.write_text('{"name": "ba')
    listed = project / "checkpoints" / "list.json"
    listed.write_text("[]")
    leftover = project / "checkpoints" / ".good.json.abc.tmp"
    leftover.write_text("{")
    result = project / "uncommitted" / "validations" / "s" / "run" / "r.json"
    result.parent.mkdir(parents=True)
    result.write_text('{"results": [1, 2]}\n')
    assert sorted(gx_state.repair(tmp_path)) == sorted([bad, listed, leftover])
    assert good.exists() and result.exists()


def test_atomic_write_leaves_the_old_file_whole_when_the_write_fails(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    gx_state.write_atomic(path, b'{"v": 1}')

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)  # the new bytes never reach the disk
    with pytest.raises(OSError, match="No space"):
        gx_state.write_atomic(path, b'{"v": 2}')
    assert path.read_bytes() == b'{"v": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]
