"""The repository itself: no paths of the machine it was written on."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# an absolute path into a home, a workplace or a user's folder: it only exists on one machine
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|root|home/\w+|Users/\w+)/[\w.-]+")


def tracked_files() -> list[Path]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [REPO / name for name in out.decode().split("\0") if name]


def test_no_machine_paths():
    found = []
    for path in tracked_files():
        if path.suffix in {".png", ".ico", ".woff", ".woff2", ".parquet"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{path.relative_to(REPO)}: {m.group(0)}" for m in MACHINE_PATH.finditer(text)]
    assert not found, "machine paths in the repository:\n" + "\n".join(found)


def test_machine_path_pattern_catches_what_it_should():
    root = "/"  # spelled apart so this file does not hold the paths it looks for
    assert MACHINE_PATH.search(f'SHARED = Path("{root}work/shared")')
    assert MACHINE_PATH.search(f"{root}home/alice/corpus")
    assert not MACHINE_PATH.search("../shared/corpus/dev and /tmp/dev.duckdb")
    assert not MACHINE_PATH.search("$BIN/python $PREFECT_API_URL/work_pools/x")
