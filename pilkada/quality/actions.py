"""What the gate does with a failed expectation: the `action` in its meta.

    fail_batch    the whole batch is quarantined (a broken pipeline, not a strange article)
    drop_article  the offending articles, with every row they have in every frame, are set aside
                  in the article-level quarantine; the rest of the batch loads
    warn          recorded; the rows load. With meta `set_null: <column>`, the offending values
                  of that column are set to NULL and each one is recorded (field-level doubt)

GX decides which expectations failed and counts the offending rows; `offending_rows` finds those
rows in the frame (GX's BASIC result lists only examples) for the row-level expectation types
the suites use. A failure whose rows cannot be found is handled as `fail_batch`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

ACTIONS = ("warn", "drop_article", "fail_batch")
SET_ASIDE_COLUMNS = [
    "article_id", "source_uri", "suite", "expectation", "column", "value", "reason",
]  # fmt: skip
WARNING_COLUMNS = ["article_id", "suite", "expectation", "column", "value", "action"]
VALUE_CHARS = 200  # an offending value is recorded up to this many characters


def action_of(meta: Mapping[str, Any] | None) -> str:
    """The declared action; an expectation without one stops the batch (the safe default)."""
    action = (meta or {}).get("action", "fail_batch")
    if action not in ACTIONS:
        raise ValueError(f"unknown gate action {action!r}; expected one of {ACTIONS}")
    return action


def resolve(kwargs: Mapping[str, Any], parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Expectation kwargs with every `{"$PARAMETER": name}` replaced by its value."""
    return {
        k: parameters[v["$PARAMETER"]] if isinstance(v, dict) and "$PARAMETER" in v else v
        for k, v in kwargs.items()
    }


def offending_rows(frame: pd.DataFrame, expectation_type: str, kwargs: Mapping[str, Any]) -> Any:
    """A boolean array of the rows that fail a row-level expectation, or None when the type is
    not row-level (table shape, types) or a column is missing."""
    column = kwargs.get("column")
    if column is not None and column not in frame:
        return None
    if expectation_type == "expect_column_values_to_not_be_null":
        return frame[column].isna().to_numpy()
    if column is not None:
        values = frame[column]
        present = values.notna().to_numpy()
        if expectation_type == "expect_column_values_to_be_in_set":
            return present & ~values.isin(list(kwargs["value_set"])).to_numpy()
        if expectation_type == "expect_column_values_to_not_be_in_set":
            return present & values.isin(list(kwargs["value_set"])).to_numpy()
        if expectation_type == "expect_column_values_to_match_regex":
            pattern = re.compile(kwargs["regex"])
            found = np.fromiter(
                (v is None or v != v or bool(pattern.search(str(v))) for v in values),
                dtype=bool,
                count=len(values),
            )
            return present & ~found
        if expectation_type == "expect_column_values_to_be_between":
            return present & _outside(values, kwargs.get("min_value"), kwargs.get("max_value"))
        if expectation_type == "expect_column_values_to_be_unique":
            return present & values.duplicated(keep=False).to_numpy()
    if expectation_type == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = kwargs["column_A"], kwargs["column_B"]
        if a not in frame or b not in frame:
            return None
        left, right = _comparable(frame[a]), _comparable(frame[b])
        both = (frame[a].notna() & frame[b].notna()).to_numpy()
        with np.errstate(invalid="ignore"):
            ok = (left >= right) if kwargs.get("or_equal") else (left > right)
        return both & ~np.asarray(ok, dtype=bool)
    if expectation_type == "expect_compound_columns_to_be_unique":
        names = list(kwargs["column_list"])
        if any(n not in frame for n in names):
            return None
        return frame.duplicated(subset=names, keep=False).to_numpy()
    return None


def _comparable(values: pd.Series) -> np.ndarray:
    """Dates as datetime64, numbers as float: what `<`/`>` compares (NaT/NaN for missing)."""
    if pd.api.types.is_numeric_dtype(values):
        return values.to_numpy(dtype=float, na_value=np.nan)
    return pd.to_datetime(values, errors="coerce").to_numpy()


def _outside(values: pd.Series, low: Any, high: Any) -> np.ndarray:
    """Present values below `low` or above `high` (dates given as ISO strings or dates)."""
    dated = (
        isinstance(low, str) or isinstance(high, str) or not pd.api.types.is_numeric_dtype(values)
    )
    if dated:
        converted = pd.to_datetime(values, errors="coerce")
        bad = converted.isna().to_numpy().copy()  # present but not a date
        if low is not None:
            bad |= (converted < pd.Timestamp(low)).to_numpy()
        if high is not None:
            bad |= (converted > pd.Timestamp(high)).to_numpy()
        return bad
    numbers = pd.to_numeric(values, errors="coerce")
    bad = numbers.isna().to_numpy().copy()
    if low is not None:
        bad |= (numbers < low).to_numpy()
    if high is not None:
        bad |= (numbers > high).to_numpy()
    return bad


def value_text(value: Any) -> str | None:
    """An offending value as the text recorded with it (None stays None)."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return None
    if hasattr(value, "isoformat"):
        text = value.isoformat()
    else:
        text = str(value.item() if hasattr(value, "item") else value)
    return text if len(text) <= VALUE_CHARS else text[:VALUE_CHARS] + "…"
