"""Extraction results to staged frames: one pandas frame per staging table, built per batch."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from pilkada.extract import ArticleExtraction
from pilkada.ingest import RawArticle
from pilkada.textnorm import short_hash

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


def frames_from_rows(per_article: Iterable[Rows]) -> dict[str, pd.DataFrame]:
    """One typed frame per staging table from the rows of each article."""
    rows: Rows = {name: [] for name in COLUMNS}
    for article in per_article:
        for name, part in article.items():
            rows[name].extend(part)
    frames = {name: pd.DataFrame(rows[name], columns=cols) for name, cols in COLUMNS.items()}
    for name in ("meeting_regions", "participants", "directives"):
        for column in ("evidence_start", "evidence_end"):
            frames[name][column] = frames[name][column].astype("int64")
    for name in ("participants", "directives"):
        frames[name]["seq"] = frames[name]["seq"].astype("int64")
    frames["articles"]["is_meeting_report"] = frames["articles"]["is_meeting_report"].astype(bool)
    return frames
