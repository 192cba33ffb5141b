"""The operations commands on a small warehouse built by a real run: `status`, `runs`,
`rejected`, `export`; and the run's own exit code when inputs were set aside."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pilkada.cli import app
from pilkada.errors import ExitCode

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "articles"


@pytest.fixture(scope="module")
def built(tmp_path_factory, prefect_server):
    """The sample plus an empty file: loads 12 articles, rejects one (SET_ASIDE)."""
    root = tmp_path_factory.mktemp("ops")
    articles = root / "articles"
    shutil.copytree(SAMPLE, articles)
    (articles / "empty.txt").write_text("")
    warehouse = root / "data" / "warehouse" / "w.duckdb"
    result = runner.invoke(app, ["run", "-q", "--articles", str(articles), "-w", str(warehouse)])
    return warehouse, result


def test_run_with_a_rejected_input_exits_set_aside_and_names_it(built):
    _, result = built
    assert result.exit_code == ExitCode.SET_ASIDE, result.output
    assert "12 articles loaded" in result.stdout
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("warning:")]
    assert "1 input rejected: empty.txt (" in line and "pilkada rejected --run r" in line


def test_status(built):
    warehouse, _ = built
    result = runner.invoke(app, ["status", "-w", str(warehouse)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"warehouse: {warehouse}" in out and "schema 3" in out
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        run_id = con.execute("SELECT run_id FROM load_batches").fetchone()[0]
        n_meetings = con.execute("SELECT count(*) FROM meetings").fetchone()[0]
    finally:
        con.close()
    assert run_id in out
    assert any(line.split("│")[1:3] == [" meetings         ", f" {n_meetings:>4} "]
               for line in out.splitlines() if "│" in line)  # fmt: skip
    assert "rejected inputs       │ 1" in out and "quarantined batches   │ 0" in out
    latest = out.split("last rejection (WIB)  │ ")[1].splitlines()[0]
    assert latest.startswith("20") and latest.split()[2] == "WIB"


def test_status_shows_an_ops_table_it_does_not_know(built, tmp_path):
    """A record another part adds later (a publish log, say) shows with its count and time."""
    warehouse, _ = built
    copy = tmp_path / "w.duckdb"
    shutil.copy(warehouse, copy)
    con = duckdb.connect(str(copy))
    con.execute("CREATE TABLE publish_log (target VARCHAR, published_at TIMESTAMP)")
    con.execute("INSERT INTO publish_log VALUES ('site', TIMESTAMP '2026-01-02 03:04:05')")
    con.close()
    result = runner.invoke(app, ["status", "-w", str(copy)])
    assert result.exit_code == 0, result.output
    assert "publish_log" in result.stdout
    assert "2026-01-02 10:04:05 WIB (published_at)" in result.stdout  # stored UTC, shown in WIB


def test_runs(built):
    warehouse, _ = built
    result = runner.invoke(app, ["runs", "-w", str(warehouse)])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if "│ r20" in line]
    assert len(rows) == 1
    cells = [c.strip() for c in rows[0].split("│")[1:-1]]
    # run, started, finished, outcome, exit, batches, loaded, quarantined, gate_failed, rejected
    assert cells[3:5] == ["set aside", str(int(ExitCode.SET_ASIDE))]
    assert cells[5:] == ["1", "12", "0", "0", "1"]
    # times in Asia/Jakarta, as the report shows them: the run id holds its UTC start
    started = dt.datetime.strptime(cells[0][1:16], "%Y%m%dT%H%M%S") + dt.timedelta(hours=7)
    assert cells[1] == f"{started:%Y-%m-%d %H:%M:%S} WIB"
    assert "Asia/Jakarta" in result.stdout and "UTC)" not in result.stdout


def test_rejected(built):
    warehouse, result = built
    run_id = result.stderr.split("--run ")[1].split("`")[0]
    for args in ([], ["--run", run_id]):
        out = runner.invoke(app, ["rejected", "-w", str(warehouse), *args])
        assert out.exit_code == 0, out.output
        assert "empty.txt" in out.stdout and "1 rejected inputs in all" in out.stdout
    other = runner.invoke(app, ["rejected", "-w", str(warehouse), "--run", "r20000101T000000-0"])
    assert "empty.txt" not in other.stdout
    typo = runner.invoke(app, ["rejected", "-w", str(warehouse), "--run", "r2024-10-02"])
    assert typo.exit_code == ExitCode.NOTHING_LOADED
    assert "--run r2024-10-02: not a run id" in typo.stderr


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_a_public_view(built, tmp_path, fmt):
    warehouse, _ = built
    out = tmp_path / f"participants.{fmt}"
    result = runner.invoke(app, ["export", "--view", "participants", "--format", fmt,
                                 "--out", str(out), "-w", str(warehouse)])  # fmt: skip
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        expected = con.execute("SELECT count(*) FROM participants").fetchone()[0]
        columns = [d[0] for d in con.execute("SELECT * FROM participants LIMIT 0").description]
    finally:
        con.close()
    if fmt == "parquet":
        table = pq.read_table(out)
        assert table.num_rows == expected and table.column_names == columns
    else:
        with out.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == columns and len(rows) == expected + 1
    assert f"participants: {expected:,} rows written" in result.stdout


def test_export_refuses_internal_tables(built, tmp_path):
    warehouse, _ = built
    out = tmp_path / "x.parquet"
    result = runner.invoke(app, ["export", "--view", "dim_article", "--out", str(out),
                                 "-w", str(warehouse)])  # fmt: skip
    assert result.exit_code == ExitCode.NOTHING_LOADED
    assert "not a public view" in result.stderr and not out.exists()
