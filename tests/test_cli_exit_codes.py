"""Every exit code of `pilkada` means what the README's table says, and an expected failure is
one line on stderr (no traceback, Prefect's included) unless `--debug` asks for it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pilkada.cli import app
from pilkada.errors import ExitCode
from pilkada.load import warehouse as wh

runner = CliRunner()


def error_lines(result) -> list[str]:
    """The `error:` lines on stderr, after checking no traceback came with them (other lines
    are warnings pytest turns on, e.g. GX's DeprecationWarnings logged by Prefect)."""
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_mistyped_articles_path_is_a_failure_in_one_line(tmp_path, warehouse):
    """A real process, as a user runs it: Prefect's own log of the failed flow stays quiet."""
    done = subprocess.run(
        [sys.executable, "-m", "pilkada.cli", "run", "--quiet",
         "--articles", str(tmp_path / "artcles"), "--warehouse", str(warehouse)],
        capture_output=True, text=True, timeout=300, env={**os.environ},
    )  # fmt: skip
    assert done.returncode == ExitCode.NOTHING_LOADED, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error:") and "artcles" in lines[0]
    assert "Traceback" not in done.stderr + done.stdout


def test_gate_failure_exits_1(tmp_path, warehouse, sample_dir):
    regions = tmp_path / "regions.csv"
    regions.write_text("code,name\n35,Jawa Timur\n35,Jawa Timur\n")
    result = runner.invoke(app, ["run", "-q", "--articles", str(sample_dir),
                                 "--official", str(regions), "-w", str(warehouse)])  # fmt: skip
    assert result.exit_code == ExitCode.GATE_FAILED, result.output
    (line,) = error_lines(result)
    assert "official_regions" in line and "expect_column_values_to_be_unique" in line


def test_busy_warehouse_exits_4(tmp_path, warehouse, sample_dir):
    with wh.writer_lock(warehouse):
        result = runner.invoke(app, ["run", "-q", "--articles", str(sample_dir),
                                     "--lock-timeout", "0", "-w", str(warehouse)])  # fmt: skip
    assert result.exit_code == ExitCode.WAREHOUSE_BUSY, result.output
    (line,) = error_lines(result)
    assert "another run is writing" in line


def test_debug_shows_prefects_log_of_the_failed_flow_run(warehouse, sample_dir):
    with wh.writer_lock(warehouse):
        done = subprocess.run(
            [sys.executable, "-m", "pilkada.cli", "--debug", "run", "-q", "--lock-timeout", "0",
             "--articles", str(sample_dir), "--warehouse", str(warehouse)],
            capture_output=True, text=True, timeout=300, env={**os.environ},
        )  # fmt: skip
    assert done.returncode == ExitCode.WAREHOUSE_BUSY, done.stderr
    assert "Encountered exception during execution" in done.stderr  # Prefect's own log
    assert "Traceback" in done.stderr and "WarehouseBusy" in done.stderr
    assert done.stderr.rstrip().splitlines()[-1].startswith("error:")


def test_prefects_background_workers_finish_before_the_error_line(monkeypatch):
    """What Prefect's events worker logs while it drains at exit came after `error:` on a
    loaded machine; `fail` lets it finish first."""
    from prefect.events.worker import EventsWorker

    from pilkada.commands.failures import fail

    drained: list = []

    def drain_all(cls, timeout=None, at_exit=True):
        drained.append(timeout)

    monkeypatch.setattr(EventsWorker, "drain_all", classmethod(drain_all))
    with pytest.raises(typer.Exit):
        fail("the warehouse is busy", ExitCode.WAREHOUSE_BUSY)
    assert drained == [5]


def test_unwritable_place_exits_5(tmp_path, prefect_server, sample_dir):
    place = Path("/sys/pilkada-test")  # sysfs: not writable, not even by root
    if not Path("/sys/kernel").is_dir() or os.access("/sys", os.W_OK) and _can_mkdir(place):
        pytest.skip("needs a read-only /sys")
    result = runner.invoke(app, ["run", "-q", "--articles", str(sample_dir),
                                 "-w", str(place / "w.duckdb")])  # fmt: skip
    assert result.exit_code == ExitCode.ENVIRONMENT, result.output
    (line,) = error_lines(result)
    assert "/sys/pilkada-test" in line


def _can_mkdir(path: Path) -> bool:
    try:
        path.mkdir()
    except OSError:
        return False
    path.rmdir()
    return True


def test_missing_warehouse_of_a_reader_exits_2(tmp_path):
    export = ["export", "--view", "meetings", "--out", str(tmp_path / "m.parquet")]
    for command in (["sql", "SELECT 1"], ["status"], ["runs"], ["rejected"], export):
        result = runner.invoke(app, [*command, "-w", str(tmp_path / "nope.duckdb")])
        assert result.exit_code == ExitCode.NOTHING_LOADED, (command, result.output)
        (line,) = error_lines(result)
        assert "nope.duckdb: no warehouse here" in line


def test_foreign_file_exits_4(tmp_path):
    other = tmp_path / "other.duckdb"
    other.write_text("not a database")
    result = runner.invoke(app, ["status", "-w", str(other)])
    assert result.exit_code == ExitCode.WAREHOUSE_BUSY
    assert "not a DuckDB database" in result.stderr


def test_debug_shows_the_traceback(tmp_path):
    plain = runner.invoke(app, ["sql", "SELECT 1", "-w", str(tmp_path / "x.duckdb")])
    debug = runner.invoke(app, ["--debug", "sql", "SELECT 1", "-w", str(tmp_path / "x.duckdb")])
    assert plain.exit_code == debug.exit_code == ExitCode.NOTHING_LOADED
    assert "Traceback" not in plain.stderr
    assert "Traceback" in debug.stderr and "NoWarehouse" in debug.stderr


@pytest.fixture
def empty_warehouse(tmp_path):
    path = tmp_path / "w.duckdb"
    con = wh.connect(path)
    wh.ensure_schema(con, path)
    con.close()
    return path


def test_eval_missing_gold_is_one_line(tmp_path, empty_warehouse):
    result = runner.invoke(app, ["eval", "--gold", str(tmp_path / "gold.jsonl"),
                                 "-w", str(empty_warehouse)])  # fmt: skip
    assert result.exit_code == ExitCode.NOTHING_LOADED
    (line,) = error_lines(result)
    assert "gold.jsonl: cannot read the gold labels (No such file or directory)" in line


def test_eval_bad_gold_line_is_named(tmp_path, empty_warehouse):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"article": "a.txt", "is_meeting": false}\n{"article": "b.txt"\n')
    result = runner.invoke(app, ["eval", "--gold", str(gold), "-w", str(empty_warehouse)])
    assert result.exit_code == ExitCode.NOTHING_LOADED
    (line,) = error_lines(result)
    assert "gold.jsonl, line 2: not JSON" in line


def test_eval_missing_warehouse_is_one_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"article": "a.txt", "is_meeting": false}\n')
    result = runner.invoke(app, ["eval", "--gold", str(gold), "-w", str(tmp_path / "w.duckdb")])
    assert result.exit_code == ExitCode.NOTHING_LOADED
    (line,) = error_lines(result)
    assert "no warehouse here" in line


def test_version():
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"pilkada-warehouse {version('pilkada-warehouse')} (duckdb ")
