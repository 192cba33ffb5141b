"""Clustering meeting reports into real-world meetings."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd

from pilkada.load.dedup import OUTPUT_COLUMNS, cluster_reports

D = dt.date(2024, 11, 21)


def report(
    article_id: str,
    date=D,
    title="Polres Malang Gelar Rakor Pilkada",
    regions=(),
    level=None,
    convening=None,
    kinds=(),
    topics=(),
    mode="in_person",
    meeting_type="rakor",
    venue=None,
) -> dict:
    return {
        "article_id": article_id,
        "meeting_date": date,
        "title": title,
        "venue": venue,
        "meeting_type": meeting_type,
        "mode": mode,
        "convening_level": level,
        "convening_region_code": convening,
        "election_year": 2024,
        "region_codes": list(regions),
        "institution_kinds": list(kinds),
        "topics": list(topics),
    }


def clusters(rows: list[dict]) -> dict[str, str]:
    out = cluster_reports(pd.DataFrame(rows))
    assert list(out.columns) == OUTPUT_COLUMNS
    assert out["match_score"].between(0, 1).all()
    return dict(zip(out.article_id, out.meeting_id, strict=True))


def test_same_day_shared_regency_is_one_meeting():
    got = clusters(
        [
            report("a1", title="Polres Malang gelar rakor lintas sektoral", regions=["35.07"]),
            report("b2", title="Kodim 0818 dan Polres Malang kawal logistik", regions=["35.07"]),
            report(
                "c3", title="Rakor pengamanan di Kota Batu", regions=["35.79"], convening="35.79"
            ),
        ]
    )
    assert got["a1"] == got["b2"] != got["c3"]


def test_meeting_id_is_the_hash_of_the_smallest_article_id():
    got = clusters([report("bb", regions=["35.07"]), report("aa", regions=["35.07"])])
    expected = "m_" + hashlib.sha256(b"aa").hexdigest()[:12]
    assert got == {"aa": expected, "bb": expected}


def test_national_meetings_of_one_day_match_across_attending_regions():
    got = clusters(
        [
            report(
                "k1",
                title="Pemkot Pasuruan ikuti anev kampanye via vidcon",
                regions=["35.75"],
                level="national",
                kinds=["Kemendagri", "Pemda"],
                mode="virtual",
            ),
            report(
                "k2",
                title="Kebumen ikuti rakor analisa evaluasi",
                regions=["33.05"],
                level="national",
                kinds=["Kemendagri", "KPU"],
                mode="virtual",
            ),
        ]
    )
    assert got["k1"] == got["k2"]


def test_one_rakornas_reported_from_each_attending_region_is_one_meeting():
    # a Bawaslu rakornas told by regional outlets, each from its own region: no shared region,
    # no national convening level, different titles; one meeting by its day, kind and convener
    rows = [
        report("n1", title="Pj Bupati Konawe hadiri rakornas netralitas ASN", regions=["74.02"],
               meeting_type="rakornas", kinds=["Bawaslu", "Pemda"], mode=None),
        report("n2", title="ASN Makassar siap netral", regions=["73.71"], level="national",
               meeting_type="rakornas", kinds=["Bawaslu", "Kemendagri", "Pemda"]),
        report("n3", title="Pj Gubernur NTT tegaskan netralitas", regions=["53"],
               meeting_type="rakor", kinds=["Bawaslu", "Pemda"],
               venue="Ecovention Ancol Jakarta Utara"),
        report("n4", title="Kunci pilkada berkualitas", regions=["64"], meeting_type="rakornas",
               kinds=["Bawaslu", "Pemda"], venue="gedung Ecovention Ancol, Jakarta"),
    ]  # fmt: skip
    out = cluster_reports(pd.DataFrame(rows)).set_index("article_id")
    assert out["meeting_id"].nunique() == 1
    assert "both national meetings with Bawaslu" in out.loc["n2", "match_reason"]
    assert "same venue ancol ecovention jakarta" in out.loc["n3", "match_reason"]


def test_national_and_venue_evidence_do_not_over_merge():
    got = clusters(
        [
            # a rakornas and a regency's own rakor of the same day share kinds, not the meeting
            report("o1", meeting_type="rakornas", regions=["31"], kinds=["Bawaslu", "Pemda"]),
            report("o2", title="Rakor Pilkada Kabupaten Malang", regions=["35.07"],
                   convening="35.07", level="regency", kinds=["Bawaslu", "Pemda"]),
            # two national meetings of one day with no convener in common
            report("o3", title="Rakornas KPU logistik", meeting_type="rakornas", regions=["31"],
                   kinds=["KPU"]),
            report("o4", title="Rakornas Polri pengamanan", meeting_type="rakornas",
                   regions=["31.74"], kinds=["Polri", "TNI"]),
            # one distinctive venue word is not the same venue
            report("o5", title="Rakor Batu", venue="Hotel Santika Batu", regions=["35.79"]),
            report("o6", title="Rakor Kediri", venue="Hotel Santika Kediri", regions=["35.71"]),
        ]
    )  # fmt: skip
    assert got["o1"] != got["o2"]
    assert got["o3"] != got["o4"]
    assert got["o5"] != got["o6"]
    got = clusters(
        [
            # two rakornas of one day with Bawaslu in both, in two different venues
            report("o7", title="Rakornas pengawasan", meeting_type="rakornas", regions=["31.74"],
                   kinds=["Bawaslu", "KPU"], venue="Hotel Bidakara Pancoran"),
            report("o8", title="Rakornas netralitas", meeting_type="rakornas", regions=["31.72"],
                   kinds=["Bawaslu", "Pemda"], venue="Ecovention Ancol"),
        ]
    )  # fmt: skip
    assert got["o7"] != got["o8"]


def test_different_convening_governments_stay_apart():
    got = clusters(
        [
            report(
                "p1",
                title="Rakor Pilkada Serentak 2020",
                regions=["62", "62.01"],
                convening="62",
                level="province",
            ),
            report(
                "p2",
                title="Rakor Pilkada Serentak 2020",
                regions=["61", "61.71"],
                convening="61",
                level="province",
            ),
        ]
    )
    assert got["p1"] != got["p2"]


def test_undated_and_other_day_reports_stay_alone():
    got = clusters(
        [
            report("d1", regions=["35.07"]),
            report("d2", date=None, regions=["35.07"]),
            report("d3", date=D + dt.timedelta(days=1), regions=["35.07"]),
        ]
    )
    assert len(set(got.values())) == 3


def test_result_does_not_depend_on_row_order():
    rows = [
        report(f"r{i}", regions=["35.07"] if i % 2 else ["35.14"], convening=None) for i in range(6)
    ]
    first = cluster_reports(pd.DataFrame(rows))
    second = cluster_reports(pd.DataFrame(list(reversed(rows))))
    pd.testing.assert_frame_equal(first, second)
    assert first["match_reason"].str.contains("same date").all()


def test_empty_input():
    assert list(cluster_reports(pd.DataFrame()).columns) == OUTPUT_COLUMNS


def test_incremental_clustering_equals_clustering_everything_at_once():
    import datetime as _dt

    import pandas as _pd

    day = _dt.date(2024, 8, 2)
    other = _dt.date(2024, 8, 3)

    def rep(aid, title, regions, date=day, conv=None, level=None):
        return {
            "article_id": aid, "meeting_date": date, "title": title, "venue": None,
            "meeting_type": "rakor", "mode": "in_person", "convening_level": level,
            "convening_region_code": conv, "election_year": 2024, "region_codes": regions,
            "institution_kinds": ["Polri"], "topics": ["security"],
        }  # fmt: skip

    first = [
        rep("a1", "Rakor pengamanan Pilkada Kabupaten Pasuruan", ["35.14"], conv="35.14"),
        rep("a4", "Kota Kediri gelar coffee morning Pilkada", ["35.71"], conv="35.71"),
        rep("a7", "Rakor kesiapan logistik Kota Kediri", ["35.71"]),
        rep("a9", "Rakor Pilkada Sleman", ["34.04"], date=other),
    ]
    second = [
        rep("a2", "Pemkab Pasuruan rakor lintas sektoral Pilkada", ["35.14"], conv="35.14"),
        rep("a3", "Rapat koordinasi Pilkada di Kabupaten Malang", ["35.07"]),
        rep("a5", "Forkopimda Kota Kediri ngopi bareng bahas Pilkada", ["35.71"]),
    ]
    everything = cluster_reports(_pd.DataFrame(first + second))
    earlier = cluster_reports(_pd.DataFrame(first)).set_index("article_id")
    rows = []
    for r in first:
        prior = earlier.loc[r["article_id"]]
        rows.append(
            {**r, "prior_meeting_id": prior.meeting_id, "prior_best_score": prior.best_score,
             "prior_best_reason": prior.best_reason}
        )  # fmt: skip
    incremental = cluster_reports(_pd.DataFrame(rows + second))
    cols = ["article_id", "meeting_id", "match_score", "match_reason", "best_score", "best_reason"]
    _pd.testing.assert_frame_equal(incremental[cols], everything[cols])
    assert (
        everything.set_index("article_id").meeting_id["a1"]
        == everything.set_index("article_id").meeting_id["a2"]
    )
