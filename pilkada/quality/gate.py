"""The quality gate: Great Expectations checkpoints over a batch's staged pandas frames.

`gate()` validates each frame against its committed suite (`expectations/<suite>.json`) in a
file-backed GX Data Context under `gx_root` (runtime state, git-ignored), and returns a
`GateResult` that names every failed expectation with example values and rows. The loader
commits a batch only when `result.success`; otherwise it calls `quarantine()`.

GX objects (context, datasource, assets, suites, validation definitions, checkpoints) are made
once per process and `gx_root`, and re-synced only when a suite file changes. Each frame has its
own checkpoint: a GX 1.24 Checkpoint passes the same `batch_parameters` to all its validation
definitions, and a dataframe asset takes exactly one `{"dataframe": df}`, so one checkpoint can
validate one frame. The checkpoints of one gate call share one run id.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pilkada.quality import gx_state
from pilkada.quality.actions import (
    SET_ASIDE_COLUMNS,
    WARNING_COLUMNS,
    action_of,
    offending_rows,
    resolve,
    value_text,
)
from pilkada.quality.suites import FRAME_SUITES, STAGED_FRAMES, read_suite, suite_parameters

if TYPE_CHECKING:
    from great_expectations.checkpoint import Checkpoint
    from great_expectations.data_context import AbstractDataContext

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
log = logging.getLogger(__name__)

DATASOURCE = "pilkada_frames"
BATCH_DEFINITION = "whole_frame"
RESULT_FORMAT = {"result_format": "BASIC", "partial_unexpected_count": 20}
N_EXAMPLES = 5
MAX_MESSAGE_LINES = 20
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


@dataclass
class Failure:
    """One failed expectation: where, what, how often, and up to five offending values."""

    suite: str
    expectation_type: str
    column: str | None
    kwargs: dict[str, Any]
    unexpected_count: int | None
    examples: list[Any]
    rule: str | None = None
    notes: str | None = None
    observed: Any = None
    error: str | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)  # up to five offending rows
    action: str = "fail_batch"  # what the gate did: fail_batch | drop_article | warn

    def describe(self, batch_id: str) -> str:
        target = f"{self.expectation_type}({self.column})" if self.column else self.expectation_type
        if self.error:
            detail = f"error: {self.error}"
        elif self.expectation_type == "expect_table_columns_to_match_set":
            detail = f"missing columns {self.examples!r}"
        elif self.unexpected_count is not None:
            plural = "" if self.unexpected_count == 1 else "s"
            detail = f"{self.unexpected_count} unexpected value{plural}: {self.examples!r}"
        else:
            bounds = {k: v for k, v in self.kwargs.items() if k in _BOUND_KWARGS}
            detail = f"observed {self.observed!r}, expected {bounds}"
        rule = f" [{self.rule}]" if self.rule else ""
        return f"batch {batch_id} failed suite {self.suite}: {target}{rule} — {detail}"


_BOUND_KWARGS = ("value", "min_value", "max_value", "column_set", "type_")


@dataclass
class Evaluation:
    """One expectation evaluated (a row of dq_results)."""

    suite: str
    rule: str | None
    expectation_type: str
    column: str | None
    success: bool
    unexpected_count: int | None
    element_count: int | None
    examples: list[Any]
    action: str = "fail_batch"


@dataclass
class GateResult:
    """What the gate decided for one batch; `success` False means: do not load, quarantine.

    When it succeeds, `frames` are what loads: the articles set aside by `drop_article`
    expectations removed from every frame (listed in `set_aside`, one row per article and
    failed expectation), and the values of `warn`/`set_null` expectations set to NULL (listed
    in `warnings`, one row per article and value, with the row-level warnings that kept theirs).
    """

    batch_id: str
    run_id: str
    started_at: dt.datetime
    duration_s: float
    suites: list[str]
    evaluations: list[Evaluation]
    failures: list[Failure]
    gx_results: dict[str, Any]  # suite -> GX ExpectationSuiteValidationResult
    n_rows: dict[str, int] = field(default_factory=dict)  # frame -> rows validated
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    set_aside: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SET_ASIDE_COLUMNS))
    warnings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=WARNING_COLUMNS))

    @property
    def success(self) -> bool:
        return not self.batch_failures

    @property
    def batch_failures(self) -> list[Failure]:
        """The failures that stop the whole batch (action fail_batch)."""
        return [f for f in self.failures if f.action == "fail_batch"]

    @property
    def set_aside_ids(self) -> set[str]:
        return set(self.set_aside["article_id"])

    def message(self) -> str:
        """One line per failed expectation (suite, expectation, offending values)."""
        if self.success:
            aside = len(self.set_aside_ids)
            return (
                f"batch {self.batch_id} passed {len(self.evaluations)} expectations "
                f"in suites {', '.join(self.suites)}"
                + (f"; {aside} article{'s' if aside != 1 else ''} set aside" if aside else "")
                + (f"; {len(self.warnings)} warnings" if len(self.warnings) else "")
            )
        failures = self.batch_failures
        lines = [f.describe(self.batch_id) for f in failures[:MAX_MESSAGE_LINES]]
        if len(failures) > MAX_MESSAGE_LINES:
            lines.append(f"... and {len(failures) - MAX_MESSAGE_LINES} more failures")
        return "\n".join(lines)

    def dq_runs(self) -> pd.DataFrame:
        """One row for the ops table dq_runs."""
        return pd.DataFrame(
            {
                "run_id": [self.run_id],
                "batch_id": [self.batch_id],
                "suite_names": [",".join(self.suites)],
                "success": [self.success],
                "n_expectations": [len(self.evaluations)],
                "n_failed": [sum(not e.success for e in self.evaluations)],
                "started_at": [pd.Timestamp(self.started_at.replace(tzinfo=None))],
                "duration_s": [self.duration_s],
            }
        )

    def dq_results(self) -> pd.DataFrame:
        """One row per expectation evaluated, for the ops table dq_results."""
        rows = [
            {
                "run_id": self.run_id,
                "batch_id": self.batch_id,
                "suite": e.suite,
                "expectation_type": e.expectation_type,
                "column": e.column,
                "success": e.success,
                "unexpected_count": e.unexpected_count,
                "element_count": e.element_count,
                "examples": json.dumps(e.examples, ensure_ascii=False, default=str),
            }
            for e in self.evaluations
        ]
        frame = pd.DataFrame(rows, columns=_DQ_RESULT_COLUMNS)
        for name in ("unexpected_count", "element_count"):
            frame[name] = frame[name].astype("Int64")
        return frame.astype({"success": bool})

    def validation_json(self) -> dict[str, Any]:
        """The raw GX validation results of every suite, JSON-serialisable."""
        return {
            "batch_id": self.batch_id,
            "run_id": self.run_id,
            "success": self.success,
            "started_at": self.started_at.isoformat(),
            "rows": self.n_rows,
            "results": {suite: r.to_json_dict() for suite, r in self.gx_results.items()},
        }


_DQ_RESULT_COLUMNS = [
    "run_id",
    "batch_id",
    "suite",
    "expectation_type",
    "column",
    "success",
    "unexpected_count",
    "element_count",
    "examples",
]


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


def _in_suite_order(results: Iterable[Any], doc: dict[str, Any]) -> list[Any]:
    """GX returns results grouped by how it computed them; list them as the suite file does."""
    order = {exp["meta"]["rule"]: i for i, exp in enumerate(doc["expectations"])}
    return sorted(
        results, key=lambda r: order.get((r.expectation_config.meta or {}).get("rule"), len(order))
    )


def _read_result(
    suite: str, exp_result: Any, frame: pd.DataFrame
) -> tuple[Evaluation, Failure | None]:
    """An Evaluation, and a Failure when the expectation did not pass."""
    config = exp_result.expectation_config
    kwargs = {k: v for k, v in config.kwargs.items() if k != "batch_id"}
    column = _column_label(kwargs)
    result = exp_result.result or {}
    raw_examples = _dedupe(result.get("partial_unexpected_list") or [])[:N_EXAMPLES]
    examples = [_plain(v) for v in raw_examples]
    error = _error_message(exp_result.exception_info)
    unexpected = result.get("unexpected_count")
    if not exp_result.success and unexpected is None and "observed_value" in result:
        observed = result["observed_value"]
        if "column_set" in kwargs and isinstance(observed, list):
            examples = [c for c in kwargs["column_set"] if c not in observed]
        else:
            examples = [_plain(observed)]
    meta = config.meta or {}
    action = action_of(meta)
    evaluation = Evaluation(
        suite=suite,
        rule=meta.get("rule"),
        expectation_type=config.type,
        column=column,
        success=bool(exp_result.success),
        unexpected_count=unexpected,
        element_count=result.get("element_count"),
        examples=examples,
        action=action,
    )
    if exp_result.success:
        return evaluation, None
    failure = Failure(
        suite=suite,
        expectation_type=config.type,
        column=column,
        kwargs=_jsonable(kwargs),
        unexpected_count=None if error else unexpected,
        examples=examples,
        rule=meta.get("rule"),
        notes=config.notes if isinstance(config.notes, str) else None,
        observed=_plain(result.get("observed_value")),
        error=error,
        rows=_example_rows(frame, config.type, kwargs, raw_examples) if not error else [],
        action="fail_batch" if error else action,
    )
    return evaluation, failure


def _column_label(kwargs: Mapping[str, Any]) -> str | None:
    if "column" in kwargs:
        return str(kwargs["column"])
    if "column_list" in kwargs:
        return ",".join(kwargs["column_list"])
    if "column_A" in kwargs:
        return f"{kwargs['column_A']},{kwargs['column_B']}"
    return None


def _error_message(info: Any) -> str | None:
    """The message of an exception GX caught while evaluating an expectation, if any."""
    if not info:
        return None
    items = [info] if "raised_exception" in info else list(info.values())
    for item in items:
        item = item.to_json_dict() if hasattr(item, "to_json_dict") else item
        if isinstance(item, Mapping) and item.get("raised_exception"):
            message = str(item.get("exception_message") or "exception").splitlines()[0]
            return message.removeprefix("Error: ")
    return None


def _example_rows(
    frame: pd.DataFrame, expectation_type: str, kwargs: Mapping[str, Any], examples: list[Any]
) -> list[dict[str, Any]]:
    """Up to five rows of `frame` that hold the offending values."""
    mask: pd.Series | None = None
    if "column" in kwargs and kwargs["column"] in frame:
        column = frame[kwargs["column"]]
        if expectation_type == "expect_column_values_to_not_be_null":
            mask = column.isna()
        elif examples:
            mask = column.isin(examples)
    elif "column_list" in kwargs and examples and isinstance(examples[0], Mapping):
        keys = pd.DataFrame(list(examples)).drop_duplicates()
        cols = [c for c in keys.columns if c in frame]
        hits = frame[cols].reset_index().merge(keys[cols], on=cols)["index"]
        mask = frame.index.isin(hits)
    elif "column_A" in kwargs and examples and isinstance(examples[0], (tuple, list)):
        pairs = set(map(tuple, examples))
        a, b = frame[kwargs["column_A"]], frame[kwargs["column_B"]]
        mask = pd.Series([(x, y) in pairs for x, y in zip(a, b, strict=True)], index=frame.index)
    if mask is None:
        return []
    rows = frame.loc[mask].head(N_EXAMPLES)
    return [{k: _short(_plain(v)) for k, v in row.items()} for row in rows.to_dict("records")]


def _dedupe(values: Iterable[Any]) -> list[Any]:
    seen: list[Any] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def _plain(value: Any) -> Any:
    """A JSON-friendly Python value (dates as ISO strings, numpy scalars unwrapped)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if hasattr(value, "item"):
        return _plain(value.item())
    try:
        return None if pd.isna(value) else str(value)
    except (TypeError, ValueError):
        return str(value)


def _short(value: Any, limit: int = 300) -> Any:
    return value[:limit] + "…" if isinstance(value, str) and len(value) > limit else value


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


class _Runtime:
    """The GX context of one gx_root and its per-frame checkpoints, made once per process."""

    def __init__(self, gx_root: Path) -> None:
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig
        from great_expectations.execution_engine import pandas_execution_engine

        # GX hashes every dataframe under 1 GB into a "pandas_data_fingerprint" batch marker that
        # nothing here reads (3 % of a 100k build); its own size threshold turns that off
        pandas_execution_engine.HASH_THRESHOLD = 0
        self.root = gx_root
        self.lock = threading.RLock()
        gx_root.mkdir(parents=True, exist_ok=True)
        gx_state.atomic_writes()
        gx_state.repair(gx_root)
        self.context: AbstractDataContext = gx.get_context(mode="file", project_root_dir=gx_root)
        if (self.context.variables.progress_bars or {}).get("globally") is not False:
            self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
            self.context.variables.save()
        try:
            self.datasource = self.context.data_sources.get(DATASOURCE)
        except KeyError:
            self.datasource = self.context.data_sources.add_pandas(DATASOURCE)
        self._checkpoints: dict[str, tuple[str, Checkpoint]] = {}

    def run(
        self, frame: str, doc: dict[str, Any], data: pd.DataFrame, parameters: dict, run_id: Any
    ) -> Any:
        """Run the frame's checkpoint; remake it once if another process changed the store."""
        from great_expectations.exceptions import GreatExpectationsError
        from great_expectations.exceptions.resource_freshness import ResourceFreshnessAggregateError

        kwargs = {
            "batch_parameters": {"dataframe": data},
            "expectation_parameters": parameters,
            "run_id": run_id,
        }
        try:
            return self.checkpoint(frame, doc).run(**kwargs)
        except ResourceFreshnessAggregateError:
            # another process (a concurrent or earlier run on the same gx_root) re-saved the
            # suite or checkpoint: this process's cached objects are stale, so make them again
            self._checkpoints.pop(frame, None)
            return self.checkpoint(frame, doc).run(**kwargs)
        except (GreatExpectationsError, ValueError) as exc:
            # a state file damaged since this process opened the context (another process
            # killed mid-write before atomic writes): remove what is damaged, remake, once
            if not gx_state.repair(self.root):
                raise
            log.warning("GX state repaired after %s; validating %s again", exc, frame)
            self._checkpoints.pop(frame, None)
            return self.checkpoint(frame, doc).run(**kwargs)

    def checkpoint(self, frame: str, doc: dict[str, Any]) -> Checkpoint:
        """The checkpoint validating `frame` with suite `doc`; (re)made when the suite changed."""
        fingerprint = json.dumps(doc, sort_keys=True)
        cached = self._checkpoints.get(frame)
        if cached and cached[0] == fingerprint:
            return cached[1]

        import great_expectations as gx
        from great_expectations.core import ExpectationSuite

        if frame in self.datasource.get_asset_names():
            asset = self.datasource.get_asset(frame)
        else:
            asset = self.datasource.add_dataframe_asset(name=frame)
        try:
            batch_definition = asset.get_batch_definition(BATCH_DEFINITION)
        except KeyError:
            batch_definition = asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION)
        suite = self.context.suites.add_or_update(ExpectationSuite(**doc))
        definition = self.context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=f"validate_{frame}", data=batch_definition, suite=suite)
        )
        checkpoint = self.context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=f"gate_{frame}",
                validation_definitions=[definition],
                result_format=RESULT_FORMAT,
            )
        )
        self._checkpoints[frame] = (fingerprint, checkpoint)
        return checkpoint


_RUNTIMES: dict[Path, _Runtime] = {}
_RUNTIMES_LOCK = threading.Lock()


def _runtime(gx_root: Path) -> _Runtime:
    key = Path(gx_root).resolve()
    with _RUNTIMES_LOCK:
        if key not in _RUNTIMES:
            _RUNTIMES[key] = _Runtime(key)
        return _RUNTIMES[key]


def context_for(gx_root: Path) -> AbstractDataContext:
    """The (cached) file-backed GX Data Context of `gx_root`."""
    return _runtime(gx_root).context
