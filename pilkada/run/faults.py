"""Fault injection for the crash tests: `PILKADA_FAULT=kill@load:2` SIGKILLs this process the
second time it reaches the `load` point (inside the batch transaction, before COMMIT);
`sleep@load:1:5` sleeps 5 s there instead. Unset (always, outside tests), it does nothing."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter

_reached: Counter[str] = Counter()


def checkpoint(point: str) -> None:
    """Mark that `point` was reached; act if PILKADA_FAULT names it."""
    spec = os.environ.get("PILKADA_FAULT")
    if not spec:
        return
    _reached[point] += 1
    action, _, where = spec.partition("@")
    name, _, rest = where.partition(":")
    nth, _, arg = rest.partition(":")
    if name != point or _reached[point] != int(nth or 1):
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "sleep":
        time.sleep(float(arg or 5))
