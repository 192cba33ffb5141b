"""Cluster meeting-report articles into real-world meetings.

Reports are compared only within the same meeting date (blocking), so a re-run over the
reports of the dates a batch touches is cheap and needs no re-extraction. Two reports of one
day are the same meeting when their evidence agrees: a shared kab/kota (venue, convening or
attending), the same convening government, the same named venue, both national meetings
(a rakornas, or convened nationally) with a national convener in common, or near-identical
titles; different convening governments keep them apart. A national meeting is reported by
each attending region from its own side, so it is recognised by its day, its kind and its
convener, not by a shared region. Matching pairs are joined strongest first, and two groups
are never joined while a report of each tells of a different meeting (different convening
regions, national versus regional, different venues in person): one report that matches two
meetings of its day cannot chain them into one. Reports without a date stay alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

import numpy as np
import pandas as pd

from pilkada.extract.lexicons import load_lexicons
from pilkada.load.match_scores import NATIONAL_TYPES, VENUE_MIN_WORDS, DayScores, Reasons
from pilkada.sources.textnorm import short_hash

OUTPUT_COLUMNS = [
    "article_id", "meeting_id", "match_score", "match_reason", "best_score", "best_reason"
]  # fmt: skip
MATCH_THRESHOLD = 0.5
_PAIR_CELLS = 1 << 19  # pairs of a date scored at once (memory stays bounded on large dates)
# candidate pairs whose reasons are ranked at once (same reason): a slice of 1 << 20 made the
# arrays of a settle worker peak at ~900 MB on a national date of 2,300 reports
_REASON_PAIRS = 1 << 18
# candidate pairs of a date held before they are offered to its choice: most dates offer theirs
# once; a date where every pair ties (22M pairs at 300k articles) in parts of this size
_CANDIDATES = 1 << 21
_MERGE_STEP = 1 << 15  # links merged a step at a time (skipping those already settled)
_NO_MATCH = (-1.0, "")  # below every (score, reason)
_WORD_RE = re.compile(r"[^\W_]+")
_TITLE_STOP = frozenset(
    [
        "di",
        "dan",
        "yang",
        "untuk",
        "dalam",
        "ke",
        "dari",
        "pada",
        "ini",
        "itu",
        "rakor",
        "rapat",
        "koordinasi",
        "pilkada",
        "serentak",
        "tahun",
        "gelar",
        "ikuti",
        "hadiri",
        "pimpin",
    ]
)


def meeting_id_for(article_ids: Iterable[str]) -> str:
    """`m_` + 12 hex of sha256 of the smallest article_id in the cluster."""
    return "m_" + short_hash(min(article_ids))


def title_key(title: object) -> str:
    """The words of a title that tell meetings apart (lower case, no stop words)."""
    words = _WORD_RE.findall(str(title or "").lower())
    return " ".join(w for w in words if w not in _TITLE_STOP)


@cache
def _generic_venue_words() -> frozenset[str]:
    nouns = load_lexicons().meeting["venue_nouns"]
    return frozenset(w for n in nouns for w in n.lower().split()) | _TITLE_STOP


def venue_words(venue: object) -> frozenset[str]:
    """The distinctive words of a venue phrase: without room nouns (aula, gedung, hotel: the
    venue_nouns of meeting_words.yaml), stop words and words under three letters."""
    if not isinstance(venue, str):
        return frozenset()
    words = _WORD_RE.findall(venue.lower())
    return frozenset(w for w in words if len(w) >= 3 and w not in _generic_venue_words())


def _as_set(value: object) -> frozenset[str]:
    if type(value) is list:  # VARCHAR[] from DuckDB: the fast path
        found = frozenset(value)
        if None not in found and all(type(v) is str for v in found):
            return found
    if value is None or (isinstance(value, float) and value != value):
        return frozenset()
    if isinstance(value, str):
        return frozenset([value]) if value else frozenset()
    return frozenset(str(v) for v in value if v is not None)


def _specific(codes: frozenset[str]) -> frozenset[str]:
    """Kab/kota codes only (a shared province says little)."""
    return frozenset(c for c in codes if "." in c)


def _str(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value) or None


def _records(reports: pd.DataFrame) -> list[dict]:
    """Rows as dicts, built from column lists (much faster than DataFrame.to_dict)."""
    columns = list(reports.columns)
    return [
        dict(zip(columns, values, strict=True))
        for values in zip(*(reports[c].tolist() for c in columns), strict=True)
    ]


def _prepared(rec: dict) -> dict:
    """A report with the sets and keys pair_value compares."""
    rec["article_id"] = str(rec["article_id"])
    key = rec.get("title_key")
    rec["_title"] = key if isinstance(key, str) else title_key(rec.get("title"))
    rec["_regions"] = _as_set(rec.get("region_codes")) | _as_set(rec.get("convening_region_code"))
    rec["_kinds"] = _as_set(rec.get("institution_kinds"))
    rec["_topics"] = _as_set(rec.get("topics"))
    rec["_specific"] = _specific(rec["_regions"])
    rec["_conv"] = _str(rec.get("convening_region_code"))
    rec["_level"] = _str(rec.get("convening_level"))
    rec["_mode"] = _str(rec.get("mode"))
    rec.setdefault("meeting_date", None)
    rec["_prior"] = _str(rec.get("prior_meeting_id"))
    rec["_venue"] = venue_words(rec.get("venue"))
    rec["_national"] = (
        rec["_level"] == "national" or _str(rec.get("meeting_type")) in NATIONAL_TYPES
    )
    return rec


def _day(value: object) -> dt.date | None:
    """A meeting date as a date (None, NaN and NaT: no date)."""
    if value is None or value != value:  # NaN and NaT are not equal to themselves
        return None
    if isinstance(value, dt.datetime):  # pandas Timestamps too
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def cluster_reports(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per report: its meeting_id, the score and reason of its best match (see
    `cluster_records`)."""
    if reports.empty:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    return pd.DataFrame(cluster_records(_records(reports)), columns=OUTPUT_COLUMNS)


def cluster_records(records: list[dict], *, changed_only: bool = False) -> list[dict]:
    """One row per report (sorted by article_id): its meeting_id, the score and reason of its
    best match. With `changed_only`, only the rows of clusters that gained a new report or
    whose best match moved (the rest are as the input's prior columns say).

    Incremental when the input says what is already known: rows with a `prior_meeting_id`
    start in their prior component with their `prior_best_score` / `prior_best_reason`, and
    two such rows are not compared again (their pair was scored when the later one arrived).
    Only pairs with at least one new row are scored, which gives the same clusters as
    comparing every pair (unless a new report's strong match would have kept apart two groups
    joined before), at a cost that grows with the new rows, not with the warehouse. The match
    score and reason are the report's best match inside its meeting; `best_*` its best overall.

    The pairs of a date are scored together with numpy (`DayScores`, the same numbers as
    `pair_value`), and a reason is made only for the pairs that can be a report's best match;
    ties of score go to the greater reason, then to the pair met first in the order
    new-with-new, then settled-with-new, so the result never depends on the input's order.
    """
    rows = [_prepared(rec) for rec in records]  # adds "_" keys to the records
    rows.sort(key=lambda r: r["article_id"])
    parent = list(range(len(rows)))
    best: dict[int, tuple[float, str]] = {}  # by row number
    first_of: dict[str, int] = {}
    for i, r in enumerate(rows):
        if r["_prior"] is None:
            continue
        parent[i] = first_of.setdefault(r["_prior"], i)  # the component's smallest id so far
        prior_score = r.get("prior_best_score")
        if prior_score is not None and prior_score == prior_score:
            best[i] = (float(prior_score), str(r.get("prior_best_reason") or ""))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    blocks: dict[dt.date, list[int]] = {}
    for i, r in enumerate(rows):
        day = _day(r["meeting_date"])
        if day is not None:
            blocks.setdefault(day, []).append(i)
    settled = dict(best)  # a settled report's best match, scored when it was clustered
    partner: dict[int, int] = {}  # whom a report's best match of this call is with
    links = _Links()
    why = Reasons(rows)
    for block in blocks.values():
        _match_day(rows, why, block, best, partner, links)
    moved = {i for i, r in enumerate(rows) if r["_prior"] is None} | partner.keys()
    kept_apart = _merge(links, rows, parent, find)
    # a report whose best match was kept apart shows its best match inside its meeting
    outside = {x for x, y in partner.items() if find(x) != find(y)} if kept_apart else set()
    within = _best_within(links, rows, why, parent, settled, outside)
    members: dict[int, list[int]] = {}
    for i in range(len(rows)):
        members.setdefault(find(i), []).append(i)
    if changed_only:
        dirty = {find(i) for i in moved}
        members = {root: ids for root, ids in members.items() if root in dirty}
    out = []
    for ids in members.values():
        mid = meeting_id_for(rows[i]["article_id"] for i in ids)
        for i in ids:
            if len(ids) == 1:
                score, reason = (
                    1.0,
                    "single report"
                    if i not in best
                    else (f"no match (best {best[i][0]:.2f}: {best[i][1]})"),
                )
            else:  # its best match inside its meeting (its best overall may be kept apart)
                score, reason = within.get(i) or best.get(i, (1.0, "single report"))
            best_score, best_reason = best.get(i, (None, None))
            out.append(
                {
                    "article_id": rows[i]["article_id"],
                    "meeting_id": mid,
                    "match_score": round(float(score), 3),
                    "match_reason": reason,
                    "best_score": best_score,
                    "best_reason": best_reason,
                }
            )
    out.sort(key=lambda o: o["article_id"])
    return out


class _Links:
    """The scored pairs at or above MATCH_THRESHOLD: row numbers (a before b), score and title
    similarity, as arrays gathered a slice at a time."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, ...]] = []

    def add(self, a: np.ndarray, b: np.ndarray, score: np.ndarray, title: np.ndarray) -> None:
        if len(a):
            self.parts.append((a, b, score, title))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        if not self.parts:
            return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0), np.zeros(0)
        if len(self.parts) > 1:
            self.parts = [tuple(np.concatenate(c) for c in zip(*self.parts, strict=True))]
        a, b, score, title = self.parts[0]
        return a, b, score, title


def _match_day(
    rows: list[dict],
    why: Reasons,
    block: list[int],
    best: dict[int, tuple[float, str]],
    partner: dict[int, int],
    links: _Links,
) -> None:
    """Score the pairs of one date's reports (`block`: row numbers, ascending) that have a new
    report; record the links and, for each report whose best match improves, that match and
    with whom (the first such pair in the order pairs were always met)."""
    n = len(block)
    old = np.array([rows[i]["_prior"] is not None for i in block], dtype=bool)
    cols = np.flatnonzero(~old).astype(np.int32)  # positions in the block: 4 bytes each
    if n < 2 or not len(cols):
        return
    day = DayScores([rows[i] for i in block], old)
    ids = np.asarray(block, dtype=np.int32)  # row numbers (links: 4 bytes an end)
    choice = _Choice(ids, best)
    found: list[tuple[np.ndarray, ...]] = []  # candidate pairs not yet offered, and how many
    held = 0
    step = max(1, _PAIR_CELLS // len(cols))
    for lo in range(0, n, step):
        r = np.arange(lo, min(n, lo + step), dtype=np.int32)
        c = cols if old[r].any() else cols[cols > lo]  # new with new: each pair once, r < c
        if not len(c):
            continue
        score, title = day.scores(r, c)
        valid = old[r][:, None] | (r[:, None] < c[None, :])
        low, high = np.minimum.outer(r, c), np.maximum.outer(r, c)
        keep = valid & (score >= MATCH_THRESHOLD)
        links.add(ids[low[keep]], ids[high[keep]], score[keep], title[keep])
        ranked = np.where(valid, score, -1.0)
        top = valid & (
            (ranked == ranked.max(axis=1)[:, None]) | (ranked == ranked.max(axis=0)[None, :])
        )
        order = old[r][:, None] * (n * n) + r[:, None].astype(np.int64) * n + c[None, :]  # met
        found.append((low[top], high[top], score[top], title[top], order[top]))
        held += int(top.sum())
        if held >= _CANDIDATES:
            choice.offer(rows, why, found)
            found, held = [], 0
    if found:
        choice.offer(rows, why, found)
    choice.apply(best, partner)


class _Choice:
    """Each report's best candidate pair of one date so far: (score, reason) greatest, then
    the first met, whatever the parts the candidates are offered in (`_CANDIDATES`)."""

    def __init__(self, ids: np.ndarray, best: dict[int, tuple[float, str]]) -> None:
        self.ids = ids  # row numbers of the date's positions
        # what a candidate must reach: the report's best before this date (settled reports)
        self.floor = np.array([best.get(i, _NO_MATCH)[0] for i in ids.tolist()])
        self.chosen: dict[int, tuple[float, str, int, int]] = {}  # position -> + order, other

    def offer(self, rows: list[dict], why: Reasons, parts: list[tuple[np.ndarray, ...]]) -> None:
        """Candidate pairs, in parts of (a, b: positions, a < b; score, title, order met), each
        a candidate of both its reports."""
        a, b, score, title, order = (np.concatenate(c) for c in zip(*parts, strict=True))
        top = self.floor.copy()
        np.maximum.at(top, a, score)
        np.maximum.at(top, b, score)
        pair = np.concatenate([np.arange(len(a), dtype=np.int32)] * 2)
        x, other = np.concatenate([a, b]), np.concatenate([b, a])
        mine = score[pair] == top[x]  # the pairs that can be x's best
        pair, x, other = pair[mine], x[mine], other[mine]
        scores, met = score[pair], order[pair]
        ends = self.ids[a[pair]], self.ids[b[pair]]
        chosen = self.chosen
        for i, text in _best_of_each(rows, why, x, *ends, scores, title[pair], met):
            xi, value, when = int(x[i]), (float(scores[i]), text), int(met[i])
            now = chosen.get(xi)
            if now is None or value > now[:2] or (value == now[:2] and when < now[2]):
                chosen[xi] = (*value, when, int(other[i]))
                self.floor[xi] = value[0]

    def apply(self, best: dict[int, tuple[float, str]], partner: dict[int, int]) -> None:
        """Raise each report's best match to its choice, when greater than what it had."""
        for xi, (score, text, _, other) in self.chosen.items():
            gid, value = int(self.ids[xi]), (score, text)
            if value > best.get(gid, _NO_MATCH):
                best[gid] = value
                partner[gid] = int(self.ids[other])


def _best_of_each(
    rows: list[dict],
    why: Reasons,
    x: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    score: np.ndarray,
    title: np.ndarray,
    order: np.ndarray,
) -> Iterator[tuple[int, str]]:
    """Per report x, the index of its greatest (score, reason) candidate pair (a, b: row
    numbers), the first met of ties, with that reason. Reasons are ranked for slices of whole
    reports' candidates (`_REASON_PAIRS`): a date where thousands of reports tie at their top
    score (one national meeting) has tens of millions of candidates."""
    by_x = np.argsort(x, kind="stable")
    sorted_x = x[by_x]
    lo = 0
    while lo < len(by_x):
        hi = min(len(by_x), lo + _REASON_PAIRS)
        hi = int(np.searchsorted(sorted_x, sorted_x[hi - 1], side="right"))  # whole reports
        part = by_x[lo:hi]
        rank, texts = why.rank(rows, a[part], b[part], title[part])
        for i in _first_per_report(x[part], score[part], rank, order[part]):
            yield int(part[i]), texts[rank[i]]
        lo = hi


def _first_per_report(
    x: np.ndarray, score: np.ndarray, rank: np.ndarray, order: np.ndarray
) -> list[int]:
    """Per report x, the index of its greatest (score, reason rank), the first met of ties."""
    by = np.lexsort((order, -rank, -score, x))
    first = np.ones(len(by), dtype=bool)
    first[1:] = x[by][1:] != x[by][:-1]
    return by[first].tolist()


def _best_within(
    links: _Links,
    rows: list[dict],
    why: Reasons,
    parent: list[int],
    settled: dict[int, tuple[float, str]],
    reports: set[int],
) -> dict[int, tuple[float, str]]:
    """The strongest match (score, reason) of each of `reports` among the pairs that ended in
    one meeting (for a settled report, at least the best match it had when it was clustered)."""
    out = {x: settled[x] for x in reports if x in settled}
    if not reports:
        return out
    a, b, score, title = links.arrays()
    root = _roots(parent)
    mine = np.zeros(len(rows), dtype=bool)
    mine[list(reports)] = True
    keep = (mine[a] | mine[b]) & (root[a] == root[b])
    pair = np.concatenate([np.flatnonzero(keep & mine[a]), np.flatnonzero(keep & mine[b])])
    x = np.concatenate([a[keep & mine[a]], b[keep & mine[b]]])
    top = np.full(len(rows), -1.0)
    top[list(out)] = [s for s, _ in out.values()]
    np.maximum.at(top, x, score[pair])
    can = score[pair] == top[x]  # the pairs that can be x's best
    pair, x = pair[can], x[can]
    scores, first = score[pair], np.zeros(len(x), dtype=np.int64)
    for i, text in _best_of_each(rows, why, x, a[pair], b[pair], scores, title[pair], first):
        value = (float(scores[i]), text)
        if value > out.get(int(x[i]), _NO_MATCH):
            out[int(x[i])] = value
    return out


def _merge(
    links: _Links,
    rows: list[dict],
    parent: list[int],
    find: Callable[[int], int],
) -> bool:
    """Join the matching pairs into meetings, strongest first; two groups are never joined
    while one report of each tells of a different meeting (`apart`), so a report that matches
    two different meetings of one day cannot chain them into one. Whether a match was kept
    apart."""
    groups: dict[int, _Group] = {}
    for i, rec in enumerate(rows):
        groups.setdefault(find(i), _Group()).add(rec)
    kept_apart = False
    a, b, score, _ = links.arrays()
    order = np.lexsort((b, a, -score))  # row numbers sort as article ids do
    a, b = a[order], b[order]
    n = len(parent)
    found_apart: set[int] = set()  # min * n + max of two roots found apart: they stay so
    known = np.zeros(0, dtype=np.int64)  # the same, sorted, as of the step's start
    for lo in range(0, len(a), _MERGE_STEP):
        step_a, step_b = a[lo : lo + _MERGE_STEP], b[lo : lo + _MERGE_STEP]
        if len(found_apart) > len(known):
            known = np.sort(np.fromiter(found_apart, np.int64, len(found_apart)))
        for x, y in zip(*_open_links(_roots(parent), step_a, step_b, known), strict=True):
            ra, rb = find(x), find(y)
            if ra == rb:
                continue
            keep, gone = min(ra, rb), max(ra, rb)
            if keep * n + gone in found_apart:
                continue
            if groups[ra].apart(groups[rb]):
                kept_apart = True
                found_apart.add(keep * n + gone)
                continue
            parent[gone] = keep
            groups[keep].absorb(groups.pop(gone))
    return kept_apart


def _roots(parent: list[int]) -> np.ndarray:
    """The root of every row's component (pointer jumping over the parent links)."""
    root = np.array(parent, dtype=np.int64)
    while True:
        up = root[root]
        if np.array_equal(up, root):
            return root
        root = up


def _open_links(
    root: np.ndarray, a: np.ndarray, b: np.ndarray, known: np.ndarray
) -> tuple[list[int], list[int]]:
    """The links that can still join two groups: not inside one group, nor between two groups
    known to be apart (`known`: min * n + max of their roots). A group only grows, so both stay
    so, and a known pair means a match was kept apart already."""
    ra, rb = root[a], root[b]
    pair = np.minimum(ra, rb) * len(root) + np.maximum(ra, rb)
    at = np.minimum(np.searchsorted(known, pair), max(0, len(known) - 1))
    open_ = ra != rb
    if len(known):
        open_ &= known[at] != pair
    return a[open_].tolist(), b[open_].tolist()


class _Group:
    """What `apart` needs of a group of reports: their convening regions, whether one was
    convened nationally, and the distinctive words of the venues met in person."""

    __slots__ = ("convs", "national", "venues")

    def __init__(self) -> None:
        self.convs: set[str] = set()
        self.national = False
        self.venues: list[frozenset[str]] = []

    def add(self, rec: dict) -> None:
        if rec["_conv"]:
            self.convs.add(rec["_conv"])
        self.national = self.national or rec["_level"] == "national"
        if rec["_mode"] == "in_person" and len(rec["_venue"]) >= VENUE_MIN_WORDS:
            self.venues.append(rec["_venue"])

    def absorb(self, other: _Group) -> None:
        self.convs |= other.convs
        self.national = self.national or other.national
        self.venues += other.venues

    def apart(self, other: _Group) -> bool:
        """Whether some report of each is `apart` from the other."""
        a, b = self.convs, other.convs
        if a and b and not (len(a) == 1 and a == b):
            return True
        if (self.national and b) or (other.national and a):
            return True
        return any(va.isdisjoint(vb) for va in self.venues for vb in other.venues)


def settle_chunk(reports: list[dict], cluster=cluster_records) -> list[dict]:
    """The cluster rows of one settle chunk that differ from what the warehouse holds (the
    input's prior columns): new reports, and reports whose meeting or best match moved."""
    if not reports:
        return []
    prior = {str(r["article_id"]): (r["prior_meeting_id"], r["prior_best_score"],
                                    r["prior_best_reason"]) for r in reports}  # fmt: skip
    out = []
    for row in cluster(reports, changed_only=True):
        meeting, score, reason = prior[row["article_id"]]
        if (
            meeting is None
            or row["meeting_id"] != meeting
            or row["best_score"] != score
            or row["best_reason"] != reason
        ):
            out.append(row)
    return out
