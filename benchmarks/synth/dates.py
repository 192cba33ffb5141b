"""Dates as Indonesian news writes them, the Pilkada waves and the windows of meetings."""

from __future__ import annotations

import datetime as dt
import random

from benchmarks.synth.draws import pick
from pilkada import vocabularies

HARI = vocabularies.weekday_names()  # date.weekday() order
BULAN = ("", *vocabularies.month_names())  # BULAN[month]

# Election day of each Pilkada serentak (calendar.yaml), and the window in which meetings
# preparing it are held: from the generator's start day to the day before the vote.
ELECTION_DAY = vocabularies.election_days()
WINDOW_START = {
    2015: dt.date(2015, 3, 2),
    2017: dt.date(2016, 6, 1),
    2018: dt.date(2017, 8, 1),
    2020: dt.date(2019, 9, 2),
    2024: dt.date(2023, 6, 1),
}
WINDOW = {
    year: (start, ELECTION_DAY[year] - dt.timedelta(days=1)) for year, start in WINDOW_START.items()
}
CYCLES = tuple(WINDOW)  # the waves the corpus writes about, weighted:
CYCLE_WEIGHTS = (0.12, 0.12, 0.16, 0.30, 0.30)
COVID_START = dt.date(2020, 3, 15)
ALL_YEARS = (dt.date(2015, 1, 1), dt.date(2024, 12, 31))


def d_short(d: dt.date) -> str:
    return f"{HARI[d.weekday()]} ({d.day}/{d.month})"


def d_long(d: dt.date) -> str:
    return f"{d.day} {BULAN[d.month]} {d.year}"


def date_phrase(rng: random.Random, d: dt.date, yearless_ok: bool) -> str:
    """The meeting day as Indonesian news writes it (the weekday is always right)."""
    hari = HARI[d.weekday()]
    forms = [
        f"{hari} ({d.day:02d}/{d.month:02d}/{d.year})",
        f"{hari} ({d.day}/{d.month}/{d.year})",
        f"{hari}, {d_long(d)}",
        f"pada {d_long(d)}",
        f"({d.day}/{d.month}/{d.year})",
    ]
    if yearless_ok:
        forms += [f"{hari} ({d.day}/{d.month})"] * 4
    return pick(rng, forms)


def pub_header(rng: random.Random, d: dt.date) -> str:
    hh, mm = rng.randrange(6, 23), rng.randrange(60)
    return pick(
        rng,
        (
            f"{HARI[d.weekday()]}, {d_long(d)} - {hh:02d}:{mm:02d} WIB",
            f"{HARI[d.weekday()]}, {d_long(d)} | {hh:02d}:{mm:02d} WIB",
            f"{d.day:02d}/{d.month:02d}/{d.year} {hh:02d}:{mm:02d}",
            f"Diterbitkan {HARI[d.weekday()]}, {d_long(d)}",
        ),
    )


def day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    d = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
    return d if d.weekday() != 6 else d - dt.timedelta(days=1)
