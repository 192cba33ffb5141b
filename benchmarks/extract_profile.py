"""Time the article extractor per article and dump its output canonically (for diffing).

    python benchmarks/extract_profile.py --out /tmp/extract.jsonl [--synthetic 3000] [--repeat 3]
    python benchmarks/extract_profile.py --profile 30   # cProfile, top 30 by tottime
    python benchmarks/extract_profile.py --synthetic 0 --corpus DIR --out FILE  # realistic text

Articles: the dev, dev2 and seeds gold sets (unless --no-real), then the first N of the
synthetic scale corpus, then every article under each --corpus folder, read through
`pilkada.sources.ingest` exactly as the build reads them. Speed is reported per article and as MB of
text (UTF-8) per CPU second.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's pilkada

from pilkada.extract import BUILD, Extractor  # noqa: E402
from pilkada.gc_tuning import tune_gc  # noqa: E402
from pilkada.sources.ingest import RawArticle, discover_inputs, read_sources  # noqa: E402
from pilkada.sources.official import read_region_list  # noqa: E402

SHARED = REPO.parent / "shared"  # beside the checkout on the developers' machines
REGIONS = SHARED / "data" / "official" / "regions.csv"
REAL = [SHARED / "corpus" / name / "articles" for name in ("dev", "dev2", "seeds")]
SYNTHETIC = REPO / "data" / "bench" / "corpus" / "n10000-s2024"  # written by benchmarks/bench.py


def load_articles(
    n_synthetic: int, corpora: list[Path] | None = None, real: bool = True
) -> list[RawArticle]:
    """Real articles, then the first n_synthetic synthetic ones, then every article of each
    corpus folder (sorted file order)."""
    refs = discover_inputs([str(p) for p in REAL if p.exists()])[0] if real else []
    syn = discover_inputs([str(SYNTHETIC)])[0] if n_synthetic and SYNTHETIC.exists() else []
    extra = discover_inputs([str(p) for p in corpora])[0] if corpora else []
    articles, rejected = read_sources(refs + syn[:n_synthetic] + extra)
    if rejected:
        print(f"{len(rejected)} rejected while reading")
    return articles


def regions_frame():
    """The official region list in the shape the extractor takes."""
    frame = read_region_list(str(REGIONS))
    return frame.rename(columns={"region_code": "code"})[
        ["code", "name", "level", "province_code", "alt_names"]
    ]


def canonical(article: RawArticle, result) -> str:
    """One JSON line: the article's source and its full extraction."""
    body = {"source": article.source_uri, "result": dataclasses.asdict(result)}
    return json.dumps(body, sort_keys=True, default=str, ensure_ascii=False)


def time_pass(ex: Extractor, articles: list[RawArticle]) -> float:
    """CPU seconds for one extraction pass over all articles."""
    t0 = time.process_time()
    for a in articles:
        ex.extract(a.text, title=a.title, published=a.published_date)
    return time.process_time() - t0


def per_article_min(ex: Extractor, articles: list[RawArticle], passes: int) -> float:
    """Mean over articles of each article's fastest extraction in `passes` passes (ms)."""
    best = [float("inf")] * len(articles)
    clock = time.perf_counter
    for _ in range(passes):
        for k, a in enumerate(articles):
            t0 = clock()
            ex.extract(a.text, title=a.title, published=a.published_date)
            best[k] = min(best[k], clock() - t0)
    return 1000 * sum(best) / len(articles)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--corpus", type=Path, action="append", default=[],
        help="a folder of articles to add (repeatable), e.g. realistic_corpus.py's output",
    )
    parser.add_argument("--no-real", action="store_true", help="leave out the gold sets")
    parser.add_argument("--profile", type=int, default=0, help="cProfile; print top N")
    parser.add_argument(
        "--gc", choices=("tuned", "default"), default="tuned",
        help="garbage collection as the pool workers run it (tuned) or CPython's defaults",
    )
    parser.add_argument(
        "--per-article-min", action="store_true",
        help="also report the sum of per-article minima over the passes (robust to neighbours)",
    )
    args = parser.parse_args()
    import pilkada

    print("pilkada from", Path(pilkada.__file__).parent)
    print(f"extractor build: {BUILD}; garbage collection: {args.gc}")

    ex = Extractor.from_regions(regions_frame())
    for folder in args.corpus:
        if not folder.is_dir():
            parser.error(f"--corpus {folder}: not a folder")
    articles = load_articles(args.synthetic, args.corpus, real=not args.no_real)
    if not articles:
        parser.error("no articles to extract")
    megabytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    print(f"{len(articles)} articles, {megabytes:.2f} MB of text")
    results = [ex.extract(a.text, title=a.title, published=a.published_date) for a in articles]
    if args.out:
        with args.out.open("w", encoding="utf-8") as fh:
            for a, r in zip(articles, results, strict=True):
                fh.write(canonical(a, r) + "\n")
        print(f"wrote {args.out}")
    if args.gc == "tuned":
        tune_gc()
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        time_pass(ex, articles)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
        return
    if args.per_article_min:
        floor = per_article_min(ex, articles, args.repeat)
        print(f"ms/article, mean of per-article minima: {floor:.3f}")
    times = [time_pass(ex, articles) for _ in range(args.repeat)]
    per = [1000 * t / len(articles) for t in times]
    print("ms/article per pass:", " ".join(f"{p:.3f}" for p in per), f"best {min(per):.3f}")
    print(f"MB/s of text per core (best pass): {megabytes / min(times):.2f}")


if __name__ == "__main__":
    main()
