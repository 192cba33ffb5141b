"""The meeting's day as the extractor chooses it from a whole article."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from pilkada.extract import Extractor
from pilkada.extract.extractor import WEEKDAY_CLASH

REGIONS_CSV = """code,name,level,province_code,alt_names
31,DKI Jakarta,province,31,
35,Jawa Timur,province,35,
35.07,Kabupaten Malang,regency,35,
"""


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor.from_regions(pd.read_csv(io.StringIO(REGIONS_CSV), dtype=str))


def test_the_written_year_is_kept_and_the_weekday_clash_recorded(ex):
    text = (
        "Polres Malang Gelar Rakor Pilkada 2017\n\n"
        "Polres Malang menggelar rapat koordinasi pengamanan Pilkada 2017 di aula Mapolres, "
        "Selasa (28/1/2017). Kapolres memimpin rapat tersebut."
    )
    m = ex.extract(text).meeting
    assert m.meeting_date == dt.date(2017, 1, 28)  # a Saturday: not re-inferred to 2014
    assert m.date_evidence == "Selasa (28/1/2017)" + WEEKDAY_CLASH


def test_a_weekday_true_date_has_no_clash_note(ex):
    text = (
        "Polres Malang Gelar Rakor Pilkada 2017\n\n"
        "Polres Malang menggelar rapat koordinasi pengamanan Pilkada 2017 di aula Mapolres, "
        "Selasa (31/1/2017). Kapolres memimpin rapat tersebut."
    )
    m = ex.extract(text).meeting
    assert (m.meeting_date, m.date_evidence) == (dt.date(2017, 1, 31), "Selasa (31/1/2017)")


@pytest.mark.parametrize("anaphor", ["Acara ini berlangsung", "Kegiatan tersebut digelar"])
def test_a_sentence_pointing_back_to_the_meeting_dates_it(ex, anaphor):
    text = (
        "Jakarta - Bupati Malang menghadiri Rapat Koordinasi Nasional netralitas ASN pada "
        "Pilkada Serentak 2024. "
        f"{anaphor} di Jakarta, pada 17 September 2024, menjelang Pilkada yang dijadwalkan "
        "pada 27 November 2024."
    )
    res = ex.extract(text)
    assert res.is_meeting and res.meeting.meeting_date == dt.date(2024, 9, 17)


def test_without_a_pointer_back_a_bare_day_month_in_another_sentence_is_not_taken(ex):
    text = (
        "Jakarta - Bupati Malang menghadiri Rapat Koordinasi Nasional netralitas ASN pada "
        "Pilkada Serentak 2024. "
        "Ia berangkat ke Jakarta, pada 17 September 2024, bersama Sekda."
    )
    res = ex.extract(text)
    assert res.is_meeting and res.meeting.meeting_date is None
