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


def test_candidates_and_documents_are_not_participants(ex):
    body = ("Rakor Pilkada 2024 dihadiri Kapolres Malang dan perwakilan pasangan calon "
            "Bupati dan Wakil Bupati Malang, Senin (5/8/2024).\nKapolres Malang mengatakan, "
            "Peraturan Komisi Pemilihan Umum Nomor 13 Tahun 2020 harus dipatuhi.")
    assert {p.institution_kind for p in participants(ex, body)} == {"Polri", "Parpol"}


# Person names (issue #15): a person's name or None. Literal inputs written for these tests.
@pytest.mark.parametrize("body,position,name", [
    # a headline's verbs are capitalised: only the body confirms a name
    ("Kades Diminta Jaga Netralitas\n\nRakor Pilkada 2024 dihadiri para Kades, Senin (5/8/2024).",
     "Kades", None),
    # a command number, not a name; a unit code after a slash, not a name
    ("Rakor Pilkada 2024 dihadiri Kasdam IV Diponegoro, Senin (5/8/2024).", "Kasdam", None),
    ("Rakor Pilkada 2024 dihadiri Pangdam I/BB, Senin (5/8/2024).", "Pangdam", None),
    ("Rakor Pilkada 2024 dihadiri Dandim 0808/BS, Senin (5/8/2024).", "Dandim", None),
    # a pronoun opening the next clause, a verb
    ("Rakor Pilkada 2024 dihadiri Kabinda Ingatkan, Senin (5/8/2024).", "Kabinda", None),
    # the state before the name is skipped; a pronoun after it ends it
    ("Rakor Pilkada 2024 dihadiri Ketua KPU RI Hasyim Asyari, Senin (5/8/2024).", "Ketua KPU",
     "Hasyim Asyari"),
    ("Rakor Pilkada 2024 dipimpin Mendagri Tito Karnavian Ia juga hadir, Senin (5/8/2024).",
     "Mendagri", "Tito Karnavian"),
    # a common word of the article ends a name, but does not stop one that starts with it
    ("Rakor Pilkada 2024 digelar hari Jumat (2/8/2024), dihadiri Wakapolres Pasuruan, Kompol "
     "Hari Aziz.", "Wakapolres", "Hari Aziz"),
    # Balinese names open with I
    ("Rakor Pilkada 2024 dipimpin Ketua Bawaslu I Made Suardana, Senin (5/8/2024).",
     "Ketua Bawaslu", "I Made Suardana"),
    # the unit's name comes before the rank, the person's after it
    ("Rakor Pilkada 2024 dihadiri Danlanud Silas Papare Marsma TNI Mokh Mukhson, Senin "
     "(5/8/2024).", "Danlanud", "Mokh Mukhson"),
    # a name as written, its dots kept
    ("Rakor Pilkada 2024 dihadiri Pangdam XVII Cenderawasih Mayjen TNI George E. Supit, Senin "
     "(5/8/2024).", "Pangdam", "George E. Supit"),
    # a degree after the name, an initial before the degree, a caption: not the name
    ("Rakor Pilkada 2024 dipimpin Kapolres Malang AKBP Edy Sumardi Priadinata SiK, Senin "
     "(5/8/2024).", "Kapolres", "Edy Sumardi Priadinata"),
    ("Rakor Pilkada 2024 dipimpin Dirjen Polpum Suhajar Diantoro M.Si, Senin (5/8/2024).",
     "Dirjen Polpum", "Suhajar Diantoro"),
    ("Rakor Pilkada 2024 dipimpin Ketua KPU RI Hasyim Asy'ari, Senin (5/8/2024).", "Ketua KPU",
     "Hasyim Asy'ari"),
    # the word after a kecamatan unit's title is the kecamatan; compass words are a region's
    ("Rakor Pilkada 2024 dihadiri Kapolsek Kemuning, Senin (5/8/2024).", "Kapolsek", None),
    ("Rakor Pilkada 2024 dihadiri Kapolsek Silo AKP Budi Santoso, Senin (5/8/2024).",
     "Kapolsek", "Budi Santoso"),
    ("Rakor Pilkada 2024 dihadiri Kapolres Malang Selatan Irfan Alfi, Senin (5/8/2024).",
     "Kapolres", "Irfan Alfi"),
    # an office after the position is not a person
    ("Rakor Pilkada 2024 dihadiri Ketua KPU Koordinator Divisi Perencanaan dan Data Suprihno, "
     "Senin (5/8/2024).", "Ketua KPU", None),
])
def test_person_names(ex, body, position, name):
    res = ex.extract(body if "\n\n" in body else "Rakor Pengamanan Pilkada 2024\n\n" + body)
    found = [p for p in res.participants if p.position == position]
    assert found, res.participants
    assert found[0].person_name == name


def test_one_row_per_person_with_the_strongest_role_and_the_name_in_its_evidence(ex):
    text = ("Rakor Pengamanan Pilkada 2024\n\n"
            "Rakor Pilkada 2024 dihadiri Kaban Kesbangpol Bambang Setyadi, Senin (5/8/2024).\n"
            "Kepala Badan Kesatuan Bangsa dan Politik Bambang Setyadi mengatakan situasi aman.")
    res = ex.extract(text)
    rows = [p for p in res.participants if p.person_name == "Bambang Setyadi"]
    assert len(rows) == 1 and rows[0].role == "speaker"
    evidence = text[rows[0].evidence_start:rows[0].evidence_end]
    assert evidence.startswith(rows[0].position) and evidence.endswith("Bambang Setyadi")


def test_an_abbreviated_first_name_does_not_cut_the_list_of_attendees(ex):
    body = ("Rakor Pilkada 2024 digelar Senin (5/8/2024). Turut hadir, Danlanud Silas Papare "
            "Marsma TNI Mokh. Mukhson, S.E., Wakajati Jawa Timur Roberth M. Tacoy dan Kapolres "
            "Malang.")
    found = {p.institution_kind: p.person_name for p in participants(ex, body)}
    assert found.get("Kejaksaan") == "Roberth M. Tacoy"
    assert "Mokh. Mukhson" in found.values()
