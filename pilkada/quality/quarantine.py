"""Quarantine: a batch the gate stopped, kept on disk with why it was stopped.

    <root>/<batch_id>/<frame>.parquet   the frames as given to the gate (+ batch.parquet summary)
    <root>/<batch_id>/failures.json     the failed expectations, example values and rows
    <root>/<batch_id>/validation.json   the raw GX validation results
    <root>/<batch_id>/reason.txt        GateResult.message()

An existing folder is never overwritten: the batch goes to `<batch_id>-2`, `-3`, ...
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pilkada.quality.gate import batch_summary
from pilkada.quality.gate_result import GateResult


def quarantine(frames: Mapping[str, pd.DataFrame], result: GateResult, root: Path) -> Path:
    """Write the batch and its failed validation under `root`; return the new folder."""
    root.mkdir(parents=True, exist_ok=True)
    folder = _free_folder(root, _safe_name(result.batch_id))
    staging = folder.with_name(f".{folder.name}.partial")
    staging.mkdir()
    for name, frame in frames.items():
        _to_parquet(frame, staging / f"{name}.parquet")
    if "articles" in frames:
        summary = batch_summary(frames, batch_id=result.batch_id)
        summary.to_parquet(staging / "batch.parquet", index=False)
    failures = [asdict(f) for f in result.failures]
    _write_json(staging / "failures.json", failures)
    _write_json(staging / "validation.json", result.validation_json())
    (staging / "reason.txt").write_text(result.message() + "\n", encoding="utf-8")
    staging.rename(folder)  # appears whole or not at all
    return folder


def _to_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame; bad batches may mix types in a column, so fall back to text there."""
    try:
        frame.to_parquet(path, index=False)
    except (pa.ArrowException, TypeError, ValueError):
        mixed = {c: "string" for c in frame.columns if frame[c].dtype == object}
        frame.astype(mixed).to_parquet(path, index=False)


def _free_folder(root: Path, name: str) -> Path:
    folder, n = root / name, 1
    while folder.exists():
        n += 1
        folder = root / f"{name}-{n}"
    return folder


def _safe_name(batch_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in batch_id) or "batch"


def _write_json(path: Path, value: object) -> None:
    text = json.dumps(value, indent=2, ensure_ascii=False, default=str)
    path.write_text(text + "\n", encoding="utf-8")


def quarantine_articles(
    frames: Mapping[str, pd.DataFrame], result: GateResult, root: Path
) -> Path | None:
    """Keep the staged rows of the articles a batch set aside (drop_article) and why, in
    `<root>/articles/<batch_id>/`; None when it set none aside."""
    ids = result.set_aside_ids
    if not ids:
        return None
    parent = root / "articles"
    parent.mkdir(parents=True, exist_ok=True)
    folder = _free_folder(parent, _safe_name(result.batch_id))
    staging = folder.with_name(f".{folder.name}.partial")
    staging.mkdir()
    for name, frame in frames.items():
        if "article_id" in frame:
            _to_parquet(frame.loc[frame["article_id"].isin(ids)], staging / f"{name}.parquet")
    _write_json(staging / "set_aside.json", result.set_aside.to_dict("records"))
    staging.rename(folder)  # appears whole or not at all
    return folder
