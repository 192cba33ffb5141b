"""Set-aside articles as a user meets them: `pilkada run` exits 3 with how many and where to look
(its Prefect flow run Completed, with a warning), `pilkada quarantine list / show / retry`, and
the HTML report's section of articles set aside and warnings."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada.cli import app
from pilkada.errors import ExitCode
from pilkada.load import warehouse as wh
from pilkada.quality import suites as suites_module
from pilkada.report.pages import collect, render
from pilkada.run import pipeline as pl
from pilkada.sources.official import load_official

runner = CliRunner()
MARKER = "XYZZY-SET-ASIDE"  # an article holding it fails the test suite's text rule


@pytest.fixture
def strict_suites(tmp_path: Path, monkeypatch) -> Path:
    """The committed suites, but `text.non_blank` also refuses a text holding MARKER."""
    folder = tmp_path / "expectations"
    shutil.copytree(suites_module.EXPECTATIONS_DIR, folder)
    path = folder / "staged_articles.json"
    doc = json.loads(path.read_text())
    (rule,) = [e for e in doc["expectations"] if e["meta"]["rule"] == "text.non_blank"]
    rule["kwargs"]["regex"] = rf"^(?![\s\S]*{MARKER})[\s\S]*\S"
    path.write_text(json.dumps(doc, indent=2))
    monkeypatch.setattr(suites_module, "EXPECTATIONS_DIR", folder)
    return folder


@pytest.fixture
def inputs(sample_dir: Path, article_dir) -> Path:
    """The sample articles, one of them carrying MARKER."""
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(sample_dir.glob("*.txt"))}
    first = sorted(files)[0]
    files[first] = files[first] + f"\n{MARKER}\n"
    return article_dir(files, "marked")


@pytest.fixture
def set_aside_warehouse(tmp_path, monkeypatch, strict_suites, inputs) -> tuple[Path, str]:
    """A warehouse (built without Prefect) where one article was set aside; its id."""
    monkeypatch.setenv("PILKADA_GX_ROOT", str(tmp_path / "gx"))
    warehouse = tmp_path / "data" / "warehouse" / "w.duckdb"
    con = wh.connect(warehouse)
    try:
        wh.ensure_schema(con, warehouse)
        pl.load_official_lists(con, load_official([]), run_id="r0", warehouse=warehouse)
        refs = pl.plan(con, [str(inputs)]).refs
        articles, rejected = pl.read_batch(refs)
        frames = pl.stage("b-1", articles, pl.extract_batch(articles, pl.region_frame(con)))
        reports = frames["meeting_reports"]
        reports.loc[reports.index[-1], "meeting_date"] = dt.date(2031, 1, 1)  # a warning too
        result = pl.gate_batch(
            frames, batch_id="b-1", params=pl.gate_params(con), warehouse=warehouse
        )
        outcome = pl.commit_batch(
            con, run_id="r1", batch_id="b-1", refs=refs, articles=articles, duplicates=[],
            rejected=rejected, frames=frames, result=result, warehouse=warehouse,
            started=wh.now(),
        )  # fmt: skip
        assert outcome.n_set_aside == 1, outcome.message
        (bad,) = result.set_aside_ids
    finally:
        con.close()
    return warehouse, bad


def test_quarantine_list_show_and_retry(set_aside_warehouse):
    warehouse, bad = set_aside_warehouse
    listed = runner.invoke(app, ["quarantine", "list", "-w", str(warehouse)])
    assert listed.exit_code == 0, listed.output
    assert bad in listed.output and "1 articles" in listed.output

    shown = runner.invoke(app, ["quarantine", "show", bad[:6], "-w", str(warehouse)])
    assert shown.exit_code == 0, shown.output
    assert f"article_id: {bad}" in shown.output and "reason: staged_articles" in shown.output
    missing = runner.invoke(app, ["quarantine", "show", "ffffff", "-w", str(warehouse)])
    assert (
        missing.exit_code == ExitCode.NOTHING_LOADED and "no quarantined article" in missing.output
    )

    retried = runner.invoke(app, ["quarantine", "retry", "-w", str(warehouse)])
    assert retried.exit_code == 0, retried.output
    assert "1 quarantined articles will be read again" in retried.output
    con = wh.connect(warehouse)
    try:
        assert bad not in pl.parked_articles(con)
    finally:
        con.close()
    again = runner.invoke(app, ["quarantine", "list", "-w", str(warehouse)])
    assert "retry" in again.output


def test_report_shows_set_aside_articles_and_warnings_per_reason(set_aside_warehouse):
    warehouse, bad = set_aside_warehouse
    con = wh.connect(warehouse, read_only=True)
    try:
        data = collect(con)
    finally:
        con.close()
    per_reason = {(r["kind"], r["expectation"]): r["n"] for r in data["set_aside_per_day"]}
    assert per_reason == {
        ("set aside", "text.non_blank"): 1,
        ("set to NULL", "meeting_date.range"): 1,
    }
    html = render(data, warehouse=warehouse, generated=dt.datetime(2026, 12, 4))
    section = html[html.index('<section id="set-aside"') :]
    section = section[: section.index("</section>")]
    assert bad in section and "text.non_blank" in section and "meeting_date.range" in section


@pytest.mark.slow
def test_run_with_an_article_set_aside_exits_3_and_its_flow_run_completes(
    warehouse: Path, strict_suites, inputs
):
    from flows.build import build_warehouse

    records: list[logging.LogRecord] = []
    keep = logging.Handler(level=logging.WARNING)
    keep.emit = records.append  # the flow run's own log records, whatever its console shows
    flow_logger = logging.getLogger("prefect.flow_runs")
    flow_logger.addHandler(keep)
    try:
        state = build_warehouse(
            articles=[str(inputs)], warehouse=str(warehouse), return_state=True
        )
    finally:
        flow_logger.removeHandler(keep)
    assert state.is_completed(), state
    summary = state.result()
    assert summary["set_aside"] == 1
    logged = [(r.levelname, r.getMessage()) for r in records]
    assert any(
        level == "WARNING" and "1 articles set aside by the quality gate" in message
        for level, message in logged
    ), logged

    other = warehouse.with_name("cli.duckdb")
    result = runner.invoke(app, ["run", "--articles", str(inputs), "-w", str(other), "-q"])
    assert result.exit_code == ExitCode.SET_ASIDE, result.output
    assert "1 articles set aside" in result.output and "pilkada quarantine list" in result.output
