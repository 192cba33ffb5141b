"""The runs log: one JSON line per build run beside the warehouse (`<warehouse>.runs.jsonl`).

Every run leaves a line, also one that loaded nothing and so published nothing (unchanged
inputs, all rejected, a gate that failed first, a busy warehouse). Lines are appended whole and
fsynced; a partial line (a killed run) is skipped by readers; the last `runs_log_keep()` lines
are kept. Writing it never touches the warehouse file, so no publish and no history state.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from pilkada.errors import ExitCode, NothingLoaded, PilkadaError, QualityGateFailed
from pilkada.settings import runs_log_keep

OUTCOMES = ("loaded", "nothing new", "nothing loaded", "gate failed", "set aside", "busy", "error")


def log_path(warehouse: str | Path) -> Path:
    """`<warehouse>.runs.jsonl`, beside the published file."""
    path = Path(warehouse)
    return path.with_name(f"{path.name}.runs.jsonl")


def outcome_of(summary: dict | None, error: BaseException | None) -> tuple[str, int]:
    """A run's outcome (one of OUTCOMES) and exit code, from its summary or its exception."""
    if error is not None:
        code = int(getattr(error, "exit_code", ExitCode.NOTHING_LOADED))
        if isinstance(error, QualityGateFailed):
            return "gate failed", code
        if isinstance(error, NothingLoaded):
            return "nothing loaded", code
        if code == ExitCode.WAREHOUSE_BUSY:
            return "busy", code
        return "error", code if isinstance(error, PilkadaError) else int(ExitCode.GATE_FAILED)
    from pilkada.commands.outcome import run_outcome

    code, _ = run_outcome(summary or {})
    if code is ExitCode.SET_ASIDE:
        return "set aside", int(code)
    if code is ExitCode.NOTHING_LOADED:
        return "nothing loaded", int(code)
    return ("nothing new" if (summary or {}).get("nothing_new") else "loaded"), int(code)


def record(
    warehouse: str | Path, run_id: str, started: dt.datetime, summary: dict | None,
    error: BaseException | None,
) -> dict:
    """Append the run's line (times UTC, naive ISO like the warehouse's); returns it."""
    outcome, code = outcome_of(summary, error)
    summary = summary or getattr(error, "summary", None) or {}
    batches = summary.get("batches", [])
    line = {
        "run_id": run_id,
        "started": started.isoformat(timespec="microseconds"),  # orders runs of one second
        "finished": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
        "outcome": outcome,
        "exit_code": code,
        "batches": sum(1 for b in batches if not b["batch_id"].endswith("-official")),
        "loaded": sum(b["n_articles"] for b in batches if b["status"] == "loaded"),
        "unchanged": summary.get("unchanged", 0),
        "rejected": summary.get("rejected_before_reading", 0)
        + sum(b.get("n_rejected", 0) for b in batches),
        "set_aside": summary.get("set_aside", 0),
        "message": "" if error is None else str(error).splitlines()[0][:300] if str(error) else "",
    }
    append(log_path(warehouse), line)
    return line


def append(path: Path, line: dict, keep: int | None = None) -> None:
    """Append one whole line (a single write, flushed and fsynced), then keep the last `keep`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        if os.fstat(fd).st_size and not _ends_with_newline(fd):
            data = b"\n" + data  # a killed run's partial line stays alone on its line
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    _trim(path, runs_log_keep() if keep is None else keep)


def _ends_with_newline(fd: int) -> bool:
    return os.pread(fd, 1, os.fstat(fd).st_size - 1) == b"\n"


def _trim(path: Path, keep: int) -> None:
    """Rewrite the log with its last `keep` lines (temp file, fsync, atomic rename)."""
    lines = path.read_bytes().splitlines(keepends=True)
    if len(lines) <= keep:
        return
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as out:
        out.writelines(lines[-keep:])
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


def read(warehouse: str | Path) -> list[dict]:
    """The log's runs, oldest first; lines that are not whole JSON objects are skipped."""
    path = log_path(warehouse)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    runs = []
    for text in raw.splitlines():
        try:
            line = json.loads(text)
        except ValueError:
            continue
        if isinstance(line, dict) and isinstance(line.get("run_id"), str):
            runs.append(line)
    return runs
