"""The committed Great Expectations suites in `expectations/`: read, never rewritten.

One suite per frame the gate validates. The files are written by `scripts/write_suites.py`;
loading only reads them (the GX context keeps its own runtime copy under `data/gx/`).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pilkada import settings

if TYPE_CHECKING:
    from great_expectations.core import ExpectationSuite

# frame name (key of the gate's `frames`) -> suite name (file stem in expectations/)
FRAME_SUITES: dict[str, str] = {
    "regions": "official_regions",
    "articles": "staged_articles",
    "meeting_reports": "staged_meeting_reports",
    "meeting_regions": "staged_meeting_regions",
    "participants": "staged_participants",
    "directives": "staged_directives",
    "batch": "batch",
}
STAGED_FRAMES = ("articles", "meeting_reports", "meeting_regions", "participants", "directives")


def suite_path(name: str, directory: Path | None = None) -> Path:
    """The file of suite `name`: in `directory`, else in settings.expectations_dir()."""
    return (directory or settings.expectations_dir()) / f"{name}.json"


@cache
def _read(path: Path, mtime_ns: int) -> str:
    return path.read_text(encoding="utf-8")


def read_suite(name: str, directory: Path | None = None) -> dict[str, Any]:
    """The suite document as committed (a fresh dict on every call)."""
    path = suite_path(name, directory)
    if not path.exists():
        raise FileNotFoundError(f"no expectation suite {name!r} at {path}")
    return json.loads(_read(path, path.stat().st_mtime_ns))


def load_suite(name: str, directory: Path | None = None) -> ExpectationSuite:
    """The committed suite as a GX ExpectationSuite (not yet added to any context)."""
    from great_expectations.core import ExpectationSuite

    return ExpectationSuite(**read_suite(name, directory))


def suite_parameters(doc: dict[str, Any]) -> dict[str, list[str]]:
    """Suite parameter name -> the columns whose expectations use it (`{"$PARAMETER": name}`)."""
    found: dict[str, list[str]] = {}
    for exp in doc["expectations"]:
        for value in exp["kwargs"].values():
            if isinstance(value, dict) and "$PARAMETER" in value:
                column = exp["kwargs"].get("column")
                found.setdefault(value["$PARAMETER"], [])
                if column and column not in found[value["$PARAMETER"]]:
                    found[value["$PARAMETER"]].append(column)
    return found


def suites_version(directory: Path | None = None) -> str:
    """A fingerprint of the committed suites (12 hex chars of sha256 over every suite file):
    when it changes, articles quarantined under the old suites are tried again."""
    digest = hashlib.sha256()
    for name in sorted(set(FRAME_SUITES.values())):
        path = suite_path(name, directory)
        digest.update(name.encode() + b"\0" + _read(path, path.stat().st_mtime_ns).encode())
    return digest.hexdigest()[:12]
