"""Time the quality gate on pickled staged frames: first call (with GX setup) and warm calls.

    python benchmarks/gate_profile.py /tmp/frames5000.pkl [/tmp/frames10000.pkl --scale 2]
        [--repeat 5] [--profile out.prof] [--gx-root DIR]

A pickle holds {"frames": {name: DataFrame}, "params": {...}} as `pilkada.run.pipeline.stage` and
`pilkada.run.pipeline.gate_params` make them (write one from a warehouse and a corpus once, so this
loop is fast). CPU seconds (this process) are printed too: on a busy machine they vary less
than wall time. `--scale N` makes an N times larger batch by copying the frames with new
article ids. Each warm call gets its own batch id, as in a build. With `--profile`, one more
warm call runs under cProfile and its stats go to the file (top functions printed).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pickle
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's pilkada

import pandas as pd  # noqa: E402


def scaled(frames: dict[str, pd.DataFrame], n: int) -> dict[str, pd.DataFrame]:
    """The frames n times, copies k > 0 with article ids remapped (same shapes and dtypes)."""
    if n <= 1:
        return frames
    out: dict[str, list[pd.DataFrame]] = {name: [frame] for name, frame in frames.items()}
    for k in range(1, n):
        for name, frame in frames.items():
            copy = frame.copy()
            copy["article_id"] = copy["article_id"].map(
                lambda a, k=k: hashlib.sha256(f"{k}:{a}".encode()).hexdigest()[:16]
            )
            out[name].append(copy)
    return {name: pd.concat(parts, ignore_index=True) for name, parts in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pickles", nargs="+", type=Path)
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--profile", type=Path)
    ap.add_argument("--gx-root", type=Path, help="GX context folder (default: a fresh temp dir)")
    args = ap.parse_args()

    t = time.perf_counter()
    import great_expectations  # noqa: F401

    from pilkada.quality import gate

    print(f"import pilkada.quality + GX: {time.perf_counter() - t:.2f} s")
    gx_root = args.gx_root or Path(tempfile.mkdtemp(prefix="gate-profile-")) / "gx"
    for path in args.pickles:
        with path.open("rb") as f:
            saved = pickle.load(f)
        frames, params = scaled(saved["frames"], args.scale), saved["params"]
        n_articles = len(frames["articles"])
        n_rows = sum(len(f) for f in frames.values())
        label = f"{path.name} x{args.scale}: {n_articles} articles, {n_rows} rows"

        def call(i: int, frames=frames, params=params, n_articles=n_articles):
            t, cpu = time.perf_counter(), time.process_time()
            result = gate(frames, batch_id=f"prof-{n_articles}-{i}", params=params, gx_root=gx_root)
            elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
            if not result.success:
                print(result.message())
            return elapsed, cpu

        first, _ = call(0)
        warm, cpu = zip(*(call(i) for i in range(1, args.repeat + 1)), strict=True)
        print(
            f"{label}: first {first:.3f} s, warm mean {statistics.mean(warm):.3f} s"
            f" (min {min(warm):.3f}, max {max(warm):.3f}, n={len(warm)});"
            f" CPU warm mean {statistics.mean(cpu):.3f} s (min {min(cpu):.3f})"
        )
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            call(args.repeat + 1)
            profiler.disable()
            profiler.dump_stats(args.profile)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    print(f"gx_root: {gx_root}")


if __name__ == "__main__":
    main()
