"""End to end: one literal article through the Extractor; and the shared gold sets."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from pathlib import Path

import pandas as pd
import pytest

from pilkada.extract import EXTRACTOR_VERSION, ArticleExtraction, Extractor
from pilkada.load.dedup import cluster_reports
from pilkada.sources.textnorm import normalize_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
REGIONS_CSV = """code,name,level,province_code,alt_names
35,Jawa Timur,province,35,
35.07,Kabupaten Malang,regency,35,
35.14,Kabupaten Pasuruan,regency,35,
35.19,Kabupaten Madiun,regency,35,
35.73,Kota Malang,city,35,
35.75,Kota Pasuruan,city,35,
35.77,Kota Madiun,city,35,
35.79,Kota Batu,city,35,
51,Bali,province,51,
51.03,Kabupaten Badung,regency,51,
62,Kalimantan Tengah,province,62,
62.01,Kabupaten Kotawaringin Barat,regency,62,
62.71,Kota Palangkaraya,city,62,
31,Daerah Khusus Ibukota Jakarta,province,31,DKI Jakarta
31.74,Kota Administrasi Jakarta Selatan,city,31,Kota Jakarta Selatan
"""

ARTICLE = "\n".join([
    "Pemkab Pasuruan Gelar Rakor Lintas Sektoral Pengamanan Pilkada 2024",
    "",
    "PASURUAN - Pemerintah Kabupaten Pasuruan menggelar Rapat Koordinasi (Rakor) Lintas Sektoral"
    " di Command Center, Kabupaten Pasuruan, Jumat (2/8/2024). Rakor dipimpin oleh Pj Bupati"
    " Pasuruan Andriyanto.",
    "",
    "Baca Juga: Kota Malang Gelar Festival Kuliner",
    "",
    "Hadir dalam rapat tersebut Dandim 0819 Pasuruan Letkol Arh Nor Iskak, Wakapolres Pasuruan"
    " Kompol Hari Aziz, dan Ketua KPU Kabupaten Pasuruan.",
    "",
    '"Tentang netralitas ASN, Kepala Desa harus netral. Kemudian alat peraga kampanye jangan'
    ' dicabut sembarangan," kata Pj Bupati Andriyanto.',
    "",
    "Komentar",
])


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_regions(pd.read_csv(io.StringIO(REGIONS_CSV), dtype=str))


def test_version_is_exported():
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_meeting_report_end_to_end(extractor):
    text = normalize_text(ARTICLE)
    res = extractor.extract(text, title=text.split("\n")[0])
    assert isinstance(res, ArticleExtraction) and res.is_meeting
    m = res.meeting
    assert m.meeting_date == dt.date(2024, 8, 2)
    assert m.meeting_type == "rakor" and m.mode == "in_person"
    assert (m.convening_level, m.convening_region_code) == ("regency", "35.14")
    assert m.election_year == 2024
    assert {r.region_code for r in res.regions} == {"35.14"}  # Kota Malang is in a Baca Juga line
    kinds = {p.institution_kind for p in res.participants}
    assert kinds == {"Pemda", "TNI", "Polri", "KPU"}
    dandim = next(p for p in res.participants if p.position == "Dandim")
    assert (dandim.institution, dandim.rank, dandim.person_name) == (
        "Kodim 0819", "Letkol Arh", "Nor Iskak")
    assert any(p.role == "chair" and p.institution_kind == "Pemda" for p in res.participants)
    topics = {d.topic for d in res.directives}
    assert topics == {"security", "asn_neutrality", "campaign_materials"}  # headline: pengamanan
    assert any(d.issuer_name == "Andriyanto" for d in res.directives)


def test_offsets_point_into_the_given_text(extractor):
    text = normalize_text(ARTICLE)
    res = extractor.extract(text)
    for r in res.regions:
        assert text[r.evidence_start:r.evidence_end].strip()
    for p in res.participants:
        evidence = text[p.evidence_start:p.evidence_end]
        assert evidence.startswith(p.position)
        assert p.person_name is None or p.person_name.split()[-1] in evidence
    for d in res.directives:
        assert text[d.evidence_start:d.evidence_end] == d.text


def test_non_meeting_has_no_facts(extractor):
    text = normalize_text(
        "Polres Malang Gelar Apel Gelar Pasukan Pilkada 2024\n\nMALANG - Polres Malang menggelar"
        " apel gelar pasukan pengamanan Pilkada 2024, Senin (26/8/2024). Kapolres meminta anggota"
        " menjaga netralitas."
    )
    res = extractor.extract(text)
    assert not res.is_meeting
    assert (res.meeting, res.regions, res.participants, res.directives) == (None, [], [], [])


@pytest.mark.parametrize("text", ["", "x", "\n\n", "Rakor.", "(1/1) Senin ((( Pilkada rakor"])
def test_odd_inputs_do_not_crash(extractor, text):
    assert isinstance(extractor.extract(text), ArticleExtraction)


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_gold_sets_score_above_target(name):
    """The scorer's measures, computed on the extraction directly (no warehouse)."""
    base = SHARED / "corpus" / name
    regions = SHARED / "data" / "official" / "regions.csv"
    if not (base / "gold.jsonl").exists() or not regions.exists():
        pytest.skip("../shared is absent")
    ex = Extractor.from_regions(pd.read_csv(regions, dtype=str))
    gold = [json.loads(line) for line in (base / "gold.jsonl").read_text().splitlines() if line]
    results, rows = {}, []
    for g in gold:
        text = normalize_text((base / "articles" / g["article"]).read_text(encoding="utf-8"))
        res = results[g["article"]] = ex.extract(text)
        if res.is_meeting:
            rows.append({
                "article_id": g["article"], "meeting_date": res.meeting.meeting_date,
                "title": res.meeting.title, "venue": res.meeting.venue,
                "meeting_type": res.meeting.meeting_type, "mode": res.meeting.mode,
                "convening_level": res.meeting.convening_level,
                "convening_region_code": res.meeting.convening_region_code,
                "election_year": res.meeting.election_year,
                "region_codes": sorted({r.region_code for r in res.regions}),
                "institution_kinds": sorted({p.institution_kind for p in res.participants}),
                "topics": sorted({d.topic for d in res.directives}),
            })
    clusters = cluster_reports(pd.DataFrame(rows))
    meeting_of = dict(zip(clusters.article_id, clusters.meeting_id, strict=True))
    ok_meeting = sum(results[g["article"]].is_meeting == g["is_meeting"] for g in gold)
    meetings = [g for g in gold if g["is_meeting"]]
    ok_date = 0
    counts = {"region": [0, 0, 0], "institution": [0, 0, 0], "topics": [0, 0, 0]}
    for g in gold:
        res = results[g["article"]]
        if g["is_meeting"]:
            got_date = res.meeting.meeting_date if res.is_meeting else None
            want_date = g["meeting_date"]
            ok_date += (str(got_date) if got_date else None) == want_date
        got = {"region": {r.region_code for r in res.regions},
               "institution": {p.institution_kind for p in res.participants} - {"Other"},
               "topics": {d.topic for d in res.directives} - {"other"}}
        want = {"region": set(g["region_codes"]), "institution": set(g["institution_kinds"]),
                "topics": set(g["topics"])}
        for field, c in counts.items():
            c[0] += len(got[field] & want[field])
            c[1] += len(got[field] - want[field])
            c[2] += len(want[field] - got[field])
    pairs = [0, 0, 0]
    for a, b in itertools.combinations(meetings, 2):
        same_gold = a["cluster"] == b["cluster"]
        same_pred = meeting_of.get(a["article"]) is not None and (
            meeting_of.get(a["article"]) == meeting_of.get(b["article"]))
        pairs[0] += same_gold and same_pred
        pairs[1] += same_pred and not same_gold
        pairs[2] += same_gold and not same_pred
    measures = {
        "is_meeting": ok_meeting / len(gold),
        "date": ok_date / len(meetings),
        **{f: _prf(*c) for f, c in counts.items()},
        "dedup": _prf(*pairs),
    }
    assert all(v >= 0.85 for v in measures.values()), measures
    assert sum(measures.values()) / len(measures) >= 0.90, measures
