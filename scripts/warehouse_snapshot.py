"""Dump a warehouse in a canonical, sorted, diffable form, or compare two dumps (issue #14).

    python scripts/warehouse_snapshot.py WAREHOUSE OUT   # write the dump of every table and view
    python scripts/warehouse_snapshot.py --compare A B   # exit 0 when two dumps are the same

The dump is one text file: per table or view, in name order, a header with its kind, columns
and row count, then one JSON line per row, rows sorted. What differs from run to run is left out
or made canonical, so two builds of the same inputs give the same dump: TIMESTAMP columns (load,
cluster, fetch and publish times), durations (`*_s`), the run's file paths and times (`location`,
`path`, `mtime_ns`), and run ids (`r20261204T231055-661ccf`, the gate's
`20261204T231056553205Z-` prefix), which become `run1`, `run2` ... in the order the runs started
(batch ids keep their `-b0003` part). `--compare` prints, per relation that differs, its row
counts and the first rows found on one side only; exit 1 when anything differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's pilkada

from pilkada.sqlguard import connect_readonly  # noqa: E402

RUN_ID = re.compile(r"r\d{8}T\d{6}-[0-9a-f]{6}")
GATE_RUN_PREFIX = re.compile(r"\b\d{8}T\d{6,12}Z-(?=r\d{8}T)")
LEFT_OUT_NAMES = {"location", "path", "mtime_ns"}
LEFT_OUT_TYPES = ("TIMESTAMP", "TIME", "INTERVAL")
HEADER = "== "
SHOWN_DIFFERENCES = 5


def left_out(name: str, data_type: str) -> bool:
    """True for a column whose values belong to the run, not to the data."""
    return (
        name in LEFT_OUT_NAMES
        or name.endswith("_s")
        or data_type.upper().startswith(LEFT_OUT_TYPES)
    )


def _plain(value: object) -> object:
    """A JSON-ready value: dates ISO, decimals and blobs as text, lists and structs kept."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def relations(con) -> list[tuple[str, str]]:
    """(name, BASE TABLE | VIEW) of every table and view of the main schema, in name order."""
    return con.execute(
        "SELECT table_name, table_type FROM information_schema.tables"
        " WHERE table_schema = 'main' ORDER BY table_name"
    ).fetchall()


def dump(warehouse: str | Path) -> list[str]:
    """The canonical lines of a warehouse: per relation a header, then its sorted rows."""
    con = connect_readonly(warehouse)
    try:
        blocks: list[tuple[str, list[str], list[str]]] = []
        runs: set[str] = set()
        for name, kind in relations(con):
            columns = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                [name],
            ).fetchall()
            kept = [(c, t) for c, t in columns if not left_out(c, t)]
            dropped = [c for c, t in columns if left_out(c, t)]
            select = ", ".join(f'"{c}"' for c, _ in kept) or "1"
            rows = [
                json.dumps([_plain(v) for v in row], ensure_ascii=False)
                for row in con.execute(f'SELECT {select} FROM "{name}"').fetchall()
            ]
            for row in rows:
                runs.update(RUN_ID.findall(row))
            head = [
                f"{HEADER}{'view' if kind == 'VIEW' else 'table'} {name} ({len(rows)} rows)",
                "columns: " + ", ".join(f"{c} {t}" for c, t in kept),
                "left out: " + (", ".join(dropped) or "-"),
            ]
            blocks.append((name, head, rows))
    finally:
        con.close()
    number = {run: f"run{i}" for i, run in enumerate(sorted(runs), start=1)}

    def canonical(row: str) -> str:
        row = GATE_RUN_PREFIX.sub("", row)
        return RUN_ID.sub(lambda m: number[m.group(0)], row)

    lines: list[str] = []
    for _, head, rows in blocks:
        lines += head
        lines += sorted(canonical(r) for r in rows)
    return lines


def sections(lines: list[str]) -> dict[str, list[str]]:
    """A dump's lines by relation header (`== table name`), without the row count."""
    out: dict[str, list[str]] = {}
    current = ""
    for line in lines:
        if line.startswith(HEADER):
            current = line.rsplit(" (", 1)[0][len(HEADER) :]
            out[current] = []
        else:
            out.setdefault(current, []).append(line)
    return out


def compare(a: Path, b: Path) -> list[str]:
    """What differs between two dumps, relation by relation (empty when they are the same)."""
    left = sections(a.read_text(encoding="utf-8").splitlines())
    right = sections(b.read_text(encoding="utf-8").splitlines())
    report = []
    for name in sorted(set(left) | set(right)):
        if name not in right or name not in left:
            report.append(f"{name}: only in {a if name in left else b}")
            continue
        if left[name] == right[name]:
            continue
        only_a = sorted(set(left[name]) - set(right[name]))
        only_b = sorted(set(right[name]) - set(left[name]))
        report.append(
            f"{name}: {len(left[name]) - 2} rows in {a}, {len(right[name]) - 2} in {b};"
            f" {len(only_a)} lines only in the first, {len(only_b)} only in the second"
        )
        report += [f"  - {line}" for line in only_a[:SHOWN_DIFFERENCES]]
        report += [f"  + {line}" for line in only_b[:SHOWN_DIFFERENCES]]
        if len(only_a) == len(only_b) == 0:
            report.append("  (same lines, different multiplicity)")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", action="store_true", help="compare two dumps A B")
    parser.add_argument("first", type=Path, help="the warehouse (or dump A with --compare)")
    parser.add_argument("second", type=Path, help="the dump to write (or dump B)")
    args = parser.parse_args(argv)
    if args.compare:
        for path in (args.first, args.second):
            if not path.is_file():
                parser.error(f"{path}: no such dump")
        differences = compare(args.first, args.second)
        for line in differences:
            print(line)
        if differences:
            return 1
        print(f"same: {args.first} and {args.second}")
        return 0
    if not args.first.is_file():
        parser.error(f"{args.first}: no warehouse file here")
    lines = dump(args.first)
    args.second.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.second.with_name(args.second.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(args.second)
    tables = sum(1 for line in lines if line.startswith(HEADER))
    print(f"{args.second}: {tables} tables and views, {len(lines) - 3 * tables} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
