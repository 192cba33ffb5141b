"""Readers never blocked by a build: they open the last published state at once, always.

The fast tests drive `pilkada.load.publish` on real DuckDB files; the slow one polls `pilkada sql`
and a plain read-only DuckDB connection every second while a real `pilkada run` builds a few
thousand synthetic articles, and runs `pilkada report` in the middle of it.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from pilkada.errors import ExitCode, NothingLoaded
from pilkada.load import publish
from pilkada.load import warehouse as wh
from pilkada.sqlguard import connect_readonly

REPO = Path(__file__).resolve().parents[1]


def rows(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def add_batch(con: duckdb.DuckDBPyConnection, batch_id: str) -> None:
    """A committed change standing for a loaded batch (a load_batches row)."""
    con.execute(
        "INSERT INTO load_batches (batch_id, status, n_articles) VALUES (?, 'loaded', 1)",
        [batch_id],
    )


def batches(path: Path) -> list[str]:
    return [r[0] for r in rows(path, "SELECT batch_id FROM load_batches ORDER BY 1")]


@pytest.fixture(autouse=True)
def full_priority(monkeypatch) -> None:
    """Writers opened in this process leave its CPU priority alone (readers start from it)."""
    monkeypatch.setenv("PILKADA_BUILD_NICE", "0")


@pytest.fixture
def published(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "w.duckdb"


def test_readers_keep_their_state_and_new_ones_see_each_publish(published, monkeypatch):
    monkeypatch.setenv("PILKADA_PUBLISH_EVERY", "2")
    with publish.open_writer(published) as writer:
        assert writer.seq == 1  # a fresh warehouse is published at once, empty
        add_batch(writer.con, "b1")
        writer.batch_loaded()
        assert batches(published) == []  # one batch: not published yet
        early = connect_readonly(published)  # while the build holds its work file open
        add_batch(writer.con, "b2")
        writer.batch_loaded()  # two: published
        # a reader keeps the state it opened (DuckDB keeps one instance per path and process:
        # a connection opened now would share it, so the new state is read after closing it)
        assert early.execute("SELECT count(*) FROM load_batches").fetchone()[0] == 0
        early.close()
        assert batches(published) == ["b1", "b2"]
        add_batch(writer.con, "b3")
        assert batches(published) == ["b1", "b2"]
    assert batches(published) == ["b1", "b2", "b3"]  # the end publishes the rest
    states = rows(published, "SELECT seq, kind FROM published_states ORDER BY seq")
    assert states == [(1, "start"), (2, "batches"), (3, "end")]
    assert rows(published, "SELECT value FROM _pilkada_meta WHERE key = 'publish_seq'") == [("3",)]


def test_a_run_that_changes_nothing_publishes_nothing(published):
    with publish.open_writer(published) as writer:
        add_batch(writer.con, "b1")
    stamp = published.stat()
    with publish.open_writer(published) as writer:
        pass
    assert writer.publishes == 0
    assert published.stat().st_ino == stamp.st_ino
    assert rows(published, "SELECT max(seq) FROM published_states") == [(2,)]


def test_a_killed_build_leaves_the_published_state_and_the_next_one_publishes_its_work(published):
    with publish.open_writer(published) as writer:
        add_batch(writer.con, "b1")
    with pytest.raises(OSError), publish.open_writer(published) as writer:
        add_batch(writer.con, "b2")  # committed in the work file
        raise OSError("the build dies here")
    assert batches(published) == ["b1"]
    assert publish.work_path(published).exists()
    with publish.open_writer(published) as writer:  # reuses the work file: b2 is not lost
        add_batch(writer.con, "b3")
    assert batches(published) == ["b1", "b2", "b3"]


def test_an_expected_failure_publishes_what_committed(published):
    with pytest.raises(NothingLoaded), publish.open_writer(published) as writer:
        add_batch(writer.con, "b1")
        raise NothingLoaded("nothing to read")
    assert batches(published) == ["b1"]


def test_a_published_file_replaced_by_hand_wins_over_the_work_file(published, tmp_path):
    with publish.open_writer(published) as writer:
        add_batch(writer.con, "b1")
    backup = tmp_path / "backup.duckdb"
    backup.write_bytes(published.read_bytes())
    with pytest.raises(OSError), publish.open_writer(published) as writer:
        add_batch(writer.con, "b2")
        raise OSError("killed")
    with publish.open_writer(published) as writer:
        add_batch(writer.con, "b3")
    os.replace(backup, published)  # restored by hand: the work file no longer descends from it
    with publish.open_writer(published) as writer:
        add_batch(writer.con, "b4")
    assert batches(published) == ["b1", "b4"]


def test_history_keeps_the_states_that_ended_the_last_runs(published, monkeypatch):
    monkeypatch.setenv("PILKADA_KEEP_RUNS", "2")
    for n in range(1, 5):
        with publish.open_writer(published) as writer:
            add_batch(writer.con, f"b{n}")
    kept = sorted(publish.history_dir(published).glob("*.duckdb"))
    assert [p.name for p in kept] == ["w-000004.duckdb", "w-000005.duckdb"]
    assert kept[-1].stat().st_ino == published.stat().st_ino  # a link, not a copy
    assert batches(kept[0]) == ["b1", "b2", "b3"]  # the warehouse as it was before the last run


def test_a_foreign_duckdb_file_is_never_written(published):
    published.parent.mkdir(parents=True)
    con = duckdb.connect(str(published))
    con.execute("CREATE TABLE sales AS SELECT 1 AS x")
    con.close()
    before = published.read_bytes()
    with pytest.raises(wh.WarehouseError, match="something else"), publish.open_writer(published):
        pass
    assert published.read_bytes() == before
    assert not publish.work_path(published).exists()


def test_copy_is_byte_exact(tmp_path):
    source = tmp_path / "a"
    source.write_bytes(os.urandom(3 * 1024 * 1024 + 17))
    target = tmp_path / "b"
    publish.copy_file(source, target)
    assert target.read_bytes() == source.read_bytes()


HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])  # read-write: holds DuckDB's lock on the file
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold_for_writing(path: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_reader_meeting_a_lock_waits_then_says_who_holds_it(published):
    with publish.open_writer(published):
        pass
    holder = hold_for_writing(published, 30)
    try:
        with wh.writer_lock(published):  # a build is running (this process)
            clock = time.monotonic()
            with pytest.raises(wh.WarehouseBusy) as caught:
                connect_readonly(published, wait=1.0)
            assert time.monotonic() - clock >= 1.0
        message = str(caught.value)
        assert "a build is running since" in message and f"pid {os.getpid()}" in message
        assert "--wait" in message
        assert caught.value.exit_code == ExitCode.WAREHOUSE_BUSY
    finally:
        holder.kill()
        holder.wait()
    assert not wh.writer_info_path(published).exists()


def test_a_reader_waits_out_a_short_lock(published):
    with publish.open_writer(published):
        pass
    holder = hold_for_writing(published, 1.5)
    try:
        con = connect_readonly(published, wait=30)
        assert con.execute("SELECT count(*) FROM published_states").fetchone()[0] == 1
        con.close()
    finally:
        holder.wait()


# --- during a real build ----------------------------------------------------------------------

POLL = "SELECT (SELECT count(*) FROM articles), (SELECT max(seq) FROM published_states)"


def _normal_priority() -> None:
    """A reader runs at normal priority even if an earlier in-process build lowered this one."""
    with contextlib.suppress(PermissionError):  # lowering niceness needs root
        os.setpriority(os.PRIO_PROCESS, 0, 0)


def cli(*args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pilkada.cli", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=_normal_priority,
        **kwargs,
    )


class Poller:
    """Every second: `pilkada sql` and a plain read-only DuckDB connection on the warehouse,
    and `pilkada sql` on a control warehouse no build touches (the machine's own pace); each
    in its own thread, timed."""

    def __init__(self, path: Path, control: Path) -> None:
        self.stop = threading.Event()
        self.polls: list[tuple[str, float, int, int, float]] = []  # who, s, articles, seq, at
        self.failures: list[str] = []
        self.threads = [
            threading.Thread(target=self._every_second, args=(fn,), daemon=True)
            for fn in (
                lambda: self._poll_cli(path, "cli"),
                lambda: self._poll_cli(control, "control"),
                lambda: self._poll_duckdb(path),
            )
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def join(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)

    def _every_second(self, poll) -> None:
        while not self.stop.is_set():
            started = time.monotonic()
            poll()
            self.stop.wait(max(0.0, 1.0 - (time.monotonic() - started)))

    def _poll_cli(self, path: Path, who: str) -> None:
        clock = time.monotonic()
        proc = cli("sql", POLL, "--warehouse", str(path), "--format", "csv")
        out, _ = proc.communicate(timeout=60)
        seconds = time.monotonic() - clock
        if proc.returncode != 0:
            self.failures.append(f"pilkada sql exit {proc.returncode}: {out}")
            return
        articles, seq = out.strip().splitlines()[-1].split(",")
        self.polls.append((who, seconds, int(articles), int(seq), clock))

    def _poll_duckdb(self, path: Path) -> None:
        clock = time.monotonic()
        try:
            con = duckdb.connect(str(path), read_only=True)
            articles, seq = con.execute(POLL).fetchone()
            con.close()
        except duckdb.Error as exc:
            self.failures.append(f"duckdb: {exc}")
            return
        self.polls.append(("duckdb", time.monotonic() - clock, articles, seq, clock))

    def limit(self, poll: tuple) -> float:
        """5 s; on a machine so loaded that `pilkada sql` on the control warehouse took about
        as long at the same time, 1.5 times that (the build is not what the reader waits for)."""
        if poll[0] != "cli":
            return 5.0
        _, seconds, _, _, at = poll
        pace = [p[1] for p in self.polls if p[0] == "control" and abs(p[4] - at) <= seconds + 1]
        return max([5.0] + [1.5 * s for s in pace])


@pytest.mark.slow
def test_readers_poll_every_second_during_a_build_and_a_report_runs(tmp_path, prefect_server):
    from benchmarks.synth import generate

    corpus = tmp_path / "corpus"
    generate(1500, corpus, seed=7)  # ten batches: the report starts after six
    path = tmp_path / "data" / "warehouse" / "w.duckdb"
    env = {"PILKADA_PUBLISH_EVERY": "1", "PILKADA_WORKERS": "1", "PILKADA_BUILD_NICE": "10"}
    build = cli(
        "run", "--articles", str(corpus), "--warehouse", str(path), "--batch-size", "150",
        "--quiet", env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while not path.exists() and time.monotonic() < deadline:  # published at the build's start
        assert build.poll() is None, build.communicate()[0]
        time.sleep(0.2)
    control = tmp_path / "control" / "w.duckdb"
    with publish.open_writer(control):
        pass
    poller = Poller(path, control)
    poller.start()
    # a report in the middle of the build, once a few batches are published
    while build.poll() is None and not [p for p in poller.polls if p[2] >= 900]:
        time.sleep(0.5)
    report = cli("report", "--warehouse", str(path), "--out-dir", str(tmp_path / "reports"))
    report_out, _ = report.communicate(timeout=600)
    report_done_during_build = build.poll() is None
    out, _ = build.communicate(timeout=900)
    poller.join()
    assert build.returncode == 0, out
    assert report.returncode == 0, report_out
    assert (tmp_path / "reports" / "index.html").is_file()

    assert not poller.failures, poller.failures
    log = os.environ.get("PILKADA_READERS_LOG")  # the polls, for a look at their timing
    if log:
        Path(log).write_text(json.dumps({"polls": poller.polls, "report": report_out}))
    published = dict(rows(path, "SELECT seq, n_articles FROM published_states"))
    assert len(published) >= 5  # start, every batch, end
    for who in ("cli", "duckdb"):
        polls = sorted((p for p in poller.polls if p[0] == who), key=lambda p: p[4])
        assert len(polls) >= 5, (who, polls)
        for poll in polls:
            assert poll[1] <= poller.limit(poll), (poll, poller.polls)
        counts = [p[2] for p in polls]
        assert counts == sorted(counts), (who, counts)  # never down
        for _, _, articles, seq, _ in polls:  # each one a published state, whole batches
            assert published[seq] == articles, (who, seq, articles)
    seen = {p[2] for p in poller.polls}
    assert len(seen) >= 3, seen  # the readers watched the build progress
    if report_done_during_build:  # (on a very slow machine the build may have ended first)
        assert "report:" in report_out


@pytest.mark.slow
def test_report_meeting_a_lock_waits_then_stops_with_exit_code_4(published, prefect_server):
    with publish.open_writer(published):
        pass
    holder = hold_for_writing(published, 120)
    try:
        clock = time.monotonic()
        report = cli("report", "--warehouse", str(published), "--wait", "2",
                     "--out-dir", str(published.parent / "reports"))  # fmt: skip
        out, _ = report.communicate(timeout=300)
    finally:
        holder.kill()
        holder.wait()
    assert report.returncode == ExitCode.WAREHOUSE_BUSY, out
    assert time.monotonic() - clock >= 2
    assert "opened it for writing" in out and "no pilkada build is running" in out, out


def test_remove_warehouse_takes_its_side_files_and_history_only(tmp_path):
    from pilkada.load.publish import remove_warehouse

    published = tmp_path / "w.duckdb"
    for name in ("w.duckdb", "w.duckdb.wal", "w.duckdb.lock", ".w.duckdb.work", ".w.duckdb.writer"):
        (tmp_path / name).write_text("x")
    (tmp_path / "w.duckdb.history").mkdir()
    (tmp_path / "w.duckdb.history" / "w-000001.duckdb").write_text("x")
    (tmp_path / "other.duckdb").write_text("x")
    remove_warehouse(published)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.duckdb"]
