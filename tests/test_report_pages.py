"""The report read as a person reads it: month labels that never overlap at any scale, times in
Asia/Jakarta, a page per latest meeting with its articles and evidence, progress on stderr."""

from __future__ import annotations

import datetime as dt
import io
import re

import numpy as np
import pandas as pd
import pytest
from test_report import ROWS, make_warehouse, section
from typer.testing import CliRunner

from pilkada.cli import app
from pilkada.report import pages as report
from pilkada.report.pages import Steps, build_report, month_figure, sentence_around

TEXT_A1 = (
    "Rakor Pilkada Sleman\n\n"
    "SLEMAN - Pemkab Sleman menggelar rapat koordinasi di Pendopo Sleman, Selasa (15/9). "
    "Rapat dipimpin Sekda Budi. "
    "Ketua KPU Siti meminta ASN tetap netral selama Pilkada 2020. "
    "Protokol kesehatan wajib dijalankan."
)


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _rows_with_text() -> str:
    """ROWS with a1's text stored and its facts' offsets pointing into it."""
    venue = _span(TEXT_A1, "Sleman, Selasa")[0]
    chair = _span(TEXT_A1, "Sekda Budi")
    asn_text = "Ketua KPU Siti meminta ASN tetap netral selama Pilkada 2020."
    asn = _span(TEXT_A1, asn_text)
    chair_row = "'Pemkab Sleman', 'Pemda', '34.04', 'chair'"
    asn_row = "('a1', 1, 'Budi', 'Sekda', 'Pemda', 'asn_neutrality', 'ASN netral'"
    replacements = {
        "('a1', '34.04', 'venue', 0, 1, 'x', 't')": (
            f"('a1', '34.04', 'venue', {venue}, {venue + 6}, 'Sleman', 't')"
        ),
        f"{chair_row}, 0, 1, 'x',": f"{chair_row}, {chair[0]}, {chair[1]}, 'Sekda Budi',",
        f"{asn_row}, 0, 1, 'x', 't')": f"{asn_row}, {asn[0]}, {asn[1]}, '{asn_text}', 't')",
    }
    rows = ROWS
    for old, new in replacements.items():
        assert rows.count(old) == 1, old
        rows = rows.replace(old, new)
    text = TEXT_A1.replace("'", "''")
    return rows + (
        f"INSERT INTO article_text VALUES ('a1', '{text}');\n"
        "UPDATE dim_article SET url = 'https://wartajogja.example.id/rakor'"
        " WHERE article_id = 'a1';"
    )


# --- the month chart -----------------------------------------------------------------------------


def _visible_label_boxes(fig):
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_visible()]
    bars = [p.get_window_extent(renderer) for p in ax.patches]
    return [t.get_window_extent(renderer) for t in labels], bars, labels


def _months(n: int, counts: list[int]) -> pd.DataFrame:
    months = pd.date_range("2015-01-01", periods=n, freq="MS")
    return pd.DataFrame({"month": months, "meetings": counts[:n]})


@pytest.mark.parametrize("n_months", [110, 160])
def test_month_labels_never_overlap_at_scale(n_months):
    """A 20k-article warehouse has ~100 months with 1-3 digit counts: labels stay apart."""
    rng = np.random.default_rng(7)
    counts = [int(c) for c in rng.integers(1, 999, size=n_months)]
    fig = month_figure(_months(n_months, counts))
    boxes, bars, labels = _visible_label_boxes(fig)
    assert 3 <= len(boxes) < n_months  # some labels, not all: they would not fit
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (labels[i].get_text(), a, b)
    # no label sits on another bar; the tallest bar is always labelled
    texts = {t.get_text() for t in labels}
    assert f"{max(counts):,}" in texts
    for box in boxes:
        assert sum(box.overlaps(bar) for bar in bars) <= 1  # at most its own bar's top


def test_few_months_are_all_labelled():
    fig = month_figure(_months(8, [3, 12, 7, 1, 40, 2, 9, 5]))
    boxes, _, labels = _visible_label_boxes(fig)
    assert [t.get_text() for t in labels] == ["3", "12", "7", "1", "40", "2", "9", "5"]


def test_month_table_lists_every_month(tmp_path):
    html = build_report(make_warehouse(tmp_path / "w.duckdb", ROWS), tmp_path / "r").read_text()
    table = section(html, 'id="month-table"')
    assert re.findall(r'<td class="nowrap">(\d{4}-\d\d)</td>', table) == ["2020-09", "2024-09"]


# --- times ---------------------------------------------------------------------------------------


def test_times_are_shown_in_asia_jakarta_with_the_zone(tmp_path):
    path = make_warehouse(tmp_path / "w.duckdb", ROWS)
    html = build_report(path, tmp_path / "r").read_text(encoding="utf-8")
    # dq_runs dq3 started 2024-10-02 09:00:00 UTC, the rejection at 09:00:01 UTC: 16:00 WIB
    assert "2024-10-02 16:00 WIB" in section(html, 'id="rejected"')
    assert "2024-10-01 17:01 WIB" in section(html, 'id="quarantine"')
    assert "UTC" not in section(html, "<header>", "</header>").replace("UTC+7", "")
    assert "Asia/Jakarta" in html
    generated = re.search(r"generated (\d{4}-\d\d-\d\d \d\d:\d\d) WIB", html)[1]
    now_wib = dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)
    shown = dt.datetime.strptime(generated, "%Y-%m-%d %H:%M")
    assert abs((now_wib.replace(tzinfo=None) - shown).total_seconds()) < 180


# --- meeting pages -------------------------------------------------------------------------------


def test_each_latest_meeting_has_a_page_with_its_articles_and_evidence(tmp_path):
    path = make_warehouse(tmp_path / "w.duckdb", _rows_with_text())
    out = tmp_path / "r"
    html = build_report(path, out).read_text(encoding="utf-8")
    for meeting_id in ("m_1", "m_2", "m_3"):
        assert f'href="meetings/{meeting_id}.html"' in html
        assert (out / "meetings" / f"{meeting_id}.html").is_file()
    page = (out / "meetings" / "m_2.html").read_text(encoding="utf-8")
    assert re.findall(r'data-article-id="(\w+)"', page) == ["a2", "a3"]  # by publication date
    assert '<span class="source mono">a2.txt</span>' in page  # no URL: the file it came from
    assert "Rakor Forkopimda Jawa Tengah" in page and "province level, Jawa Tengah" in page
    m1 = (out / "meetings" / "m_1.html").read_text(encoding="utf-8")
    assert '<a class="source" href="https://wartajogja.example.id/rakor"' in m1
    # each fact in its sentence, the words it was read from marked
    assert "Rapat dipimpin <mark>Sekda Budi</mark>." in m1
    assert (
        "<mark>Ketua KPU Siti meminta ASN tetap netral selama Pilkada 2020.</mark>" in m1
    )  # a directive's evidence is its whole sentence
    assert "di Pendopo <mark>Sleman</mark>, Selasa (15/9)." in m1
    assert "ASN neutrality" in m1 and "Sekda Budi" in m1


def test_meeting_pages_of_older_reports_are_removed(tmp_path):
    out = tmp_path / "r"
    (out / "meetings").mkdir(parents=True)
    (out / "meetings" / "m_gone.html").write_text("old")
    build_report(make_warehouse(tmp_path / "w.duckdb", ROWS), out)
    assert sorted(p.name for p in (out / "meetings").iterdir()) == [
        "m_1.html",
        "m_2.html",
        "m_3.html",
    ]


def test_meeting_page_limits_evidence_on_very_large_meetings(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "EVIDENCE_ARTICLES", 1)
    out = tmp_path / "r"
    build_report(make_warehouse(tmp_path / "w.duckdb", ROWS), out)
    page = (out / "meetings" / "m_2.html").read_text(encoding="utf-8")
    assert page.count("<blockquote") == 4  # a2: 2 regions, a participant, a directive; a3: none
    assert "Evidence not shown here" in page
    assert "SELECT * FROM participants WHERE meeting_id = 'm_2'" in page


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Sekda Budi", ("Rapat dipimpin ", "Sekda Budi", ".")),
        ("Pemkab", ("SLEMAN - ", "Pemkab", None)),
    ],
)
def test_sentence_around_uses_the_extractors_sentences(words, expected):
    start, end = _span(TEXT_A1, words)
    before, span, after = sentence_around(TEXT_A1, start, end, words)
    assert (before, span) == expected[:2]
    if expected[2] is not None:
        assert after == expected[2]
    else:
        assert after.endswith("Selasa (15/9).")


def test_sentence_around_falls_back_to_the_evidence():
    assert sentence_around(None, 0, 5, "Budi") == ("", "Budi", "")
    assert sentence_around("abc", 0, 2, "zz") == ("", "zz", "")  # offsets do not match the text


# --- progress ------------------------------------------------------------------------------------


def test_build_report_reports_its_steps(tmp_path):
    stream = io.StringIO()
    steps = Steps(stream=stream)
    build_report(make_warehouse(tmp_path / "w.duckdb", ROWS), tmp_path / "r", steps=steps)
    steps.done("index.html")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "report: querying w.duckdb ..."
    assert lines[1] == "report: writing 3 meeting pages ..."
    assert lines[2] == "report: drawing the charts and writing index.html ..."
    assert re.fullmatch(
        r"report: wrote index.html in [\d.]+ s \(queries [\d.]+ s, meeting pages [\d.]+ s,"
        r" charts and page [\d.]+ s\)",
        lines[3],
    )


def test_report_command_shows_progress_on_stderr(tmp_path, prefect_server):
    path = make_warehouse(tmp_path / "data" / "warehouse" / "w.duckdb", ROWS)
    out = tmp_path / "data" / "reports"
    result = CliRunner().invoke(app, ["report", "-w", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    steps = [line for line in result.stderr.splitlines() if line.startswith("report: ")]
    assert steps[0] == "report: starting Prefect and Great Expectations ..."
    assert any("building the GX Data Docs" in s for s in steps)
    assert steps[-1].startswith(f"report: wrote {out / 'index.html'} in ")
    assert "Data Docs" in steps[-1]
    assert "".join(result.stdout.split()) == f"report:{out / 'index.html'}"  # rich wraps it
    quiet = CliRunner().invoke(app, ["report", "-w", str(path), "-o", str(out), "--quiet"])
    assert quiet.exit_code == 0 and "report: " not in quiet.stderr


def test_a_meeting_with_many_regions_keeps_the_table_narrow(tmp_path):
    more = ", ".join(
        f"('a4', '{code}', 'attending', 0, 1, 'x', 't')"
        for code in ("33", "33.74", "33.09", "34", "34.04", "51")
    )
    rows = ROWS + f"INSERT INTO bridge_meeting_region VALUES {more};"
    out = tmp_path / "r"
    html = build_report(make_warehouse(tmp_path / "w.duckdb", rows), out).read_text()
    row = section(html, 'data-meeting-id="m_3"', "</tr>")
    assert "Bali, Daerah Istimewa Yogyakarta, Jawa Tengah, Kabupaten Badung," in row
    assert '<a href="meetings/m_3.html">and 1 more</a>' in row
    assert "Kota Semarang" not in row  # the 7th name, on the meeting's page only
    page = (out / "meetings" / "m_3.html").read_text(encoding="utf-8")
    assert "Kabupaten Sleman, Kota Semarang" in page
