"""Positions, ranks, names, unit numbers, institution kinds and roles."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pilkada.extract import Extractor

REGIONS_CSV = """code,name,level,province_code,alt_names
35,Jawa Timur,province,35,
35.07,Kabupaten Malang,regency,35,
35.14,Kabupaten Pasuruan,regency,35,
35.75,Kota Pasuruan,city,35,
"""


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor.from_regions(pd.read_csv(io.StringIO(REGIONS_CSV), dtype=str))


def participants(ex: Extractor, body: str):
    res = ex.extract("Rakor Pengamanan Pilkada 2024\n\n" + body)
    assert res.is_meeting
    return res.participants


@pytest.mark.parametrize("phrase,kind", [
    ("Kapolres Malang", "Polri"), ("Wakapolres Pasuruan", "Polri"), ("Dandim 0818", "TNI"),
    ("Kajari Pasuruan", "Kejaksaan"), ("Kabinda Jawa Timur", "BIN"), ("Sekda Pasuruan", "Pemda"),
    ("Kaban Kesbangpol", "Pemda"), ("Ketua KPU Kabupaten Malang", "KPU"), ("Panwascam", "Bawaslu"),
    ("Menkopolhukam", "Kemenko Polhukam"), ("Mendagri", "Kemendagri"), ("Jaksa Agung", "Kejaksaan"),
    ("Satpol PP", "Pemda"), ("Babinsa", "TNI"), ("Bhabinkamtibmas", "Polri"), ("PPK", "KPU"),
    ("tokoh agama", "Tokoh Masyarakat"), ("perwakilan partai politik", "Parpol"),
    ("Ketua DPRD", "DPRD"), ("Pj Bupati Pasuruan", "Pemda"),
])
def test_position_kinds(ex, phrase, kind):
    body = f"Rakor Pilkada 2024 dihadiri {phrase}, Senin (5/8/2024)."
    assert kind in {p.institution_kind for p in participants(ex, body)}


def test_rank_name_unit_and_region(ex):
    body = ("Hadir dalam rapat koordinasi Pilkada 2024 tersebut Dandim 0819 Pasuruan Letkol Arh. "
            "Nor Iskak dan Wakapolres Pasuruan Kompol Hari Aziz, Jumat (2/8/2024).")
    parts = {p.position: p for p in participants(ex, body)}
    assert parts["Dandim"].institution == "Kodim 0819" and parts["Dandim"].rank == "Letkol Arh"
    assert parts["Dandim"].person_name == "Nor Iskak"
    assert parts["Wakapolres"].region_code == "35.14"  # Polres names the regency
    assert parts["Wakapolres"].person_name == "Hari Aziz"


def test_a_rank_with_tni_is_not_the_tni(ex):
    body = ("Rakor Pilkada 2024 dihadiri Menkopolhukam, Marsekal TNI (Purn) Hadi Tjahjanto, "
            "Rabu (26/6/2024).")
    kinds = {p.institution_kind for p in participants(ex, body)}
    assert kinds == {"Kemenko Polhukam"}


def test_chair_speaker_and_addressees(ex):
    body = ("Rakor Pilkada 2024 dipimpin oleh Bupati Pasuruan, Jumat (2/8/2024).\n"
            "Bupati meminta Bawaslu dan Kejaksaan menindak tegas pelanggaran.\n"
            "Kapolres Malang mengatakan situasi kondusif.\n"
            "Mantan pejabat di Badan Intelijen Negara (BIN) itu juga berharap pilkada damai.")
    parts = participants(ex, body)
    roles = {(p.institution_kind, p.role) for p in parts}
    assert ("Pemda", "chair") in roles and ("Polri", "speaker") in roles
    kinds = {p.institution_kind for p in parts}
    assert "Bawaslu" not in kinds and "Kejaksaan" not in kinds and "BIN" not in kinds


def test_bare_collectives_add_no_kind(ex):
    body = "Rakor Pilkada 2024 dihadiri unsur Forkopimda dan stakeholder, Senin (5/8/2024)."
    assert participants(ex, body) == []


def test_offices_being_elected_are_not_participants(ex):
    body = ("Rakor Pilkada 2024 dihadiri Ketua KPU, Senin (5/8/2024), membahas pemilihan "
            "Gubernur, Bupati, dan Wali Kota.")
    assert {p.institution_kind for p in participants(ex, body)} == {"KPU"}
