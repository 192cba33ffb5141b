"""GX's runtime state under `data/gx`, crash-safe: written atomically, checked at start.

GX rewrites its checkpoint, suite and validation-definition JSON in place on every run, and
stores each validation result as a new JSON file. A kill or a full disk in the middle of such a
write used to leave a file that made every later run fail ("... found, but it is not a
Checkpoint") and every later `pilkada report` fail on the half-written result. Here:

- `atomic_writes()` makes GX's file store write to a temporary file, fsync it and rename it
  over the old one, so a file is old or new, never half-written;
- `repair(gx_root)` removes damaged files before the context is opened: the checkpoint, suite,
  validation-definition and datasource configuration are rebuilt from the committed suites by
  the gate, a damaged validation result is dropped (the gate's results are also in dq_results).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

CONFIG_STORES = ("checkpoints", "expectations", "validation_definitions")
RESULT_STORE = "uncommitted/validations"
PROJECT_FILE = "great_expectations.yml"
BACKEND_ID = ".ge_store_backend_id"

_patched = False


def atomic_writes() -> None:
    """Make GX's filesystem store write each file atomically (once per process)."""
    global _patched
    if _patched:
        return
    from great_expectations.data_context.store.tuple_store_backend import (
        TupleFilesystemStoreBackend,
    )

    def _set(self, key, value, **kwargs):  # noqa: ARG001 - GX's signature
        if not isinstance(key, tuple):
            key = key.to_tuple()
        path = Path(self.full_base_directory) / self._convert_key_to_filepath(key)
        write_atomic(path, value.encode("utf-8") if isinstance(value, str) else value)
        return str(path)

    TupleFilesystemStoreBackend._set = _set
    _patched = True


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, fsync it, rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def repair(gx_root: Path) -> list[Path]:
    """Remove damaged GX state files under `gx_root` (the gate rebuilds them); return them."""
    project = Path(gx_root) / "gx"
    if not project.is_dir():
        return []
    damaged: list[Path] = []
    config = project / PROJECT_FILE
    if config.exists() and not _yaml_ok(config):
        damaged.append(config)
    for store in CONFIG_STORES:
        for path in (project / store).glob("*.json"):
            if not _json_ok(path):
                damaged.append(path)
    for store in (*CONFIG_STORES, RESULT_STORE):
        marker = project / store / BACKEND_ID
        if marker.exists() and "store_backend_id" not in _text(marker):
            damaged.append(marker)
    results = project / RESULT_STORE
    if results.is_dir():
        damaged += [p for p in results.rglob("*.json") if not _looks_whole(p)]
    damaged += list(project.rglob(".*.tmp"))  # left by a write that was killed
    for path in damaged:
        log.warning("GX state %s was damaged (an interrupted write?); rebuilding it", path)
        path.unlink(missing_ok=True)
    return damaged


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _json_ok(path: Path) -> bool:
    try:
        return isinstance(json.loads(_text(path) or "null"), dict)
    except ValueError:
        return False


def _yaml_ok(path: Path) -> bool:
    try:
        return isinstance(yaml.safe_load(_text(path)), dict)
    except yaml.YAMLError:
        return False


def _looks_whole(path: Path) -> bool:
    """A stored validation result that was written to its end (checked cheaply: there may be
    thousands): a JSON object whose last character closes it."""
    try:
        size = path.stat().st_size
        if size < 2:
            return False
        with path.open("rb") as handle:
            head = handle.read(1)
            handle.seek(max(0, size - 64))
            tail = handle.read().rstrip()
    except OSError:
        return False
    return head == b"{" and tail.endswith(b"}")
