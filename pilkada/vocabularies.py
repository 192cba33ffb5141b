"""The one source of every vocabulary and calendar: `pilkada/lexicons/vocabularies.yaml` (the
data contract's coded values), `calendar.yaml` (months, weekdays, Pilkada waves) and the keys of
`meeting_words.yaml` (meeting types) and `topics.yaml` (topics with words).

The quality-gate suites, extraction, dedup, the report, the benchmark generator and the tests
read them here; nothing else writes these values out (`tests/test_vocabularies.py` checks).
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources
from typing import Any

import yaml

LEXICON_PACKAGE = "pilkada.lexicons"
VOCABULARY_FILE = "vocabularies.yaml"
CALENDAR_FILE = "calendar.yaml"
# Vocabularies whose values are the keys of a lexicon file, not listed in VOCABULARY_FILE.
LEXICON_KEYED = {"meeting_type": ("meeting_words.yaml", "meeting_types")}


@functools.cache
def _read(name: str) -> dict[str, Any]:
    text = resources.files(LEXICON_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def names() -> tuple[str, ...]:
    """The names of the vocabularies `values` knows."""
    data = _read(VOCABULARY_FILE)
    return tuple(k for k in data if k != "institution_groups") + tuple(LEXICON_KEYED)


def values(name: str) -> tuple[str, ...]:
    """The allowed values of one vocabulary (`mode`, `topic`, `institution_kind`, ...), in the
    contract's order. Raises KeyError naming the vocabularies there are."""
    if name in LEXICON_KEYED:
        file, key = LEXICON_KEYED[name]
        return tuple(_read(file)[key])
    data = _read(VOCABULARY_FILE)
    if name not in data or name == "institution_groups":
        raise KeyError(f"no vocabulary {name!r} in {VOCABULARY_FILE}; there are {names()}")
    return tuple(data[name])


def labels(name: str) -> dict[str, str]:
    """value -> English caption of a labelled vocabulary (`mode`, `topic`)."""
    data = _read(VOCABULARY_FILE)[name]
    if not isinstance(data, dict):
        raise KeyError(f"vocabulary {name!r} in {VOCABULARY_FILE} has no labels")
    return dict(data)


def institution_group(group: str) -> frozenset[str]:
    """Institution kinds of a named group (`national_only`, `national_ministry`, ...)."""
    kinds = _read(VOCABULARY_FILE)["institution_groups"][group]
    unknown = set(kinds) - set(values("institution_kind"))
    if unknown:
        raise ValueError(f"{VOCABULARY_FILE}: group {group} has unknown kinds {sorted(unknown)}")
    return frozenset(kinds)


# --- the calendar ----------------------------------------------------------------------------


def calendar() -> dict[str, Any]:
    """calendar.yaml as read (weekdays, months, relative days, waves)."""
    return _read(CALENDAR_FILE)


def weekday_names() -> tuple[str, ...]:
    """Indonesian weekday names, Monday first (`date.weekday()` order; `isodow` - 1)."""
    days = calendar()["weekdays"]
    return tuple(days[i][0] for i in range(7))


def month_names() -> tuple[str, ...]:
    """Indonesian month names, January first (index `month - 1`)."""
    months = calendar()["months"]
    return tuple(months[i][0] for i in range(1, 13))


def month_words() -> dict[str, int]:
    """Every written form of a month (names, abbreviations, misspellings), lower-case -> 1..12."""
    return {
        word.lower(): int(n) for n, words in calendar()["months"].items() for word in words
    }


def rfc822_months() -> tuple[str, ...]:
    """English month abbreviations as RFC 822 dates write them, January first."""
    return tuple(calendar()["rfc822_months"])


def election_days() -> dict[int, dt.date]:
    """Voting day of each simultaneous Pilkada wave whose day is fixed, by year."""
    return {
        int(year): day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
        for year, day in sorted(calendar()["pilkada_waves"].items())
    }


def election_years() -> tuple[int, ...]:
    """Years of every simultaneous Pilkada wave, held or scheduled."""
    return tuple(sorted({*election_days(), *map(int, calendar()["scheduled_waves"])}))
