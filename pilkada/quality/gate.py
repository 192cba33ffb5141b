"""The quality gate: Great Expectations checkpoints over a batch's staged pandas frames.

`gate()` validates each frame against its committed suite (`expectations/<suite>.json`) in a
file-backed GX Data Context under `gx_root` (runtime state, git-ignored), and returns a
`GateResult` that names every failed expectation with example values and rows. The loader
commits a batch only when `result.success`; otherwise it calls `quarantine()`.

GX objects (context, datasource, assets, suites, validation definitions, checkpoints) are made
once per process and `gx_root` (`checkpoints.py`); the checkpoints of one gate call share one run
id. Their results are read back by `read_results.py` into the `GateResult` of `gate_result.py`.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pilkada.quality.actions import (
    SET_ASIDE_COLUMNS,
    WARNING_COLUMNS,
    offending_rows,
    resolve,
    value_text,
)
from pilkada.quality.checkpoints import _runtime
from pilkada.quality.gate_result import Evaluation, Failure, GateResult
from pilkada.quality.read_results import _in_suite_order, _read_result
from pilkada.quality.suites import FRAME_SUITES, STAGED_FRAMES, read_suite, suite_parameters

log = logging.getLogger(__name__)

# frame -> (articles column, name) added to the frame GX checks: its row checks compare with it
ADDED_COLUMNS = {
    "meeting_reports": ("published_date", "published_date"),
    "meeting_regions": ("n_chars", "article_n_chars"),
    "participants": ("n_chars", "article_n_chars"),
    "directives": ("n_chars", "article_n_chars"),
}
# Suite parameter -> the `params` key (or derived set) of the reference values it checks against.
REFERENCE_PARAMS = {
    "unknown_article_ids": "article_ids",
    "unknown_region_codes": "region_codes",
    "unknown_province_codes": "province_codes",
}



def gate(
    frames: Mapping[str, pd.DataFrame],
    *,
    batch_id: str,
    params: Mapping[str, Any] | None = None,
    gx_root: Path,
) -> GateResult:
    """Validate a batch's frames with one GX checkpoint run per frame; never raises on bad data.

    frames: any of "articles", "meeting_reports", "meeting_regions", "participants",
        "directives" (a staged batch; "articles" is then required) and "regions" (the official
        list). A staged batch also gets the one-row "batch" frame (`batch_summary`).
    params (suite parameters and the reference sets they are derived from):
        today: "YYYY-MM-DD", upper bound of meeting_date/published_date (default: today).
        region_codes: the codes of dim_region; required when a staged frame has region codes
            (default: the region_code column of frames["regions"] when given).
        article_ids: the articles child rows may point to (default: frames["articles"]).
        province_codes: the provinces a region may belong to (default: the rows of
            frames["regions"] whose level is "province").
        Any other `$PARAMETER` a suite uses is passed through by name.
    gx_root: folder of the file-backed GX context (runtime state, e.g. data/gx).

    Raises ValueError for unknown frame names or a missing required parameter.
    """
    started_at = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    params = dict(params or {})
    known = set(FRAME_SUITES) - {"batch"}  # "batch" is made here, from the others
    if unknown := sorted(set(frames) - known):
        raise ValueError(f"unknown frame names {unknown}; expected some of {sorted(known)}")
    staged = [name for name in STAGED_FRAMES if name in frames]
    if staged and "articles" not in frames:
        raise ValueError("a staged batch needs its 'articles' frame (for the foreign keys)")

    prepared = {name: _prepare(frame) for name, frame in frames.items()}
    references = _references(prepared, params)

    names = [name for name in FRAME_SUITES if name in prepared or (staged and name == "batch")]
    docs = {name: read_suite(FRAME_SUITES[name]) for name in names}
    expectation_parameters = {
        name: _suite_params(docs[name], prepared[name], params, references)
        for name in names
        if name != "batch"
    }
    from great_expectations.core.run_identifier import RunIdentifier

    run = RunIdentifier(run_name=batch_id, run_time=started_at)
    runtime = _runtime(gx_root)
    gx_results: dict[str, Any] = {}
    evaluations: list[Evaluation] = []
    failures: list[Failure] = []
    acting = _Actions(dict(frames), prepared)
    with runtime.lock:  # a GX context is not thread-safe; Prefect may gate from threads
        for name in names:
            suite, doc = FRAME_SUITES[name], docs[name]
            if name == "batch":  # judged on what would load, after the articles set aside
                acting.drop()
                prepared["batch"] = batch_summary(
                    prepared, batch_id=batch_id, n_dropped=len(acting.dropped_ids),
                    n_before=len(frames["articles"]),
                )  # fmt: skip
                expectation_parameters[name] = _suite_params(doc, prepared[name], params, {})
            elif name in ADDED_COLUMNS and "articles" in prepared:
                prepared[name] = _with_article_column(
                    prepared[name], prepared["articles"], *ADDED_COLUMNS[name]
                )
            result = runtime.run(name, doc, prepared[name], expectation_parameters[name], run)
            (gx_results[suite],) = result.run_results.values()
            rules = {exp["meta"]["rule"]: exp for exp in doc["expectations"]}
            for exp_result in _in_suite_order(gx_results[suite].results, doc):
                evaluation, failure = _read_result(suite, exp_result, prepared[name])
                evaluations.append(evaluation)
                if failure and failure.action != "fail_batch":
                    exp = rules.get(failure.rule or "")
                    kwargs = resolve(exp["kwargs"], expectation_parameters[name]) if exp else {}
                    if not acting.act(name, failure, exp, kwargs):
                        failure.action = evaluation.action = "fail_batch"
                        failure.notes = (failure.notes or "") + (
                            " (its rows could not be located, so the batch stops)"
                        )
                if failure:
                    failures.append(failure)

    return GateResult(
        batch_id=batch_id,
        run_id=f"{started_at:%Y%m%dT%H%M%S%fZ}-{batch_id}",
        started_at=started_at,
        duration_s=round(time.perf_counter() - t0, 4),
        suites=[FRAME_SUITES[name] for name in names],
        evaluations=evaluations,
        failures=failures,
        gx_results=gx_results,
        n_rows={name: len(prepared[name]) for name in names},
        frames=acting.frames,
        set_aside=acting.set_aside_frame(),
        warnings=acting.warnings_frame(),
    )


def _with_article_column(
    frame: pd.DataFrame, articles: pd.DataFrame, column: str, name: str
) -> pd.DataFrame:
    """`frame` with its article's `column` as `name` (what its row checks compare with)."""
    if "article_id" not in frame or "article_id" not in articles:
        return frame
    if column == "n_chars" and column not in articles:
        values = articles["text"].str.len()
    elif column in articles:
        values = articles[column]
    else:
        return frame
    lookup = pd.Series(values.to_numpy(), index=pd.Index(articles["article_id"]))
    lookup = lookup[~lookup.index.duplicated()]
    frame = frame.copy(deep=False)
    mapped = frame["article_id"].map(lookup)
    if column == "n_chars":  # numbers also when the frame is empty (map keeps the key's dtype)
        mapped = pd.to_numeric(mapped, errors="coerce")
    frame[name] = mapped
    return frame


class _Actions:
    """Applies drop_article and warn/set_null failures to a batch's frames as the gate goes.

    `frames` are the frames to load, `prepared` the ones GX checks (same index); a set_null
    changes both at once, so later suites see it; dropped articles leave every frame in
    `drop()`, before the batch suite."""

    def __init__(self, frames: dict[str, pd.DataFrame], prepared: dict[str, pd.DataFrame]):
        self.frames = frames
        self.prepared = prepared
        self.articles = frames.get("articles")
        self.dropped: list[dict[str, Any]] = []
        self.dropped_ids: set[Any] = set()
        self.warned: list[dict[str, Any]] = []

    def act(self, name: str, failure: Failure, exp: dict | None, kwargs: dict) -> bool:
        """Apply one non-fatal failure; False when its rows cannot be located."""
        frame = self.prepared[name]
        meta = (exp or {}).get("meta", {})
        needs_rows = failure.action == "drop_article" or bool(meta.get("set_null"))
        rows = None
        if exp is not None and "article_id" in frame:
            rows = offending_rows(frame, failure.expectation_type, kwargs)
        if rows is None or not rows.any():
            return not needs_rows  # a plain warning is recorded in dq_results all the same
        column = (
            meta.get("set_null") or kwargs.get("column") or kwargs.get("column_B") or failure.column
        )
        ids = frame["article_id"].to_numpy()[rows]
        shown = frame[column].to_numpy()[rows] if column in frame else [None] * len(ids)
        if failure.action == "drop_article":
            if pd.isna(ids).any():
                return False
            reason = f"{failure.suite}: {meta['rule']} failed ({exp.get('notes', '')})"
            self.dropped += [
                {"article_id": i, "suite": failure.suite, "expectation": meta["rule"],
                 "column": column, "value": value_text(v), "reason": reason}
                for i, v in zip(ids, shown, strict=True)
            ]  # fmt: skip
            self.dropped_ids.update(ids.tolist())
            return True
        target = meta.get("set_null")
        self.warned += [
            {"article_id": value_text(i), "suite": failure.suite, "expectation": meta["rule"],
             "column": column, "value": value_text(v),
             "action": "set_null" if target else "kept"}
            for i, v in zip(ids, shown, strict=True)
        ]  # fmt: skip
        if target:
            for frames in (self.frames, self.prepared):
                if target in frames[name]:
                    copy = frames[name].copy()
                    copy.loc[copy.index[rows], target] = None
                    frames[name] = copy
        return True

    def drop(self) -> None:
        """Take the set-aside articles out of every staged frame."""
        if not self.dropped_ids:
            return
        for frames in (self.frames, self.prepared):
            for name in STAGED_FRAMES:
                if name in frames and "article_id" in frames[name]:
                    frame = frames[name]
                    frames[name] = frame.loc[~frame["article_id"].isin(self.dropped_ids)]
        self.warned = [w for w in self.warned if w["article_id"] not in self.dropped_ids]

    def set_aside_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.dropped, columns=SET_ASIDE_COLUMNS)
        if len(frame) and self.articles is not None and "source_uri" in self.articles:
            sources = self.articles.drop_duplicates("article_id").set_index("article_id")
            frame["source_uri"] = frame["article_id"].map(sources["source_uri"])
        return frame

    def warnings_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.warned, columns=WARNING_COLUMNS)


def batch_summary(
    frames: Mapping[str, pd.DataFrame],
    *,
    batch_id: str,
    n_dropped: int = 0,
    n_before: int | None = None,
) -> pd.DataFrame:
    """The one-row frame of batch-level measures that the `batch` suite checks.

    n_articles, n_meeting_reports, n_reports_unflagged (reports whose article is in the batch
    but not flagged is_meeting_report), n_flagged_unreported (flagged articles without a
    report), n_evidence_beyond_text (evidence spans ending after their article's n_chars),
    share_dated (reports with a meeting_date), share_with_region (reports with a meeting
    region); shares are NULL without reports. n_dropped: articles set aside by the gate, and
    share_dropped their share of the `n_before` articles it was given (n_articles counts
    those: a batch whose only article is set aside is not an empty batch).
    """
    articles = frames["articles"]
    empty = pd.DataFrame({"article_id": pd.Series(dtype=object)})
    reports = frames.get("meeting_reports", empty)
    regions = frames.get("meeting_regions", empty)
    ids = _ids(articles["article_id"])
    flagged = _ids(articles["article_id"][articles["is_meeting_report"].fillna(False).astype(bool)])
    reported = _ids(reports["article_id"])
    n_reports = len(reports)
    dated = int(reports["meeting_date"].notna().sum()) if "meeting_date" in reports else 0
    with_region = len(reported & _ids(regions["article_id"]))

    n_chars = articles["n_chars"] if "n_chars" in articles else articles["text"].str.len()
    # each article's text length (the largest, should an id repeat), looked up per child row by
    # position; ids stay in their own dtype (no object copies of a 100k-row string column)
    limit = pd.Series(n_chars.to_numpy(), index=pd.Index(articles["article_id"]))
    if not limit.index.is_unique:
        limit = limit.groupby(level=0, dropna=False).max()
    lengths = np.append(limit.to_numpy(dtype=float, na_value=np.nan), np.nan)  # [-1]: unknown id
    beyond = 0
    for name in ("meeting_regions", "participants", "directives"):
        frame = frames.get(name)
        if frame is None or frame.empty or "evidence_end" not in frame:
            continue
        ends = lengths[limit.index.get_indexer(pd.Index(frame["article_id"]))]
        with np.errstate(invalid="ignore"):
            beyond += int((frame["evidence_end"].to_numpy() > ends).sum())

    return pd.DataFrame(
        {
            "batch_id": [batch_id],
            "n_articles": [len(articles) if n_before is None else n_before],
            "n_meeting_reports": [n_reports],
            "n_reports_unflagged": [len((reported & ids) - flagged)],
            "n_flagged_unreported": [len(flagged - reported)],
            "n_evidence_beyond_text": [beyond],
            "share_dated": [dated / n_reports if n_reports else math.nan],
            "share_with_region": [with_region / n_reports if n_reports else math.nan],
            "n_dropped": [n_dropped],
            "share_dropped": [n_dropped / n_before if n_before else 0.0],
        }
    )


def _ids(values: pd.Series) -> set[Any]:
    return set(values.dropna().unique().tolist())


def _prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame GX 1.24 can check: datetime64 columns become `datetime.date` objects.

    (GX compares datetime64[us] values, pandas 3's default, with the date bounds one by one
    and fails with "Cannot compare Timestamp with datetime.date".)
    """
    dates = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]
    if not dates:
        return frame
    frame = frame.copy(deep=False)
    for column in dates:
        values = frame[column]
        frame[column] = pd.Series(
            [None if pd.isna(v) else v.date() for v in values], index=frame.index, dtype=object
        )
    return frame


def _references(frames: Mapping[str, pd.DataFrame], params: Mapping[str, Any]) -> dict[str, Any]:
    """Reference sets for the foreign-key suite parameters (None when not available)."""
    refs: dict[str, Any] = {}
    regions = frames.get("regions")
    codes = params.get("region_codes")
    if codes is None and regions is not None:
        codes = regions["region_code"].dropna()
    refs["region_codes"] = None if codes is None else set(codes)
    ids = params.get("article_ids")
    if ids is None and "articles" in frames:
        ids = frames["articles"]["article_id"].dropna()
    refs["article_ids"] = None if ids is None else set(ids)
    provinces = params.get("province_codes")
    if provinces is None and regions is not None and "level" in regions:
        provinces = regions.loc[regions["level"] == "province", "region_code"].dropna()
    refs["province_codes"] = None if provinces is None else set(provinces)
    return refs


def _suite_params(
    doc: dict[str, Any],
    frame: pd.DataFrame,
    params: Mapping[str, Any],
    references: Mapping[str, Any],
) -> dict[str, Any]:
    """Values for every `$PARAMETER` of a suite, for this frame."""
    values: dict[str, Any] = {}
    for name, columns in suite_parameters(doc).items():
        if name == "today":
            values[name] = str(params.get("today") or dt.date.today().isoformat())
        elif name in REFERENCE_PARAMS:
            key = REFERENCE_PARAMS[name]
            reference = references.get(key)
            observed = _distinct(frame, columns)
            if reference is None and observed:
                raise ValueError(
                    f"suite {doc['name']} needs params[{key!r}] to check {', '.join(columns)}"
                )
            values[name] = sorted(observed - (reference or set()), key=str)
        elif name in params:
            values[name] = params[name]
        else:
            raise ValueError(f"suite {doc['name']} needs params[{name!r}]")
    return values


def _distinct(frame: pd.DataFrame, columns: Iterable[str]) -> set[Any]:
    found: set[Any] = set()
    for column in columns:
        if column in frame:
            found.update(frame[column].dropna().unique().tolist())
    return found
