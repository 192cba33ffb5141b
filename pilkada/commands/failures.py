"""How a command ends on an expected failure: one line on stderr and the exit code it means.

Tracebacks are for the unexpected; `pilkada --debug ...` shows them for the expected too.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from pilkada.errors import ExitCode, PilkadaError, QualityGateFailed

err = Console(stderr=True, highlight=False, soft_wrap=True)
DEBUG = {"on": False}  # set by `pilkada --debug`

def fail(message: str, code: ExitCode) -> None:
    """Print `error: message` on stderr (`warning:` for a run that loaded with items set aside)
    and end the command with `code`."""
    _quiet_prefect()
    label = "[bold yellow]warning:[/]" if code is ExitCode.SET_ASIDE else "[bold red]error:[/]"
    err.print(f"{label} {message}", markup=True)
    raise typer.Exit(int(code))


def _quiet_prefect() -> None:
    """Let Prefect's events and API-log workers finish their queues now (5 s at most each), so
    that what they log while draining at exit ("Still processing items: 1 items remaining...")
    comes before the line that says how the command ended, not after it (seen on a loaded
    machine). Nothing to do when no flow ran in this process."""
    if "prefect.events.worker" not in sys.modules:
        return
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=5)
    EventsWorker.drain_all(timeout=5)


def exit_code_of(exc: BaseException) -> ExitCode | None:
    """The exit code an expected failure means; None for a bug (it keeps its traceback)."""
    from pilkada.load.warehouse_file import (  # only once something failed
        REFUSALS,
        WarehouseError,
    )

    if isinstance(exc, PilkadaError):
        return exc.exit_code
    if isinstance(exc, WarehouseError):
        return ExitCode.WAREHOUSE_BUSY
    if isinstance(exc, OSError) and exc.errno in REFUSALS:  # the machine refused: fix the machine
        return ExitCode.ENVIRONMENT
    if "No space left on device" in str(exc):  # DuckDB's IO errors carry no errno
        return ExitCode.ENVIRONMENT
    if isinstance(exc, (FileNotFoundError, NotADirectoryError, IsADirectoryError, ValueError)):
        return ExitCode.NOTHING_LOADED  # a bad argument: a path that is not there, a bad list
    return None


def one_line(exc: BaseException) -> str:
    """The message of an expected failure on one line, naming the file for an OSError."""
    if isinstance(exc, OSError) and exc.filename and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"quality gate: {text}" if isinstance(exc, QualityGateFailed) else text


@contextmanager
def expected_failures() -> Iterator[None]:
    """Turn expected failures into `error: ...` and their exit code; bugs keep their traceback."""
    try:
        yield
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - sorted into expected and not just below
        code = exit_code_of(exc)
        if code is None:
            raise
        if DEBUG["on"]:
            traceback.print_exception(exc, file=sys.stderr)
        fail(one_line(exc), code)


class _HoldErrors(logging.Filter):
    """Keeps Prefect's error records (a failed flow run and its traceback) off the console."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[logging.Handler, logging.LogRecord]] = []
        self.handler: logging.Handler | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and record.name.startswith("prefect"):
            self.held.append((self.handler, record))
            return False
        return True


@contextmanager
def quiet_prefect_failures() -> Iterator[None]:
    """Hold Prefect's console error logs while a flow runs; show them only if the failure turns
    out unexpected (with --debug, at once). The Prefect server and UI still get every record."""
    from prefect.logging.handlers import APILogHandler

    if DEBUG["on"]:  # everything, as it happens
        yield
        return
    handlers = {
        handler
        for name in ["", *logging.root.manager.loggerDict]
        if name == "" or name.startswith("prefect")
        for handler in getattr(logging.getLogger(name), "handlers", [])
        if not isinstance(handler, APILogHandler)
    }
    filters = []
    for handler in handlers:
        hold = _HoldErrors()
        hold.handler = handler
        handler.addFilter(hold)
        filters.append(hold)
    expected = True
    try:
        yield
    except Exception as exc:
        expected = exit_code_of(exc) is not None
        raise
    finally:
        for hold in filters:
            hold.handler.removeFilter(hold)
        if not expected:
            for hold in filters:
                for handler, record in hold.held:
                    handler.handle(record)
