"""The GX context of one `gx_root` and its per-frame checkpoints, made once per process.

Each frame has its own checkpoint: a GX 1.24 Checkpoint passes the same `batch_parameters` to all
its validation definitions, and a dataframe asset takes exactly one `{"dataframe": df}`, so one
checkpoint can validate one frame. They are re-synced only when a suite file changes.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from pilkada.quality import gx_state

if TYPE_CHECKING:
    from great_expectations.checkpoint import Checkpoint
    from great_expectations.data_context import AbstractDataContext

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # GX's own variable (see settings.py)
log = logging.getLogger(__name__)

DATASOURCE = "pilkada_frames"
BATCH_DEFINITION = "whole_frame"
RESULT_FORMAT = {"result_format": "BASIC", "partial_unexpected_count": 20}


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
