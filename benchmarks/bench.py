"""Benchmark the warehouse build at scale on three corpora, side by side in one run.

    python benchmarks/bench.py                      # 10k, 100k, 300k articles (`make bench`)
    python benchmarks/bench.py --sizes 5000         # `make bench-small`
    python benchmarks/bench.py --repeat 3           # bare pass and build three times (to 100k)
    python benchmarks/bench.py --corpora realistic  # one corpus only
    python benchmarks/bench.py --ungated            # also the build with the gate passed through

Corpora: `synthetic` (`benchmarks.synth`, with its gold), `realistic` (plain text made from the real
articles by `../shared/tools/realistic_corpus.py`: real sentences, real lengths and noise) and
`html` (the same texts inside heavy 52 KB news pages). The two realistic ones need `../shared`
beside the checkout and are skipped without it. Sizes above `--up-to KIND=N` are skipped for that
corpus (default: synthetic and html to 100k, plain realistic text to every size).

For each corpus and size: generate the corpus once (cached by kind, size and seed under
`<out>/corpus/`), then run three phases, each in a fresh subprocess so that peak RSS is per phase:

1. bare pass: `discover_inputs` + `read_sources` + `pipeline.extract_batch` over the same
   batches, with no Prefect, quality gate, staging or load (extraction runs on the same process
   pool the build uses, because `extract_batch` is what the build's task calls);
2. full build: `flows.build.build_warehouse` into a fresh warehouse;
3. unchanged re-run of the same build.

With `--ungated`, each pair gets a third phase: the same build flow with the quality gate
replaced by a pass-through that loads every frame unchecked (GX is never imported). It is a
measurement, not a mode of the product: how close to the bare pass a build could come without
Great Expectations, which the design card requires on every load.

With `--repeat N` the (bare, build) pair runs N times back to back (sizes up to
`--repeat-up-to`); the report takes the build of median wall time, the median bare pass and the
median of the pairs' full/bare ratios (this machine's speed drifts by a third between minutes).
Each phase also reports its CPU seconds (main process and pool workers).

It prints a table (wall time, articles/s, MB/s, CPU-s per MB of input, peak RSS, seconds per
stage from the flow summary, bare pass and ratio, re-run and its share, GX share) and the targets
with PASS/FAIL, and writes `<out>/results-<size>.json` (`results-<kind>-<size>.json` for the
realistic corpora). No assertions: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_SIZES = (10_000, 100_000, 300_000)
DEFAULT_OUT = REPO / "data" / "bench"
CORPORA = ("synthetic", "realistic", "html")
DEFAULT_UP_TO = {"synthetic": 100_000, "html": 100_000}  # plain realistic text: every size
REALISTIC_TOOL = REPO.parent / "shared" / "tools" / "realistic_corpus.py"
# Main-process steps of the build, one after another (their sum plus `other` is the wall time):
# web reads, waiting for the pool, building frames, the GX gate, the DuckDB load, the batch's
# garbage collection, then settling meetings and the last checkpoint.
STAGES = ("read", "wait", "stage", "gate", "load", "collect", "settle", "flush")
# Worker seconds inside the pool (summed over workers; they overlap the main process).
WORKER_STAGES = ("worker_read", "worker_extract", "worker_rows")

# Targets (issue #6), stated at 100k articles on a 2-core machine.
TARGET_WALL_100K_S = 120.0  # full build; scaled linearly for other sizes
TARGET_BARE_RATIO = 1.5  # full build / bare pass
# Targets of issue #16, on the corpora made from real texts
TARGET_BARE_RATIO_BY_KIND = {"realistic": 1.3}
TARGET_BARE_CPU_S_PER_MB = 0.25  # realistic plain text: bare pass CPU seconds per MB of text
TARGET_BARE_CPU_MS_PER_PAGE = 10.0  # realistic HTML pages: bare pass CPU ms per page
TARGET_RERUN_SHARE = 0.10  # unchanged re-run / full build
TARGET_RSS_MIB = 2048.0  # peak RSS of the build (main process and its children together)
TARGET_GX_SHARE = 0.20  # validation / wall
TARGET_LINEAR = 1.25  # per-article time at the largest size / at the smallest
EXIT_GRACE_S = 120.0  # a phase child that wrote its result but has not exited is ended then


# --- corpus -----------------------------------------------------------------------------------


def corpus_dir(out: Path, size: int, seed: int, kind: str = "synthetic") -> Path:
    prefix = "" if kind == "synthetic" else f"{kind}-"
    return out / "corpus" / f"{prefix}n{size}-s{seed}"


def _folder_bytes(folder: Path) -> int:
    return sum(
        os.path.getsize(os.path.join(root, name))
        for root, _, files in os.walk(folder)
        for name in files
        if not name.startswith(".")
    )


def ensure_corpus(out: Path, size: int, seed: int, kind: str = "synthetic") -> dict:
    """The corpus for (kind, size, seed), generated unless a complete one is already there."""
    folder = corpus_dir(out, size, seed, kind)
    marker = folder / f".{kind}.json"  # dot files are not articles (ingest.discover_inputs)
    if kind == "synthetic":
        from benchmarks.synth import SYNTH_VERSION as version
    else:
        version = REALISTIC_TOOL.stat().st_mtime if REALISTIC_TOOL.is_file() else None
    if marker.is_file():
        info = json.loads(marker.read_text())
        if (
            info.get("n") == size
            and info.get("seed") == seed
            and info.get("version", info.get("synth_version")) == version
        ):
            return {**info, "cached": True}
    if kind == "synthetic":
        from benchmarks.synth import generate

        info = generate(size, folder, seed=seed, overwrite=True)
    else:
        if version is None:
            raise FileNotFoundError(f"{REALISTIC_TOOL}: needed for the {kind} corpus")
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(REALISTIC_TOOL), str(size), str(folder), "--seed", str(seed)]
            + (["--html"] if kind == "html" else []),
            check=True,
            capture_output=True,
        )
        info = {"n": size, "seed": seed}
    info = {**info, "kind": kind, "version": version, "bytes": _folder_bytes(folder)}
    marker.write_text(json.dumps(info, indent=1))
    return {**info, "cached": False}


# --- phases (run in a child process) ----------------------------------------------------------


def _rss_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0  # Linux: KiB


def _cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _stop_pool() -> None:
    """End the extraction pool so that its workers count in RUSAGE_CHILDREN."""
    with contextlib.suppress(ImportError):  # an older pipeline without a pool
        from pilkada.run import workers

        workers.shutdown()


def _region_frame(scratch: Path):
    """The region frame the build hands the extractor (official lists loaded into a scratch
    warehouse and read back the way the flow reads them)."""
    from pilkada.load import warehouse as wh
    from pilkada.run import pipeline as pl
    from pilkada.sources.official import load_official

    scratch.unlink(missing_ok=True)
    con = wh.connect(scratch)
    try:
        wh.ensure_schema(con, scratch)
        wh.load_regions(con, load_official([]).regions)
        return pl.region_frame(con)
    finally:
        con.close()
        scratch.unlink(missing_ok=True)


def phase_bare(corpus: Path, batch_size: int, scratch: Path) -> dict:
    """Read, normalize and extract every file in batches of the build's size (not split at
    the end as the build's last batch is: `pilkada.run.batches.plan_batches`); nothing else.

    The same pool function the build's extract task calls (`workers.process_all`), without
    building staged rows: no Prefect, gate, staging or load.
    """
    from pilkada.run.workers import process_all
    from pilkada.settings import batch_size_for
    from pilkada.sources.ingest import chunks, discover_inputs

    regions = _region_frame(scratch)
    started = time.perf_counter()
    refs, rejected = discover_inputs([str(corpus)])
    seconds = {"discover": time.perf_counter() - started, "read+extract": 0.0}
    n_articles = n_meetings = 0
    for index, refs_batch in enumerate(chunks(refs, batch_size_for(len(refs), batch_size))):
        clock = time.perf_counter()
        done = process_all(refs_batch, regions, f"bare-b{index:04d}", stage=False)
        seconds["read+extract"] += time.perf_counter() - clock
        for step, spent in done.seconds.items():
            seconds[f"worker_{step}"] = seconds.get(f"worker_{step}", 0.0) + spent
        n_articles += len(done.articles)
        n_meetings += done.n_meeting_reports
        rejected += done.rejected
    wall = time.perf_counter() - started
    return {
        "wall_s": wall,
        "seconds": seconds,
        "n_sources": len(refs),
        "n_articles": n_articles,
        "n_meeting_reports": n_meetings,
        "n_rejected": len(rejected),
    }


def _pass_gate_through() -> None:
    """The `ungated` phase: every gate call in this process passes its frames through unchecked
    (official lists and batches), so the build runs without Great Expectations."""
    import datetime as dt

    from pilkada.quality.gate_result import GateResult
    from pilkada.run import pipeline

    def passthrough(frames, *, batch_id, params=None, gx_root=None) -> GateResult:
        return GateResult(
            batch_id=batch_id, run_id=f"ungated-{batch_id}", started_at=dt.datetime.now(dt.UTC),
            duration_s=0.0, suites=[], evaluations=[], failures=[], gx_results={},
            frames=dict(frames),
        )  # fmt: skip

    pipeline.gate = passthrough


def _summary_from_ops(warehouse: Path) -> dict:
    """What a failed run left in the ops tables (its batches, without stage seconds)."""
    from pilkada.load import warehouse as wh

    con = wh.connect(warehouse, read_only=True)
    try:
        rows = con.execute(
            """SELECT b.batch_id, b.status, b.n_sources, b.n_articles, b.n_rejected,
                      epoch(b.finished_at) - epoch(b.started_at),
                      (SELECT sum(d.duration_s) FROM dq_runs d WHERE d.batch_id = b.batch_id)
               FROM load_batches b
               WHERE b.run_id = (SELECT max(run_id) FROM load_batches) ORDER BY b.batch_id"""
        ).fetchall()
        counts = wh.table_counts(con)
    finally:
        con.close()
    batches = [
        {
            "batch_id": b,
            "status": st,
            "n_sources": ns,
            "n_articles": na,
            "n_rejected": nr,
            "batch_wall_s": bw,
            "ops_seconds": {"gate": gx or 0.0},  # GX run time from dq_runs; no other stages
        }
        for b, st, ns, na, nr, bw, gx in rows
    ]
    return {"batches": batches, "counts": counts, "unchanged": None}


def phase_build(corpus: Path, warehouse: Path, batch_size: int) -> dict:
    """One run of the real build flow. A quarantined batch fails the flow at its end; the run
    is still measured (stage seconds only when the exception carries the flow's summary)."""
    from flows.build import build_warehouse
    from pilkada.errors import QualityGateFailed

    failure = None
    started = time.perf_counter()
    try:
        summary = build_warehouse(
            articles=[str(corpus)], warehouse=str(warehouse), batch_size=batch_size or None
        )
    except QualityGateFailed as exc:
        failure = str(exc)
        summary = getattr(exc, "summary", None)
    wall = time.perf_counter() - started
    if summary is None:
        summary = _summary_from_ops(warehouse)
    have_stages = any(b.get("seconds") for b in summary["batches"])
    seconds: dict[str, float | None] = dict.fromkeys(
        STAGES + WORKER_STAGES + ("extract",), 0.0 if have_stages else None
    )
    statuses: dict[str, int] = {}
    n_articles = n_sources = n_dupes = n_rejected = 0
    for batch in summary["batches"]:
        stage_seconds = batch.get("seconds") or ({} if have_stages else batch.get("ops_seconds"))
        for key, value in (stage_seconds or {}).items():
            seconds[key] = (seconds.get(key) or 0.0) + float(value)
        statuses[batch["status"]] = statuses.get(batch["status"], 0) + 1
        if not str(batch["batch_id"]).endswith("-official"):
            n_sources += batch["n_sources"]
            n_articles += batch["n_articles"]
            n_dupes += batch.get("n_duplicates", 0)
            n_rejected += batch["n_rejected"]
    for key, value in (summary.get("seconds") or {}).items():  # once per run: settle, flush
        seconds[key] = float(value)
    return {
        "wall_s": wall,
        "failure": failure,
        "seconds": seconds,
        "stage_keys_present": have_stages,
        "n_batches": sum(1 for b in summary["batches"] if b.get("seconds")),
        "statuses": statuses,
        "n_sources": n_sources,
        "n_articles": n_articles,
        "n_duplicates": n_dupes,
        "n_rejected": n_rejected,
        "unchanged": summary.get("unchanged", 0),
        "counts": summary.get("counts", {}),
    }


def _same_niceness_as_build() -> int:
    """Run every phase at the build's CPU niceness (PILKADA_BUILD_NICE, which the build sets
    for itself and its pool): on a busy machine a niced build against a bare pass at niceness 0
    measured the scheduler, not the build (full / bare 2.7x in wall time for 1.5x in CPU)."""
    from pilkada.load.publish import yield_cpu_to_readers

    yield_cpu_to_readers()
    return os.getpriority(os.PRIO_PROCESS, 0)


def run_phase_in_child(args: argparse.Namespace) -> None:
    """Entry point of a child process: run one phase, write its JSON result."""
    from pilkada.settings import configure_environment

    configure_environment()
    proc_started = time.perf_counter()
    corpus = Path(args.corpus)
    result_niceness = _same_niceness_as_build()
    if args.phase == "ungated":
        _pass_gate_through()  # then the build, as below
    if args.phase == "bare":
        result = phase_bare(corpus, args.batch_size, Path(args.warehouse).with_suffix(".scratch"))
    else:
        result = phase_build(corpus, Path(args.warehouse), args.batch_size)
    _stop_pool()
    from pilkada.extract import BUILD

    result["phase"] = args.phase
    result["gx_imported"] = "great_expectations" in sys.modules  # False: the gate never ran
    result["extractor_build"] = BUILD  # compiled, or why plain Python ran (README)
    result["niceness"] = result_niceness
    result["child_s"] = time.perf_counter() - proc_started
    result["rss_main_mib"] = _rss_mib(resource.RUSAGE_SELF)
    result["rss_child_max_mib"] = _rss_mib(resource.RUSAGE_CHILDREN)
    # CPU seconds (user + system): this process, and the pool's workers (reaped by _stop_pool).
    # Less noisy than wall time on a shared machine: what the two cores had to do.
    result["cpu_main_s"] = _cpu_s(resource.RUSAGE_SELF)
    result["cpu_workers_s"] = _cpu_s(resource.RUSAGE_CHILDREN)
    Path(args.result).write_text(json.dumps(result, indent=1, default=str))


# --- the parent: run phases, sample memory, report --------------------------------------------


class TreeRss:
    """Peak of the summed RSS of a process and its descendants, sampled every 0.2 s."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                total = 0
                for proc in procs:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                return
            self._stop.wait(0.2)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mib(self) -> float:
        return self.peak / 2**20


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class PrefectServer:
    """`prefect server start` on loopback for the whole benchmark, kept alive by a watchdog: if
    the process ends (a stray SIGTERM ended one during a 100k run), it is started again on the
    same port and database, so that the running phase's client reconnects."""

    def __init__(self, out: Path, env: dict[str, str], echo=print) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/api"
        self.env, self.echo, self.restarts = env, echo, 0
        self.log_path = out / "prefect-server.log"
        self.proc: subprocess.Popen | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._watchdog = threading.Thread(target=self._watch, daemon=True)

    def _spawn(self) -> None:
        with self.log_path.open("a") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                 "--port", str(self.port)],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + 180
        while not _healthy(self.url):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Prefect server did not start; see {self.log_path}")
            time.sleep(0.5)

    def _watch(self) -> None:
        while not self._stop.wait(2.0):
            with self._lock:
                if self._stop.is_set() or self.proc is None or self.proc.poll() is None:
                    continue
                code = self.proc.returncode
                self.echo(f"Prefect server ended (exit {code}); starting it again")
                self.restarts += 1
                try:
                    self._spawn()
                except RuntimeError as exc:
                    self.echo(str(exc))

    def __enter__(self) -> PrefectServer:
        self._spawn()
        self._watchdog.start()
        self.echo(f"Prefect server on {self.url} (pid {self.proc.pid})")
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        with self._lock:
            proc = self.proc
            if proc is not None and proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)  # its own session: only what we started
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        self._watchdog.join(timeout=10)


@contextlib.contextmanager
def prefect_api(out: Path, prefect_home: Path | None, echo=print) -> Iterator[str]:
    """A Prefect API for every phase: $PREFECT_API_URL when it answers, else a server started
    here for the whole benchmark (one ephemeral server per phase would put its start-up, and
    its 20 s start-up timeout on a busy machine, into every measurement)."""
    url = os.environ.get("PREFECT_API_URL")
    if url and _healthy(url):
        yield url
        return
    with PrefectServer(out, child_env(out, prefect_home, api_url=None), echo) as server:
        yield server.url


def child_env(out: Path, prefect_home: Path | None, api_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PREFECT_HOME"] = str(prefect_home or out / "prefect")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    env.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("GX_ANALYTICS_ENABLED", "False")
    env.setdefault("DO_NOT_TRACK", "1")
    env.pop("PILKADA_GX_ROOT", None)  # GX state beside the bench warehouse
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def warm_page_cache(folder: Path) -> float:
    """Read every file once: the phases then compare work, not whose turn it was to read the
    disk (the first reader of a cold 400 MB corpus paid ~40 s more here)."""
    clock = time.perf_counter()
    for root, _, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                while handle.read(1 << 20):
                    pass
    return time.perf_counter() - clock


def run_phase(
    phase: str,
    corpus: Path,
    warehouse: Path,
    batch_size: int,
    env: dict[str, str],
    log: Path,
) -> dict:
    """Run one phase in a fresh interpreter; its result with wall time and peak RSS."""
    result_file = warehouse.parent / f"{phase}.json"
    result_file.unlink(missing_ok=True)
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phase",
        phase,
        "--corpus",
        str(corpus),
        "--warehouse",
        str(warehouse),
        "--batch-size",
        str(batch_size),
        "--result",
        str(result_file),
    ]
    started = time.perf_counter()
    ended_by_bench = False
    with log.open("a") as handle:
        handle.write(f"\n### {phase}: {' '.join(cmd)}\n")
        handle.flush()
        proc = subprocess.Popen(cmd, env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=REPO)
        with TreeRss(proc.pid) as tree:
            written = None
            while proc.poll() is None:
                time.sleep(0.5)
                if written is None and result_file.is_file():
                    written = time.monotonic()
                if written is not None and time.monotonic() - written > EXIT_GRACE_S:
                    # the result is in; the child hangs at exit (Prefect flushing events to a
                    # server that went away): end it and what it started, by pid
                    ended_by_bench = True
                    _end_tree(proc.pid)
            code = proc.returncode
    if not result_file.is_file() or (code != 0 and not ended_by_bench):
        tail = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"phase {phase} failed (exit {code}); end of {log}:\n{tail}")
    result = json.loads(result_file.read_text())
    result["process_s"] = time.perf_counter() - started
    result["rss_tree_peak_mib"] = tree.peak_mib
    result["ended_by_bench"] = ended_by_bench
    return result


def _end_tree(pid: int) -> None:
    """SIGTERM a child process we started and its descendants (then SIGKILL what is left)."""
    try:
        import psutil

        root = psutil.Process(pid)
        procs = [*root.children(recursive=True), root]
    except Exception:  # noqa: BLE001 - no psutil, or already gone: the child alone
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        return
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.terminate()
    _gone, alive = psutil.wait_procs(procs, timeout=15)
    for proc in alive:
        with contextlib.suppress(psutil.Error):
            proc.kill()


def bench_size(
    size: int,
    *,
    out: Path = DEFAULT_OUT,
    seed: int = 2024,
    batch_size: int | None = None,
    prefect_home: Path | None = None,
    api_url: str | None = None,
    repeat: int = 1,
    kind: str = "synthetic",
    ungated: bool = False,
    echo=print,
) -> dict:
    """Generate (or reuse) the `kind` corpus of `size` articles and measure the three phases;
    with `repeat` > 1 the (bare, build) pair runs that many times and medians are reported;
    with `ungated` each pair also runs the build without its gate (`_pass_gate_through`)."""
    from pilkada.settings import batch_size_for

    asked = batch_size or 0  # 0: the build picks its own batches (tapered at the end)
    batch_size = batch_size_for(size, batch_size)  # what the build picks for this corpus
    out = Path(out).resolve()
    clock = time.perf_counter()
    corpus_info = ensure_corpus(out, size, seed, kind)
    corpus_s = time.perf_counter() - clock
    corpus = corpus_dir(out, size, seed, kind)
    tag = f"{kind} {size}"
    echo(
        f"[{tag}] corpus {corpus} ({'cached' if corpus_info['cached'] else 'generated'} "
        f"in {corpus_s:.1f} s, {corpus_info['bytes'] / 1e6:.1f} MB)"
    )
    warm_s = warm_page_cache(corpus)
    echo(f"[{tag}] corpus read once ({warm_s:.1f} s) so every phase reads it from the page cache")
    run_root = out / "runs" / corpus.name
    if run_root.exists():
        shutil.rmtree(run_root)
    warehouse = run_root / "warehouse" / "bench.duckdb"
    warehouse.parent.mkdir(parents=True)
    env = child_env(out, prefect_home, api_url)
    log = run_root / "bench.log"
    runs = []
    # the real build last: the unchanged re-run below re-runs the last build's warehouse
    phases = ("bare", "ungated", "build") if ungated else ("bare", "build")
    for attempt in range(1, repeat + 1):
        pair = {}
        for phase in phases:
            echo(f"[{tag}] {phase} ({attempt}/{repeat}) ...")
            if phase != "bare":
                from pilkada.load.publish import remove_warehouse

                remove_warehouse(warehouse)  # each build starts from an empty warehouse
            pair[phase] = run_phase(phase, corpus, warehouse, asked, env, log)
            echo(f"[{tag}] {phase} ({attempt}/{repeat}): {_wall_and_cpu(pair[phase])}")
        runs.append(pair)
    echo(f"[{tag}] rerun ...")
    rerun = run_phase("rerun", corpus, warehouse, asked, env, log)  # of the last build
    echo(f"[{tag}] rerun: {_wall_and_cpu(rerun)}")
    result = summarize(size, batch_size, corpus_info, corpus_s, median_run(runs, rerun))
    name = f"results-{size}.json" if kind == "synthetic" else f"results-{kind}-{size}.json"
    (out / name).write_text(json.dumps(result, indent=1, default=str))
    return result


def _wall_and_cpu(phase: dict) -> str:
    return f"{phase['wall_s']:.1f} s wall, {_num(_cpu_total(phase))} CPU-s"


def median_run(runs: list[dict], rerun: dict) -> dict:
    """The phases to report from repeated (bare, build) pairs: the build of median wall time
    with its own stages, the median bare pass, and `runs` (every pair, in order).

    The ratio is judged on the median of the pairs' ratios: a pair runs back to back, so a
    machine that slows down for a while slows both of its phases (summarize)."""
    by_wall = sorted(runs, key=lambda pair: pair["build"]["wall_s"])
    bares = sorted(runs, key=lambda pair: pair["bare"]["wall_s"])
    middle = len(runs) // 2  # the upper median with an even count: a real run, not a mean
    return {
        "bare": bares[middle]["bare"],
        "build": by_wall[middle]["build"],
        "rerun": rerun,
        "runs": runs,
    }


def _pair_ratio(pairs: list[dict], phase: str = "build") -> float:
    """`phase` (the build, or the build without its gate) / bare: the median over the pairs."""
    ratios = sorted(p[phase]["wall_s"] / p["bare"]["wall_s"] for p in pairs)
    return ratios[len(ratios) // 2]


def _cpu_total(phase: dict) -> float | None:
    if phase.get("cpu_main_s") is None:
        return None
    return phase["cpu_main_s"] + phase.get("cpu_workers_s", 0.0)


def _own_cpu_ms(cpu: float | None, cpu_bare: float | None, size: int) -> float | None:
    """What a build adds to the bare pass, in CPU ms per article."""
    return (cpu - cpu_bare) / size * 1000 if cpu and cpu_bare else None


def _ungated(pairs: list[dict], cpu_bare: float | None, size: int) -> dict | None:
    """The build without its gate (--ungated): median wall, CPU and full/bare of its pairs."""
    if not all("ungated" in p for p in pairs):
        return None
    runs = sorted((p["ungated"] for p in pairs), key=lambda phase: phase["wall_s"])
    median = runs[len(runs) // 2]
    cpu = _cpu_total(median)
    return {
        "wall_s": median["wall_s"],
        "cpu_s": cpu,
        "cpu_main_s": median.get("cpu_main_s"),
        "ratio_full_bare": _pair_ratio(pairs, "ungated"),
        "own_cpu_ms_per_article": _own_cpu_ms(cpu, cpu_bare, size),
        "runs_wall_s": [p["ungated"]["wall_s"] for p in pairs],
    }


def summarize(size: int, batch_size: int, corpus_info: dict, corpus_s: float, phases: dict) -> dict:
    """The numbers and targets of one size; `phases` has bare, build and rerun (and `runs`
    when pairs were repeated, see median_run)."""
    from pilkada import settings

    bare, build, rerun = phases["bare"], phases["build"], phases["rerun"]
    wall = build["wall_s"]
    pairs = phases.get("runs") or [phases]  # one pair when not repeated
    ratio = _pair_ratio(pairs)
    kind = corpus_info.get("kind", "synthetic")
    ratio_limit = TARGET_BARE_RATIO_BY_KIND.get(kind, TARGET_BARE_RATIO)
    cpu_build, cpu_bare = _cpu_total(build), _cpu_total(bare)
    stages = build["seconds"]
    gate = stages.get("gate") or 0.0
    rss = max(build["rss_tree_peak_mib"], build["rss_main_mib"])
    target_wall = TARGET_WALL_100K_S * size / 100_000
    mb = (corpus_info.get("bytes") or 0) / 1e6 or None  # input bytes (pages for html)
    result = {
        "size": size,
        "kind": kind,
        "mb": mb,
        "mb_per_s": mb / wall if mb and wall else None,
        "cpu_bare_s_per_mb": cpu_bare / mb if mb and cpu_bare else None,
        "cpu_build_s_per_mb": cpu_build / mb if mb and cpu_build else None,
        "batch_size": batch_size,
        "workers": settings.workers(),
        "extractor_build": build.get("extractor_build"),
        "cpu_count": os.cpu_count(),
        "corpus": corpus_info,
        "corpus_s": corpus_s,
        "wall_s": wall,
        "articles_per_s": size / wall if wall else None,
        "us_per_article": wall / size * 1e6,
        "rss_peak_mib": rss,
        "rss_main_mib": build["rss_main_mib"],
        "rss_child_max_mib": build["rss_child_max_mib"],
        "stages_s": stages,
        # flow start, schema, official lists (loaded and validated on a fresh warehouse),
        # discovery and the plan: wall time outside the main process's per-batch steps
        "other_s": (
            wall - sum(stages.get(k) or 0.0 for k in STAGES)
            if build["stage_keys_present"]
            else None
        ),
        "stage_keys_present": build["stage_keys_present"],
        "bare_s": bare["wall_s"],
        "bare_stages_s": bare["seconds"],
        "ratio_full_bare": ratio,
        "repeats": len(pairs),
        "runs_wall_s": [
            {"bare": p["bare"]["wall_s"], "build": p["build"]["wall_s"]} for p in pairs
        ],
        # CPU seconds of the main process and the pool together, and of the main process alone
        "cpu_build_s": cpu_build,
        "cpu_build_main_s": build.get("cpu_main_s"),
        "cpu_bare_s": cpu_bare,
        "cpu_ratio": cpu_build / cpu_bare if cpu_build and cpu_bare else None,
        # what the build adds to the bare pass, in CPU ms per article (the gate, the load,
        # settling, Prefect): a measure that does not depend on the number of cores
        "own_cpu_ms_per_article": _own_cpu_ms(cpu_build, cpu_bare, size),
        "ungated": _ungated(pairs, cpu_bare, size),
        "rerun_s": rerun["wall_s"],
        "rerun_share": rerun["wall_s"] / wall if wall else None,
        "gx_share": gate / wall if wall else None,
        "phases": phases,
        "targets": {
            "wall": {"limit": target_wall, "value": wall, "pass": wall <= target_wall},
            "ratio_full_bare": {
                "limit": ratio_limit,
                "value": ratio,
                "pass": ratio <= ratio_limit,
            },
            "rerun_share": {
                "limit": TARGET_RERUN_SHARE,
                "value": rerun["wall_s"] / wall,
                "pass": rerun["wall_s"] <= TARGET_RERUN_SHARE * wall,
            },
            "rss_mib": {"limit": TARGET_RSS_MIB, "value": rss, "pass": rss <= TARGET_RSS_MIB},
            "gx_share": {
                "limit": TARGET_GX_SHARE,
                "value": gate / wall,
                "pass": gate <= TARGET_GX_SHARE * wall,
            },
        },
    }
    targets = result["targets"]
    if kind == "realistic" and result["cpu_bare_s_per_mb"] is not None:
        value = result["cpu_bare_s_per_mb"]
        targets["bare_cpu_s_per_mb"] = {
            "limit": TARGET_BARE_CPU_S_PER_MB, "value": value,
            "pass": value <= TARGET_BARE_CPU_S_PER_MB,
        }  # fmt: skip
    if kind == "html" and cpu_bare is not None:
        value = cpu_bare / size * 1000
        targets["bare_cpu_ms_per_page"] = {
            "limit": TARGET_BARE_CPU_MS_PER_PAGE, "value": value,
            "pass": value <= TARGET_BARE_CPU_MS_PER_PAGE,
        }  # fmt: skip
    return result


def linearity_by_kind(results: list[dict]) -> dict[str, dict]:
    """linearity() of each corpus that was measured at two sizes or more."""
    found = {}
    for kind in dict.fromkeys(r.get("kind", "synthetic") for r in results):
        lin = linearity([r for r in results if r.get("kind", "synthetic") == kind])
        if lin:
            found[kind] = lin
    return found


def linearity(results: list[dict]) -> dict | None:
    """Per-article time at the largest size over the smallest (None with one size)."""
    if len(results) < 2:
        return None
    small = min(results, key=lambda r: r["size"])
    large = max(results, key=lambda r: r["size"])
    growth = large["us_per_article"] / small["us_per_article"]
    return {
        "from": small["size"],
        "to": large["size"],
        "growth": growth,
        "limit": TARGET_LINEAR,
        "pass": growth <= TARGET_LINEAR,
    }


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _num2(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _sum(*values: float | None) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def render(results: list[dict], console=None) -> None:
    """The numbers table and the targets table."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console(width=None if sys.stdout.isatty() else 260)
    table = Table(title="Build benchmark", show_lines=False)
    for name in (
        "corpus",
        "articles",
        "MB",
        "wall s",
        "art/s",
        "MB/s",
        "CPU s/MB bare (full)",
        "peak RSS MiB",
        "ingest s*",
        "extract s*",
        "pool wait s",
        "stage s",
        "validate (GX) s",
        "load s",
        "↳ commit s",
        "settle (dedup) s",
        "flush s",
        "other s",
        "CPU s (main)",
        "own CPU ms/art",
        "bare s",
        "bare CPU s",
        "full/bare",
        "re-run s",
        "re-run %",
        "GX %",
        "gen s",
    ):
        table.add_column(name, justify="right")
    for r in results:
        st = r["stages_s"]
        table.add_row(
            r.get("kind", "synthetic"),
            f"{r['size']:,}",
            _num(r.get("mb")),
            f"{r['wall_s']:.1f}",
            f"{r['articles_per_s']:.0f}",
            _num(r.get("mb_per_s")),
            f"{_num2(r.get('cpu_bare_s_per_mb'))} ({_num2(r.get('cpu_build_s_per_mb'))})",
            f"{r['rss_peak_mib']:.0f}",
            _num(st.get("worker_read")),
            _num(_sum(st.get("worker_extract"), st.get("worker_rows"))),
            _num(st.get("wait")),
            *(_num(st.get(k)) for k in ("stage", "gate", "load", "load_commit", "settle", "flush")),
            _num(r["other_s"]),
            f"{_num(r.get('cpu_build_s'))} ({_num(r.get('cpu_build_main_s'))})",
            _num2(r.get("own_cpu_ms_per_article")),
            f"{r['bare_s']:.1f}",
            _num(r.get("cpu_bare_s")),
            f"{r['ratio_full_bare']:.2f}"
            + (f" (med. of {r['repeats']})" if r.get("repeats", 1) > 1 else ""),
            f"{r['rerun_s']:.1f}",
            f"{100 * r['rerun_share']:.1f}",
            f"{100 * r['gx_share']:.1f}",
            "cached" if r["corpus"].get("cached") else f"{r['corpus_s']:.1f}",
        )
    console.print(table)
    builds = sorted({str(r.get("extractor_build")) for r in results})
    console.print(f"extractor build: {', '.join(builds)} (pilkada.extract.BUILD; see the README)")
    for r in results:
        failure = r["phases"]["build"].get("failure")
        if failure:
            console.print(f"[red]{r['size']:,}: the build quarantined batches:[/] {failure[:500]}")
    if any(not r["stage_keys_present"] for r in results):
        console.print(
            "[yellow]no flow summary (a quarantined batch failed the flow): stage seconds are "
            "n/a, validation is GX run time from dq_runs"
        )
    console.print(
        "stages: per-batch seconds from the flow summary, summed. * worker seconds in the pool "
        "(reading+normalizing; extracting+staged rows), summed over workers, overlapping the main "
        "process; pool wait = main process idle until a batch's extraction is done; ↳ part of "
        "load: COMMIT with DuckDB checkpoints; settle = clustering the run's reports into "
        "meetings; flush = the final checkpoint; other = wall - main-process "
        "stages (flow start, schema, official lists, discovery); CPU s = user + system seconds "
        "of the main process and the pool (the main process's alone); own CPU = (full - bare CPU) "
        "per article. With repeats: the build "
        "of median wall, the median bare pass, full/bare = median of the pairs' ratios."
    )
    for r in results:
        if r.get("repeats", 1) > 1:
            runs = ", ".join(f"{p['build']:.1f}/{p['bare']:.1f}" for p in r["runs_wall_s"])
            console.print(f"{r['size']:,}: runs (full/bare s): {runs}")
        if u := r.get("ungated"):
            console.print(
                f"{r.get('kind', 'synthetic')} {r['size']:,} without the gate (a measurement, "
                f"not a mode): full/bare {u['ratio_full_bare']:.2f}, {u['wall_s']:.1f} s, "
                f"{_num(u['cpu_s'])} CPU-s ({_num(u['cpu_main_s'])} main), own CPU "
                f"{_num2(u['own_cpu_ms_per_article'])} ms/article; runs "
                + ", ".join(f"{w:.1f}" for w in u["runs_wall_s"])
            )
    targets = Table(title="Targets (stated at 100k articles, 2 cores)")
    targets.add_column("corpus")
    targets.add_column("articles", justify="right")
    targets.add_column("target")
    targets.add_column("limit", justify="right")
    targets.add_column("value", justify="right")
    targets.add_column("result")
    labels = {
        "bare_cpu_s_per_mb": ("bare pass CPU per MB of text", "{:.2f} s"),
        "bare_cpu_ms_per_page": ("bare pass CPU per HTML page", "{:.1f} ms"),
        "wall": ("full build wall (120 s per 100k)", "{:.1f} s"),
        "ratio_full_bare": ("full build / bare pass", "{:.2f}x"),
        "rerun_share": ("unchanged re-run / full build", "{:.1%}"),
        "rss_mib": ("peak RSS (main + workers)", "{:.0f} MiB"),
        "gx_share": ("validation share of wall", "{:.1%}"),
    }
    for r in results:
        for key, (label, fmt) in labels.items():
            t = r["targets"].get(key)
            if t is None:
                continue
            targets.add_row(
                r.get("kind", "synthetic"),
                f"{r['size']:,}",
                label,
                fmt.format(t["limit"]),
                fmt.format(t["value"]),
                "[green]PASS" if t["pass"] else "[red]FAIL",
            )
    for kind, lin in linearity_by_kind(results).items():
        targets.add_row(
            kind,
            f"{lin['from']:,}->{lin['to']:,}",
            "per-article time growth (linear)",
            f"{lin['limit']:.2f}x",
            f"{lin['growth']:.2f}x",
            "[green]PASS" if lin["pass"] else "[red]FAIL",
        )
    console.print(targets)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument(
        "--corpora", nargs="+", choices=CORPORA, default=list(CORPORA), help="default: all three"
    )
    parser.add_argument(
        "--up-to",
        nargs="*",
        default=[f"{k}={v}" for k, v in DEFAULT_UP_TO.items()],
        metavar="KIND=N",
        help="largest size per corpus (default: synthetic=100000 html=100000)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="git-ignored work folder")
    parser.add_argument("--batch-size", type=int, default=None, help="default: the build's")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--repeat", type=int, default=1, help="run the bare pass and the build this many times"
    )
    parser.add_argument(
        "--repeat-up-to",
        type=int,
        default=100_000,
        help="sizes above this run once (a 300k pair takes about 7 minutes)",
    )
    parser.add_argument(
        "--ungated",
        action="store_true",
        help="also run each pair's build with the gate passed through (a measurement only)",
    )
    parser.add_argument("--prefect-home", type=Path, default=None, help="default: <out>/prefect")
    # internal: one phase in a child process
    phases = ("bare", "build", "ungated", "rerun")
    parser.add_argument("--phase", choices=phases, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--warehouse", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        run_phase_in_child(args)
        return 0
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    from filelock import FileLock, Timeout

    lock = FileLock(str(out / ".bench.lock"))  # two runs in one folder delete each other's runs
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print(f"another benchmark is running in {out}; wait for it, or pass another --out")
        return 2
    try:
        results = run_all(args, out)
    finally:
        lock.release()
    render(results)
    lin = linearity_by_kind(results)
    if lin:
        (out / "linearity.json").write_text(json.dumps(lin, indent=1))
    return 0


def plan(args: argparse.Namespace) -> list[tuple[str, int]]:
    """(corpus, size) pairs to measure, smallest first so every corpus shows early."""
    up_to = {k: int(v) for k, _, v in (item.partition("=") for item in args.up_to)}
    kinds = list(args.corpora)
    if not REALISTIC_TOOL.is_file():
        for kind in {"realistic", "html"} & set(kinds):
            print(f"skipping the {kind} corpus: {REALISTIC_TOOL} is not here")
            kinds.remove(kind)
    return [
        (kind, size)
        for size in sorted(args.sizes)
        for kind in kinds
        if size <= up_to.get(kind, size)
    ]


def run_all(args: argparse.Namespace, out: Path) -> list[dict]:
    results = []
    with prefect_api(out, args.prefect_home) as api_url:
        for kind, size in plan(args):
            results.append(
                bench_size(
                    size,
                    out=out,
                    seed=args.seed,
                    batch_size=args.batch_size,
                    prefect_home=args.prefect_home,
                    api_url=api_url,
                    repeat=args.repeat if size <= args.repeat_up_to else 1,
                    kind=kind,
                    ungated=args.ungated,
                )
            )
    return results


if __name__ == "__main__":
    sys.exit(main())
