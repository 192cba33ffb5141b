"""Load the rule data in `pilkada/lexicons/` (YAML and CSV, one concept per file)."""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

LEXICON_PACKAGE = "pilkada.lexicons"


def read_text(name: str) -> str:
    """The text of one lexicon file."""
    return resources.files(LEXICON_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def read_yaml(name: str) -> dict[str, Any]:
    """A YAML lexicon as a dict."""
    return yaml.safe_load(read_text(name)) or {}


def read_csv(name: str) -> list[dict[str, str]]:
    """A CSV lexicon (lines starting with # are comments) as a list of rows."""
    lines = [line for line in read_text(name).splitlines() if not line.startswith("#")]
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(io.StringIO("\n".join(lines)))
    ]


@dataclass(frozen=True)
class Lexicons:
    """Every lexicon, parsed."""

    boilerplate: dict[str, Any]
    positions: list[dict[str, str]]
    ranks: dict[str, Any]
    meeting: dict[str, Any]
    modes: dict[str, Any]
    topics: dict[str, Any]
    calendar: dict[str, Any]
    province_short_forms: list[dict[str, str]]
    regency_abbreviations: list[dict[str, str]]
    landmarks: list[dict[str, str]]
    needs_prefix: frozenset[str]


@functools.lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    """All lexicons (read once per process)."""
    return Lexicons(
        boilerplate=read_yaml("boilerplate.yaml"),
        positions=read_csv("positions.csv"),
        ranks=read_yaml("ranks.yaml"),
        meeting=read_yaml("meeting_words.yaml"),
        modes=read_yaml("modes.yaml"),
        topics=read_yaml("topics.yaml"),
        calendar=read_yaml("calendar.yaml"),
        province_short_forms=read_csv("province_short_forms.csv"),
        regency_abbreviations=read_csv("regency_abbreviations.csv"),
        landmarks=read_csv("landmarks.csv"),
        needs_prefix=frozenset(
            r["name"].lower() for r in read_csv("region_names_needing_prefix.csv")
        ),
    )
