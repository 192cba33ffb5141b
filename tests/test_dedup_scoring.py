"""The vectorised clustering agrees with pair_value / pair_reason and with the pairwise loop."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random

import numpy as np
import pytest

from pilkada.load import dedup, match_scores
from pilkada.load.dedup import (
    MATCH_THRESHOLD,
    _day,
    _Group,
    _prepared,
    cluster_records,
    meeting_id_for,
)
from pilkada.load.match_scores import pair_reason, pair_value

NAN = float("nan")
DAYS = [dt.date(2024, 11, 21), dt.date(2024, 11, 22), None, NAN]
TITLES = ["Rakor Pilkada Kabupaten Malang", "Polres Malang gelar rakor", "Rakornas netralitas ASN",
          "rakor pengamanan pilkada malang", "Kunci pilkada berkualitas", "", None]  # fmt: skip
REGIONS = ["35.07", "35.14", "35", "31.72", "31.71", "73.71"]
CONVS = [None, None, "35.07", "35", "31.72", NAN, ""]
LEVELS = [None, "national", "regency", "province"]
KINDS = ["Kemendagri", "Bawaslu", "KPU", "Polri", "Pemda", "Kemenko Polhukam", "TNI"]
TOPICS = ["security", "logistics", "coordination", "asn_neutrality"]
MODES = ["virtual", "in_person", None, NAN]
TYPES = ["rakor", "rakornas", None]
VENUES = ["Hotel Santika Batu", "Ecovention Ancol Jakarta", "gedung Ecovention Ancol",
          "Aula Kantor Bupati Malang", "Hotel Bidakara Pancoran", "Ancol", None, "", NAN,
          "alpha bravo charlie delta echo", "alpha bravo charlie foxtrot golf",  # 3 of 5 shared:
          "alpha bravo"]  # (just VENUE_SHARE)  # fmt: skip


def _subset(rng: random.Random, pool: list[str]) -> object:
    pick = rng.random()
    if pick < 0.1:
        return None
    if pick < 0.15:
        return NAN
    return rng.sample(pool, rng.randint(0, 3))


def random_reports(seed: int, n: int) -> list[dict]:
    """Reports of few dates with few distinct values: many ties, empty and missing fields."""
    rng = random.Random(seed)
    ids = rng.sample(range(10 * n), n)
    return [
        {
            "article_id": f"a{k:05d}",
            "meeting_date": rng.choice(DAYS[:2] * 6 + DAYS),
            "title": rng.choice(TITLES),
            "region_codes": _subset(rng, REGIONS),
            "convening_region_code": rng.choice(CONVS),
            "convening_level": rng.choice(LEVELS),
            "institution_kinds": _subset(rng, KINDS),
            "topics": _subset(rng, TOPICS),
            "mode": rng.choice(MODES),
            "meeting_type": rng.choice(TYPES),
            "venue": rng.choice(VENUES),
        }
        for k in ids
    ]


def reference(records: list[dict], *, changed_only: bool = False) -> list[dict]:
    """cluster_records as the plain pairwise loop it replaces (every pair by pair_value)."""
    rows = sorted((_prepared(dict(r)) for r in records), key=lambda r: r["article_id"])
    parent = {r["article_id"]: r["article_id"] for r in rows}
    best: dict[str, tuple[float, str]] = {}
    first_of: dict[str, str] = {}
    for r in rows:
        if r["_prior"] is not None:
            parent[r["article_id"]] = first_of.setdefault(r["_prior"], r["article_id"])
            score = r.get("prior_best_score")
            if score is not None and score == score:
                best[r["article_id"]] = (float(score), str(r.get("prior_best_reason") or ""))

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    blocks: dict[object, list[dict]] = {}
    for r in rows:
        if _day(r["meeting_date"]) is not None:
            blocks.setdefault(_day(r["meeting_date"]), []).append(r)
    moved = {r["article_id"] for r in rows if r["_prior"] is None}
    settled, partner, links = dict(best), {}, []
    for block in blocks.values():
        new = [r for r in block if r["_prior"] is None]
        old = [r for r in block if r["_prior"] is not None]
        for a, b in itertools.chain(itertools.combinations(new, 2), itertools.product(old, new)):
            a, b = sorted((a, b), key=lambda r: r["article_id"])
            score, title_sim = pair_value(a, b)
            reason = pair_reason(a, b, title_sim)
            ida, idb = a["article_id"], b["article_id"]
            for x, other in ((ida, idb), (idb, ida)):
                if (score, reason) > best.get(x, (-1.0, "")):
                    best[x], partner[x] = (score, reason), other
                    moved.add(x)
            if score >= MATCH_THRESHOLD:
                links.append((score, ida, idb, title_sim))
    by_id = {r["article_id"]: r for r in rows}
    groups: dict[str, _Group] = {}
    for aid, rec in by_id.items():
        groups.setdefault(find(aid), _Group()).add(rec)
    kept_apart = False
    for _, ida, idb, _ in sorted(links, key=lambda t: (-t[0], t[1], t[2])):
        ra, rb = find(ida), find(idb)
        if ra != rb and groups[ra].apart(groups[rb]):
            kept_apart = True
        elif ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
            groups[min(ra, rb)].absorb(groups.pop(max(ra, rb)))
    outside = {x for x, y in partner.items() if find(x) != find(y)} if kept_apart else set()
    within = {x: settled[x] for x in outside if x in settled}
    for score, ida, idb, title_sim in links:
        if find(ida) == find(idb):
            for x in {ida, idb} & outside:
                reason = pair_reason(by_id[ida], by_id[idb], title_sim)
                within[x] = max(within.get(x, (-1.0, "")), (score, reason))
    members: dict[str, list[str]] = {}
    for r in rows:
        members.setdefault(find(r["article_id"]), []).append(r["article_id"])
    dirty = {find(x) for x in moved}
    out = []
    for root, ids in members.items():
        if changed_only and root not in dirty:
            continue
        for aid in ids:
            if len(ids) == 1:
                score, reason = (1.0, "single report") if aid not in best else (
                    1.0, f"no match (best {best[aid][0]:.2f}: {best[aid][1]})")  # fmt: skip
            else:
                score, reason = within.get(aid) or best.get(aid, (1.0, "single report"))
            best_score, best_reason = best.get(aid, (None, None))
            out.append({"article_id": aid, "meeting_id": meeting_id_for(ids),
                        "match_score": round(float(score), 3), "match_reason": reason,
                        "best_score": best_score, "best_reason": best_reason})  # fmt: skip
    return sorted(out, key=lambda o: o["article_id"])


@pytest.fixture(params=["whole", "sliced"])
def small_steps(request, monkeypatch):
    """Large dates' paths on small inputs: pairs and titles in slices, candidates offered in
    parts, merge in steps."""
    if request.param == "sliced":
        monkeypatch.setattr(dedup, "_PAIR_CELLS", 7)
        monkeypatch.setattr(match_scores, "TITLE_CELLS", 1)
        monkeypatch.setattr(dedup, "_MERGE_STEP", 5)
        monkeypatch.setattr(dedup, "_REASON_PAIRS", 3)
        monkeypatch.setattr(dedup, "_CANDIDATES", 2)  # a date's candidates offered in parts
    return request.param


@pytest.mark.parametrize("seed", range(4))
def test_day_scores_are_pair_value(seed, small_steps):
    recs = [_prepared(r) for r in random_reports(seed, 60)]
    recs.sort(key=lambda r: r["article_id"])
    old = np.array([i % 3 == 0 for i in range(len(recs))])
    day = match_scores.DayScores(recs, old)
    r, c = np.arange(len(recs)), np.flatnonzero(~old)
    score, title = day.scores(r, c)  # pairs (i, j) with i > j too: pair_value is symmetric
    why = match_scores.Reasons(recs)
    a, b = np.minimum.outer(r, c).ravel(), np.maximum.outer(r, c).ravel()
    rank, texts = why.rank(recs, a, b, title.ravel())
    for k, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        if i == j:
            continue
        want, want_title = pair_value(recs[i], recs[j])
        got_title = title.ravel()[k]
        assert score.ravel()[k] == want  # bit for bit
        assert (math.isnan(got_title) and want_title is None) or got_title == want_title
        assert texts[rank[k]] == pair_reason(recs[i], recs[j], want_title)


@pytest.mark.parametrize("seed", range(6))
def test_clustering_equals_the_pairwise_loop(seed, small_steps):
    records = random_reports(100 + seed, 80)
    assert cluster_records([dict(r) for r in records]) == reference(records)
    # incremental: half settled by a first clustering, the rest new; some without a best
    rng = random.Random(seed)
    half = [r for r in records if rng.random() < 0.5]
    first = {o["article_id"]: o for o in reference(half)}
    for r in half:
        o = first[r["article_id"]]
        r.update(prior_meeting_id=o["meeting_id"], prior_best_score=o["best_score"],
                 prior_best_reason=o["best_reason"])  # fmt: skip
        if rng.random() < 0.2:
            r["prior_best_score"] = NAN
    for changed_only in (False, True):
        got = cluster_records([dict(r) for r in records], changed_only=changed_only)
        assert got == reference(records, changed_only=changed_only)


def test_title_similarity_does_not_depend_on_the_order():
    """Each pair of title keys is scored in one order only (`TitleSims`): this holds the scorer
    symmetric on word soups with shared, repeated, nested and near-identical words."""
    rng = random.Random(7)
    words = ["rakor", "pilkada", "malang", "kabupaten", "pengamanan", "netralitas", "asn", "kpu",
             "bawaslu", "polres", "polresta", "rakornas", "2024", "2018", "mal", "ang", "a"]
    keys = ["", "rakor"] + [
        " ".join(rng.choice(words) for _ in range(rng.randint(1, 9))) for _ in range(400)
    ]  # fmt: skip
    forward = match_scores._ratios(keys, keys)
    assert np.array_equal(forward, forward.T)
    assert forward[0, 0] == 0.0 and forward[1, 1] == 1.0  # empty keys score 0 (made 0 anyway)


def test_a_dates_candidates_offered_in_parts_keep_the_first_met_of_ties():
    """Report 0 ties with 1 and 2 (the same report twice): its partner is the pair met first,
    whichever part offers it first; a lower score offered later changes nothing."""
    base = random_reports(7, 1)[0]
    base.update(title="Rakor Pilkada Kabupaten Malang", region_codes=["35.07"], venue=None,
                convening_region_code="35.07")  # fmt: skip
    records = [dict(base, article_id=f"a{k}") for k in range(3)]
    records.append(dict(base, article_id="a3", region_codes=["31.71"], title="Lain",
                        convening_region_code=None))  # fmt: skip
    rows = [_prepared(dict(r)) for r in records]
    why = match_scores.Reasons(rows)
    ids = np.arange(4, dtype=np.int32)
    day = match_scores.DayScores(rows, np.zeros(4, dtype=bool))

    def part(b: int, order: int) -> tuple[np.ndarray, ...]:
        score, title = day.scores(np.array([0]), np.array([b]))
        return (np.array([0], np.int32), np.array([b], np.int32), score.ravel(),
                title.ravel(), np.array([order], np.int64))  # fmt: skip

    assert part(1, 0)[2][0] == part(2, 0)[2][0] > part(3, 0)[2][0]  # a tie, and a lesser one
    for parts in ([part(2, 20), part(1, 10)], [part(1, 10), part(2, 20)]):
        choice = dedup._Choice(ids, {})
        for p in [*parts, part(3, 5)]:
            choice.offer(rows, why, [p])
        best, partner = {}, {}
        choice.apply(best, partner)
        assert partner[0] == 1  # met first (order 10), not the later tie (20) nor the lesser
        assert best[0] == (part(1, 0)[2][0], pair_reason(rows[0], rows[1], part(1, 0)[3][0]))
        assert partner[2] == 0 and partner[1] == 0
