"""The report's charts: meetings per month and per province, topic shares, participant kinds,
drawn with matplotlib's Agg canvas into inline SVG (no network, stable ids)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any

import matplotlib
import pandas as pd
from markupsafe import Markup, escape
from matplotlib import dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from pilkada import vocabularies

TOP_PROVINCES = 20
WIDE, HALF = 11.0, 5.3  # figure widths in inches: a full-width card, a half-width card

TOPIC_LABELS = vocabularies.labels("topic")

# Colours: one accent per chart, muted grid; readable in print and for colour-blind readers.
ACCENT = {"month": "#2f6f9f", "province": "#3d8b5a", "topic": "#b0642b", "kind": "#7a4f9a"}
INK, GRID = "#1f2933", "#d9dee3"
RC = {"svg.fonttype": "none", "svg.hashsalt": "pilkada-report", "font.size": 10}


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
