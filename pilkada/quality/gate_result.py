"""What the gate decided: `Failure` (one failed expectation), `Evaluation` (a row of dq_results)
and `GateResult` (a batch's verdict, its frames to load and its ops rows)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pilkada.quality.actions import (
    SET_ASIDE_COLUMNS,
    WARNING_COLUMNS,
)

MAX_MESSAGE_LINES = 20

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
