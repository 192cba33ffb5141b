"""GX validation results read back into `Evaluation`s and `Failure`s: counts, example values
and rows, in the suite file's order."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from pilkada.quality.actions import action_of
from pilkada.quality.gate_result import Evaluation, Failure

N_EXAMPLES = 5


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
