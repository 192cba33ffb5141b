"""Which extraction modules run compiled (mypyc), and a guard against compiled code older than
its source.

`setup.py` compiles `COMPILED_MODULES` in place and records the digest of their sources in
`_compiled.json`. On import, `pilkada.extract` calls `use_source_if_stale()`: when a compiled
module's source has changed since (an edit, a checkout) or $PILKADA_PURE_PYTHON is set, every
compiled module is imported from its `.py` instead, so the code that runs is the code you read.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.util
import json
import sys
import warnings
from importlib.machinery import ModuleSpec
from pathlib import Path

from pilkada.settings import pure_python

COMPILED_MODULES = (
    "phrases", "document", "sentences", "participants", "names", "places", "regions",
    "meeting", "directives", "dates", "classify", "clean", "extractor", "gazetteer",
)  # fmt: skip
PACKAGE = "pilkada.extract"
HERE = Path(__file__).resolve().parent
MARKER = "_compiled.json"  # in the package folder, written by setup.py


def source_digest(folder: Path = HERE) -> str:
    """sha256 of the compiled modules' sources, in order."""
    digest = hashlib.sha256()
    for name in COMPILED_MODULES:
        digest.update(name.encode() + b"\0" + (folder / f"{name}.py").read_bytes() + b"\0")
    return digest.hexdigest()


def status(folder: Path = HERE) -> str:
    """"compiled" (current), "stale" (compiled from other sources), "off" ($PILKADA_PURE_PYTHON)
    or "absent" (plain Python: no compiler, or installed without one)."""
    if not any(p.suffix in (".so", ".pyd") for p in folder.iterdir()):
        return "absent"
    if pure_python():
        return "off"
    try:
        recorded = json.loads((folder / MARKER).read_text())["digest"]
    except (OSError, ValueError, KeyError):
        return "stale"
    return "compiled" if recorded == source_digest(folder) else "stale"


class _FromSource(importlib.abc.MetaPathFinder):
    """Finds the compiled modules' `.py` files before the import system finds their `.so`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def find_spec(self, fullname: str, path: object = None, target: object = None
                  ) -> ModuleSpec | None:  # fmt: skip
        package, _, name = fullname.rpartition(".")
        if package != PACKAGE or name not in COMPILED_MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, self.folder / f"{name}.py")


def use_source_if_stale(folder: Path = HERE) -> str:
    """Import the compiled modules from source unless their compiled build is current (with a
    warning when it is stale); returns the `status`."""
    state = status(folder)
    if state in ("stale", "off") and not any(isinstance(f, _FromSource) for f in sys.meta_path):
        if state == "stale":
            warnings.warn(
                f"{PACKAGE}: the compiled modules were built from other sources; running them "
                "as plain Python (slower). Rebuild with `make` (or `pip install -e .`).",
                RuntimeWarning,
                stacklevel=2,
            )
        sys.meta_path.insert(0, _FromSource(folder))
    return state


def write_marker(folder: Path = HERE) -> None:
    """Record the digest of the sources being compiled (setup.py)."""
    (folder / MARKER).write_text(json.dumps({"digest": source_digest(folder)}) + "\n")
