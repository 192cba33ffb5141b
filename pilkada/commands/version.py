"""`pilkada --version`: this package's version and the versions a bug report needs."""

from __future__ import annotations

from importlib import metadata

PARTS = ("duckdb", "prefect", "great-expectations")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def version_line() -> str:
    """`pilkada-warehouse 0.1.0 (duckdb 1.5.6, prefect 3.8.8, great-expectations 1.24.1)`."""
    parts = ", ".join(f"{name} {_version(name)}" for name in PARTS)
    return f"pilkada-warehouse {_version('pilkada-warehouse')} ({parts})"
