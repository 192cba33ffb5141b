"""Shared fixtures: isolated Prefect/GX state per test session, sample and shared corpora."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
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
os.environ.setdefault("PILKADA_RETRY_DELAYS", "0")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_SERVER_DATABASE_TIMEOUT", "60")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# One real Prefect server for the whole session (flows in this process and in subprocesses use
# it), started by the `prefect_server` fixture the first time a test needs it.
_PORT = _free_port()
os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{_PORT}/api"
_server: subprocess.Popen | None = None


@pytest.fixture(scope="session")
def prefect_server() -> str:
    """Start `prefect server start` on loopback and wait until it answers."""
    global _server
    url = os.environ["PREFECT_API_URL"]
    log = (_STATE / "prefect-server.log").open("w")
    _server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
         "--port", str(_PORT)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return url
        except OSError:
            time.sleep(0.5)
        if _server.poll() is not None:
            break
    raise RuntimeError(f"Prefect server did not start; see {log.name}")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared exists only on the developers' machines)")
    return path


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def official_dir() -> Path:
    return shared_path("data", "official")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("corpus", "seeds")


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    return shared_path("corpus", "dev")


@pytest.fixture
def warehouse(tmp_path: Path, prefect_server: str) -> Path:
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
    if _server is not None and _server.poll() is None:
        _server.terminate()
        try:
            _server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _server.kill()
    shutil.rmtree(_STATE, ignore_errors=True)
