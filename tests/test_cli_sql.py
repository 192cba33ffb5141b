"""`pilkada sql` as a data engineer uses it: every DuckDB type out, big results capped and
counted, queries from stdin or a file, DuckDB's own error text, bounded in time and memory."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pilkada.cli import app
from pilkada.errors import ExitCode

runner = CliRunner()

TYPED = (
    "SELECT [1, 2, NULL] AS l, {'a': 1, 'b': 'x'} AS s, INTERVAL 1 DAY + INTERVAL 3 HOUR AS i,"
    " '\\x00ab'::BLOB AS b, 1.50::DECIMAL(10, 2) AS d, NULL AS n, DATE '2020-10-02' AS dt"
)


@pytest.fixture(scope="module")
def small_warehouse(tmp_path_factory):
    from pilkada.load.warehouse import connect, ensure_schema

    warehouse = tmp_path_factory.mktemp("sql") / "w.duckdb"
    con = connect(warehouse)
    ensure_schema(con, warehouse)
    con.close()
    return str(warehouse)


def sql(*args: str, **kwargs):
    return runner.invoke(app, ["sql", *args], **kwargs)


def test_json_keeps_every_type(small_warehouse):
    result = sql(TYPED, "--format", "json", "-w", small_warehouse)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"l": [1, 2, None], "s": {"a": 1, "b": "x"}, "i": "1 day 03:00:00", "b": "\\x00ab",
         "d": 1.5, "n": None, "dt": "2020-10-02"}
    ]  # fmt: skip


def test_csv_writes_duckdb_text_of_every_type(small_warehouse):
    result = sql(TYPED, "--format", "csv", "-w", small_warehouse)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows == [
        {"l": "[1, 2, NULL]", "s": "{'a': 1, 'b': x}", "i": "1 day 03:00:00", "b": "\\x00ab",
         "d": "1.50", "n": "", "dt": "2020-10-02"}
    ]  # fmt: skip


def test_parquet_keeps_nested_types(small_warehouse, tmp_path):
    out = tmp_path / "typed.parquet"
    result = sql(TYPED, "--format", "parquet", "--out", str(out), "-w", small_warehouse)
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    row = table.to_pylist()[0]
    assert row["l"] == [1, 2, None] and row["s"] == {"a": 1, "b": "x"}
    assert row["b"] == b"\x00ab" and str(row["d"]) == "1.50" and row["n"] is None
    assert str(table.schema.field("d").type) == "decimal128(10, 2)"
    assert not list(tmp_path.glob("*.part"))  # written whole, then renamed


def test_table_shows_duckdb_text_and_null_as_empty(small_warehouse):
    result = sql(TYPED, "-w", small_warehouse)
    assert result.exit_code == 0, result.output
    for text in ("[1, 2, NULL]", "{'a': 1, 'b': x}", "1 day 03:00:00", "\\x00ab", "1.50"):
        assert text in result.stdout
    assert result.stdout.rstrip().endswith("1 row")


def test_first_screen_of_100k_rows_is_quick_and_says_how_many_more(small_warehouse):
    query = "SELECT range AS n, 'row ' || range AS label, range / 7 AS x FROM range(100000)"
    started = time.perf_counter()
    result = sql(query, "--limit", "20", "-w", small_warehouse)
    seconds = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert "row 19" in result.stdout and "row 20 " not in result.stdout
    assert "20 rows shown, 99,980 more rows" in result.stdout
    assert seconds < 2, f"{seconds:.2f} s"


def test_query_from_stdin(small_warehouse):
    result = sql("-", "--format", "csv", "-w", small_warehouse, input="SELECT 41 + 1 AS answer\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["answer", "42"]


def test_query_from_file(small_warehouse, tmp_path):
    path = tmp_path / "q.sql"
    path.write_text("-- a comment\nSELECT count(*) AS n FROM regions;\n")
    result = sql("--file", str(path), "--format", "csv", "-w", small_warehouse)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["n", "0"]


def test_no_query_is_a_bad_argument(small_warehouse):
    result = sql("-w", small_warehouse)
    assert result.exit_code == ExitCode.NOTHING_LOADED
    assert "no query" in result.stderr


def test_duckdb_hints_are_kept_whole(small_warehouse):
    result = sql("SELECT * FROM meeting", "-w", small_warehouse)
    assert result.exit_code == ExitCode.NOTHING_LOADED
    assert 'Did you mean "meetings"' in result.stderr and "LINE 1" in result.stderr
    assert "Traceback" not in result.output


def test_timeout_stops_a_runaway_cross_join(small_warehouse):
    query = "SELECT count(*) FROM range(100000) a, range(100000) b, range(1000) c"
    started = time.perf_counter()
    result = sql(query, "--timeout", "2", "-w", small_warehouse)
    seconds = time.perf_counter() - started
    assert result.exit_code == ExitCode.NOTHING_LOADED
    assert "stopped after the 2 s time limit" in result.stderr
    assert 2 <= seconds < 15


def test_timeout_also_stops_a_result_being_counted(small_warehouse):
    result = sql("SELECT * FROM range(1000000000000)", "--limit", "3", "--timeout", "2",
                 "-w", small_warehouse)  # fmt: skip
    assert result.exit_code == ExitCode.NOTHING_LOADED
    assert "time limit" in result.stderr


def test_readers_have_a_memory_limit(small_warehouse):
    import duckdb

    from pilkada.sqlguard import READ_MEMORY_LIMIT

    expected = (
        duckdb.connect(config={"memory_limit": READ_MEMORY_LIMIT})
        .execute("SELECT current_setting('memory_limit')")
        .fetchone()[0]
    )
    result = sql("SELECT current_setting('memory_limit') AS m", "-f", "csv", "-w", small_warehouse)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == expected


def test_a_query_past_the_memory_limit_ends_with_its_reason(small_warehouse):
    done = subprocess.run(
        [sys.executable, "-m", "pilkada.cli", "sql", "SELECT list(range) FROM range(50000000)",
         "-w", small_warehouse],
        env={**os.environ, "PILKADA_SQL_MEMORY": "64MB"}, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == ExitCode.NOTHING_LOADED, done.stderr
    assert "Out of Memory" in done.stderr and "64MB" in done.stderr
    assert "Traceback" not in done.stderr


def test_wait_retries_a_held_warehouse(tmp_path):
    """A writer holds the file in another process for ~3 s; --wait 30 gets in after it."""
    warehouse = tmp_path / "held.duckdb"
    from pilkada.load.warehouse import connect, ensure_schema

    con = connect(warehouse)
    ensure_schema(con, warehouse)
    con.close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
         " time.sleep(3); c.close()", str(warehouse)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        busy = sql("SELECT 1", "-w", str(warehouse))
        assert busy.exit_code == ExitCode.WAREHOUSE_BUSY, busy.output
        waited = sql("SELECT 1 AS one", "-f", "csv", "--wait", "30", "-w", str(warehouse))
        assert waited.exit_code == 0, waited.output
        assert waited.stdout.splitlines() == ["one", "1"]
    finally:
        holder.wait(timeout=30)


def test_table_keeps_repeated_column_names_apart(small_warehouse):
    result = sql("SELECT 1 AS a, 2 AS a", "-w", small_warehouse)
    assert result.exit_code == 0, result.output
    (row,) = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert [c.strip() for c in row.split("│")[1:-1]] == ["1", "2"]


def test_explain_and_an_empty_result(small_warehouse):
    plan = sql("EXPLAIN SELECT count(*) FROM meetings", "-w", small_warehouse)
    assert plan.exit_code == 0 and "physical_plan" in plan.stdout
    empty = sql("SELECT * FROM meetings", "-f", "json", "-w", small_warehouse)
    assert empty.exit_code == 0 and json.loads(empty.stdout) == []


def test_conflicting_arguments_are_refused(small_warehouse, tmp_path):
    path = tmp_path / "q.sql"
    path.write_text("SELECT 1")
    both = sql("SELECT 2", "--file", str(path), "-w", small_warehouse)
    assert both.exit_code == ExitCode.NOTHING_LOADED and "not both" in both.stderr
    table_out = sql("SELECT 1", "--out", str(tmp_path / "x.txt"), "-w", small_warehouse)
    assert table_out.exit_code == ExitCode.NOTHING_LOADED and "--format" in table_out.stderr
    assert not (tmp_path / "x.txt").exists()
    missing = sql("--file", str(tmp_path / "none.sql"), "-w", small_warehouse)
    assert missing.exit_code == ExitCode.NOTHING_LOADED and "none.sql" in missing.stderr


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_twenty_million_rows_stay_within_memory(small_warehouse, fmt):
    """The issue measured 3.9 GiB for such a result; streamed, the process stays far below."""
    import resource

    query = "SELECT range AS n, 'row ' || range AS label FROM range(20000000)"
    done = subprocess.run(
        [sys.executable, "-m", "pilkada.cli", "sql", query, "--format", fmt, "--limit", "5",
         "-w", small_warehouse],
        stdout=subprocess.PIPE if fmt == "table" else subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    if fmt == "table":
        assert "5 rows shown, 19,999,995 more rows" in done.stdout
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mib < 800, f"{peak_mib:.0f} MiB"
