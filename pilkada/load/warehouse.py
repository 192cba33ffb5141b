"""The DuckDB warehouse: schema, one-writer lock, and atomic batch loads from staged frames.

Every load runs the SQL files of `sql/` in one transaction: a batch is in the warehouse whole or
not at all. A file that is not a pilkada warehouse is never written to.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
from filelock import FileLock, Timeout

from pilkada import settings, vocabularies
from pilkada.errors import EnvironmentFailure
from pilkada.load.dedup import cluster_records, settle_chunk, title_key
from pilkada.load.warehouse_file import (  # readers import them from there, without pandas
    REFUSALS,
    WarehouseBusy,
    WarehouseError,
    check_file,
    running_build,
    writer_info_path,
)
from pilkada.report import dictionary
from pilkada.run.faults import checkpoint
from pilkada.settings import SQL_DIR

SCHEMA_VERSION = "3"  # 2: no index on the big tables; report_match_keys. 3: nor on source_files
APP_ID = "pilkada-warehouse"
CLUSTER_TYPES = {  # columns of new_clusters (sql/settle/20_stale_meetings.sql)
    "article_id": object,
    "meeting_id": object,
    "match_score": float,
    "match_reason": object,
    "best_score": float,
    "best_reason": object,
}
CLUSTER_COLUMNS = list(CLUSTER_TYPES)
STAGED_FRAMES = ("articles", "meeting_reports", "meeting_regions", "participants", "directives")
# sql/load/ files a batch runs after its re-extractions are replaced, in order; each is named
# after the table it fills
BATCH_FILLS = (
    "30_dim_article",
    "31_article_text",
    "40_dim_date",
    "50_dim_institution",
    "60_fact_meeting_report",
    "61_fact_participant",
    "62_fact_directive",
    "63_bridge_meeting_region",
    "65_report_match_keys",
)
# sql/settle/ files that apply a chunk's changed clusters, in order
SETTLE_FILLS = ("20_stale_meetings", "25_bridge_meeting_article", "30_fact_meeting")




def environment_failure(exc: BaseException, path: str | Path) -> EnvironmentFailure | None:
    """An `EnvironmentFailure` naming the path and the real cause when `exc` is the machine
    refusing a write (disk full, read-only, permission); None for anything else."""
    if isinstance(exc, EnvironmentFailure):
        return exc
    if isinstance(exc, OSError) and exc.errno in REFUSALS:
        where = exc.filename or path
        return EnvironmentFailure(f"{where}: cannot write: {exc.strerror or REFUSALS[exc.errno]}")
    text = str(exc)
    for cause in (*REFUSALS.values(), "Disk full", "disk is full"):
        if isinstance(exc, duckdb.Error) and cause.lower() in text.lower():
            return EnvironmentFailure(f"{path}: cannot write: {cause}")
    return None


def sql_file(*parts: str) -> str:
    """The text of one file under `sql/`."""
    return (SQL_DIR.joinpath(*parts)).read_text(encoding="utf-8")


def sql_files(folder: str) -> list[Path]:
    """The `.sql` files of a folder under `sql/`, in name order."""
    return sorted((SQL_DIR / folder).glob("*.sql"))


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; errors name the file and why it cannot be used."""
    path = Path(path)
    check_file(path)
    if read_only and not path.exists():
        raise WarehouseError(f"{path}: no warehouse here (run `pilkada run` first)")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        config = {} if read_only else {
            # the writer's cache: DuckDB would take 80 % of RAM; past this it spills to disk
            # (main process of a 300k build: 2.0 GiB at 512MB, 1.7 GiB at 256MB, 1.5 GiB at
            # 128MB, no slower: its peaks are the automatic checkpoints)
            "memory_limit": settings.writer_memory(),
            # checkpoint every 256 MB of WAL rather than every 16 MB: each checkpoint costs a
            # fixed part besides compressing the new rows (flush() ends a run with one); rows
            # not checkpointed yet are held in memory, hence not more
            "checkpoint_threshold": settings.writer_checkpoint(),
            # one thread: the extraction pool keeps every core busy while batches load; a
            # second DuckDB thread only competed with it (main process of a 100k build:
            # 35-36 CPU-s with one, 40-41 with two)
            "threads": settings.writer_threads(),
        }  # fmt: skip
        return duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.Error as exc:
        refused = None if read_only else environment_failure(exc, path)
        if refused is not None:
            raise refused from exc
        raise WarehouseError(f"{path}: cannot open as a DuckDB warehouse ({exc})") from exc


def _user_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def ensure_schema(con: duckdb.DuckDBPyConnection, path: str | Path = "") -> None:
    """Create tables and views once; refuse a database that belongs to something else."""
    tables = _user_tables(con)
    if tables and "_pilkada_meta" not in tables:
        raise WarehouseError(
            f"{path}: a DuckDB database of something else"
            f" (tables: {', '.join(sorted(tables)[:5])}); refusing to write into it"
        )
    if "_pilkada_meta" in tables:
        version = con.execute(
            "SELECT value FROM _pilkada_meta WHERE key = 'schema_version'"
        ).fetchone()
        if version and version[0] != SCHEMA_VERSION:
            raise WarehouseError(
                f"{path}: schema version {version[0]}, this program needs {SCHEMA_VERSION};"
                " build a new warehouse from the same inputs (move this one aside first)"
            )
    con.execute("BEGIN")
    try:
        for file in sql_files("ops") + sql_files("core") + sql_files("views"):
            con.execute(file.read_text(encoding="utf-8"))
        dictionary.apply_comments(con)  # CREATE OR REPLACE VIEW drops the views' comments
        con.execute(
            "INSERT OR REPLACE INTO _pilkada_meta VALUES ('app', ?), ('schema_version', ?)",
            [APP_ID, SCHEMA_VERSION],
        )
        con.execute("COMMIT")
    except Exception:
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


@contextmanager
def writer_lock(path: str | Path, timeout: float = 0) -> Iterator[None]:
    """One writer at a time: an exclusive lock file beside the warehouse, and beside it the
    holder's pid and start time for the messages of those who wait."""
    path = Path(path)
    lock = FileLock(str(path) + ".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire(timeout=timeout)
    except Timeout as exc:  # (an OSError too: caught first)
        raise WarehouseBusy(
            f"{path}: another run is writing to this warehouse ({running_build(path)};"
            f" lock {lock.lock_file}); waited {timeout:g} s. Try again when it finishes,"
            " or pass --lock-timeout SECONDS to wait for it."
        ) from exc
    except OSError as exc:  # a read-only or full folder: say so, not a traceback
        refused = environment_failure(exc, lock.lock_file)
        if refused is None:
            raise
        raise refused from exc
    info = writer_info_path(path)
    try:
        started = now().isoformat(timespec="seconds") + "Z"
        holder = {"pid": os.getpid(), "host": socket.gethostname(), "started": started}
        tmp = info.with_name(info.name + ".tmp")
        tmp.write_text(json.dumps(holder), encoding="utf-8")
        os.replace(tmp, info)
        yield
    finally:
        info.unlink(missing_ok=True)
        lock.release()


@contextmanager
def machine_refusals(path: str | Path) -> Iterator[None]:
    """Turn the machine refusing a write (disk full, read-only file or folder, permission)
    into an `EnvironmentFailure` that names the path and the real cause."""
    try:
        yield
    except (OSError, duckdb.Error) as exc:
        refused = environment_failure(exc, path)
        if refused is None:
            raise
        raise refused from exc


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN ... COMMIT, or ROLLBACK on any error."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        # a failed COMMIT (disk full) has already ended the transaction: the first error is the
        # one to report, not "cannot rollback - no transaction is active"
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


def _register(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    for name, frame in frames.items():
        # as Arrow: DuckDB scans it directly (pandas' Arrow-backed strings went through numpy)
        con.register(f"batch_{name}", pa.Table.from_pandas(frame, preserve_index=False))


def _unregister(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    for name in frames:
        con.unregister(f"batch_{name}")


def load_regions(con: duckdb.DuckDBPyConnection, regions: pd.DataFrame) -> int:
    """Replace dim_region with an official list (already through its quality gate)."""
    frames = {"regions": regions}
    _register(con, frames)
    try:
        with transaction(con):
            con.execute(sql_file("staging", "stg_regions.sql"))
            con.execute(sql_file("load", "10_dim_region.sql"))
    finally:
        _unregister(con, frames)
    return len(regions)


Clusterer = Callable[..., list[dict]]  # pilkada.load.dedup.cluster_records
# Parameters of the load SQL files that need a vocabulary (read from its one source).
LOAD_PARAMETERS = {"40_dim_date": {"weekday_names": list(vocabularies.weekday_names())}}


def load_batch(
    con: duckdb.DuckDBPyConnection,
    frames: dict[str, pd.DataFrame],
    *,
    ops: dict[str, pd.DataFrame] | None = None,
    timings: dict[str, float] | None = None,
    set_aside: pd.DataFrame | None = None,
    batch_id: str | None = None,
) -> int:
    """Load one staged batch in one transaction: its articles, facts and match keys.

    Articles of the batch that were quarantined before are released, and the articles the gate
    set aside (`set_aside`, quarantined_articles rows) recorded, in the same transaction.

    `ops` frames (load_batches, source_files, rejected_inputs, dq_runs, dq_results rows) are
    written in the same transaction, so bookkeeping never disagrees with the data; `timings`
    receives the seconds of the COMMIT (with any DuckDB checkpoint). The batch's meeting
    reports are pending until `settle_meetings` (once per run) clusters them. The work grows
    with the batch, not with the warehouse: new articles delete nothing.
    """
    frames = {**frames, "title_keys": title_key_frame(frames["meeting_reports"])}
    _register(con, frames)
    try:
        with transaction(con):
            for name in STAGED_FRAMES:
                con.execute(sql_file("staging", f"stg_{name}.sql"))
            con.execute(sql_file("load", "20_touched_articles.sql"))
            if con.execute("SELECT count(*) FROM touched_articles").fetchone()[0]:
                con.execute(sql_file("load", "21_unsettled_meetings.sql"))
                con.execute(sql_file("load", "25_replace_touched.sql"))
            for name in BATCH_FILLS:
                con.execute(sql_file("load", f"{name}.sql"), LOAD_PARAMETERS.get(name))
            append_ops(con, ops or {})
            record_set_aside(con, batch_id, set_aside, release=True)
            checkpoint("load")
            ended = time.perf_counter()
    finally:
        _unregister(con, frames)
    if timings is not None:
        timings["load_commit"] = time.perf_counter() - ended
    return len(frames["articles"])


def title_key_frame(reports: pd.DataFrame) -> pd.DataFrame:
    """article_id and dedup title key of each staged meeting report."""
    return pd.DataFrame(
        {
            "article_id": reports["article_id"].astype(str).tolist(),
            "title_key": [title_key(t) for t in reports["title"].tolist()],
        },
        columns=["article_id", "title_key"],
    )


SETTLE_CHUNK = 5_000  # meeting reports clustered per settle transaction (memory stays bounded)

ChunkMapper = Callable[[Callable[[list[dict]], list[dict]], Iterable[list[dict]]], Iterable]


def settle_meetings(
    con: duckdb.DuckDBPyConnection,
    cluster: Clusterer = cluster_records,
    chunk_reports: int = SETTLE_CHUNK,
    map_chunks: ChunkMapper | None = None,
) -> int:
    """Cluster the pending meeting reports (new, or unsettled by a re-extraction) with the
    settled ones of their dates; apply only what changed and rebuild only those meetings.

    Once per run, so the work is one pass over the run's dates, not one per batch. Dates are
    independent (reports are compared only within a date), so they are settled in chunks of
    about `chunk_reports` reports, the costliest first, one transaction each; a run that stops
    before or during this leaves pending reports that the next run settles. `map_chunks(fn,
    inputs)` runs the clustering of each chunk and yields the results, in any order
    (`pilkada.run.workers.map_ordered` spreads it over the pool's processes while this one
    reads and writes); by default each chunk is clustered here. Returns the cluster rows
    written.
    """
    dates = con.execute(sql_file("settle", "05_pending_dates.sql")).fetchall()
    inputs = (
        _settle_input(con, chunk_dates, dateless)
        for chunk_dates, dateless in _costliest_first(_date_chunks(dates, chunk_reports), dates)
    )
    work = partial(settle_chunk, cluster=cluster)
    written = 0
    for changed in (map_chunks or map)(work, inputs):
        new = pd.DataFrame(changed, columns=CLUSTER_COLUMNS).astype(CLUSTER_TYPES)
        with transaction(con):
            con.register("new_clusters", new)
            try:
                for name in SETTLE_FILLS:
                    con.execute(sql_file("settle", f"{name}.sql"))
            finally:
                con.unregister("new_clusters")
        written += len(new)
    return written


def _settle_input(
    con: duckdb.DuckDBPyConnection, dates: list[dt.date], dateless: bool
) -> list[dict]:
    """The reports one settle chunk clusters: all of its dates' (and the dateless pending)."""
    con.register("chunk_dates", pd.DataFrame({"meeting_date": dates}))
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE settle_dates AS"
            " SELECT CAST(meeting_date AS DATE) AS meeting_date FROM chunk_dates"
        )
    finally:
        con.unregister("chunk_dates")
    cursor = con.execute(sql_file("settle", "10_cluster_input.sql"), [dateless])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _date_chunks(
    dates: list[tuple[dt.date | None, int]], limit: int
) -> Iterator[tuple[list[dt.date], bool]]:
    """(dates, with the dateless pending reports?) groups of about `limit` reports each."""
    chunk: list[dt.date] = []
    size, dateless = 0, False
    for day, n in dates:
        if day is None:
            dateless = True
            size += n
        else:
            if chunk and size + n > limit:
                yield chunk, dateless
                chunk, size, dateless = [], 0, False
            chunk.append(day)
            size += n
    if chunk or dateless:
        yield chunk, dateless


def _costliest_first(
    chunks: Iterable[tuple[list[dt.date], bool]], dates: list[tuple[dt.date | None, int]]
) -> list[tuple[list[dt.date], bool]]:
    """Settle chunks, the most pairs to score first (a date of n reports has ~n²/2): the pool
    clusters the long ones while the short ones fill in, instead of ending on one long chunk
    with the other process idle (a 20k run's chunk of its busiest dates takes half the
    clustering). Chunks are independent, so their order changes nothing else."""
    reports = dict(dates)
    return sorted(chunks, key=lambda chunk: -sum(reports[day] ** 2 for day in chunk[0]))


def flush(con: duckdb.DuckDBPyConnection, *, pool_idle: bool = False) -> None:
    """Write the WAL into the database file (end of a run: the next open replays nothing).

    `pool_idle`: nothing else is using the cores (after the last batch), so this checkpoint
    gets a DuckDB thread per pool process (`settings.idle_pool_threads`), and one again after
    (realistic 20k, 2 cores: the checkpoint after the last batch 1.1-1.5 s -> 0.7-0.8 s)."""
    if not pool_idle:
        con.execute("CHECKPOINT")
        return
    con.execute(f"SET threads = {settings.idle_pool_threads()}")
    try:
        con.execute("CHECKPOINT")
    finally:
        con.execute(f"SET threads = {settings.writer_threads()}")


def append_ops(con: duckdb.DuckDBPyConnection, ops: dict[str, pd.DataFrame]) -> None:
    """Append bookkeeping rows (frames named after their ops table, columns in table order)."""
    for table, frame in ops.items():
        if frame is None or frame.empty:
            continue
        name = f"ops_{table}"
        con.register(name, frame)
        try:
            if table in ("source_files", "rejected_inputs"):
                con.execute(f"DELETE FROM {table} WHERE location IN (SELECT location FROM {name})")
            elif table in ("load_batches", "quarantined_batches"):
                con.execute(f"DELETE FROM {table} WHERE batch_id IN (SELECT batch_id FROM {name})")
            columns = ", ".join(f'"{c}"' for c in frame.columns)
            con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {name}")
        finally:
            con.unregister(name)


def record_ops(
    con: duckdb.DuckDBPyConnection,
    ops: dict[str, pd.DataFrame],
    set_aside: pd.DataFrame | None = None,
    batch_id: str | None = None,
) -> None:
    """Write bookkeeping rows in a transaction of their own (rejections, quarantines)."""
    with transaction(con):
        append_ops(con, ops)
        record_set_aside(con, batch_id, set_aside, release=False)


def record_set_aside(
    con: duckdb.DuckDBPyConnection,
    batch_id: str | None,
    set_aside: pd.DataFrame | None,
    *,
    release: bool,
) -> None:
    """Inside a batch's transaction: release its articles that were quarantined before
    (`release`: the batch's articles are registered as batch_articles and load) and record the
    ones it set aside."""
    if release and batch_id:
        con.execute(sql_file("quarantine", "10_release.sql"), {"batch_id": batch_id, "now": now()})
    if set_aside is None or set_aside.empty:
        return
    con.register("batch_set_aside", set_aside)
    try:
        con.execute(sql_file("quarantine", "20_set_aside.sql"))
    finally:
        con.unregister("batch_set_aside")


def known_files(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int, str | None, str]]:
    """location → (size, mtime_ns, article_id, status) of every input seen before."""
    rows = con.execute(
        "SELECT location, size, mtime_ns, article_id, status FROM source_files"
    ).fetchall()
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}


def loaded_articles(con: duckdb.DuckDBPyConnection, extractor_version: str) -> set[str]:
    """Ids of articles already loaded by this extractor version."""
    rows = con.execute(
        "SELECT article_id FROM dim_article WHERE extractor_version = ?", [extractor_version]
    ).fetchall()
    return {r[0] for r in rows}


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of the public views and core tables."""
    names = [
        "articles",
        "meetings",
        "meeting_articles",
        "meeting_regions",
        "participants",
        "directives",
        "regions",
        "rejected_inputs",
        "quarantined_batches",
    ]
    return {n: con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}


def now() -> dt.datetime:
    """UTC now without tzinfo, as DuckDB TIMESTAMP columns store it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
