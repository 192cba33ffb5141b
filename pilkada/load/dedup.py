"""Cluster meeting-report articles into real-world meetings.

Reports are compared only within the same meeting date (blocking), so a re-run over the
reports of the dates a batch touches is cheap and needs no re-extraction. Two reports of one
day are the same meeting when their evidence agrees: a shared kab/kota (venue, convening or
attending), the same convening government, the same named venue, both national meetings
(a rakornas, or convened nationally) with a national convener in common, or near-identical
titles; different convening governments keep them apart. A national meeting is reported by
each attending region from its own side, so it is recognised by its day, its kind and its
convener, not by a shared region. Clusters are the
connected components of matching pairs. Reports without a date stay alone.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from functools import cache

import pandas as pd
from rapidfuzz import fuzz

from pilkada.extract.lexicons import load_lexicons
from pilkada.sources.textnorm import short_hash

OUTPUT_COLUMNS = [
    "article_id", "meeting_id", "match_score", "match_reason", "best_score", "best_reason"
]  # fmt: skip
MATCH_THRESHOLD = 0.5
_NO_MATCH = (-1.0, "")  # below every (score, reason)
TITLE_STRONG = 0.80  # titles this similar name the same meeting on the same day
NATIONAL_KINDS = frozenset({"Kemendagri", "Kemenko Polhukam"})
# Institutions that convene national meetings; two national meetings of one day that share one
# of them are one meeting.
NATIONAL_CONVENERS = frozenset({"Kemendagri", "Kemenko Polhukam", "DKPP", "Bawaslu", "KPU"})
NATIONAL_TYPES = frozenset({"rakornas"})
VENUE_MIN_WORDS = 2  # distinctive venue words two reports must share ("Ecovention Ancol")
VENUE_SHARE = 0.6  # ... and that share of the shorter venue's distinctive words
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


def pair_value(a: dict, b: dict) -> tuple[float, float | None]:
    """How strongly two same-day reports point to one meeting (0..1; both reports `_prepared`)
    and the title similarity it used (None when they were convened by different regions).
    Clustering scores every same-day pair but needs the reason of few (`pair_reason`)."""
    conv_a, conv_b = a["_conv"], b["_conv"]
    if conv_a and conv_b and conv_a != conv_b:
        return 0.0, None
    title_sim = (
        fuzz.token_set_ratio(a["_title"], b["_title"]) / 100
        if (a["_title"] and b["_title"])
        else 0.0
    )
    score = 0.0
    shared = not a["_specific"].isdisjoint(b["_specific"])
    if shared:
        score += 0.5
    if conv_a and conv_a == conv_b:
        score += 0.3
    if _both_national(a, b) or _national_pair(a, b):
        score += 0.5
    if _same_venue(a, b):
        score += 0.5
    if title_sim >= TITLE_STRONG:
        score += 0.5
    elif title_sim >= 0.5:
        score += 0.2 * title_sim
    mode_a, mode_b = a["_mode"], b["_mode"]
    if a["_topics"] and b["_topics"]:
        jac = len(a["_topics"] & b["_topics"]) / len(a["_topics"] | b["_topics"])
        score += 0.1 * jac
    if mode_a and mode_b and {mode_a, mode_b} == {"virtual", "in_person"} and not shared:
        score -= 0.2
    return max(0.0, min(1.0, score)), title_sim


def pair_reason(a: dict, b: dict, title_sim: float | None) -> str:
    """Why `pair_value` scored the pair as it did."""
    conv_a, conv_b = a["_conv"], b["_conv"]
    if title_sim is None:
        return f"same date; convened by different regions {conv_a} / {conv_b}"
    reasons = ["same date"]
    shared = sorted(a["_specific"] & b["_specific"])
    if shared:
        reasons.append(f"shared region {shared[0]}")
    if conv_a and conv_a == conv_b:
        reasons.append(f"same convening region {conv_a}")
    if _both_national(a, b):
        reasons.append("both convened nationally")
    elif _national_pair(a, b):
        common = sorted(a["_kinds"] & b["_kinds"] & NATIONAL_CONVENERS)
        reasons.append(f"both national meetings with {common[0]}")
    if _same_venue(a, b):
        reasons.append("same venue " + " ".join(sorted(a["_venue"] & b["_venue"])))
    reasons.append(f"title similarity {title_sim:.2f}")
    return "; ".join(reasons)


def _both_national(a: dict, b: dict) -> bool:
    return a["_level"] == b["_level"] == "national" and bool(
        a["_kinds"] & b["_kinds"] & NATIONAL_KINDS
    )


def _national_pair(a: dict, b: dict) -> bool:
    """Both are national meetings (rakornas or convened nationally) with a national convener in
    common: one meeting seen from two attending regions. Two venues that share no word at all
    are two meetings."""
    if not (a["_national"] and b["_national"] and a["_kinds"] & b["_kinds"] & NATIONAL_CONVENERS):
        return False
    va, vb = a["_venue"], b["_venue"]
    return not (len(va) >= VENUE_MIN_WORDS and len(vb) >= VENUE_MIN_WORDS and va.isdisjoint(vb))


def _same_venue(a: dict, b: dict) -> bool:
    """Both name the same venue: enough distinctive words in common."""
    va, vb = a["_venue"], b["_venue"]
    if not va or not vb:
        return False
    common = len(va & vb)
    return common >= VENUE_MIN_WORDS and common >= VENUE_SHARE * min(len(va), len(vb))


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
    comparing every pair, at a cost that grows with the new rows, not with the warehouse.
    """
    rows = [_prepared(rec) for rec in records]  # adds "_" keys to the records
    rows.sort(key=lambda r: r["article_id"])
    parent = {r["article_id"]: r["article_id"] for r in rows}
    best: dict[str, tuple[float, str]] = {}
    first_of: dict[str, str] = {}
    for r in rows:
        if r["_prior"] is None:
            continue
        aid = r["article_id"]
        anchor = first_of.setdefault(r["_prior"], aid)
        parent[aid] = anchor  # rows sorted: the anchor is the component's smallest id so far
        prior_score = r.get("prior_best_score")
        if prior_score is not None and prior_score == prior_score:
            best[aid] = (float(prior_score), str(r.get("prior_best_reason") or ""))

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    blocks: dict[object, list[dict]] = {}
    for r in rows:
        day = _day(r["meeting_date"])
        if day is not None:
            blocks.setdefault(day, []).append(r)
    moved: set[str] = {r["article_id"] for r in rows if r["_prior"] is None}
    for block in blocks.values():
        new = [r for r in block if r["_prior"] is None]
        old = [r for r in block if r["_prior"] is not None]
        # two reports clustered before were scored against each other then
        pairs = itertools.chain(itertools.combinations(new, 2), itertools.product(old, new))
        for a, b in pairs:
            if a["article_id"] > b["article_id"]:
                a, b = b, a  # score each pair in one order, however it was reached
            score, title_sim = pair_value(a, b)
            ida, idb = a["article_id"], b["article_id"]
            best_a, best_b = best.get(ida, _NO_MATCH), best.get(idb, _NO_MATCH)
            if score >= best_a[0] or score >= best_b[0]:  # the reason can matter: make it
                reason = pair_reason(a, b, title_sim)
                for x, was in ((ida, best_a), (idb, best_b)):
                    # ties go to the greater reason, so the result never depends on pair order
                    if (score, reason) > was:
                        best[x] = (score, reason)
                        moved.add(x)
            if score >= MATCH_THRESHOLD:
                ra, rb = find(ida), find(idb)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for r in rows:
        members.setdefault(find(r["article_id"]), []).append(r["article_id"])
    if changed_only:
        dirty = {find(aid) for aid in moved}
        members = {root: ids for root, ids in members.items() if root in dirty}
    out = []
    for ids in members.values():
        mid = meeting_id_for(ids)
        for aid in ids:
            if len(ids) == 1:
                score, reason = (
                    1.0,
                    "single report"
                    if aid not in best
                    else (f"no match (best {best[aid][0]:.2f}: {best[aid][1]})"),
                )
            else:
                score, reason = best.get(aid, (1.0, "single report"))
            best_score, best_reason = best.get(aid, (None, None))
            out.append(
                {
                    "article_id": aid,
                    "meeting_id": mid,
                    "match_score": round(float(score), 3),
                    "match_reason": reason,
                    "best_score": best_score,
                    "best_reason": best_reason,
                }
            )
    out.sort(key=lambda o: o["article_id"])
    return out


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
