"""The checkpoint after the last batch: a DuckDB thread per pool process while the pool is idle,
then the build's one thread again, whatever happens."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pilkada.load import warehouse as wh


class _Recorder:
    """A connection stand-in that records each statement with the real connection's threads."""

    def __init__(self, con: duckdb.DuckDBPyConnection, fail_on: str | None = None) -> None:
        self.con, self.fail_on, self.seen = con, fail_on, []

    def execute(self, sql: str, *args):
        if sql == self.fail_on:
            raise duckdb.IOException(f"{sql}: disk full")
        result = self.con.execute(sql, *args)
        threads = self.con.execute("SELECT current_setting('threads')").fetchone()[0]
        self.seen.append((sql, int(threads)))
        return result


def _warehouse_with_wal(path: Path) -> duckdb.DuckDBPyConnection:
    con = wh.connect(path)
    con.execute("CREATE TABLE t AS SELECT range AS x, 'row ' || range AS s FROM range(200000)")
    return con


def test_with_the_pool_idle_the_checkpoint_gets_a_thread_per_worker(tmp_path, monkeypatch):
    monkeypatch.setenv("PILKADA_WORKERS", "3")
    con = _warehouse_with_wal(tmp_path / "w.duckdb")
    assert con.execute("SELECT current_setting('threads')").fetchone()[0] == 1
    recorder = _Recorder(con)
    wh.flush(recorder, pool_idle=True)
    assert recorder.seen == [("SET threads = 3", 3), ("CHECKPOINT", 3), ("SET threads = 1", 1)]
    assert not Path(f"{tmp_path / 'w.duckdb'}.wal").exists()


def test_while_the_pool_works_the_checkpoint_keeps_one_thread(tmp_path, monkeypatch):
    monkeypatch.setenv("PILKADA_WORKERS", "3")
    recorder = _Recorder(_warehouse_with_wal(tmp_path / "w.duckdb"))
    wh.flush(recorder)
    assert recorder.seen == [("CHECKPOINT", 1)]


def test_a_failed_checkpoint_still_leaves_one_thread(tmp_path, monkeypatch):
    monkeypatch.setenv("PILKADA_WORKERS", "2")
    con = _warehouse_with_wal(tmp_path / "w.duckdb")
    recorder = _Recorder(con, fail_on="CHECKPOINT")
    with pytest.raises(duckdb.IOException, match="disk full"):
        wh.flush(recorder, pool_idle=True)
    assert con.execute("SELECT current_setting('threads')").fetchone()[0] == 1
