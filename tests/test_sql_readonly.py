"""`pilkada sql` answers queries and refuses anything that writes or reaches outside."""

from __future__ import annotations

import json

import duckdb
import pytest
from typer.testing import CliRunner

from pilkada.cli import app
from pilkada.errors import ExitCode
from pilkada.sqlguard import RefusedStatement, query

runner = CliRunner()


@pytest.fixture
def small_warehouse(tmp_path):
    from pilkada.load.warehouse import connect, ensure_schema

    warehouse = tmp_path / "w.duckdb"
    con = connect(warehouse)
    ensure_schema(con, warehouse)
    con.close()
    return warehouse


def test_select_works(small_warehouse):
    frame = query(small_warehouse, "SELECT count(*) AS n FROM meetings")
    assert list(frame.columns) == ["n"] and frame.n[0] == 0


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("DELETE FROM dim_region", "DELETE"),
        ("INSERT INTO dim_date VALUES (1, DATE '2020-01-01', 2020, 1, 1, 1, 3, 'Rabu')", "INSERT"),
        ("CREATE TABLE x AS SELECT 1", "CREATE"),
        ("DROP VIEW meetings", "DROP"),
        ("UPDATE dim_article SET title = 'x'", "UPDATE"),
        ("ATTACH '/tmp/other.duckdb' AS o", "attaching"),
        ("INSTALL httpfs", "extensions"),
        ("LOAD httpfs", "extensions"),
        ("COPY dim_region TO '/tmp/out.csv'", "copying"),
        ("SET threads = 1", "settings"),
        ("SELECT 1; DELETE FROM dim_region", "DELETE"),
    ],
)
def test_writes_and_escapes_are_refused(small_warehouse, sql, reason):
    with pytest.raises(RefusedStatement, match=reason):
        query(small_warehouse, sql)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM read_parquet('/tmp/*.parquet')",
    ],
)
def test_local_files_outside_the_warehouse_are_refused(small_warehouse, sql):
    with pytest.raises(RefusedStatement, match="refused"):
        query(small_warehouse, sql)


def test_a_bare_file_path_is_not_read(small_warehouse):
    # with external access off, DuckDB does not even try the path as a file
    with pytest.raises(duckdb.CatalogException, match="does not exist"):
        query(small_warehouse, "SELECT * FROM '/etc/passwd'")


def test_cli_refusal_is_clear_and_nonzero(small_warehouse):
    result = runner.invoke(
        app, ["sql", "DELETE FROM dim_region", "--warehouse", str(small_warehouse)]
    )
    assert result.exit_code == ExitCode.NOTHING_LOADED  # a query it will not run: bad argument
    assert "read-only" in result.stderr and "Traceback" not in result.output


def test_cli_formats(small_warehouse):
    out = runner.invoke(
        app, ["sql", "SELECT 1 AS a, 'x' AS b", "--format", "csv", "-w", str(small_warehouse)]
    )
    assert out.exit_code == 0 and out.output.splitlines() == ["a,b", "1,x"]
    sql = "SELECT 1 AS a, DATE '2020-10-02' AS d, 1.5 AS f, NULL AS n"
    out = runner.invoke(app, ["sql", sql, "--format", "json", "-w", str(small_warehouse)])
    assert out.exit_code == 0
    assert json.loads(out.output) == [{"a": 1, "d": "2020-10-02", "f": 1.5, "n": None}]


def test_missing_warehouse_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["sql", "SELECT 1", "-w", str(tmp_path / "none.duckdb")])
    assert result.exit_code == ExitCode.NOTHING_LOADED and "no warehouse" in result.stderr


def test_warehouse_is_unchanged_after_refusals(small_warehouse):
    before = small_warehouse.read_bytes()
    for sql in ("DELETE FROM dim_region", "CHECKPOINT"):
        with pytest.raises(RefusedStatement):
            query(small_warehouse, sql)
    assert small_warehouse.read_bytes() == before
    con = duckdb.connect(str(small_warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM _pilkada_meta").fetchone()[0] == 2
    con.close()
