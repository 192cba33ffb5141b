"""Shared fixtures: isolated Prefect/GX state per test session, sample and shared corpora."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "data" / "raw" / "articles"

_STATE = Path(tempfile.mkdtemp(prefix="pilkada-tests-"))
os.environ["PREFECT_HOME"] = str(_STATE / "prefect")
os.environ["PILKADA_GX_ROOT"] = str(_STATE / "gx")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared exists only on the developers' machines)")
    return path


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture
def official_dir() -> Path:
    return shared_path("data", "official")


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("corpus", "seeds")


@pytest.fixture
def dev_dir() -> Path:
    return shared_path("corpus", "dev")


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """A warehouse path in its own folder (quarantine and GX state land beside it)."""
    folder = tmp_path / "data" / "warehouse"
    folder.mkdir(parents=True)
    return folder / "test.duckdb"


@pytest.fixture
def article_dir(tmp_path: Path):
    """Make a folder of articles from {name: text}."""

    def make(files: dict[str, str | bytes], name: str = "articles") -> Path:
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        for file, content in files.items():
            path = folder / file
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return make


def pytest_sessionfinish(session, exitstatus):  # noqa: ARG001 - pytest hook signature
    shutil.rmtree(_STATE, ignore_errors=True)
