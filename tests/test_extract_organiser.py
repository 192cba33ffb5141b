"""Who convened the meeting, read from the attendee's side too."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pilkada.extract import Extractor

REGIONS_CSV = """code,name,level,province_code,alt_names
61,Kalimantan Barat,province,61,
61.04,Kabupaten Mempawah,regency,61,
"""


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor.from_regions(pd.read_csv(io.StringIO(REGIONS_CSV), dtype=str))


def meeting(ex: Extractor, sentence: str):
    res = ex.extract(f"Rakor Pilkada Serentak 2024\n\nMEMPAWAH - {sentence}")
    assert res.is_meeting
    return res.meeting


def test_a_rakor_held_with_the_minister_is_a_national_meeting(ex):
    m = meeting(
        ex,
        "Pj Bupati Mempawah mengikuti Rapat Koordinasi bersama Menteri Dalam Negeri terkait "
        "dukungan Pilkada Serentak 2024, Kamis (20/6/2024) di Kantor Bupati Mempawah.",
    )
    assert (m.convening_level, m.convening_region_code) == ("national", None)


@pytest.mark.parametrize(
    "sentence",
    [
        # with a regional institution: not national
        "Pj Bupati Mempawah mengikuti Rapat Koordinasi bersama Bawaslu Kabupaten Mempawah "
        "terkait Pilkada Serentak 2024, Kamis (20/6/2024).",
        # "bersama" a national institution, but of an earlier meeting
        "Rapat ini tindak lanjut dari Rakor bersama Menteri Dalam Negeri sebelumnya. Pj Bupati "
        "Mempawah mengikuti rapat Pilkada Serentak 2024, Kamis (20/6/2024).",
    ],
)
def test_other_meetings_held_with_someone_are_not_national(ex, sentence):
    assert meeting(ex, sentence).convening_level != "national"
