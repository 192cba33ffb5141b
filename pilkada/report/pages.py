"""The readable summary of the warehouse: one self-contained HTML page beside the GX Data Docs.

This module renders and writes the pages (`build_report`); `collect.py` reads what they show and
`charts.py` draws the charts.

Counts, meetings per month and per province, topic shares and participant kinds (inline SVG
charts drawn with matplotlib's Agg canvas), the latest meetings, the validation status of the
quality gate, quarantined batches and rejected inputs. Each latest meeting has its own page
(`meetings/<meeting_id>.html`): its articles with their source links, and the evidence sentence
of every region, participant and directive they state. Times are shown in Asia/Jakarta (WIB).
Queries live in `sql/report/`, one per file, and run on a read-only connection. The pages load
nothing from the network.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import jinja2
import pandas as pd

from pilkada import vocabularies
from pilkada.report import collect as collected
from pilkada.report.charts import (
    TOP_PROVINCES,
    TOPIC_LABELS,
    kind_chart,
    month_chart,
    province_chart,
    topic_chart,
)
from pilkada.report.collect import (  # check_warehouse: flows/report.py imports it from here
    _check_warehouse,
    _records,
    check_warehouse,  # noqa: F401
    collect,
    collect_meetings,
)
from pilkada.report.times import local_time
from pilkada.sqlguard import connect_readonly

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE = "report.html.j2"
MEETING_TEMPLATE = "meeting.html.j2"
MEETINGS_DIR = "meetings"  # the meeting pages, inside the report folder
MODE_LABELS = vocabularies.labels("mode")


class Steps:
    """Progress of the report on stderr: a line as each step starts, the times at the end."""

    def __init__(self, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream
        self.started = time.perf_counter()
        self.times: list[tuple[str, float]] = []

    def say(self, message: str) -> None:
        """One line on stderr (when enabled)."""
        if self.enabled:
            stream = self.stream or sys.stderr  # not print(): a flow's log_prints takes it over
            stream.write(f"report: {message}\n")
            stream.flush()

    @contextmanager
    def step(self, message: str, short: str) -> Iterator[None]:
        """Announce `message`, time the block under the name `short`."""
        self.say(f"{message} ...")
        start = time.perf_counter()
        try:
            yield
        finally:
            self.times.append((short, time.perf_counter() - start))

    def done(self, what: str) -> None:
        """The last line: what was written, the total and each step's seconds."""
        parts = ", ".join(f"{name} {secs:.1f} s" for name, secs in self.times)
        total = time.perf_counter() - self.started
        self.say(f"wrote {what} in {total:.1f} s ({parts})")



def _fmt_date(value: Any) -> str:
    if value is None:
        return "undated"
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _fmt_time(value: Any) -> str:
    """A stored time (naive = UTC, as the warehouse keeps them) in Asia/Jakarta, zone named."""
    return local_time(value)


def _fmt_examples(value: Any, limit: int = 240) -> str:
    """dq_results.examples (a JSON list) as `a, b, c`, cut to `limit` characters."""
    if value is None:
        return ""
    try:
        items = json.loads(value)
    except (TypeError, ValueError):
        text = str(value)
    else:
        items = items if isinstance(items, list) else [items]
        text = ", ".join(json.dumps(v, ensure_ascii=False, default=str) for v in items)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt_int(value: Any) -> str:
    return "" if value is None else f"{int(value):,}"


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        date=_fmt_date,
        examples=_fmt_examples,
        time=_fmt_time,
        int=_fmt_int,
        mode=lambda m: MODE_LABELS.get(m, m or ""),
        topic=lambda t: TOPIC_LABELS.get(t, t or ""),
    )
    return env


def render(
    data: dict[str, Any],
    *,
    warehouse: Path,
    generated: dt.datetime,
    data_docs_href: str | None = None,
    validation_pages: dict[str, dict[str, str]] | None = None,
) -> str:
    """The report page for collected data."""
    per_month: pd.DataFrame = data["per_month"]
    months = _records(per_month.dropna(subset=["month"]))
    undated = int(per_month.loc[per_month["month"].isna(), "meetings"].sum())
    charts = {
        "month": month_chart(per_month),
        "province": province_chart(data["per_province"]),
        "topic": topic_chart(data["topics"]),
        "kind": kind_chart(data["kinds"]),
    }
    dq_latest = data["dq_latest"]
    status = "pass" if all(r["success"] for r in dq_latest) else "fail"
    if not dq_latest:
        status = "none"
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            counts=data["counts"],
            charts=charts,
            undated=undated,
            months=months,
            n_provinces=len(data["per_province"]),
            top_provinces=TOP_PROVINCES,
            latest_meetings=data["latest_meetings"],
            dq_status=status,
            dq_latest=dq_latest,
            dq_failed=data["dq_failed"],
            dq_recent=data["dq_recent"],
            quarantined=data["quarantined"],
            rejected=data["rejected"],
            set_aside=data.get("set_aside", []),
            set_aside_per_day=data.get("set_aside_per_day", []),
            warehouse=warehouse.name,
            data_docs_href=data_docs_href,
            pages=validation_pages or {},
            generated=_fmt_time(generated),
            meetings_dir=MEETINGS_DIR,
        )
    )


def _href(target: Path, out_dir: Path) -> str:
    """`target` as a link relative to the report folder."""
    return Path(os.path.relpath(target.resolve(), out_dir.resolve())).as_posix()


def find_validation_pages(data_docs_index: Path, out_dir: Path) -> dict[str, dict[str, str]]:
    """Data Docs validation pages by batch and suite (the latest run of each), as report links.

    GX writes them to `validations/<suite>/<run name = batch_id>/<run time>/<asset>.html`.
    """
    pages: dict[str, dict[str, str]] = {}
    for page in sorted((Path(data_docs_index).parent / "validations").glob("*/*/*/*.html")):
        suite, batch = page.parts[-4], page.parts[-3]
        pages.setdefault(batch, {})[suite] = _href(page, out_dir)  # sorted: latest run wins
    return pages


def render_meeting(meeting: dict[str, Any], *, warehouse: Path, generated: dt.datetime) -> str:
    """The page of one meeting: its facts, its articles and their evidence sentences."""
    return (
        _environment()
        .get_template(MEETING_TEMPLATE)
        .render(
            m=meeting,
            warehouse=warehouse.name,
            generated=_fmt_time(generated),
            evidence_articles=collected.EVIDENCE_ARTICLES,
        )
    )


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_meeting_pages(
    meetings: list[dict[str, Any]], out_dir: Path, *, warehouse: Path, generated: dt.datetime
) -> list[Path]:
    """`out_dir/meetings/<meeting_id>.html` for each meeting; pages of older reports go."""
    folder = out_dir / MEETINGS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for meeting in meetings:
        page = folder / f"{meeting['meeting_id']}.html"
        _write(page, render_meeting(meeting, warehouse=warehouse, generated=generated))
        written.append(page)
    for old in set(folder.glob("m_*.html")) - set(written):
        old.unlink()
    return written


def build_report(
    warehouse: Path,
    out_dir: Path,
    *,
    data_docs_index: Path | None = None,
    steps: Steps | None = None,
) -> Path:
    """Write `out_dir/index.html` and the meeting pages for a warehouse (opened read-only).

    `data_docs_index`, when given, is linked (relative to the report, so the folder can move),
    and so are its validation pages from the quality-gate tables. `steps` shows progress.
    """
    steps = steps or Steps(enabled=False)
    warehouse, out_dir = Path(warehouse), Path(out_dir)
    with steps.step(f"querying {warehouse.name}", "queries"):
        con = connect_readonly(warehouse)
        try:
            _check_warehouse(con, warehouse)
            data = collect(con)
            meetings = collect_meetings(con, data["latest_meetings"])
        finally:
            con.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    href, pages = None, None
    if data_docs_index is not None:
        href = _href(Path(data_docs_index), out_dir)
        pages = find_validation_pages(Path(data_docs_index), out_dir)
    generated = dt.datetime.now(dt.UTC)
    with steps.step(f"writing {len(meetings)} meeting pages", "meeting pages"):
        write_meeting_pages(meetings, out_dir, warehouse=warehouse, generated=generated)
    with steps.step("drawing the charts and writing index.html", "charts and page"):
        html = render(
            data,
            warehouse=warehouse,
            generated=generated,
            data_docs_href=href,
            validation_pages=pages,
        )
        index = out_dir / "index.html"
        _write(index, html)
    return index
