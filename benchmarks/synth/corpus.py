"""The writer: `generate(n, out_dir, seed=...)` plans the corpus and writes it in shards."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import time
from pathlib import Path

import pandas as pd

from benchmarks.synth.meeting_plan import MeetingDetails, meeting_details, plan_meetings
from benchmarks.synth.meeting_report import render_meeting
from benchmarks.synth.names import outlet_name
from benchmarks.synth.other_news import NEAR_MISS_KINDS, OFF_TOPIC_KINDS, render_other
from benchmarks.synth.places import Gazetteer

SYNTH_VERSION = 1
SHARD_SIZE = 1000
DEFAULT_SEED = 2024
DEFAULT_MIX = {"meeting": 0.55, "near_miss": 0.25, "off_topic": 0.20}
DEFAULT_GROUP_SHARE = 0.10


def _slug(title: str) -> str:
    out = []
    for ch in title.lower():
        out.append(ch if ch.isalnum() else "-")
    return "-".join(filter(None, "".join(out).split("-")))[:80]


def article_path(out_dir: Path, index: int, width: int = 6) -> Path:
    """Where article `index` goes: shards of SHARD_SIZE files."""
    return out_dir / f"{index // SHARD_SIZE:03d}" / f"{index:0{width}d}.txt"


def generate(
    n: int,
    out_dir: Path,
    *,
    seed: int = DEFAULT_SEED,
    regions: pd.DataFrame | None = None,
    mix: dict[str, float] | None = None,
    group_share: float = DEFAULT_GROUP_SHARE,
    manifest: bool = True,
    overwrite: bool = False,
) -> dict:
    """Write `n` articles, `gold.jsonl` and `manifest.csv` into `out_dir`; return the counts.

    `mix` gives the shares of `meeting`, `near_miss` and `off_topic` articles (normalised);
    `group_share` the share of meeting reports in groups of 2-4 reporting the same meeting.
    The folder must be empty or missing unless `overwrite` (which deletes it first).
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{out_dir} is not empty (pass overwrite=True to replace it)")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if regions is None:
        from pilkada.sources.official import regions_from_lokal

        regions = regions_from_lokal()
    gz = Gazetteer.from_frame(regions)
    shares = dict(DEFAULT_MIX, **(mix or {}))
    total = sum(shares.values())
    n_meeting = round(n * shares["meeting"] / total)
    n_near = round(n * shares["near_miss"] / total)
    n_near = min(n_near, n - n_meeting)
    n_off = n - n_meeting - n_near

    master = random.Random(seed)
    plans, reports = plan_meetings(master, n_meeting, group_share, gz)
    entries: list[tuple] = [("meeting", spec, j) for spec, j in reports]
    entries += [("near_miss", master.choice(NEAR_MISS_KINDS), 0) for _ in range(n_near)]
    entries += [("off_topic", master.choice(OFF_TOPIC_KINDS), 0) for _ in range(n_off)]
    master.shuffle(entries)

    width = max(6, len(str(max(n - 1, 0))))
    gold_lines: list[str] = []
    manifest_rows = io.StringIO()
    writer = csv.writer(manifest_rows, lineterminator="\n")
    writer.writerow(["file", "url", "outlet", "published_date"])
    counts = {"meeting": 0, "near_miss": 0, "off_topic": 0}
    total_bytes = 0
    details_cache: dict[int, MeetingDetails] = {}
    for index, (kind, key, member) in enumerate(entries):
        if index % SHARD_SIZE == 0:
            (out_dir / f"{index // SHARD_SIZE:03d}").mkdir(exist_ok=True)
        stem = f"{index:0{width}d}"
        rng = random.Random(seed * 1_000_003 + index)
        outlet = outlet_name(rng)
        if kind == "meeting":
            plan = plans[key]
            details = details_cache.get(key)
            if details is None:
                details = meeting_details(seed, plan, gz)
                if plan.n_reports > 1:
                    details_cache[key] = details
            art = render_meeting(rng, plan, details, member, gz, stem, outlet)
        else:
            art = render_other(rng, kind, key, gz, stem, outlet)
        counts[kind] += 1
        text = art.title + "\n\n" + "\n\n".join(art.paragraphs) + "\n"
        data = text.encode("utf-8")
        total_bytes += len(data)
        rel = f"{index // SHARD_SIZE:03d}/{stem}.txt"
        with open(out_dir / rel, "wb") as handle:
            handle.write(data)
        gold_lines.append(json.dumps(art.gold, ensure_ascii=False))
        slug_outlet = art.outlet.lower()
        pub = art.published
        url = (
            f"https://{slug_outlet}.example.id/{pub.year}/{pub.month:02d}/{pub.day:02d}/"
            f"{_slug(art.title)}"
            if pub is not None
            else f"https://{slug_outlet}.example.id/berita/{_slug(art.title)}"
        )
        writer.writerow(
            [
                rel,
                url,
                art.outlet,
                pub.isoformat() if pub is not None and rng.random() < 0.5 else "",
            ]
        )
    (out_dir / "gold.jsonl").write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    if manifest:
        (out_dir / "manifest.csv").write_text(manifest_rows.getvalue(), encoding="utf-8")
    grouped = [p for p in plans if p.n_reports > 1]
    return {
        "n": n,
        "seed": seed,
        "synth_version": SYNTH_VERSION,
        "meeting": counts["meeting"],
        "near_miss": counts["near_miss"],
        "off_topic": counts["off_topic"],
        "meetings": len(plans),
        "groups": len(grouped),
        "grouped_articles": sum(p.n_reports for p in grouped),
        "bytes": total_bytes,
        "seconds": round(time.perf_counter() - started, 3),
    }
