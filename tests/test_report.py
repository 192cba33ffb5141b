"""The HTML report: counts and charts that match SQL, an empty warehouse, and a real browser.

Literal-row warehouses pin down what each section shows; the sample corpus goes through the
real build and report flows for the end-to-end and browser checks.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import duckdb
import pytest
from browser import open_page

from flows.build import build_warehouse
from flows.report import quality_report
from pilkada.load import warehouse as wh
from pilkada.report.pages import build_report

ROWS = """
INSERT INTO dim_region VALUES
  ('33', 'Jawa Tengah', 'province', '33', '', NULL, true, 'test', now()),
  ('33.74', 'Kota Semarang', 'city', '33', '', NULL, true, 'test', now()),
  ('33.09', 'Kabupaten Boyolali', 'regency', '33', '', NULL, true, 'test', now()),
  ('34', 'Daerah Istimewa Yogyakarta', 'province', '34', '', true, NULL, 'test', now()),
  ('34.04', 'Kabupaten Sleman', 'regency', '34', '', true, NULL, 'test', now()),
  ('51', 'Bali', 'province', '51', '', NULL, NULL, 'test', now()),
  ('51.03', 'Kabupaten Badung', 'regency', '51', '', true, NULL, 'test', now());
INSERT INTO dim_article VALUES
  ('a1', 'a1.txt', NULL, 'Rakor Pilkada Sleman', 'WartaJogja', '2020-09-15', 900, true, 't', 'b0',
   now()),
  ('a2', 'a2.txt', NULL, 'Rakor Forkopimda Jateng', 'KabarJateng', '2024-09-12', 900, true, 't',
   'b0', now()),
  ('a3', 'a3.txt', NULL, 'Boyolali ikuti rakor', 'Boyolali Pos', NULL, 900, true, 't', 'b0',
   now()),
  ('a4', 'a4.txt', NULL, 'FGD politik uang di Nusa Dua', 'BaliKini', NULL, 900, true, 't', 'b0',
   now()),
  ('a5', 'a5.txt', NULL, 'Apel pasukan', 'BaliKini', NULL, 700, false, 't', 'b0', now());
INSERT INTO fact_meeting VALUES
  ('m_1', '2020-09-15', 20200915, 'Rakor kesiapan Pilkada Sleman', 'rakor', 'in_person', NULL,
   'regency', '34.04', 2020, 1, now()),
  ('m_2', '2024-09-12', 20240912, 'Rakor Forkopimda Jawa Tengah', 'rakor', 'hybrid', NULL,
   'province', '33', 2024, 2, now()),
  ('m_3', NULL, NULL, 'FGD <politik uang> & netralitas', 'fgd', NULL, NULL, 'regency', '51.03',
   2020, 1, now());
INSERT INTO bridge_meeting_article (meeting_id, article_id, match_score, match_reason) VALUES
  ('m_1', 'a1', 1, 'single'), ('m_2', 'a2', 1, 'single'), ('m_2', 'a3', 0.9, 'same date'),
  ('m_3', 'a4', 1, 'single');
INSERT INTO bridge_meeting_region VALUES
  ('a1', '34.04', 'venue', 0, 1, 'x', 't'),
  ('a2', '33', 'convening', 0, 1, 'x', 't'), ('a2', '33.74', 'venue', 0, 1, 'x', 't'),
  ('a3', '33.09', 'attending', 0, 1, 'x', 't'), ('a3', '33.74', 'venue', 0, 1, 'x', 't'),
  ('a4', '51.03', 'venue', 0, 1, 'x', 't');
INSERT INTO fact_participant VALUES
  ('a1', 1, 'Budi', 'Sekda', NULL, NULL, 'Pemkab Sleman', 'Pemda', '34.04', 'chair', 0, 1, 'x',
   't'),
  ('a1', 2, 'Siti', 'Ketua KPU', NULL, NULL, 'KPU Sleman', 'KPU', '34.04', 'speaker', 0, 1, 'x',
   't'),
  ('a2', 1, 'Nana', 'Pj Gubernur', NULL, NULL, 'Pemprov Jateng', 'Pemda', '33', 'chair', 0, 1,
   'x', 't'),
  ('a3', 1, 'Nana', 'Pj Gubernur', NULL, NULL, 'Pemprov Jateng', 'Pemda', '33', 'chair', 0, 1,
   'x', 't'),
  ('a3', 2, 'Agus', 'Kapolres', 'AKBP', NULL, 'Polres Boyolali', 'Polri', '33.09', 'attendee', 0,
   1, 'x', 't'),
  ('a4', 1, 'Made', 'Ketua Bawaslu', NULL, NULL, 'Bawaslu Badung', 'Bawaslu', '51.03', 'chair',
   0, 1, 'x', 't');
INSERT INTO fact_directive VALUES
  ('a1', 1, 'Budi', 'Sekda', 'Pemda', 'asn_neutrality', 'ASN netral', 0, 1, 'x', 't'),
  ('a1', 2, 'Budi', 'Sekda', 'Pemda', 'health_protocol', 'Prokes', 0, 1, 'x', 't'),
  ('a2', 1, 'Nana', 'Pj Gubernur', 'Pemda', 'security', 'Aman', 0, 1, 'x', 't'),
  ('a3', 1, 'Nana', 'Pj Gubernur', 'Pemda', 'security', 'Aman', 0, 1, 'x', 't'),
  ('a4', 1, 'Made', 'Ketua Bawaslu', 'Bawaslu', 'money_politics', 'Tolak', 0, 1, 'x', 't'),
  ('a4', 2, 'Made', 'Ketua Bawaslu', 'Bawaslu', 'asn_neutrality', 'Netral', 0, 1, 'x', 't');
INSERT INTO dq_runs VALUES
  ('dq1', 'r1-official', 'official_regions', true, 12, 0, '2024-10-01 10:00:00', 0.5),
  ('dq2', 'r1-b0000', 'staged_articles,staged_participants', false, 40, 1,
   '2024-10-01 10:01:00', 1.5),
  ('dq3', 'r2-b0000', 'staged_articles,staged_participants', true, 40, 0,
   '2024-10-02 09:00:00', 1.2);
INSERT INTO dq_results VALUES
  ('dq2', 'r1-b0000', 'staged_participants', 'expect_column_values_to_be_in_set',
   'institution_kind', false, 1, 9, '["Polisi"]'),
  ('dq3', 'r2-b0000', 'staged_participants', 'expect_column_values_to_be_in_set',
   'institution_kind', true, 0, 6, NULL);
INSERT INTO quarantined_batches VALUES
  ('r1-b0000', 'r1', 'data/quarantine/r1-b0000', 3,
   'staged_participants: institution_kind not in set (Polisi)', '2024-10-01 10:01:02');
INSERT INTO rejected_inputs VALUES
  ('/in/kosong.txt', 'kosong.txt', 'read', 'empty file', 'r2-b0000', '2024-10-02 09:00:01'),
  ('/in/rusak.html', 'rusak.html', 'read', 'not UTF-8 <binary>', 'r2-b0000',
   '2024-10-02 09:00:01');
"""


def make_warehouse(path: Path, rows: str = "") -> Path:
    """A warehouse with the real schema and the given literal rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = wh.connect(path)
    try:
        wh.ensure_schema(con, path)
        if rows:
            con.execute(rows)
    finally:
        con.close()
    return path


def sql_count(path: Path, sql: str) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def shown_count(html: str, key: str) -> int:
    """The number the report shows on the card `key`."""
    match = re.search(rf'data-count="{key}">\s*<span class="value">([\d,]+)</span>', html)
    assert match, key
    return int(match.group(1).replace(",", ""))


def section(html: str, start: str, end: str = "</table>") -> str:
    """The part of the page from `start` to the next `end`."""
    tail = html[html.index(start) :]
    return tail[: tail.index(end)]


COUNT_SQL = {
    "articles": "SELECT count(*) FROM articles",
    "meeting_reports": "SELECT count(*) FROM articles WHERE is_meeting_report",
    "meetings": "SELECT count(*) FROM meetings",
    "participants": "SELECT count(*) FROM participants",
    "directives": "SELECT count(*) FROM directives",
    "regions": "SELECT count(*) FROM regions",
    "meeting_regions": "SELECT count(DISTINCT region_code) FROM meeting_regions",
    "rejected_inputs": "SELECT count(*) FROM rejected_inputs",
    "quarantined_batches": "SELECT count(*) FROM quarantined_batches",
}
CHARTS = ("chart-month", "chart-province", "chart-topic", "chart-kind")


@pytest.fixture
def literal_warehouse(tmp_path: Path) -> Path:
    return make_warehouse(tmp_path / "data" / "warehouse" / "literal.duckdb", ROWS)


def test_report_counts_and_charts_match_sql(literal_warehouse, tmp_path):
    index = build_report(literal_warehouse, tmp_path / "reports")
    assert index == tmp_path / "reports" / "index.html"
    html = index.read_text(encoding="utf-8")
    for key, sql in COUNT_SQL.items():
        assert shown_count(html, key) == sql_count(literal_warehouse, sql), key
    assert shown_count(html, "meetings") == 3
    assert shown_count(html, "participants") == 6
    # four inline SVG charts, nothing loaded from anywhere
    assert html.count("<svg ") == 4
    for chart in CHARTS:
        assert f'id="{chart}-' in html, chart
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<script" not in html
    # provinces through regions.province_code: m_2 (3 Central Java regions) counts once
    province_svg = section(html, 'aria-label="Meetings per province"', "</svg>")
    for name in ("Jawa Tengah", "Daerah Istimewa Yogyakarta", "Bali"):
        assert name in province_svg, name
    assert "Kota Semarang" not in province_svg
    # topics as shares of meetings: asn_neutrality came up at 2 of 3 meetings
    topic_svg = section(html, 'aria-label="Topic shares"', "</svg>")
    assert "ASN neutrality" in topic_svg
    assert "66.7% (2)" in topic_svg
    kind_svg = section(html, 'aria-label="Participant institution kinds"', "</svg>")
    for kind in ("Pemda", "KPU", "Polri", "Bawaslu"):
        assert kind in kind_svg, kind
    # latest meetings: region names, modes, escaped titles; the undated one is noted
    meetings = section(html, 'id="latest-meetings"')
    assert "Jawa Tengah, Kabupaten Boyolali, Kota Semarang" in meetings
    assert "in person" in meetings
    assert "FGD &lt;politik uang&gt; &amp; netralitas" in meetings
    assert "1 meeting without a date is not shown" in html
    # validation: the latest run of each suite passed; the older failure is history
    assert '<span class="badge pass">passing</span>' in html
    assert 'id="failed-expectations"' not in html
    # quarantine and rejections, escaped
    assert "data/quarantine/r1-b0000" in html
    assert "institution_kind not in set (Polisi)" in html
    assert "not UTF-8 &lt;binary&gt;" in html


def test_report_shows_failed_expectations_with_examples(tmp_path):
    rows = ROWS.replace(
        "('dq3', 'r2-b0000', 'staged_articles,staged_participants', true, 40, 0,",
        "('dq3', 'r2-b0000', 'staged_articles,staged_participants', false, 40, 1,",
    ).replace(
        "'institution_kind', true, 0, 6, NULL)",
        "'institution_kind', false, 2, 6, '[\"Tentara\", \"Satpam\"]')",
    )
    path = make_warehouse(tmp_path / "w.duckdb", rows)
    html = build_report(path, tmp_path / "r").read_text(encoding="utf-8")
    assert '<span class="badge fail">failing</span>' in html
    table = section(html, 'id="failed-expectations"')
    assert "expect_column_values_to_be_in_set" in table
    assert "institution_kind" in table
    assert "&#34;Tentara&#34;, &#34;Satpam&#34;" in table
    assert "2 of 6" in table
    assert "Polisi" not in table  # only the latest run of each suite counts


def test_empty_warehouse_says_no_data_yet(tmp_path):
    path = make_warehouse(tmp_path / "empty.duckdb")
    html = build_report(path, tmp_path / "r").read_text(encoding="utf-8")
    assert "No data yet." in html
    assert "<svg" not in html
    assert 'id="latest-meetings"' not in html
    for key in COUNT_SQL:
        assert shown_count(html, key) == 0, key
    assert "no validation yet" in html
    assert "No quarantined batches." in html
    assert "No rejected inputs." in html


def test_articles_without_meetings_say_so(tmp_path):
    rows = ROWS[: ROWS.index("INSERT INTO fact_meeting")].replace("true, 't'", "false, 't'")
    html = build_report(make_warehouse(tmp_path / "w.duckdb", rows), tmp_path / "r").read_text()
    assert "No meetings yet." in html
    assert "<svg" not in html


def test_report_links_data_docs_and_validation_pages(literal_warehouse, tmp_path):
    docs = tmp_path / "reports" / "data_docs"
    pages = docs / "validations" / "staged_participants" / "r1-b0000"
    for stamp in ("20241001T100100Z", "20241001T100200Z"):
        (pages / stamp).mkdir(parents=True)
        (pages / stamp / "pilkada_frames-participants.html").write_text("<html></html>")
    (docs / "index.html").write_text("<html></html>")
    html = build_report(
        literal_warehouse, tmp_path / "reports", data_docs_index=docs / "index.html"
    ).read_text(encoding="utf-8")
    assert 'href="data_docs/index.html"' in html
    latest = (
        "data_docs/validations/staged_participants/r1-b0000/20241001T100200Z/"
        "pilkada_frames-participants.html"
    )
    quarantine = section(html, 'id="quarantine"')
    assert f'<a href="{latest}">staged_participants</a>' in quarantine
    assert "20241001T100100Z" not in html


def test_report_refuses_missing_and_foreign_databases(tmp_path):
    with pytest.raises(wh.WarehouseError, match="no warehouse here"):
        build_report(tmp_path / "nothing.duckdb", tmp_path / "r")
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE t (x INT)")
    con.close()
    with pytest.raises(wh.WarehouseError, match="not a pilkada warehouse"):
        build_report(foreign, tmp_path / "r")
    assert not (tmp_path / "r" / "index.html").exists()


# --- the sample corpus through the real build and report flows ---------------------------------

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "articles"


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory, prefect_server) -> tuple[Path, Path]:
    """The bundled sample built by the real flow, then `quality_report`: (warehouse, index)."""
    root = tmp_path_factory.mktemp("report") / "data"
    warehouse = root / "warehouse" / "pilkada.duckdb"
    warehouse.parent.mkdir(parents=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("PILKADA_GX_ROOT", raising=False)  # GX state in data/gx, as in production
        build_warehouse(articles=[str(SAMPLE)], warehouse=str(warehouse))
        index = quality_report(warehouse=str(warehouse), out_dir=str(root / "reports"))
    return warehouse, Path(index)


def test_sample_report_matches_the_warehouse(sample_report):
    warehouse, index = sample_report
    assert index == warehouse.parent.parent / "reports" / "index.html"
    html = index.read_text(encoding="utf-8")
    for key, sql in COUNT_SQL.items():
        assert shown_count(html, key) == sql_count(warehouse, sql), key
    assert shown_count(html, "meetings") > 0
    assert html.count("<svg ") == 4
    # every province with a meeting is named in the province chart
    con = duckdb.connect(str(warehouse), read_only=True)
    provinces = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT p.name FROM meeting_regions mr JOIN regions r USING (region_code)"
            " JOIN regions p ON p.region_code = r.province_code"
        ).fetchall()
    ]
    con.close()
    province_svg = section(html, 'aria-label="Meetings per province"', "</svg>")
    for name in provinces:
        assert name in province_svg, name
    # Data Docs beside the report, linked relatively, with a page per validated batch and suite
    docs = index.parent / "data_docs" / "index.html"
    assert docs.exists()
    assert 'href="data_docs/index.html"' in html
    assert re.search(r'href="data_docs/validations/staged_articles/[^"]+\.html"', html)
    assert '<span class="badge pass">passing</span>' in html


@pytest.mark.browser
def test_report_renders_in_headless_chromium(sample_report, tmp_path):
    warehouse, index = sample_report
    meetings = sql_count(warehouse, COUNT_SQL["meetings"])
    started = time.perf_counter()
    with open_page(index.resolve().as_uri()) as (page, log):
        assert page.title() == "Pilkada warehouse report"
        shown = page.locator('[data-count="meetings"] .value')
        assert shown.is_visible()
        assert shown.inner_text() == str(meetings)
        charts = page.locator("svg.chart")
        assert charts.count() >= 4
        for i in range(charts.count()):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            box = chart.bounding_box()
            assert chart.is_visible() and box and box["width"] > 200 and box["height"] > 80, i
            assert chart.locator("path, rect").count() > 5, i  # bars and axes were drawn
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        assert log.problems == []
        assert log.remote_requests == []
    print(f"report checked in Chromium in {time.perf_counter() - started:.1f} s")


@pytest.mark.browser
def test_meeting_links_lead_to_its_articles_and_evidence(sample_report, tmp_path):
    """Latest meetings -> a meeting's page: its articles (source links) and evidence sentences."""
    warehouse, index = sample_report
    con = duckdb.connect(str(warehouse), read_only=True)
    meeting_id, n_articles = con.execute(
        "SELECT meeting_id, n_articles FROM meetings"
        " ORDER BY n_articles DESC, meeting_date DESC NULLS LAST, meeting_id LIMIT 1"
    ).fetchone()
    articles = dict(
        con.execute(
            "SELECT article_id, url FROM meeting_articles JOIN articles USING (article_id)"
            " WHERE meeting_id = ?",
            [meeting_id],
        ).fetchall()
    )
    directive = con.execute(
        "SELECT evidence FROM directives WHERE meeting_id = ? ORDER BY article_id, evidence_start"
        " LIMIT 1",
        [meeting_id],
    ).fetchone()[0]
    participants = con.execute(
        "SELECT count(*) FROM participants WHERE meeting_id = ?", [meeting_id]
    ).fetchone()[0]
    con.close()
    assert n_articles == len(articles) >= 2  # the sample has meetings reported twice
    with open_page(index.resolve().as_uri()) as (page, log):
        row = page.locator(f'#latest-meetings-table tr[data-meeting-id="{meeting_id}"]')
        row.locator("a.meeting-link").click()
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/meetings/{meeting_id}.html")
        assert page.locator("#meeting-id").inner_text() == meeting_id
        shown = page.locator("section.article")
        assert shown.count() == n_articles
        for i in range(shown.count()):
            section_ = shown.nth(i)
            article_id = section_.get_attribute("data-article-id")
            assert article_id in articles
            link = section_.locator("a.source")
            assert link.get_attribute("href") == articles[article_id]  # the manifest's URL
        assert page.locator('li[data-kind="participant"]').count() == participants
        marks = page.locator('li[data-kind="directive"] mark').all_inner_texts()
        assert directive in marks
        sentence = page.locator('li[data-kind="region"] blockquote').first.inner_text()
        assert len(sentence) > 20  # a sentence, not just the region's name
        page.screenshot(path=str(tmp_path / "meeting.png"), full_page=True)
        page.locator("#back").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/index.html#latest-meetings")
        assert log.problems == [] and log.remote_requests == []


@pytest.mark.browser
def test_data_docs_render_in_headless_chromium(sample_report, tmp_path):
    """The Data Docs index and a validation page open and show the gate's results."""
    _, index = sample_report
    docs = index.parent / "data_docs"
    with open_page((docs / "index.html").resolve().as_uri()) as (page, log):
        assert "Data Docs" in page.title()
        assert page.get_by_text("Validation Results").first.is_visible()
        # bootstrap-table (jQuery) filled the results table from the page's data
        rows = page.locator("table tbody tr")
        assert rows.count() > 0
        assert rows.first.is_visible()
        assert log.problems == []
    html = index.read_text(encoding="utf-8")
    href = re.search(r'href="(data_docs/validations/staged_articles/[^"]+\.html)"', html)[1]
    with open_page((index.parent / href).resolve().as_uri()) as (page, log):
        text = page.locator("body").inner_text()
        assert "Expectation Validation Result" in text
        assert "staged_articles" in text
        assert "Succeeded" in text
        assert "Data asset: articles" in text  # GX 1.24 alone says "Data asset: None"
        page.screenshot(path=str(tmp_path / "data_docs.png"), full_page=True)
        assert log.problems == []


@pytest.mark.browser
def test_data_docs_need_no_network(sample_report):
    """Bootstrap, jQuery, Vega and Font Awesome come from data_docs/static/vendor at any depth."""
    _, index = sample_report
    docs = index.parent / "data_docs"
    pages = [
        docs / "index.html",
        next(docs.glob("expectations/*.html")),
        next(docs.glob("validations/*/*/*/*.html")),
    ]
    for path in pages:
        with open_page(path.resolve().as_uri()) as (page, log):
            assert log.remote_requests == [], path
            assert log.problems == [], path
            assert page.evaluate("typeof jQuery === 'function' && typeof vegaEmbed === 'function'")
            icons = page.evaluate(
                "[...document.fonts].filter(f => f.family.includes('Font Awesome')"
                " && f.status === 'loaded').length"
            )
            assert icons > 0, path


def test_browser_tests_skip_with_a_message_without_chromium(monkeypatch):
    import browser

    monkeypatch.delenv("PILKADA_CHROMIUM", raising=False)
    monkeypatch.setattr(browser, "CHROMIUM_CANDIDATES", ())
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        browser.chromium_path()
