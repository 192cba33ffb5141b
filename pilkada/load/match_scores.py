"""How strongly two same-day meeting reports point to one meeting: `pair_value` and
`pair_reason` for one pair (both reports prepared by `pilkada.load.dedup`), and `DayScores` /
`Reasons` for all the pairs of a date at once, with numpy (the same numbers and texts), which
`pilkada.load.dedup.cluster_records` uses.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from rapidfuzz import fuzz, process

from pilkada import vocabularies

TITLE_STRONG = 0.80  # titles this similar name the same meeting on the same day
NATIONAL_KINDS = vocabularies.institution_group("national_ministry")
# Institutions that convene national meetings; two national meetings of one day that share one
# of them are one meeting.
NATIONAL_CONVENERS = vocabularies.institution_group("national_convener")
NATIONAL_TYPES = frozenset({"rakornas"})
VENUE_MIN_WORDS = 2  # distinctive venue words two reports must share ("Ecovention Ancol")
VENUE_SHARE = 0.6  # ... and that share of the shorter venue's distinctive words
TITLE_CELLS = 1 << 22  # title pairs of a date kept at once (else computed per slice)


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


class Reasons:
    """What `pair_reason` reads of each report, as arrays: pairs with the same key have the same
    reason, so the reasons of many pairs are made once per key."""

    def __init__(self, rows: list[dict]) -> None:
        self.conv = _codes([r["_conv"] for r in rows])
        codes = sorted({c for r in rows for c in r["_specific"]})
        self.region = _bitsets([r["_specific"] for r in rows], codes)
        self.venue = _codes([r["_venue"] for r in rows])
        self.venue_n = np.array([len(r["_venue"]) for r in rows], dtype=np.int64)
        self.level_national = np.array([r["_level"] == "national" for r in rows], dtype=bool)
        self.is_national = np.array([r["_national"] for r in rows], dtype=bool)
        self.national = _codes(
            [
                (r["_level"], r["_kinds"] & (NATIONAL_KINDS | NATIONAL_CONVENERS), r["_national"],
                 r["_venue"])
                for r in rows
            ]
        )  # fmt: skip

    def rank(
        self, rows: list[dict], a: np.ndarray, b: np.ndarray, title: np.ndarray
    ) -> tuple[np.ndarray, list[str]]:
        """The rank of each pair's reason among `texts` (sorted), the reasons made once per
        distinct key (a before b, row numbers; title NaN where it is None)."""
        if not len(a):
            return np.zeros(0, dtype=np.int64), []
        first, inverse = _distinct(self.keys(rows, a, b, title))
        texts = [
            pair_reason(rows[i], rows[j], None if t != t else t)
            for i, j, t in zip(a[first].tolist(), b[first].tolist(), title[first].tolist(),
                               strict=True)
        ]  # fmt: skip
        order = sorted(range(len(texts)), key=texts.__getitem__)
        rank = np.empty(len(texts), dtype=np.int64)
        rank[order] = np.arange(len(texts))
        return rank[inverse], [texts[i] for i in order]

    def keys(
        self, rows: list[dict], a: np.ndarray, b: np.ndarray, title: np.ndarray
    ) -> list[np.ndarray]:
        """Per pair: everything its reason says, as numbers (columns of one value per pair)."""
        conv_a, conv_b = self.conv[a], self.conv[b]
        differ = np.isnan(title)  # convened by different regions: their two codes
        same = (conv_a >= 0) & (conv_a == conv_b)
        n_conv = int(self.conv.max()) + 2
        conv = np.where(differ, (conv_a + 1) * n_conv + conv_b + 1, np.where(same, conv_a + 1, 0))
        region = _lowest_common(self.region[a], self.region[b])
        named = (self.venue_n[a] >= VENUE_MIN_WORDS) & (self.venue_n[b] >= VENUE_MIN_WORDS)
        venue = _pair_codes(
            self.venue[a], self.venue[b], named, lambda i: _venue_part(rows, a[i], b[i])
        )
        level, nat = self.level_national, self.is_national
        national = _pair_codes(
            self.national[a],
            self.national[b],
            (level[a] & level[b]) | (nat[a] & nat[b]),
            lambda i: _national_part(rows, a[i], b[i]),
        )
        evidence = [np.where(differ, -1, c) + 1 for c in (region, national, venue)]
        sizes = [int(c.max()) + 1 for c in evidence]
        if sizes[0] * sizes[1] * sizes[2] < 1 << 62:  # one column
            evidence = [(evidence[0] * sizes[1] + evidence[1]) * sizes[2] + evidence[2]]
        return [conv, *evidence, np.where(differ, -1.0, title)]


def _distinct(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The first index of each distinct row of `columns`, and each row's distinct number."""
    by = np.lexsort(columns[::-1])
    new = np.zeros(len(by), dtype=bool)
    new[0] = True
    for column in columns:
        new[1:] |= column[by][1:] != column[by][:-1]
    number = np.empty(len(by), dtype=np.int64)
    number[by] = np.cumsum(new) - 1
    return by[new], number


def _venue_part(rows: list[dict], a: int, b: int) -> str:
    ra, rb = rows[a], rows[b]
    return " ".join(sorted(ra["_venue"] & rb["_venue"])) if _same_venue(ra, rb) else "-"


def _national_part(rows: list[dict], a: int, b: int) -> str:
    ra, rb = rows[a], rows[b]
    if _both_national(ra, rb):
        return "both"
    if _national_pair(ra, rb):
        return min(ra["_kinds"] & rb["_kinds"] & NATIONAL_CONVENERS)
    return "-"


def _pair_codes(
    ka: np.ndarray, kb: np.ndarray, where: np.ndarray, value: Callable[[int], str]
) -> np.ndarray:
    """value(i) of pair i where `where` (else -1), made once per distinct (ka[i], kb[i]), as
    codes of its values."""
    codes = np.full(len(ka), -1, dtype=np.int64)
    some = np.flatnonzero(where)
    if len(some):
        first, number = _distinct([ka[some], kb[some]])
        index: dict[str, int] = {}
        made = [index.setdefault(value(int(i)), len(index)) for i in some[first].tolist()]
        codes[some] = np.array(made, dtype=np.int64)[number]
    return codes


def _bitsets(sets: list[frozenset[str]], members: list[str]) -> np.ndarray:
    """One row of 64-bit words per set: bit k for members[k] (sorted: lower bit, lesser)."""
    index = {m: k for k, m in enumerate(members)}
    words = max(1, -(-len(members) // 64))
    masks = [sum(1 << index[m] for m in s) for s in sets]
    full = (1 << 64) - 1
    return np.array(
        [[(m >> (64 * w)) & full for w in range(words)] for m in masks], dtype=np.uint64
    ).reshape(len(sets), words)


def _lowest_common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per row, the lowest bit set in both bitsets (-1: none)."""
    both = a & b
    nonzero = both != 0
    word = nonzero.argmax(axis=1)
    value = both[np.arange(len(both)), word]
    lowest = value & (~value + np.uint64(1))  # isolate the lowest set bit
    bit = np.log2(np.maximum(lowest, 1).astype(np.float64)).astype(np.int64)  # exact: 2**k
    return np.where(nonzero.any(axis=1), word * 64 + bit, -1)


class DayScores:
    """The reports of one date as arrays, to score many pairs at once exactly as `pair_value`
    does (the same float operations in the same order)."""

    def __init__(self, recs: list[dict], old: np.ndarray) -> None:
        self.conv = _codes([r["_conv"] for r in recs])
        self.level_national = np.array([r["_level"] == "national" for r in recs], dtype=bool)
        self.national = np.array([r["_national"] for r in recs], dtype=bool)
        self.mode = _codes([r["_mode"] for r in recs], {"virtual": 1, "in_person": 2})
        self.specific = _incidence([r["_specific"] for r in recs])
        self.venue = _incidence([r["_venue"] for r in recs])
        self.topics = _incidence([r["_topics"] for r in recs])
        self.national_kinds = _incidence([r["_kinds"] & NATIONAL_KINDS for r in recs])
        self.conveners = _incidence([r["_kinds"] & NATIONAL_CONVENERS for r in recs])
        self.venue_n = np.array([len(r["_venue"]) for r in recs])
        self.topics_n = np.array([len(r["_topics"]) for r in recs])
        self.titles = TitleSims([r["_title"] for r in recs], old)

    def scores(self, r: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`pair_value` of every report r[i] with every c[j] (the title similarity NaN where it
        is None); symmetric, so which of the two comes first does not matter."""
        conv_r, conv_c = self.conv[r][:, None], self.conv[c][None, :]
        differ = (conv_r >= 0) & (conv_c >= 0) & (conv_r != conv_c)
        title = self.titles.sims(r, c)
        score = np.zeros(title.shape)
        shared = _common(self.specific, r, c) > 0
        score = np.where(shared, score + 0.5, score)
        score = np.where((conv_r >= 0) & (conv_r == conv_c), score + 0.3, score)
        score = np.where(self._both_national(r, c) | self._national_pair(r, c), score + 0.5, score)
        score = np.where(self._same_venue(r, c), score + 0.5, score)
        score = np.where(
            title >= TITLE_STRONG,
            score + 0.5,
            np.where(title >= 0.5, score + 0.2 * title, score),
        )
        topics_r, topics_c = self.topics_n[r][:, None], self.topics_n[c][None, :]
        both = (topics_r > 0) & (topics_c > 0)
        common = _common(self.topics, r, c).astype(np.float64)
        union = np.where(both, topics_r + topics_c - common, 1.0)
        score = np.where(both, score + 0.1 * (common / union), score)
        mode = self.mode[r][:, None] * self.mode[c][None, :]  # 2: one virtual, one in person
        score = np.where((mode == 2) & ~shared, score - 0.2, score)
        score = np.where(differ, 0.0, np.clip(score, 0.0, 1.0))
        return score, np.where(differ, np.nan, title)

    def _both_national(self, r: np.ndarray, c: np.ndarray) -> np.ndarray:
        level = self.level_national[r][:, None] & self.level_national[c][None, :]
        return level & (_common(self.national_kinds, r, c) > 0)

    def _national_pair(self, r: np.ndarray, c: np.ndarray) -> np.ndarray:
        national = self.national[r][:, None] & self.national[c][None, :]
        named = (self.venue_n[r][:, None] >= VENUE_MIN_WORDS) & (
            self.venue_n[c][None, :] >= VENUE_MIN_WORDS
        )
        apart = named & (_common(self.venue, r, c) == 0)
        return national & (_common(self.conveners, r, c) > 0) & ~apart

    def _same_venue(self, r: np.ndarray, c: np.ndarray) -> np.ndarray:
        n_r, n_c = self.venue_n[r][:, None], self.venue_n[c][None, :]
        common = _common(self.venue, r, c)
        return (
            (n_r > 0)
            & (n_c > 0)
            & (common >= VENUE_MIN_WORDS)
            & (common >= VENUE_SHARE * np.minimum(n_r, n_c))
        )


class TitleSims:
    """token_set_ratio / 100 of title keys (0 where one is empty), computed once per pair of
    distinct keys of a date: all its keys against those of its new reports when that matrix
    is small enough, else per slice of rows. token_set_ratio is symmetric (a set decomposition
    and an Indel distance), so each pair is scored in one order only (`tests/test_dedup_scoring`
    holds both orders equal)."""

    def __init__(self, keys: list[str], old: np.ndarray) -> None:
        index: dict[str, int] = {}
        self.key_id = np.array([index.setdefault(k, len(index)) if k else -1 for k in keys])
        self.keys = list(index)
        self.new_ids = np.unique(self.key_id[~old & (self.key_id >= 0)])
        self.whole = len(self.keys) * len(self.new_ids) <= TITLE_CELLS
        self.matrix: np.ndarray | None = None  # all keys x the new reports' keys

    def sims(self, r: np.ndarray, c: np.ndarray) -> np.ndarray:
        """Similarity of the titles of r[i] and c[j]."""
        kr, kc = self.key_id[r], self.key_id[c]
        if not len(self.new_ids):  # no new report has a title
            return np.zeros((len(r), len(c)))
        sims = (self._whole if self.whole else self._slice)(kr, kc)
        return np.where((kr[:, None] >= 0) & (kc[None, :] >= 0), sims, 0.0)

    def _whole(self, kr: np.ndarray, kc: np.ndarray) -> np.ndarray:
        if self.matrix is None:
            # every key new (a first build): one list twice, which rapidfuzz scores as a
            # symmetric matrix, each pair once (half the time)
            all_new = len(self.new_ids) == len(self.keys)
            new = self.keys if all_new else [self.keys[k] for k in self.new_ids]
            self.matrix = _ratios(self.keys, new)
        col = np.searchsorted(self.new_ids, np.maximum(kc, 0))
        return self.matrix[np.maximum(kr, 0)][:, col]

    def _slice(self, kr: np.ndarray, kc: np.ndarray) -> np.ndarray:
        ur, ir = np.unique(np.maximum(kr, 0), return_inverse=True)
        uc, ic = np.unique(np.maximum(kc, 0), return_inverse=True)
        return _ratios([self.keys[k] for k in ur], [self.keys[k] for k in uc])[ir][:, ic]


def _ratios(first: list[str], second: list[str]) -> np.ndarray:
    """fuzz.token_set_ratio(first[i], second[j]) / 100, as pair_value computes it."""
    return process.cdist(first, second, scorer=fuzz.token_set_ratio, dtype=np.float64) / 100


def _codes(values: list, fixed: dict[str, int] | None = None) -> np.ndarray:
    """One integer per value: equal values equal codes; empty ones (None, "", an empty set) -1,
    or with `fixed` its codes and 0 for any other value."""
    if fixed is not None:
        return np.array([fixed.get(v, 0) if v else 0 for v in values], dtype=np.int64)
    index: dict[object, int] = {}
    return np.array([index.setdefault(v, len(index)) if v else -1 for v in values], np.int64)


def _incidence(sets: list[frozenset[str]]) -> np.ndarray:
    """Reports x distinct members: 1 where the report's set holds the member."""
    index: dict[str, int] = {}
    cells = [(i, index.setdefault(m, len(index))) for i, s in enumerate(sets) for m in s]
    out = np.zeros((len(sets), max(1, len(index))), dtype=np.float32)
    if cells:
        out[tuple(np.array(cells).T)] = 1.0
    return out


def _common(incidence: np.ndarray, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """How many members the sets of r[i] and c[j] have in common (exact: small counts)."""
    return incidence[r] @ incidence[c].T
