"""Times as readers see them: the warehouse stores UTC (naive timestamps); the report, `pilkada
status`, `runs` and `rejected` show Asia/Jakarta (WIB), the zone of the deployments' schedules."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Asia/Jakarta")
ZONE_LABEL = "Asia/Jakarta, WIB = UTC+7"


def local_time(value: Any, *, seconds: bool = False) -> str:
    """A stored time (naive = UTC) in Asia/Jakarta with the zone named: `2024-10-02 16:00 WIB`;
    '' for None. Imports pandas only for a value that is not a datetime."""
    if value is None:
        return ""
    if not isinstance(value, dt.datetime):
        import pandas as pd

        value = pd.Timestamp(value).to_pydatetime()
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    fmt = "%Y-%m-%d %H:%M:%S %Z" if seconds else "%Y-%m-%d %H:%M %Z"
    return value.astimezone(ZONE).strftime(fmt)
