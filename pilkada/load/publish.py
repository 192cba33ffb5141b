"""Readers never wait for a build: the writer works on a hidden work file beside the published
warehouse and publishes it by CHECKPOINT + copy + fsync + atomic rename.

Files beside `data/warehouse/pilkada.duckdb` (the published file, what readers open):
- `.pilkada.duckdb.work` (+ `.wal`): the writer's own database; batches commit here.
- `.pilkada.duckdb.publishing`: a copy being written; renamed over the published file when whole.
- `.pilkada.duckdb.published`: the published file's identity (inode, size, mtime) and seq at its
  publish, so the next build knows whether its work file still descends from it.
- `.pilkada.duckdb.writer`: pid and start time of the running build (for readers' messages).
- `pilkada.duckdb.history/`: the states that ended the last few runs (hard links, no copy).

A reader keeps the inode it opened, so it sees one published state for as long as it holds its
connection; a new connection sees the latest. A build killed anywhere leaves the published file
as it was; the next build reuses its work file (committed batches kept) and publishes.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pilkada.errors import PilkadaError
from pilkada.load import warehouse as wh
from pilkada.run.faults import checkpoint
from pilkada.settings import build_niceness, keep_runs, publish_every

HEADER_BYTES = 3 * 4096  # DuckDB's main header and its two database headers
COPY_CHUNK = 64 * 1024 * 1024


def work_path(published: Path) -> Path:
    """The writer's own database file beside the published one."""
    return published.with_name(f".{published.name}.work")


def _side(published: Path, suffix: str) -> Path:
    return published.with_name(f".{published.name}.{suffix}")


def history_dir(published: Path) -> Path:
    """Where the states that ended the last few runs are kept."""
    return published.with_name(f"{published.name}.history")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def stored_seq(con: duckdb.DuckDBPyConnection) -> int:
    """The publish seq a warehouse holds: the published state it is (or last was), 0 if none."""
    row = con.execute("SELECT value FROM _pilkada_meta WHERE key = 'publish_seq'").fetchone()
    return int(row[0]) if row else 0


def _read_seq(path: Path) -> int:
    """The publish seq stored in a warehouse file (0 before its first publish).

    Raises WarehouseError for a DuckDB file of something else: it is never written over.
    """
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise wh.WarehouseBusy(f"{path}: {busy_reason(path)} ({exc})") from exc
        raise wh.WarehouseError(f"{path}: cannot open as a DuckDB warehouse ({exc})") from exc
    try:
        tables = wh._user_tables(con)
        if tables and "_pilkada_meta" not in tables:
            raise wh.WarehouseError(
                f"{path}: a DuckDB database of something else"
                f" (tables: {', '.join(sorted(tables)[:5])}); refusing to write into it"
            )
        if not tables:
            return 0
        return stored_seq(con)
    finally:
        con.close()


def copy_file(source: Path, target: Path, *, point: str = "") -> None:
    """Copy `source` to `target` in the kernel (copy_file_range; reflink where the filesystem
    has it), then fsync `target`. Falls back to a plain copy where the call is refused."""
    with source.open("rb") as src, target.open("wb") as dst:
        size = os.fstat(src.fileno()).st_size
        done = 0
        try:
            while done < size:
                n = os.copy_file_range(src.fileno(), dst.fileno(), min(COPY_CHUNK, size - done))
                if n == 0:
                    break
                done += n
                if point:
                    checkpoint(point)  # a fault point of the crash tests (pilkada.run.faults)
        except OSError:  # EXDEV, ENOSYS, EINVAL on some filesystems: copy through user space
            src.seek(0)
            dst.seek(0)
            dst.truncate()
            shutil.copyfileobj(src, dst, COPY_CHUNK)
            done = size
        if done < size:  # the source shrank or copy_file_range gave up early
            src.seek(done)
            dst.seek(done)
            shutil.copyfileobj(src, dst, COPY_CHUNK)
        dst.flush()
        os.fsync(dst.fileno())


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json(path: Path, value: dict) -> None:
    """Replace `path` with `value` as JSON, atomically."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(value), encoding="utf-8")
    os.replace(tmp, path)


def _headers(path: Path) -> tuple[int, bytes]:
    with path.open("rb") as handle:
        return os.fstat(handle.fileno()).st_size, handle.read(HEADER_BYTES)


def remove_warehouse(published: str | Path) -> None:
    """Delete a warehouse with everything beside it: work file, WALs, side files, lock, history
    (for scripts that start from an empty warehouse; never while a build runs)."""
    published = Path(published)
    for path in [
        *published.parent.glob(f"{published.name}*"),
        *published.parent.glob(f".{published.name}*"),
    ]:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def prepare_work(published: Path) -> bool:
    """Make the work file ready; True when an earlier build's work file was kept.

    It is kept when the published file is still the one that build (or an earlier one) last
    published and the work file is at least as new; else it is a fresh copy of the published
    file (or, with no published file, a new database).
    """
    work = work_path(published)
    _remove(_side(published, "publishing"))
    if not published.exists():
        _remove(work, _wal(work), _side(published, "published"))
        return False
    wh.check_file(published)
    seq = _read_seq(published)
    try:
        record = json.loads(_side(published, "published").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    if work.exists() and record.get("stamp") == _stamp(published):
        try:
            if _read_seq(work) >= seq:
                return True
        except wh.WarehouseError:
            pass  # a work file that does not open is copied anew
    _remove(work, _wal(work))
    copy_file(published, work)
    return False


@dataclass
class Writer:
    """The build's connection to its work file, and the publishing of it."""

    published: Path
    con: duckdb.DuckDBPyConnection
    every: int = field(default_factory=publish_every)
    seq: int = 0
    batches: int = 0  # loaded since the last publish
    seconds: dict = field(default_factory=lambda: {"checkpoint": 0.0, "copy": 0.0})
    publishes: int = 0
    dirty: bool = False  # the work file holds commits the published file has not
    baseline: tuple[int, bytes] = (0, b"")  # the work file's headers when it was last clean

    @property
    def work(self) -> Path:
        return work_path(self.published)

    def batch_loaded(self) -> None:
        """Count a committed batch; publish every `every` of them (PILKADA_PUBLISH_EVERY)."""
        self.batches += 1
        if self.every and self.batches >= self.every:
            self.publish("batches")

    def publish(self, kind: str = "end") -> bool:
        """Make the work file's committed state what readers open; False when unchanged."""
        clock = time.perf_counter()
        self.con.execute("CHECKPOINT")
        if self.published.exists() and not self.dirty and _headers(self.work) == self.baseline:
            self.batches = 0
            return False  # nothing committed since the published state
        seq = self.seq + 1
        with wh.transaction(self.con):
            self.con.execute(wh.sql_file("publish", "record_state.sql"), [seq, wh.now(), kind])
            self.con.execute(
                "INSERT OR REPLACE INTO _pilkada_meta VALUES ('publish_seq', ?)", [str(seq)]
            )
        self.con.execute("CHECKPOINT")
        wal = _wal(self.work)
        if wal.exists() and wal.stat().st_size:
            raise wh.WarehouseError(f"{self.work}: CHECKPOINT left a WAL; not publishing")
        checkpoint("publish")
        copied = time.perf_counter()
        self.seconds["checkpoint"] += copied - clock
        tmp = _side(self.published, "publishing")
        try:
            copy_file(self.work, tmp, point="publish_copy")
        except BaseException:
            _remove(tmp)  # (a full disk): the published file stays as it was
            raise
        os.replace(tmp, self.published)
        _fsync_dir(self.published.parent)
        checkpoint("publish_renamed")
        _write_json(
            _side(self.published, "published"), {"seq": seq, "stamp": _stamp(self.published)}
        )
        self.seconds["copy"] += time.perf_counter() - copied
        self.seq, self.batches, self.dirty = seq, 0, False
        self.baseline = _headers(self.work)
        self.publishes += 1
        if kind == "end":
            keep_history(self.published, seq)
        return True


def keep_history(published: Path, seq: int, keep: int | None = None) -> None:
    """Hard-link the published state into `history/`, keeping the last `keep` (PILKADA_KEEP_RUNS)
    run-ending states; a link costs no copy and no room while the state is the published one."""
    keep = keep_runs() if keep is None else keep
    folder = history_dir(published)
    if keep <= 0:
        return
    folder.mkdir(exist_ok=True)
    target = folder / f"{published.stem}-{seq:06d}{published.suffix}"
    _remove(target)
    try:
        os.link(published, target)
    except OSError:  # a filesystem without hard links: no history
        return
    states = sorted(folder.glob(f"{published.stem}-*{published.suffix}"))
    for old in states[:-keep]:
        _remove(old)


@contextmanager
def open_writer(warehouse: str | Path, *, lock_timeout: float = 0.0) -> Iterator[Writer]:
    """Take the writer lock, open the work file (schema ensured) and publish on a clean exit.

    A fresh warehouse is published at once (empty), so readers find it from the start. After
    an expected failure (PilkadaError) what did commit is published; after any other exception
    nothing is: the next build goes on from the work file.
    """
    published = Path(warehouse)
    yield_cpu_to_readers()
    with wh.writer_lock(published, timeout=lock_timeout):
        fresh = not published.exists()
        prepare_work(published)
        work = work_path(published)
        dirty = fresh or _headers(work) != _headers(published)  # a kept work file, newer
        con = wh.connect(work)
        try:
            wh.ensure_schema(con, published)  # (re-creates the views: not a change to publish)
            con.execute("CHECKPOINT")
            writer = Writer(published, con, seq=stored_seq(con), dirty=dirty)
            writer.baseline = _headers(work)
            if fresh:
                writer.publish("start")
            try:
                yield writer
            except PilkadaError:  # an expected failure (gate, nothing loaded): what committed shows
                writer.publish("end")
                raise
            writer.publish("end")
        finally:
            con.close()


def yield_cpu_to_readers(niceness: int | None = None) -> None:
    """Lower this process's CPU priority to `niceness` (PILKADA_BUILD_NICE; never raises it):
    the pool workers started after it inherit it, and readers start fast during a build."""
    target = build_niceness() if niceness is None else niceness
    if os.getpriority(os.PRIO_PROCESS, 0) < target:
        os.setpriority(os.PRIO_PROCESS, 0, min(target, 19))


def busy_reason(published: str | Path) -> str:
    """Why a warehouse file is locked, as far as can be told."""
    return f"opened for writing by another process ({wh.running_build(published)})"
