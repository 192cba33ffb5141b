"""Date forms of Indonesian news, and the year a weekday implies."""

from __future__ import annotations

import datetime as dt

import pytest

from pilkada.extract.dates import DateFinder, resolve, weekday_clash
from pilkada.extract.phrases import Tokens


@pytest.fixture(scope="module")
def finder() -> DateFinder:
    return DateFinder()


def found(finder: DateFinder, text: str):
    return finder.find(text, Tokens.of(text))


@pytest.mark.parametrize("text,day,month,year,weekday,form", [
    ("Kemendagri menggelar rakor, Jumat (2/10).", 2, 10, None, 4, "weekday_numeric"),
    ("di Mapolda, Rabu(08/07/2020).", 8, 7, 2020, 2, "weekday_numeric"),
    ("Kantor Bupati, Jumat, (18 /9).", 18, 9, None, 4, "weekday_numeric"),
    ("Jakarta Selatan, Senin, 4 Mei 2015.", 4, 5, 2015, 0, "weekday_month"),
    ("berlangsung Kamis 20 Juni 2024.", 20, 6, 2024, 3, "weekday_month"),
    ("di Gedung Balai Kartini (04/05) yang", 4, 5, None, None, "numeric"),
    ("ruang kerjanya, Jumat (19/6/20) siang", 19, 6, 2020, 4, "weekday_numeric"),
    ("pada Rabu (8/7. Rapat", 8, 7, None, 2, "weekday_numeric"),
    ("dilaksanakan pada 9 Desember 2020.", 9, 12, 2020, None, "day_month"),
])
def test_forms(finder, text, day, month, year, weekday, form):
    (d,) = found(finder, text)
    assert (d.day, d.month, d.year, d.weekday, d.form) == (day, month, year, weekday, form)
    assert text[d.start:d.end].strip()


def test_missing_year_comes_from_the_weekday(finder):
    (d,) = found(finder, "Rakor di gedung Ditjen Polpum, Rabu (24/5).")
    # Pilkada 2018 is named: 24/5/2018 is a Thursday, 24/5/2017 a Wednesday.
    assert resolve(d, [2018, 2017, 2016], None) == dt.date(2017, 5, 24)


def test_a_weekday_no_candidate_year_fits_is_not_trusted(finder):
    (d,) = found(finder, "Rakor, Senin (3/10).")
    assert resolve(d, [2020, 2019], None) is None  # 3/10 was a Saturday and a Thursday


def test_a_written_four_digit_year_beats_a_disagreeing_weekday(finder):
    # issue #13: 28/1/2017 is a Saturday; the weekday must not move the date to 2014
    (d,) = found(finder, "Rakor digelar di Pendopo, Selasa (28/1/2017).")
    assert d.full_year
    day = resolve(d, [2017, 2016, 2014], None)
    assert day == dt.date(2017, 1, 28)
    assert weekday_clash(d, day)
    (ok,) = found(finder, "Rakor digelar di Pendopo, Selasa (31/1/2017).")
    assert not weekday_clash(ok, resolve(ok, [2017], None))


def test_a_written_year_after_the_page_date_is_a_typo(finder):
    # the page says 4 May 2015: a report cannot tell of a meeting a year later
    (d,) = found(finder, "ujar Tjahjo di Balai Kartini, Senin (4/5/2016).")
    assert resolve(d, [2015, 2014], None, dt.date(2015, 5, 4)) == dt.date(2015, 5, 4)
    assert resolve(d, [2015, 2014], None) == dt.date(2016, 5, 4)


def test_a_two_digit_year_is_still_checked_against_the_weekday(finder):
    (d,) = found(finder, "ruang kerjanya, Senin (19/6/20) siang")  # 19/6/2020 was a Friday
    assert not d.full_year
    assert resolve(d, [2020, 2019], None) is None


def test_publication_bounds_the_year_and_fixes_a_bare_weekday(finder):
    (d,) = found(finder, "rakor digelar Rabu (30/12).")
    assert resolve(d, [2021, 2020], dt.date(2021, 1, 2)) == dt.date(2020, 12, 30)
    (w,) = found(finder, "kata Sekda di Buntok, Senin.")
    assert w.form == "weekday_only"
    assert resolve(w, [], dt.date(2020, 6, 10)) == dt.date(2020, 6, 8)
    assert resolve(w, [], None) is None


@pytest.mark.parametrize("text,expected", [
    ("Judul\nKamis, 27 Februari 2020 - 16:56 WIB\nIsi", dt.date(2020, 2, 27)),
    ("Judul\n\n05 Juni 2020 21:45, Dibaca 16 kali.", dt.date(2020, 6, 5)),
    ("Judul\nWednesday, 26 June 2024\n\nisi", dt.date(2024, 6, 26)),
    ("Judul\n27-09-2016 20:11\n", dt.date(2016, 9, 27)),
    ("Judul\nThursday, April 25, 2024\n32.7 C", dt.date(2024, 4, 25)),
    ("Rakor digelar pada 9 Desember 2020 untuk membahas kesiapan pilkada di daerah.", None),
])
def test_page_date(finder, text, expected):
    assert finder.page_date(text, Tokens.of(text)) == expected


def test_election_years(finder):
    text = "Pilkada Serentak Tahun 2020 dan pilkada 2020 serta Pemilu 2019."
    toks = Tokens.of(text)
    pilkada_ends = [i + 1 for i, w in enumerate(toks.lower) if w == "pilkada"]
    assert finder.election_years(toks, pilkada_ends) == [2020]
    assert finder.years(toks)[0] == 2020


@pytest.mark.parametrize(
    ("named", "meeting", "wave"),
    [
        ([2020], None, 2020),  # a wave year the text names
        ([2016], None, 2017),  # no wave in 2016: the next one
        ([2023], dt.date(2023, 10, 3), 2024),
        ([], dt.date(2019, 12, 18), 2020),  # nothing named: the next wave after the meeting
        ([], dt.date(2020, 12, 10), 2024),  # a day after the 2020 vote
        ([], None, None),
    ],
)
def test_election_wave(named, meeting, wave):
    assert DateFinder().election_wave(named, meeting) == wave


def test_dashed_dates_are_what_a_full_scan_finds(finder):
    """page_date tries its dashed pattern only next to a dash: the same matches as finditer."""
    import random

    rng = random.Random(19)
    alphabet = "0123456789--  :.a\n"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        end = rng.randint(0, len(text))
        assert [m.span() for m in finder._dashed(text, end)] == [
            m.span() for m in finder.dashed.finditer(text, 0, end)
        ], (text, end)
    text = "12-10-2020 10:00 WIB\n1-2-2024 09.30"
    assert [m.group(1) for m in finder._dashed(text, len(text))] == ["12", "1"]
