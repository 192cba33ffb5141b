"""Clustering meeting reports into real-world meetings."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd

from pilkada.dedup import OUTPUT_COLUMNS, cluster_reports

D = dt.date(2024, 11, 21)


def report(article_id: str, date=D, title="Polres Malang Gelar Rakor Pilkada", regions=(),
           level=None, convening=None, kinds=(), topics=(), mode="in_person") -> dict:
    return {
        "article_id": article_id, "meeting_date": date, "title": title, "venue": None,
        "meeting_type": "rakor", "mode": mode, "convening_level": level,
        "convening_region_code": convening, "election_year": 2024,
        "region_codes": list(regions), "institution_kinds": list(kinds), "topics": list(topics),
    }


def clusters(rows: list[dict]) -> dict[str, str]:
    out = cluster_reports(pd.DataFrame(rows))
    assert list(out.columns) == OUTPUT_COLUMNS
    assert out["match_score"].between(0, 1).all()
    return dict(zip(out.article_id, out.meeting_id, strict=True))


def test_same_day_shared_regency_is_one_meeting():
    got = clusters([
        report("a1", title="Polres Malang gelar rakor lintas sektoral", regions=["35.07"]),
        report("b2", title="Kodim 0818 dan Polres Malang kawal logistik", regions=["35.07"]),
        report("c3", title="Rakor pengamanan di Kota Batu", regions=["35.79"], convening="35.79"),
    ])
    assert got["a1"] == got["b2"] != got["c3"]


def test_meeting_id_is_the_hash_of_the_smallest_article_id():
    got = clusters([report("bb", regions=["35.07"]), report("aa", regions=["35.07"])])
    expected = "m_" + hashlib.sha256(b"aa").hexdigest()[:12]
    assert got == {"aa": expected, "bb": expected}


def test_national_meetings_of_one_day_match_across_attending_regions():
    got = clusters([
        report("k1", title="Pemkot Pasuruan ikuti anev kampanye via vidcon", regions=["35.75"],
               level="national", kinds=["Kemendagri", "Pemda"], mode="virtual"),
        report("k2", title="Kebumen ikuti rakor analisa evaluasi", regions=["33.05"],
               level="national", kinds=["Kemendagri", "KPU"], mode="virtual"),
    ])
    assert got["k1"] == got["k2"]


def test_different_convening_governments_stay_apart():
    got = clusters([
        report("p1", title="Rakor Pilkada Serentak 2020", regions=["62", "62.01"],
               convening="62", level="province"),
        report("p2", title="Rakor Pilkada Serentak 2020", regions=["61", "61.71"],
               convening="61", level="province"),
    ])
    assert got["p1"] != got["p2"]


def test_undated_and_other_day_reports_stay_alone():
    got = clusters([
        report("d1", regions=["35.07"]),
        report("d2", date=None, regions=["35.07"]),
        report("d3", date=D + dt.timedelta(days=1), regions=["35.07"]),
    ])
    assert len(set(got.values())) == 3


def test_result_does_not_depend_on_row_order():
    rows = [report(f"r{i}", regions=["35.07"] if i % 2 else ["35.14"], convening=None)
            for i in range(6)]
    first = cluster_reports(pd.DataFrame(rows))
    second = cluster_reports(pd.DataFrame(list(reversed(rows))))
    pd.testing.assert_frame_equal(first, second)
    assert first["match_reason"].str.contains("same date").all()


def test_empty_input():
    assert list(cluster_reports(pd.DataFrame()).columns) == OUTPUT_COLUMNS
