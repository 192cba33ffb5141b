"""Where things live, and the process environment Prefect and GX need before they are imported."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SQL_DIR = REPO_DIR / "sql"
EXPECTATIONS_DIR = REPO_DIR / "expectations"
LEXICON_DIR = PACKAGE_DIR / "lexicons"

DEFAULT_ARTICLES = "data/raw/articles"
DEFAULT_WAREHOUSE = "data/warehouse/pilkada.duckdb"
# Articles per batch when none is asked for: at least two batches, so extraction of one overlaps
# the gate and load of the other, and at most this many (a gate call costs ~1-2 s whatever its
# size; peak memory grows with it).
DEFAULT_BATCH_SIZE = 10_000
MIN_AUTO_BATCH = 1_000


def batch_size_for(n_inputs: int, requested: int | None = None) -> int:
    """The batch size of a run: the one asked for, else half the inputs within the bounds."""
    if requested:
        return requested
    return min(DEFAULT_BATCH_SIZE, max(MIN_AUTO_BATCH, -(-n_inputs // 2)))


# Batches a build loads between two publishes of the warehouse for readers (each publish copies
# the whole file: see the README's "Reading during a build"); 0 publishes only at the end.
DEFAULT_PUBLISH_EVERY = 5
DEFAULT_KEEP_RUNS = 3


def publish_every() -> int:
    """Batches between publishes during a build: $PILKADA_PUBLISH_EVERY, else 5 (0: at the end)."""
    return int(os.environ.get("PILKADA_PUBLISH_EVERY", DEFAULT_PUBLISH_EVERY))


def keep_runs() -> int:
    """Run-ending published states kept in `<warehouse>.history/`: $PILKADA_KEEP_RUNS, else 3."""
    return int(os.environ.get("PILKADA_KEEP_RUNS", DEFAULT_KEEP_RUNS))


def build_niceness() -> int:
    """CPU niceness of a build and its pool: $PILKADA_BUILD_NICE, else 10. Readers (`pilkada
    sql`, reports, notebooks) then get the CPU first on a busy machine; an idle one runs the
    build as fast as before (niceness only orders who waits)."""
    return int(os.environ.get("PILKADA_BUILD_NICE", "10"))


def retry_delays() -> list[float]:
    """Seconds between I/O retries: $PILKADA_RETRY_DELAYS (comma-separated), else 2, 5, 15."""
    raw = os.environ.get("PILKADA_RETRY_DELAYS", "2,5,15")
    return [float(x) for x in raw.split(",") if x.strip()]


def fetch_timeout() -> float:
    """Seconds a fetch may wait to connect or between reads: $PILKADA_FETCH_TIMEOUT, else 10."""
    return float(os.environ.get("PILKADA_FETCH_TIMEOUT", "10"))


def project_home() -> Path:
    """The folder runtime state goes under: $PILKADA_HOME, else the current directory."""
    return Path(os.environ.get("PILKADA_HOME") or Path.cwd()).resolve()


def configure_environment() -> None:
    """Keep Prefect and GX state inside the project and off the network (call before import)."""
    home = project_home()
    os.environ.setdefault("PREFECT_HOME", str(home / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # the temporary API server needs longer than Prefect's default 20 s on a busy 2-core machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_DATABASE_TIMEOUT", "60")  # SQLite busy wait under load
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("DO_NOT_TRACK", "1")
