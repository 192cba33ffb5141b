"""Staged rows as Arrow tables (built in pool workers) and the batch frames joined from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pilkada.extract import EXTRACTOR_VERSION
from pilkada.load.staging import COLUMNS, article_rows, frames_from_staged, stage_rows
from pilkada.run import pipeline as pl
from pilkada.run.workers import extractor_for, process_all
from pilkada.sources.ingest import discover_inputs, read_sources

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "articles"


@pytest.fixture(scope="module")
def staged():
    """The sample articles, read and extracted, with each article's staged rows."""
    refs, _ = discover_inputs([str(SAMPLE)])
    articles, rejected = read_sources(refs)
    assert articles and not rejected
    regions = pl.region_frame_of(pl.read_official([]))
    ex = extractor_for(regions)
    rows = [
        article_rows("b1", a, ex.extract(a.text, title=a.title, published=a.published_date), "v")
        for a in articles
    ]
    return articles, rows, regions


def test_parts_join_into_the_frames_of_one_part(staged):
    _, rows, _ = staged
    whole = frames_from_staged([stage_rows(rows)])
    cuts = [0, 1, 4, len(rows) // 2, len(rows)]
    parts = [stage_rows(rows[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
    joined = frames_from_staged(parts)
    assert set(joined) == set(COLUMNS)
    for name, frame in whole.items():
        assert list(frame.columns) == COLUMNS[name]
        pd.testing.assert_frame_equal(joined[name], frame)
    assert len(whole["participants"]) == sum(len(r["participants"]) for r in rows) > 0


def test_frames_are_typed(staged):
    _, rows, _ = staged
    frames = frames_from_staged([stage_rows(rows)])
    assert frames["participants"]["evidence_start"].dtype == np.int64
    assert frames["directives"]["seq"].dtype == np.int64
    assert frames["articles"]["is_meeting_report"].dtype == bool
    dates = frames["meeting_reports"]["meeting_date"].dropna()
    assert len(dates) and all(type(d) is dt.date for d in dates)
    assert pd.api.types.is_string_dtype(frames["articles"]["text"])


def test_an_empty_batch_has_typed_empty_frames():
    frames = frames_from_staged([])
    assert all(frame.empty for frame in frames.values())
    assert frames["participants"]["evidence_end"].dtype == np.int64
    assert list(frames["directives"].columns) == COLUMNS["directives"]


def test_keep_drops_exactly_the_rows_of_the_articles_not_kept(staged):
    articles, rows, _ = staged
    with_facts = [i for i, r in enumerate(rows) if r["participants"]]
    dropped = with_facts[1]
    keep = np.ones(len(rows), dtype=bool)
    keep[dropped] = False
    parts = [stage_rows(rows[:3]), stage_rows(rows[3:])]
    frames = frames_from_staged(parts, keep)
    expected = frames_from_staged([stage_rows([r for i, r in enumerate(rows) if i != dropped])])
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(frames[name].reset_index(drop=True), frame)
    assert articles[dropped].article_id not in set(frames["participants"]["article_id"])


def test_an_article_repeated_in_a_batch_is_staged_once(staged):
    articles, _, regions = staged
    meeting = next(a for a in articles if "rakor" in a.source_uri.lower())
    again = replace(meeting, location=meeting.location + "#copy")
    processed = process_all([*articles, again], regions, "b1")
    assert all(a.text == "" for a in processed.articles)  # the text travels in the tables
    fresh, dupes, frames = pl.stage_processed(processed, loaded=set())
    assert [d.location for d in dupes] == [again.location]
    assert len(fresh) == len(articles)
    assert frames["articles"]["article_id"].is_unique
    assert frames["articles"]["text"].str.len().gt(0).all()
    counts = frames["participants"].groupby("article_id").size()
    direct = article_rows(
        "b1", meeting, extractor_for(regions).extract(meeting.text, title=meeting.title,
                                                      published=meeting.published_date),
        EXTRACTOR_VERSION,
    )  # fmt: skip
    assert counts.get(meeting.article_id, 0) == len(direct["participants"])


def test_already_loaded_articles_are_duplicates(staged):
    articles, _, regions = staged
    processed = process_all(articles, regions, "b1")
    loaded = {articles[0].article_id}
    fresh, dupes, frames = pl.stage_processed(processed, loaded)
    assert [d.article_id for d in dupes] == [articles[0].article_id]
    assert articles[0].article_id not in set(frames["meeting_reports"]["article_id"])
    assert len(frames["articles"]) == len(fresh) == len(articles) - 1
