"""Deployments of prefect.yaml on a real Prefect server and process worker (scripts/serve.sh)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SERVE = REPO / "scripts" / "serve.sh"
JAKARTA = ZoneInfo("Asia/Jakarta")
PULL_STEP = {
    "prefect.deployments.steps.set_working_directory": {"directory": "{{ $PILKADA_HOME }}"}
}
# deployment name -> (entrypoint, cron); all in Asia/Jakarta
EXPECTED = {
    "daily": ("flows/build.py:build_warehouse", "0 5 * * *"),
    "weekly": ("flows/official.py:refresh_official", "0 4 * * 1"),
    "after-build": ("flows/report.py:quality_report", "30 6 * * *"),
}
BUILD_TIMEOUT = 240
REPORT_TIMEOUT = 120
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def _prefect_yaml() -> dict:
    return yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))


def test_prefect_yaml_is_portable():
    """Relative paths only, the pull step from $PILKADA_HOME, cron in Asia/Jakarta, one pool."""
    config = _prefect_yaml()
    assert config["pull"] == [PULL_STEP]
    deployments = {d["name"]: d for d in config["deployments"]}
    assert set(deployments) == set(EXPECTED)
    for name, (entrypoint, cron) in EXPECTED.items():
        d = deployments[name]
        assert d["entrypoint"] == entrypoint
        assert (REPO / entrypoint.split(":")[0]).is_file(), entrypoint
        assert d["schedules"] == [{"cron": cron, "timezone": "Asia/Jakarta", "active": True}]
        assert d["work_pool"]["name"] == "pilkada-process"
        assert d["parameters"]["warehouse"] == "data/warehouse/pilkada.duckdb"
    assert deployments["daily"]["parameters"]["articles"] == ["data/raw/articles"]
    text = json.dumps(config)
    assert str(REPO) not in text
    assert not re.search(r'"(/|~|[A-Za-z]:\\\\)', text), "absolute path in prefect.yaml"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    """scripts/serve.sh on a free loopback port, with its state in a temporary folder."""

    def __init__(self, tmp: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/api"
        self.serve_dir = tmp / "serve"
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("PREFECT_API_URL", "PILKADA_HOME", "PREFECT_PROFILE")
        }
        self.env |= {
            "PILKADA_PREFECT_HOME": str(tmp / "prefect"),
            "PILKADA_SERVE_DIR": str(self.serve_dir),
            "PILKADA_PREFECT_PORT": str(self.port),
            "PREFECT_LOGGING_LEVEL": "INFO",
            "PREFECT_WORKER_QUERY_SECONDS": "2",  # default 10: up to 10 s before a pickup
        }
        self.seconds: dict[str, float] = {}

    def run(self, step: str, timeout: float = 150) -> str:
        started = time.monotonic()
        proc = subprocess.run(
            ["bash", str(SERVE), step],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        self.seconds[step] = time.monotonic() - started
        assert proc.returncode == 0, f"serve.sh {step}:\n{proc.stdout}\n{proc.stderr}"
        return proc.stdout

    def log(self, name: str, lines: int = 40) -> str:
        path = self.serve_dir / f"{name}.log"
        if not path.exists():
            return f"({path} missing)"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def scheduler_error(self) -> str:
        log = self.log("server", 400)
        if "bulk_dml" in log:  # seen with SQLAlchemy 2.1.x: every scheduler insert fails
            return "the server's scheduler fails on SQLAlchemy 2.1 (Prefect 3.8.8 needs 2.0.x)"
        return f"server log:\n{self.log('server')}"

    def stop(self) -> None:
        try:
            subprocess.run(
                ["bash", str(SERVE), "stop"],
                cwd=REPO,
                env=self.env,
                capture_output=True,
                timeout=60,
                check=False,
            )
        finally:  # whatever serve.sh left: its pid files name process groups we started
            for pid_file in self.serve_dir.glob("*.pid"):
                with contextlib.suppress(ValueError, ProcessLookupError, PermissionError):
                    os.killpg(int(pid_file.read_text().strip()), signal.SIGKILL)


@pytest.fixture
def stack(tmp_path):
    s = Stack(tmp_path)
    try:
        yield s
    finally:
        s.stop()


def _jakarta(moment: datetime) -> datetime:
    return moment.astimezone(JAKARTA)


def _matches_cron(moment: datetime, cron: str) -> bool:
    """The cron strings of prefect.yaml only: 'M H * * *' or 'M H * * D'."""
    minute, hour, _, _, weekday = cron.split()
    local = _jakarta(moment)
    same_time = (local.minute, local.hour) == (int(minute), int(hour))
    return same_time and (weekday == "*" or local.isoweekday() % 7 == int(weekday))


def _poll(read, done, timeout: float):
    """read() once a second until done(result) or the timeout; the last result."""
    deadline = time.monotonic() + timeout
    while True:
        result = read()
        if done(result) or time.monotonic() > deadline:
            return result
        time.sleep(1)


def _runs_of(client, deployment_id, *states: str) -> list:
    """Flow runs of a deployment (in the given state types), soonest expected start first."""
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterDeploymentId,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.sorting import FlowRunSort

    state = FlowRunFilterState(type=FlowRunFilterStateType(any_=list(states))) if states else None
    return client.read_flow_runs(
        flow_run_filter=FlowRunFilter(
            deployment_id=FlowRunFilterDeploymentId(any_=[deployment_id]), state=state
        ),
        sort=FlowRunSort.EXPECTED_START_TIME_ASC,
    )


def _finish(client, flow_run_id, timeout: float):
    return _poll(
        lambda: client.read_flow_run(flow_run_id),
        lambda run: run.state_type is not None and run.state_type.value in TERMINAL,
        timeout,
    )


def _timeline(client, flow_run_id) -> str:
    states = sorted(client.read_flow_run_states(flow_run_id), key=lambda s: s.timestamp)
    first = states[0].timestamp
    return ", ".join(f"{s.name} +{(s.timestamp - first).total_seconds():.1f}s" for s in states)


def _check_deployment(client, stack: Stack, deployment, entrypoint: str, cron: str) -> datetime:
    """Cron in Asia/Jakarta, the pull step unresolved, and a next run at the cron's time."""
    assert deployment.entrypoint == entrypoint
    assert deployment.work_pool_name == "pilkada-process"
    assert deployment.pull_steps == [PULL_STEP], "prefect deploy resolved $PILKADA_HOME"
    assert str(REPO) not in deployment.model_dump_json()
    [schedule] = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == (cron, "Asia/Jakarta")
    assert schedule.active
    # the server's recent-deployments scheduler looks every 5 s
    scheduled = _poll(lambda: _runs_of(client, deployment.id, "SCHEDULED"), bool, 30)
    assert scheduled, f"no scheduled run of {deployment.name}: {stack.scheduler_error()}"
    upcoming = scheduled[0].expected_start_time
    assert upcoming > datetime.now(UTC)
    assert _matches_cron(upcoming, cron), (deployment.name, _jakarta(upcoming))
    return _jakarta(upcoming)


@pytest.mark.slow
def test_deployments_are_scheduled_and_the_build_runs_on_a_worker(stack, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    stack.run("server")
    stack.run("pool")
    stack.run("deploy")
    warehouse = tmp_path / "data" / "warehouse" / "pilkada.duckdb"

    with (
        temporary_settings(updates={PREFECT_API_URL: stack.url}),
        get_client(sync_client=True) as client,
    ):
        deployments = {d.name: d for d in client.read_deployments()}
        assert set(deployments) == set(EXPECTED), stack.log("deploy")
        upcoming = {
            name: _check_deployment(client, stack, deployments[name], entrypoint, cron)
            for name, (entrypoint, cron) in EXPECTED.items()
        }
        report_id = deployments["after-build"].id
        automations = client.read_resource_related_automations(f"prefect.deployment.{report_id}")
        assert [a.enabled for a in automations] == [True], "no trigger for the report"

        # No scheduled run may start on the real warehouse while the worker is up.
        for d in deployments.values():
            for schedule in d.schedules:
                client.update_deployment_schedule(d.id, schedule.id, active=False)
        stack.run("worker")

        # The build deployment as a scheduled run would go, on a warehouse of this test.
        submitted = time.monotonic()
        build = client.create_flow_run_from_deployment(
            deployments["daily"].id, parameters={"warehouse": str(warehouse)}
        )
        build = _finish(client, build.id, BUILD_TIMEOUT)
        build_seconds = time.monotonic() - submitted
        assert build.state_type.value == "COMPLETED", (
            f"build run {build.state_type}: {build.state.message}\n"
            f"worker log:\n{stack.log('worker', 80)}"
        )

        # Its completion triggers the report deployment, on the warehouse that build wrote.
        reports = _poll(
            lambda: [
                r
                for r in _runs_of(client, report_id)
                if r.created_by and r.created_by.type == "AUTOMATION"
            ],
            bool,
            30,
        )
        assert reports, f"the trigger made no report run; server log:\n{stack.log('server')}"
        [report] = reports
        assert report.parameters == {
            "warehouse": str(warehouse),
            "out_dir": str(tmp_path / "data" / "reports"),
        }
        report = _finish(client, report.id, REPORT_TIMEOUT)
        report_seconds = time.monotonic() - submitted - build_seconds
        assert report.state_type.value == "COMPLETED", (
            f"report run {report.state_type}: {report.state.message}\n"
            f"worker log:\n{stack.log('worker', 80)}"
        )
        build_timeline = _timeline(client, build.id)

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_meetings = con.execute("SELECT count(*) FROM meetings").fetchone()[0]
    finally:
        con.close()
    assert n_articles > 0
    assert n_meetings > 0
    assert (tmp_path / "data" / "reports" / "index.html").is_file()

    took = stack.seconds
    print(
        f"\nserver start {took['server']:.1f}s, work pool {took['pool']:.1f}s,"
        f" deploy {took['deploy']:.1f}s, worker start {took['worker']:.1f}s"
        "\nnext runs (WIB): "
        + ", ".join(f"{name} {at:%a %Y-%m-%d %H:%M}" for name, at in upcoming.items())
        + f"\nbuild run: submitted -> Completed {build_seconds:.1f}s ({build_timeline});"
        f" {n_articles} articles, {n_meetings} meetings"
        f"\nreport run (trigger): build Completed -> report Completed {report_seconds:.1f}s"
    )
