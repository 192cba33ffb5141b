"""In-sample and out-of-sample accuracy of the extractor on all the labelled articles (issue #15).

    python scripts/crossval.py                         # run the product once, print the table
    python scripts/crossval.py --save /tmp/before.json # keep the numbers ...
    python scripts/crossval.py --compare /tmp/before.json   # ... and print the change per part

Treats seeds + dev + dev2 of `../shared/corpus` as one labelled pool: copies their articles into
one input folder (file names prefixed by set), runs `pilkada run` once into a fresh warehouse and
scores it with `pilkada.evaluation.gold` on each part. The parts are the sets (in-sample: what the
rules were written from) and the folds that judge a rule on articles it was not written from:
`seeds+dev` / `dev2`, `dev2-odd` / `dev2-even` and `pool-odd` / `pool-even` (by the number in the
file name). Write a rule from one half of a fold, keep it only if `--compare` shows it helps the
other half. Pairwise dedup is scored within each part. Without `../shared` it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's pilkada

from pilkada.evaluation.gold import HEADLINE, evaluate, read_gold  # noqa: E402
from pilkada.load.publish import remove_warehouse  # noqa: E402
from pilkada.sqlguard import connect_readonly  # noqa: E402

SETS = ("seeds", "dev", "dev2")
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
_NUMBER = re.compile(r"^(\d+)")


def pool(shared: Path, inputs: Path) -> list[dict]:
    """Copy every labelled article into `inputs` as `<set>_<file>`; the gold, renamed alike,
    with `set` and `number` added."""
    gold: list[dict] = []
    for name in SETS:
        folder = shared / "corpus" / name
        for g in read_gold(folder / "gold.jsonl"):
            src = folder / "articles" / g["article"]
            if not src.is_file():
                continue
            renamed = f"{name}_{g['article']}"
            shutil.copyfile(src, inputs / renamed)
            number = _NUMBER.match(g["article"])
            gold.append(
                {
                    **g,
                    "article": renamed,
                    "cluster": f"{name}_{g.get('cluster') or g['article']}",
                    "set": name,
                    "number": int(number.group(1)) if number else 0,
                }
            )
    return gold


def parts(gold: list[dict]) -> dict[str, list[dict]]:
    """The sets, the whole pool, and the halves of each fold."""
    out = {name: [g for g in gold if g["set"] == name] for name in SETS}
    out["all"] = list(gold)
    out["seeds+dev"] = out["seeds"] + out["dev"]
    out["dev2-odd"] = [g for g in out["dev2"] if g["number"] % 2]
    out["dev2-even"] = [g for g in out["dev2"] if not g["number"] % 2]
    out["pool-odd"] = [g for g in gold if g["number"] % 2]
    out["pool-even"] = [g for g in gold if not g["number"] % 2]
    return out


def run_product(inputs: Path, warehouse: Path, checkout: Path) -> None:
    """One `pilkada run` of `checkout`'s code over the pool (exit 3, some items set aside, still
    scores)."""
    cli = Path(sys.executable).with_name("pilkada")
    cmd = [str(cli)] if cli.exists() else [sys.executable, "-m", "pilkada.cli"]
    done = subprocess.run(
        [*cmd, "run", "-q", "--articles", str(inputs), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        check=False,
        cwd=checkout,
        env={**os.environ, "PYTHONPATH": str(checkout)},
    )
    if done.returncode not in (0, 3):
        tail = (done.stdout + done.stderr).strip().splitlines()[-5:]
        raise SystemExit(f"crossval: pilkada run exited {done.returncode}:\n" + "\n".join(tail))


def table(results: dict[str, dict[str, float]], before: dict | None) -> str:
    """One row per part: article count, the headline measures and the score (and the change
    against `before` when given)."""
    cols = [*HEADLINE, "score"]
    short = [c.replace("acc_", "").replace("f1_", "") for c in cols]
    width = 13 if before else 11
    lines = [f"{'part':10} {'n':>4} " + " ".join(f"{s:>{width}}" for s in short)]
    for part, res in results.items():
        cells = []
        for c in cols:
            cell = f"{res[c]:.3f}"
            if before:
                change = res[c] - before[part][c] if part in before else 0.0
                cell += f"{change:+.3f}" if abs(change) >= 0.0005 else " " * 6
            cells.append(f"{cell:>11}" if not before else f"{cell:>13}")
        lines.append(f"{part:10} {int(res['articles']):>4} " + " ".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder")
    parser.add_argument("--out", type=Path, help="keep the pool and warehouse here")
    parser.add_argument("--save", type=Path, help="write the numbers as JSON")
    parser.add_argument("--compare", type=Path, help="numbers saved earlier: print the change")
    parser.add_argument(
        "--checkout", type=Path, default=REPO, help="run this checkout's product (a baseline)"
    )
    args = parser.parse_args(argv)
    if not all((args.shared / "corpus" / s / "gold.jsonl").is_file() for s in SETS):
        print(f"crossval: no labelled sets under {args.shared / 'corpus'}: nothing to evaluate")
        return 0
    with tempfile.TemporaryDirectory(prefix="crossval-") as tmp:
        work = args.out or Path(tmp)
        inputs = work / "in"
        shutil.rmtree(inputs, ignore_errors=True)
        inputs.mkdir(parents=True)
        warehouse = work / "pool.duckdb"
        remove_warehouse(warehouse)  # and its work file, side files and history
        gold = pool(args.shared, inputs)
        run_product(inputs, warehouse, args.checkout.resolve())
        con = connect_readonly(warehouse)
        try:
            results = {name: evaluate(con, rows) for name, rows in parts(gold).items()}
        finally:
            con.close()
    before = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    print("in-sample: seeds, dev, dev2, all; out-of-sample: the other half of each fold")
    print(table(results, before))
    if args.save:
        args.save.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
