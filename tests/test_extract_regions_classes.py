"""Region classes of issue #15: the dateline town beside a venue elsewhere, attending lists that
continue a sentence, regency short forms, biography and reported regions, an address read from
its widest part."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pilkada.extract import Extractor

REGIONS_CSV = """code,name,level,province_code,alt_names
14,Riau,province,14,
17,Bengkulu,province,17,
31,DKI Jakarta,province,31,
31.72,Kota Administrasi Jakarta Utara,city,31,
31.74,Kota Administrasi Jakarta Selatan,city,31,
32,Jawa Barat,province,32,
32.08,Kabupaten Kuningan,regency,32,
35,Jawa Timur,province,35,
35.07,Kabupaten Malang,regency,35,
35.10,Kabupaten Banyuwangi,regency,35,
35.78,Kota Surabaya,city,35,
35.79,Kota Batu,city,35,
53,Nusa Tenggara Timur,province,53,
53.02,Kabupaten Timor Tengah Selatan,regency,53,
71,Sulawesi Utara,province,71,
71.74,Kota Kotamobagu,city,71,
74,Sulawesi Tenggara,province,74,
74.05,Kabupaten Konawe Selatan,regency,74,
74.71,Kota Kendari,city,74,
76,Sulawesi Barat,province,76,
76.03,Kabupaten Mamasa,regency,76,
76.04,Kabupaten Polewali Mandar,regency,76,
82,Maluku Utara,province,82,
"""


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor.from_regions(pd.read_csv(io.StringIO(REGIONS_CSV), dtype=str))


def regions_of(ex: Extractor, body: str, title: str = "Rakor Kesiapan Pilkada 2024") -> set[str]:
    res = ex.extract(f"{title}\n\n{body}")
    assert res.is_meeting, body
    return {r.region_code for r in res.regions}


def test_the_dateline_town_is_not_the_venue_of_a_meeting_held_elsewhere(ex):
    body = ("KENDARI - Pj Gubernur Sulawesi Tenggara menghadiri Rapat Koordinasi Nasional "
            "Pilkada 2024 di Ecovention Ancol, Jakarta, Selasa (17/9/2024).")
    assert regions_of(ex, body) == {"31.72", "74"}


def test_the_dateline_town_stays_for_its_own_office_that_names_no_region(ex):
    body = ("KOTAMOBAGU - Pjs Walikota Muhammad Mokoginta menghadiri Rapat Koordinasi Nasional "
            "Pilkada 2024 di Ecovention Ancol, Jakarta, Selasa (17/9/2024).")
    assert regions_of(ex, body) == {"31.72", "71.74"}


def test_a_dateline_still_places_a_venue_phrase_without_a_region(ex):
    body = ("KENDARI - KPU Sulawesi Tenggara menggelar rapat koordinasi Pilkada 2024 di Hotel "
            "Claro, Selasa (17/9/2024).")
    assert regions_of(ex, body) == {"74", "74.71"}


@pytest.mark.parametrize("opening", ["Diantaranya,", "Di antaranya", "Antara lain", "Yakni"])
def test_an_attendance_list_continued_in_the_next_sentence(ex, opening):
    body = ("Mendagri menggelar rapat koordinasi Pilkada 2024 di Ecovention Ancol, Jakarta, "
            "Selasa (17/9/2024). Rapat dihadiri 19 kepala daerah dari seluruh Indonesia. "
            f"{opening} Gubernur Bengkulu, Gubernur Riau dan Wagub Maluku Utara.")
    assert regions_of(ex, body) == {"31.72", "14", "17", "82"}


def test_without_a_continuation_word_the_next_sentence_is_no_list(ex):
    body = ("Mendagri menggelar rapat koordinasi Pilkada 2024 di Ecovention Ancol, Jakarta, "
            "Selasa (17/9/2024). Rapat dihadiri 19 kepala daerah dari seluruh Indonesia. "
            "Gubernur Bengkulu pekan lalu meresmikan jembatan.")
    assert regions_of(ex, body) == {"31.72"}


def test_regency_short_forms_name_their_regency(ex):
    body = ("Gubernur Sulbar menghadiri rapat koordinasi Pilkada 2024 di Jakarta, Selasa "
            "(17/9/2024), didampingi Bupati Polman dan Bupati Mamasa.")
    assert {"76", "76.03", "76.04"} <= regions_of(ex, body)
    body = ("Bupati TTS dan Bupati Konsel mengikuti rapat koordinasi Pilkada 2024 di Jakarta, "
            "Selasa (17/9/2024).")
    assert {"53.02", "74.05"} <= regions_of(ex, body)


def test_an_office_held_before_is_not_a_meeting_region(ex):
    body = ('KPU RI menggelar rapat koordinasi Pilkada 2024 di Jakarta, Selasa (17/9/2024). '
            '"KPU mengundang Kemendagri," ujar Husni yang pernah menjadi anggota KPU Riau itu.')
    assert "14" not in regions_of(ex, body)


def test_a_region_someone_speaks_of_is_not_a_meeting_region(ex):
    body = ("Pemprov Jawa Timur menggelar rapat koordinasi Pilkada 2024 di Kota Surabaya, "
            "Senin (19/10/2020). Dalam rapat tersebut, Wakil Gubernur Jawa Timur menyebut ada "
            "sejumlah daerah yang rawan, salah satunya Kabupaten Banyuwangi.")
    assert regions_of(ex, body) == {"35", "35.78"}


def test_an_address_part_named_like_a_regency_of_another_province_is_not_that_regency(ex):
    body = ("Kemendagri menggelar rapat koordinasi Pilkada 2024 di Hotel Ritz-Carlton Mega "
            "Kuningan, Jakarta Selatan, Senin (12/8/2024).")
    assert regions_of(ex, body) == {"31.74"}
    # in one province both parts stay: Kota Batu was Malang's until 2001, and both are named
    body = ("Pemprov Jawa Timur menggelar rapat koordinasi Pilkada 2024 di Hotel Purnama, "
            "Kota Batu, Malang, Senin (12/8/2024).")
    assert {"35.79"} <= regions_of(ex, body)


SURABAYA_MEETING = ("Pemkot Surabaya menggelar rapat koordinasi Pilkada 2024 di Hotel Majapahit, "
                    "Senin (12/8/2024). ")


@pytest.mark.parametrize(
    "sentence",
    [
        "Dalam rapat itu, Wali Kota meminta camat mewaspadai kerawanan seperti yang terjadi di "
        "Kabupaten Banyuwangi pada 2018.",
        "Rapat membahas pengamanan, karena kampanye akbar paslon akan digelar di Kabupaten "
        "Banyuwangi.",
        "Ketua KPU Surabaya yang bertugas di Kabupaten Banyuwangi hingga 2019 hadir.",
        "Kapolrestabes yang sebelumnya menjabat Kapolres Banyuwangi itu meminta personel netral.",
    ],
)
def test_a_place_where_something_else_happens_is_not_a_meeting_region(ex, sentence):
    assert regions_of(ex, SURABAYA_MEETING + sentence) == {"35.78"}


def test_a_region_that_sends_people_still_attends(ex):
    body = SURABAYA_MEETING + "Rapat juga diikuti secara virtual oleh KPU Kabupaten Banyuwangi."
    assert regions_of(ex, body) == {"35.78", "35.10"}
    # where participants come from: attending, not a second venue
    res = ex.extract("Rakor Kesiapan Pilkada 2024\n\n" + SURABAYA_MEETING
                     + "Peserta rakor berasal dari Kabupaten Banyuwangi dan Kabupaten Malang.")
    roles = {(r.region_code, r.role) for r in res.regions}
    assert {("35.10", "attending"), ("35.07", "attending")} <= roles
    assert not {c for c, role in roles if role == "venue"} - {"35.78"}
