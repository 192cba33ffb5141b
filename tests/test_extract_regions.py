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
