"""What a publish costs on a given warehouse: the copy (three ways), fsync and rename.

    .venv/bin/python benchmarks/bench_publish.py data/warehouse/pilkada.duckdb [--repeat 3]

Each way copies the file beside itself (same filesystem, as a publish does), fsyncs it and
renames it over a scratch name; the page cache is warm after the first copy, as it is for a
build that just checkpointed the file. The ways take turns in each round (the disk's speed
drifts); prints seconds per way (median of --repeat) and MB/s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import time
from pathlib import Path

from pilkada.load.publish import copy_file


def _plain(source: Path, target: Path) -> None:
    with source.open("rb") as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst, 8 * 1024 * 1024)
        dst.flush()
        os.fsync(dst.fileno())


def _sendfile(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)  # sendfile(2) on Linux
    with target.open("rb+") as dst:
        os.fsync(dst.fileno())


WAYS = {"copy_file_range": copy_file, "sendfile": _sendfile, "read/write": _plain}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    source = args.warehouse
    size_mb = source.stat().st_size / 1e6
    scratch = source.with_name(f".{source.name}.bench")
    final = source.with_name(f".{source.name}.bench-renamed")
    print(f"{source}: {size_mb:,.0f} MB")
    seconds: dict[str, list[float]] = {name: [] for name in WAYS}
    try:
        for _ in range(args.repeat):  # the ways side by side in each round: the disk drifts
            for name, way in WAYS.items():
                clock = time.perf_counter()
                way(source, scratch)
                os.replace(scratch, final)
                seconds[name].append(time.perf_counter() - clock)
        for name, runs_s in seconds.items():
            median = statistics.median(runs_s)
            runs = ", ".join(f"{s:.2f}" for s in runs_s)
            print(f"{name:>16}: {median:6.2f} s  ({size_mb / median:,.0f} MB/s; runs {runs})")
    finally:
        scratch.unlink(missing_ok=True)
        final.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
