"""Extraction results to staged frames: one pandas frame per staging table, built per batch.

Pool workers turn their articles' rows into Arrow tables (`stage_rows`), which cross the process
boundary as buffers rather than millions of Python objects; the main process joins them into the
batch's frames (`frames_from_staged`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from pilkada.extract import ArticleExtraction
from pilkada.sources.ingest import RawArticle
from pilkada.sources.textnorm import short_hash

COLUMNS: dict[str, list[str]] = {
    "articles": [
        "article_id",
        "source_uri",
        "url",
        "title",
        "outlet",
        "published_date",
        "text",
        "n_chars",
        "is_meeting_report",
        "extractor_version",
        "batch_id",
    ],
    "meeting_reports": [
        "article_id",
        "meeting_date",
        "date_evidence",
        "title",
        "meeting_type",
        "mode",
        "venue",
        "convening_level",
        "convening_region_code",
        "election_year",
    ],
    "meeting_regions": [
        "article_id",
        "region_code",
        "role",
        "evidence_start",
        "evidence_end",
        "evidence",
    ],
    "participants": [
        "article_id",
        "seq",
        "person_name",
        "position",
        "rank",
        "institution",
        "institution_id",
        "institution_kind",
        "region_code",
        "role",
        "evidence_start",
        "evidence_end",
        "evidence",
    ],
    "directives": [
        "article_id",
        "seq",
        "issuer_name",
        "issuer_position",
        "issuer_institution_kind",
        "topic",
        "text",
        "evidence_start",
        "evidence_end",
        "evidence",
    ],
}


INT_COLUMNS = {"n_chars", "seq", "evidence_start", "evidence_end", "election_year"}
DATE_COLUMNS = {"published_date", "meeting_date"}
BOOL_COLUMNS = {"is_meeting_report"}


def _arrow_type(column: str) -> pa.DataType:
    if column in INT_COLUMNS:
        return pa.int64()
    if column in DATE_COLUMNS:
        return pa.date32()
    if column in BOOL_COLUMNS:
        return pa.bool_()
    return pa.large_string()  # what pandas' Arrow-backed strings hold: no copy into pandas


SCHEMAS = {
    name: pa.schema([(column, _arrow_type(column)) for column in columns])
    for name, columns in COLUMNS.items()
}


def institution_id(kind: str, name: str | None) -> str | None:
    """Stable id of a canonical institution, or None when the article names none."""
    return short_hash(kind, name) if name else None


Rows = dict[str, list[tuple]]  # staged rows of one article, by frame name


def to_frames(
    batch_id: str,
    articles: Sequence[RawArticle],
    extractions: Sequence[ArticleExtraction],
    extractor_version: str,
) -> dict[str, pd.DataFrame]:
    """Build the staged frames of a batch (articles and extractions in the same order)."""
    return frames_from_rows(
        article_rows(batch_id, art, ex, extractor_version)
        for art, ex in zip(articles, extractions, strict=True)
    )


def article_rows(
    batch_id: str, art: RawArticle, ex: ArticleExtraction, extractor_version: str
) -> Rows:
    """The staged rows of one article (built where it is extracted, in a pool worker)."""
    text, aid = art.text, art.article_id
    rows: Rows = {name: [] for name in COLUMNS}
    rows["articles"].append(
        (
            aid,
            art.source_uri,
            art.url,
            art.title,
            art.outlet,
            art.published_date,
            text,
            len(text),
            bool(ex.is_meeting),
            extractor_version,
            batch_id,
        )
    )
    if not ex.is_meeting or ex.meeting is None:
        return rows
    m = ex.meeting
    rows["meeting_reports"].append(
        (
            aid,
            m.meeting_date,
            m.date_evidence,
            m.title,
            m.meeting_type,
            m.mode,
            m.venue,
            m.convening_level,
            m.convening_region_code,
            m.election_year,
        )
    )
    seen_regions: set[tuple[str, str]] = set()
    for r in ex.regions:
        if (r.region_code, r.role) in seen_regions:
            continue
        seen_regions.add((r.region_code, r.role))
        rows["meeting_regions"].append(
            (
                aid,
                r.region_code,
                r.role,
                r.evidence_start,
                r.evidence_end,
                text[r.evidence_start : r.evidence_end],
            )
        )
    for seq, p in enumerate(ex.participants):
        rows["participants"].append(
            (
                aid,
                seq,
                p.person_name,
                p.position,
                p.rank,
                p.institution,
                institution_id(p.institution_kind, p.institution),
                p.institution_kind,
                p.region_code,
                p.role,
                p.evidence_start,
                p.evidence_end,
                text[p.evidence_start : p.evidence_end],
            )
        )
    for seq, d in enumerate(ex.directives):
        rows["directives"].append(
            (
                aid,
                seq,
                d.issuer_name,
                d.issuer_position,
                d.issuer_institution_kind,
                d.topic,
                d.text,
                d.evidence_start,
                d.evidence_end,
                text[d.evidence_start : d.evidence_end],
            )
        )
    return rows


@dataclass
class StagedRows:
    """The staged rows of consecutive articles: one Arrow table per staging table, and how many
    rows each article has in each (to drop a duplicate article's rows by position)."""

    tables: dict[str, pa.Table]
    counts: dict[str, np.ndarray]


def stage_rows(per_article: Sequence[Rows]) -> StagedRows:
    """Arrow tables of the rows of `per_article` (in order)."""
    tables, counts = {}, {}
    for name, schema in SCHEMAS.items():
        parts = [article[name] for article in per_article]
        counts[name] = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
        rows = [row for part in parts for row in part]
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
        arrays = [pa.array(v, type=f.type) for v, f in zip(columns, schema, strict=True)]
        tables[name] = pa.table(arrays, schema=schema)
    return StagedRows(tables, counts)


def frames_from_staged(
    parts: Sequence[StagedRows], keep: np.ndarray | None = None
) -> dict[str, pd.DataFrame]:
    """One typed frame per staging table from staged parts; `keep` (one flag per article, in
    the parts' order) drops the rows of articles not kept."""
    frames = {}
    for name, schema in SCHEMAS.items():
        table = pa.concat_tables([p.tables[name] for p in parts]) if parts else schema.empty_table()
        if keep is not None and not keep.all():
            counts = np.concatenate([p.counts[name] for p in parts])
            table = table.filter(pa.array(np.repeat(keep, counts)))
        frames[name] = table.to_pandas()
    return frames


def frames_from_rows(per_article: Iterable[Rows]) -> dict[str, pd.DataFrame]:
    """One typed frame per staging table from the rows of each article."""
    return frames_from_staged([stage_rows(list(per_article))])
