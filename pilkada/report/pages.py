"""The readable summary of the warehouse: one self-contained HTML page beside the GX Data Docs.

Counts, meetings per month and per province, topic shares and participant kinds (inline SVG
charts drawn with matplotlib's Agg canvas), the latest meetings, the validation status of the
quality gate, quarantined batches and rejected inputs. Each latest meeting has its own page
(`meetings/<meeting_id>.html`): its articles with their source links, and the evidence sentence
of every region, participant and directive they state. Times are shown in Asia/Jakarta (WIB).
Queries live in `sql/report/`, one per file, and run on a read-only connection. The pages load
nothing from the network.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import io
import json
import os
import re
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

import duckdb
import jinja2
import matplotlib
import pandas as pd
from markupsafe import Markup, escape
from matplotlib import dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from pilkada import settings
from pilkada.extract.sentences import sentence_spans
from pilkada.load import warehouse as wh
from pilkada.sqlguard import connect_readonly

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE = "report.html.j2"
MEETING_TEMPLATE = "meeting.html.j2"
MEETINGS_DIR = "meetings"  # the meeting pages, inside the report folder
EVIDENCE_ARTICLES = 25  # articles of a meeting whose evidence its page shows (all are listed)
SENTENCE_CONTEXT = 400  # characters of a sentence shown on each side of an evidence span
ZONE = ZoneInfo("Asia/Jakarta")  # the deployments' schedules are in this zone too
TABLE_LIMIT = 50  # rows shown of the meeting / quarantine / rejection / run tables
TOP_PROVINCES = 20
WIDE, HALF = 11.0, 5.3  # figure widths in inches: a full-width card, a half-width card

TOPIC_LABELS = {
    "asn_neutrality": "ASN neutrality",
    "health_protocol": "Health protocol",
    "security": "Security",
    "hoax_black_campaign": "Hoaxes & black campaigns",
    "voter_participation": "Voter participation",
    "logistics": "Logistics",
    "campaign_materials": "Campaign materials (APK)",
    "money_politics": "Money politics",
    "coordination": "Coordination",
    "regulation": "Regulation",
    "budget": "Budget",
    "other": "Other",
}
MODE_LABELS = {"in_person": "in person", "virtual": "virtual", "hybrid": "hybrid"}

# Colours: one accent per chart, muted grid; readable in print and for colour-blind readers.
ACCENT = {"month": "#2f6f9f", "province": "#3d8b5a", "topic": "#b0642b", "kind": "#7a4f9a"}
INK, GRID = "#1f2933", "#d9dee3"
RC = {"svg.fonttype": "none", "svg.hashsalt": "pilkada-report", "font.size": 10}


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


def report_sql(name: str) -> str:
    """The text of one query under `sql/report/`."""
    return (Path(settings.SQL_DIR) / "report" / name).read_text(encoding="utf-8")


def _frame(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    return con.execute(report_sql(name), params or None).df()


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with None (not NaN/NaT) for missing values, for the template."""
    return [
        {k: (None if _missing(v) else v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --- charts ------------------------------------------------------------------------------------


def _svg(fig: Figure, chart_id: str, label: str) -> Markup:
    """A figure as inline SVG: no XML prolog, ids unique in the page, natural size kept."""
    FigureCanvasAgg(fig)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r'id="([^"]+)"', rf'id="{chart_id}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{chart_id}-\1"', text)
    text = text.replace("<svg ", f'<svg class="chart" role="img" aria-label="{escape(label)}" ', 1)
    return Markup(text)


def _style(ax: Any, *, value_axis: str) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(GRID)
    ax.tick_params(colors=INK, length=0)
    ax.grid(axis=value_axis, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)


def _int_ticks(axis: Any) -> None:
    """Whole-number ticks at round steps on a count axis."""
    axis.set_major_locator(MaxNLocator(nbins=6, integer=True))


def month_figure(frame: pd.DataFrame) -> Figure | None:
    """Meetings per month on a true time axis (gaps between elections stay visible).

    Bars are labelled with their count where the label fits: tallest bars first, a label is
    dropped when it would overlap another label or another bar, so labels stay readable at any
    number of months (the page lists every month in a table as well).
    """
    dated = frame.dropna(subset=["month"])
    if dated.empty:
        return None
    months = [pd.Timestamp(m).to_pydatetime() for m in dated["month"]]
    counts = [int(n) for n in dated["meetings"]]
    first, last = min(months), max(months)
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(WIDE, 2.9))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        _style(ax, value_axis="y")
        centres = [m + dt.timedelta(days=15) for m in months]
        bars = ax.bar(centres, counts, width=24, color=ACCENT["month"])
        labels = ax.bar_label(
            bars, labels=[f"{c:,}" for c in counts], padding=2, color=INK, fontsize=9
        )
        ax.set_ylim(0, max(counts) * 1.2 + 0.3)
        _int_ticks(ax.yaxis)
        if last.year - first.year >= 2:
            _year_axis(ax, first.year, last.year)
        else:
            _month_axis(ax, first, last)
        ax.set_ylabel("meetings", color=INK)
        keep_readable_labels(fig, list(bars), labels, counts)
        return fig


def keep_readable_labels(fig: Figure, bars: list[Any], labels: list[Any], values: list[int]) -> int:
    """Hide each bar label that would overlap a label already kept or another bar.

    Tallest bars keep theirs first (ties: the earlier bar). Returns the number of labels kept.
    """
    renderer = fig.canvas.get_renderer()
    bar_boxes = [b.get_window_extent(renderer) for b in bars]
    kept: list[Any] = []
    for i in sorted(range(len(labels)), key=lambda i: (-values[i], i)):
        box = labels[i].get_window_extent(renderer).padded(1.5)
        clash = any(box.overlaps(k) for k in kept) or any(
            j != i and bar_boxes[j].width > 0 and box.overlaps(b) for j, b in enumerate(bar_boxes)
        )
        labels[i].set_visible(not clash)
        if not clash:
            kept.append(box)
    return len(kept)


def month_chart(frame: pd.DataFrame) -> Markup | None:
    """The meetings-per-month chart as inline SVG."""
    fig = month_figure(frame)
    if fig is None:
        return None
    with matplotlib.rc_context(RC):
        return _svg(fig, "chart-month", "Meetings per month")


def _month_axis(ax: Any, first: dt.datetime, last: dt.datetime) -> None:
    """Whole months from `first` to `last`, separated by ticks, each named in its middle."""
    start, end = first, _add_months(last, 1)
    n_months = _months_between(start, end)
    if n_months < 6:  # a short span still reads as months, not as one wide block
        start = _add_months(start, -((6 - n_months) // 2))
        end = _add_months(start, 6)
        n_months = 6
    ax.set_xlim(start, end)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter(""))
    named = range(1, 13) if n_months <= 12 else (1, 4, 7, 10)
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=named, bymonthday=15))
    ax.xaxis.set_minor_formatter(mdates.DateFormatter("%b\n%Y"))
    ax.tick_params(axis="x", which="major", length=5, color=GRID)
    ax.tick_params(axis="x", which="minor", length=0, colors=INK)


def _add_months(month: dt.datetime, n: int) -> dt.datetime:
    index = month.year * 12 + month.month - 1 + n
    return month.replace(year=index // 12, month=index % 12 + 1, day=1)


def _months_between(start: dt.datetime, end: dt.datetime) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _year_axis(ax: Any, first: int, last: int) -> None:
    """Whole years from `first` to `last`, separated by ticks, each named in its middle."""
    ax.set_xlim(dt.datetime(first, 1, 1), dt.datetime(last + 1, 1, 1))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter(""))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=7, bymonthday=1))
    ax.xaxis.set_minor_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="x", which="major", length=5, color=GRID)
    ax.tick_params(axis="x", which="minor", length=0, colors=INK)


def barh_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    chart_id: str,
    title: str,
    color: str,
    value_labels: Sequence[str] | None = None,
    xlabel: str = "",
    width: float = HALF,
    xmax: float | None = None,
) -> Markup | None:
    """A horizontal bar chart, largest bar on top, each bar labelled with its value."""
    if not labels:
        return None
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(width, 0.3 * len(labels) + 0.7))
        ax = fig.add_subplot()
        positions = list(range(len(labels)))[::-1]
        bars = ax.barh(positions, values, height=0.66, color=color)
        ax.set_yticks(positions, labels=list(labels), color=INK)
        texts = list(value_labels) if value_labels else [f"{v:g}" for v in values]
        ax.bar_label(bars, labels=texts, padding=3, color=INK, fontsize=9)
        if xmax is None:
            ax.set_xlim(0, max(values) * 1.22 + 0.5)
            _int_ticks(ax.xaxis)
        else:  # a fixed scale (percentages): room on the right for the labels
            ax.set_xlim(0, xmax * 1.16)
            ax.set_xticks([xmax * i / 5 for i in range(6)])
        if xlabel:
            ax.set_xlabel(xlabel, color=INK)
        ax.set_ylim(-0.6, len(labels) - 0.4)
        _style(ax, value_axis="x")
        return _svg(fig, chart_id, title)


def province_chart(frame: pd.DataFrame) -> Markup | None:
    """Meetings per province (the TOP_PROVINCES with the most meetings)."""
    rows = frame.head(TOP_PROVINCES)
    labels = list(rows["province"])
    values = [int(v) for v in rows["meetings"]]
    return barh_chart(
        labels,
        values,
        chart_id="chart-province",
        title="Meetings per province",
        color=ACCENT["province"],
        xlabel="meetings",
    )


def topic_chart(frame: pd.DataFrame) -> Markup | None:
    """Share of meetings where each directive topic came up."""
    labels = [TOPIC_LABELS.get(t, t) for t in frame["topic"]]
    values = [float(v) for v in frame["pct_meetings"]]
    texts = [f"{p:g}% ({int(n)})" for p, n in zip(values, frame["meetings"], strict=True)]
    return barh_chart(
        labels,
        values,
        chart_id="chart-topic",
        title="Topic shares",
        color=ACCENT["topic"],
        value_labels=texts,
        xlabel="% of meetings",
        width=WIDE,
        xmax=100,
    )


def kind_chart(frame: pd.DataFrame) -> Markup | None:
    """Meetings each institution kind took part in."""
    labels = list(frame["institution_kind"])
    values = [int(v) for v in frame["meetings"]]
    return barh_chart(
        labels,
        values,
        chart_id="chart-kind",
        title="Participant institution kinds",
        color=ACCENT["kind"],
        xlabel="meetings",
    )


# --- the report --------------------------------------------------------------------------------


def _check_warehouse(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    if con.execute(report_sql("is_warehouse.sql")).fetchone()[0] == 0:
        raise wh.WarehouseError(f"{path}: not a pilkada warehouse (no _pilkada_meta table)")


def check_warehouse(warehouse: Path) -> None:
    """Raise WarehouseError unless `warehouse` is a pilkada warehouse that opens read-only."""
    con = connect_readonly(warehouse)
    try:
        _check_warehouse(con, Path(warehouse))
    finally:
        con.close()


def collect(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Everything the report shows, as frames and rows (no HTML)."""
    counts = _records(_frame(con, "counts.sql"))[0]
    return {
        "counts": counts,
        "per_month": _frame(con, "meetings_per_month.sql"),
        "per_province": _frame(con, "meetings_per_province.sql"),
        "topics": _frame(con, "topic_shares.sql"),
        "kinds": _frame(con, "participant_kinds.sql"),
        "latest_meetings": _records(_frame(con, "latest_meetings.sql", limit=TABLE_LIMIT)),
        "dq_latest": _records(_frame(con, "dq_latest_runs.sql")),
        "dq_failed": _records(_frame(con, "dq_failed_expectations.sql")),
        "dq_recent": _records(_frame(con, "dq_recent_runs.sql", limit=TABLE_LIMIT)),
        "quarantined": _records(_frame(con, "quarantined_batches.sql", limit=TABLE_LIMIT)),
        "rejected": _records(_frame(con, "rejected_inputs.sql", limit=TABLE_LIMIT)),
        **_set_aside(con),
    }


def _set_aside(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Articles set aside and values warned about (empty before a build created the tables)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if not {"quarantined_articles", "dq_warnings"} <= tables:
        return {"set_aside": [], "set_aside_per_day": []}
    return {
        "set_aside": _records(_frame(con, "quarantined_articles.sql", limit=TABLE_LIMIT)),
        "set_aside_per_day": _records(_frame(con, "set_aside_per_day.sql")),
    }


def sentence_around(
    text: str | None,
    start: int,
    end: int,
    evidence: str,
    spans: list[tuple[int, int]] | None = None,
) -> tuple[str, str, str]:
    """(before, evidence, after): the sentence(s) of `text` holding [start, end).

    Sentences as the extractor splits them (`pilkada.extract.sentences`), at most
    SENTENCE_CONTEXT characters on each side. The evidence alone when the text is not stored or
    the offsets do not match it. `spans`: the text's sentence spans, if already computed.
    """
    if not text or not (0 <= start <= end <= len(text)) or text[start:end] != evidence:
        return "", evidence or "", ""
    spans = spans if spans is not None else sentence_spans(text)
    starts = [s for s, _ in spans]
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, first)
    lo = max(min(spans[first][0], start), start - SENTENCE_CONTEXT) if spans else start
    hi = min(max(spans[last][1], end), end + SENTENCE_CONTEXT) if spans else end
    before, after = text[lo:start], text[end:hi]
    if lo > 0 and lo == start - SENTENCE_CONTEXT:
        before = "…" + before
    if hi < len(text) and hi == end + SENTENCE_CONTEXT:
        after += "…"
    return before.lstrip(), text[start:end], after.rstrip()


def collect_meetings(
    con: duckdb.DuckDBPyConnection, meetings: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each meeting with its articles, and for the first EVIDENCE_ARTICLES of them the regions,
    participants and directives they state with their evidence sentences."""
    ids = [m["meeting_id"] for m in meetings]
    if not ids:
        return []
    articles = _records(_frame(con, "meeting_articles.sql", meeting_ids=ids))
    by_meeting: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for art in articles:
        by_meeting[art["meeting_id"]].append(art)
    shown = [a["article_id"] for arts in by_meeting.values() for a in arts[:EVIDENCE_ARTICLES]]
    texts = dict(con.execute(report_sql("meeting_texts.sql"), {"article_ids": shown}).fetchall())
    spans = {aid: sentence_spans(text) for aid, text in texts.items()}
    facts: dict[str, list[dict[str, Any]]] = {}
    for fact in _records(_frame(con, "meeting_evidence.sql", article_ids=shown)):
        aid = fact["article_id"]
        fact["before"], fact["span"], fact["after"] = sentence_around(
            texts.get(aid),
            int(fact["evidence_start"]),
            int(fact["evidence_end"]),
            fact["evidence"],
            spans.get(aid),
        )
        facts.setdefault(fact["article_id"], []).append(fact)
    out = []
    for meeting in meetings:
        arts = by_meeting[meeting["meeting_id"]]
        for i, art in enumerate(arts):
            art["facts"] = facts.get(art["article_id"], []) if i < EVIDENCE_ARTICLES else None
            art["href"] = _source_href(art)
        out.append({**meeting, "articles": arts})
    return out


def _source_href(article: dict[str, Any]) -> str | None:
    """Where to read an article: its URL (the manifest's, or the one it was fetched from)."""
    for value in (article.get("url"), article.get("source_uri")):
        if value and re.match(r"^https?://", str(value), flags=re.I):
            return str(value)
    return None


def _fmt_date(value: Any) -> str:
    if value is None:
        return "undated"
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _fmt_time(value: Any) -> str:
    """A stored time (naive = UTC, as the warehouse keeps them) in Asia/Jakarta, zone named."""
    if value is None:
        return ""
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(ZONE).strftime("%Y-%m-%d %H:%M %Z")


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
            evidence_articles=EVIDENCE_ARTICLES,
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
