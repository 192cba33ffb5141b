"""Where things live, and every setting read from the environment.

This is the one module of the package that reads `os.environ`: each PILKADA_* variable has a
function here, read at call time (a test that sets a variable sees it at once). The README's
"Settings" table lists them. Variables that third-party libraries read themselves (PREFECT_*,
GX_ANALYTICS_ENABLED, DO_NOT_TRACK) are given their defaults in `configure_environment` and
otherwise left to those libraries. `scripts/serve.sh` reads its own PILKADA_PREFECT_PORT,
PILKADA_PREFECT_HOME, PILKADA_SERVE_DIR and PILKADA_SERVE_TIMEOUT (a shell script).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SQL_DIR = REPO_DIR / "sql"
EXPECTATIONS_DIR = REPO_DIR / "expectations"  # the committed suites; see expectations_dir()
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


def pure_python() -> bool:
    """$PILKADA_PURE_PYTHON set (not empty, not 0): run the extractor as plain Python even when a
    compiled build is installed (`pilkada.extract.compiled`; also read by setup.py)."""
    return os.environ.get("PILKADA_PURE_PYTHON", "") not in ("", "0")


def publish_every() -> int:
    """Batches between publishes during a build: $PILKADA_PUBLISH_EVERY, else 5 (0: at the end)."""
    return int(os.environ.get("PILKADA_PUBLISH_EVERY", DEFAULT_PUBLISH_EVERY))


def keep_runs() -> int:
    """Run-ending published states kept in `<warehouse>.history/`: $PILKADA_KEEP_RUNS, else 3."""
    return int(os.environ.get("PILKADA_KEEP_RUNS", DEFAULT_KEEP_RUNS))


DEFAULT_RUNS_LOG_KEEP = 1000


def runs_log_keep() -> int:
    """Lines kept in `<warehouse>.runs.jsonl`, one per build run: $PILKADA_RUNS_LOG_KEEP, else
    1000."""
    return max(1, int(os.environ.get("PILKADA_RUNS_LOG_KEEP", DEFAULT_RUNS_LOG_KEEP)))


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
    """Seconds a fetch may wait to connect or for a read: $PILKADA_FETCH_TIMEOUT, else 10; a
    whole fetch (connect, headers, body) is cut at three times this."""
    return float(os.environ.get("PILKADA_FETCH_TIMEOUT", "10"))


def fetch_concurrency() -> int:
    """Pages fetched at once in a batch: $PILKADA_FETCH_CONCURRENCY, else 8."""
    return max(1, int(os.environ.get("PILKADA_FETCH_CONCURRENCY", "8")))


def fetch_per_host() -> int:
    """Pages fetched at once from one host: $PILKADA_FETCH_PER_HOST, else 2."""
    return max(1, int(os.environ.get("PILKADA_FETCH_PER_HOST", "2")))


def workers() -> int:
    """Extraction processes: $PILKADA_WORKERS, else the number of cores (1: no pool)."""
    return max(1, int(os.environ.get("PILKADA_WORKERS") or os.cpu_count() or 1))


def set_workers(n: int) -> None:
    """Set $PILKADA_WORKERS for this process and those it starts (Dask's workers)."""
    os.environ["PILKADA_WORKERS"] = str(n)


def writer_memory() -> str:
    """DuckDB's memory limit of the build's connection: $PILKADA_DUCKDB_MEMORY, else 128MB."""
    return os.environ.get("PILKADA_DUCKDB_MEMORY", "128MB")


def writer_checkpoint() -> str:
    """WAL size at which the build's DuckDB checkpoints: $PILKADA_DUCKDB_CHECKPOINT, else 256MB."""
    return os.environ.get("PILKADA_DUCKDB_CHECKPOINT", "256MB")


def writer_threads() -> int:
    """DuckDB threads of the build's connection: $PILKADA_DUCKDB_THREADS, else 1."""
    return int(os.environ.get("PILKADA_DUCKDB_THREADS", "1"))


def idle_pool_threads() -> int:
    """DuckDB threads of the build's connection once the extraction pool is idle (the checkpoint
    after the last batch): as many as the pool has processes, at least `writer_threads()`."""
    return max(writer_threads(), workers())


def reader_memory() -> str:
    """DuckDB's memory limit of a read-only connection (`pilkada sql`, export, status, reports):
    $PILKADA_SQL_MEMORY, else 512MB."""
    return os.environ.get("PILKADA_SQL_MEMORY", "512MB")


def sql_timeout() -> float:
    """Default seconds a `pilkada sql` query may run: $PILKADA_SQL_TIMEOUT, else 300 (0: none)."""
    return float(os.environ.get("PILKADA_SQL_TIMEOUT", "300"))


def gx_root_override() -> Path | None:
    """$PILKADA_GX_ROOT: where GX keeps its runtime state, if not beside the warehouse."""
    value = os.environ.get("PILKADA_GX_ROOT")
    return Path(value) if value else None


def expectations_dir() -> Path:
    """The suites' folder: $PILKADA_EXPECTATIONS_DIR, else the committed `expectations/`."""
    return Path(os.environ.get("PILKADA_EXPECTATIONS_DIR") or EXPECTATIONS_DIR)


def fault_spec() -> str:
    """$PILKADA_FAULT, the crash tests' fault injection (`kill@load:2`); empty outside tests."""
    return os.environ.get("PILKADA_FAULT", "")


def project_home() -> Path:
    """The folder runtime state goes under: $PILKADA_HOME, else the current directory."""
    return Path(os.environ.get("PILKADA_HOME") or Path.cwd()).resolve()


def check_state_folder(name: str = "PREFECT_HOME") -> None:
    """Fail with one line (`EnvironmentFailure`) when the state folder in $`name` cannot be
    written, before Prefect fails on it with a long traceback."""
    import tempfile

    from pilkada.errors import EnvironmentFailure

    folder = Path(os.environ.get(name) or project_home() / ".prefect")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise EnvironmentFailure(f"{folder}: {name} is not a writable folder ({reason})") from exc


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


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def follow_symlinks() -> bool:
    """$PILKADA_FOLLOW_SYMLINKS: follow symbolic links out of an input folder (default: no)."""
    return _flag("PILKADA_FOLLOW_SYMLINKS")


def allow_private_hosts() -> bool:
    """$PILKADA_ALLOW_PRIVATE_HOSTS: let redirects and feed entries reach loopback, link-local
    and private addresses (default: only the host of a URL you named yourself)."""
    return _flag("PILKADA_ALLOW_PRIVATE_HOSTS")
