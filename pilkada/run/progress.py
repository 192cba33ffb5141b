"""Progress for long work: a rich bar on a terminal, nothing when not wanted."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class BatchProgress:
    """Counts inputs done across batches and shows the last batch's outcome."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.enabled = enabled and total > 0
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[last]}"),
        )
        self._task = self._progress.add_task("articles", total=total, last="")

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            self._progress.start()
        return self

    def advance(self, n: int, outcome: Any) -> None:
        """Mark `n` inputs done; show the batch's status."""
        self._progress.update(
            self._task, advance=n, last=f"{outcome.batch_id[-5:]} {outcome.status}"
        )

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.enabled:
            self._progress.stop()
