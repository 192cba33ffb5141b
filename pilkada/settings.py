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
DEFAULT_BATCH_SIZE = 5000


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
