"""The runs log beside the warehouse: every build run, also one that loaded nothing, shows in
`pilkada status` and `pilkada runs` with its outcome and exit code (real runs, real DuckDB)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada.cli import app
from pilkada.errors import ExitCode
from pilkada.load import warehouse as wh
from pilkada.load.publish import history_dir
from pilkada.run import runs_log

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "articles"


def _rows(output: str) -> dict[str, list[str]]:
    """`runs`/`status` table rows by run id: their cells."""
    rows = {}
    for line in output.splitlines():
        if "│ r20" in line:
            cells = [c.strip() for c in line.split("│")[1:-1]]
            rows[cells[0]] = cells
    return rows


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory, prefect_server):
    """A first build, the same inputs again (nothing new), only an empty file (rejected while
    read, in a batch), then only a missing path (rejected before reading: no batch)."""
    root = tmp_path_factory.mktemp("runslog")
    articles = root / "articles"
    shutil.copytree(SAMPLE, articles)
    bad = root / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    warehouse = root / "w.duckdb"
    results, states = [], []
    for source in (articles, articles, bad, root / "missing"):
        args = ["run", "-q", "--articles", str(source), "-w", str(warehouse)]
        results.append(runner.invoke(app, args))
        states.append(sorted(p.name for p in history_dir(warehouse).iterdir()))
    return warehouse, results, states


def test_every_run_is_logged_with_its_exit_code(three_runs):
    warehouse, results, _ = three_runs
    nothing = ExitCode.NOTHING_LOADED
    assert [r.exit_code for r in results] == [0, 0, nothing, nothing], results[2].output
    lines = runs_log.read(warehouse)
    assert [(x["outcome"], x["exit_code"]) for x in lines] == [
        ("loaded", 0), ("nothing new", 0), ("nothing loaded", 2), ("nothing loaded", 2)]
    assert lines[0]["loaded"] == 12 and lines[1]["unchanged"] == 12 and lines[2]["rejected"] == 1
    assert "empty.txt" in lines[2]["message"] and "missing" in lines[3]["message"]


def test_status_shows_the_last_run_even_when_it_loaded_nothing(three_runs):
    warehouse, *_ = three_runs
    last = runs_log.read(warehouse)[-1]
    result = runner.invoke(app, ["status", "-w", str(warehouse)])
    assert result.exit_code == 0, result.output
    (cells,) = _rows(result.stdout).values()
    assert cells[0] == last["run_id"]
    assert cells[3:] == ["nothing loaded", "2", "0", "0", "0", "0", "1"]  # its own rejection
    assert cells[2].endswith(" WIB")  # finished: from the log, in Asia/Jakarta


def test_runs_merges_the_log_and_attributes_rejections(three_runs):
    warehouse, *_ = three_runs
    first, again, rejected, missing = runs_log.read(warehouse)
    result = runner.invoke(app, ["runs", "-w", str(warehouse)])
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert list(rows) == [x["run_id"] for x in (missing, rejected, again, first)]  # newest first
    assert rows[missing["run_id"]][3:] == ["nothing loaded", "2", "0", "0", "0", "0", "1"]
    # outcome, exit, batches, loaded, quarantined, gate_failed, rejected
    assert rows[first["run_id"]][3:] == ["loaded", "0", "1", "12", "0", "0", "0"]
    assert rows[again["run_id"]][3:] == ["nothing new", "0", "0", "0", "0", "0", "0"]
    assert rows[rejected["run_id"]][3:] == ["nothing loaded", "2", "1", "0", "0", "0", "1"]


def test_a_no_op_run_keeps_the_published_history(three_runs):
    """The unchanged re-run publishes nothing, so it pushes no state out of the history (the
    all-rejected run does publish: its rejections are recorded in the warehouse)."""
    *_, states = three_runs
    assert states[1] == states[0] and len(states[0]) == 1
    assert len(states[2]) == 2


def test_rejected_of_one_run_ends_where_the_next_logged_run_starts(three_runs):
    warehouse, *_ = three_runs
    rejected, missing = runs_log.read(warehouse)[2:]
    for run, shown, hidden in ((rejected, "empty.txt", "missing"),
                               (missing, "missing", "empty.txt")):  # fmt: skip
        result = runner.invoke(app, ["rejected", "-w", str(warehouse), "--run", run["run_id"]])
        assert result.exit_code == 0, result.output
        table = result.stdout.split("rejected inputs in all")[0]
        assert shown in table and hidden not in table


def test_a_partial_line_from_a_killed_run_does_not_break_readers(tmp_path):
    warehouse = tmp_path / "none-yet.duckdb"  # the warehouse file need not exist
    runs_log.append(runs_log.log_path(warehouse), {"run_id": "r20260101T000000-aaaaaa"})
    with runs_log.log_path(warehouse).open("a") as log:
        log.write('{"run_id": "r20260101T000100-bbbbbb", "outc')  # killed mid-write
    assert [x["run_id"] for x in runs_log.read(warehouse)] == ["r20260101T000000-aaaaaa"]
    runs_log.append(runs_log.log_path(warehouse), {"run_id": "r20260101T000200-cccccc"})
    assert [x["run_id"] for x in runs_log.read(warehouse)] == [
        "r20260101T000000-aaaaaa", "r20260101T000200-cccccc"]
    assert not warehouse.exists()


def test_the_log_keeps_its_last_lines(tmp_path, monkeypatch):
    monkeypatch.setenv("PILKADA_RUNS_LOG_KEEP", "3")
    path = runs_log.log_path(tmp_path / "w.duckdb")
    for i in range(5):
        runs_log.append(path, {"run_id": f"r2026010{i + 1}T000000-aaaaaa", "i": i})
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    assert [x["i"] for x in lines] == [2, 3, 4]


def test_a_busy_or_failed_run_is_logged_with_its_exit_code(tmp_path):
    """A run refused by another's lock, or one whose gate failed, logs its outcome and code."""
    from pilkada.errors import QualityGateFailed
    from pilkada.load.warehouse_file import WarehouseBusy

    warehouse = tmp_path / "w.duckdb"
    started = dt.datetime(2026, 1, 1)
    runs_log.record(warehouse, "r20260101T000000-aaaaaa", started, None, WarehouseBusy("held"))
    runs_log.record(warehouse, "r20260101T000100-bbbbbb", started, None,
                    QualityGateFailed("staged_articles: unique article_id"))  # fmt: skip
    busy, gate = runs_log.read(warehouse)
    assert (busy["outcome"], busy["exit_code"], busy["message"]) == ("busy", 4, "held")
    assert (gate["outcome"], gate["exit_code"]) == ("gate failed", 1)


def test_runs_of_one_second_keep_their_own_rejections(tmp_path):
    """Two runs whose ids share a second (ids hold whole seconds): a rejection in a batch belongs
    to the batch's run, one before reading to the run the log says started last before it."""
    warehouse = tmp_path / "w.duckdb"
    con = wh.connect(warehouse)
    wh.ensure_schema(con, warehouse)
    first, second = "r20261205T010203-aaaaaa", "r20261205T010203-bbbbbb"
    t0 = dt.datetime(2026, 12, 5, 1, 2, 3)
    rows = [  # (batch, seconds after t0): first's batch rejection after second has started
        (f"{first}-b0000", 0.6), (None, 0.5), (None, 0.9),
    ]
    for batch, after in rows:
        con.execute(
            "INSERT INTO rejected_inputs VALUES ('x', 'x', 'read', 'bad', ?, ?)",
            [batch, t0 + dt.timedelta(seconds=after)],
        )
    con.close()
    for run_id, after in ((first, 0.1), (second, 0.4)):
        runs_log.append(runs_log.log_path(warehouse), {
            "run_id": run_id, "started": (t0 + dt.timedelta(seconds=after)).isoformat(),
            "finished": t0.isoformat(), "outcome": "nothing loaded", "exit_code": 2,
        })  # fmt: skip
    result = runner.invoke(app, ["runs", "-w", str(warehouse)])
    assert result.exit_code == 0, result.output
    rows_by_run = _rows(result.stdout)
    assert rows_by_run[first][-1] == "1" and rows_by_run[second][-1] == "2", result.stdout
