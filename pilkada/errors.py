"""How a run or a reader can end: the errors, and the exit code each one gives."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of every `pilkada` command; one meaning each, documented in the README."""

    OK = 0  # everything asked for was done (a run with nothing new included)
    GATE_FAILED = 1  # a batch failed a `fail_batch` expectation and was quarantined whole
    NOTHING_LOADED = 2  # bad arguments or query, or no input could be read: nothing loaded
    SET_ASIDE = 3  # loaded, with some inputs rejected or articles quarantined
    WAREHOUSE_BUSY = 4  # warehouse locked by a build, unreadable, or not a pilkada warehouse
    ENVIRONMENT = 5  # disk full, read-only file or folder, unwritable state folder


class PilkadaError(RuntimeError):
    """An expected failure: one line naming the input and the reason, and its exit code."""

    exit_code: ExitCode = ExitCode.NOTHING_LOADED


class QualityGateFailed(PilkadaError):
    """At least one batch was quarantined; the message names suite, expectation and values."""

    exit_code = ExitCode.GATE_FAILED


class NothingLoaded(PilkadaError):
    """Every input was missing or rejected: the run loaded nothing and did not succeed."""

    exit_code = ExitCode.NOTHING_LOADED


class EnvironmentFailure(PilkadaError):
    """The machine refused: full disk, read-only path, unwritable state folder (path and cause)."""

    exit_code = ExitCode.ENVIRONMENT
