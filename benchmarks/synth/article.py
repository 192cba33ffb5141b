"""An article and the pieces every article shares: joins, padding, Baca Juga, footers."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from benchmarks.synth.draws import pick, rand_int
from benchmarks.synth.places import Gazetteer, bare_name
from benchmarks.synth.wording import OFF_TITLES


def join_words(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + ", serta " + items[-1]


def other_full(rng: random.Random, gz: Gazetteer) -> str:
    return pick(rng, gz.locals).full


def baca_juga(rng: random.Random, gz: Gazetteer) -> str:
    title = pick(rng, OFF_TITLES).format(o=bare_name(other_full(rng, gz)))
    opener = pick(rng, ("Baca Juga: ", "Baca juga: ", "(Baca Juga : ", "BACA JUGA: "))
    return opener + title + (")" if opener.startswith("(") else "")


def footer(rng: random.Random, gz: Gazetteer, outlet: str, year: int) -> list[str]:
    out: list[str] = []
    if rng.random() < 0.6:
        out.append(
            f"({pick(rng, 'abcdefghijklmnoprstuwy')}{pick(rng, 'abdgikmnrsty')}"
            f"{pick(rng, 'aenrst')}/{pick(rng, ('red', 'rd', 'hms', 'ed'))})"
        )
    roll = rng.random()
    if roll < 0.35:
        out.append(
            "Berita Terkait\n"
            + "\n".join(
                pick(rng, OFF_TITLES).format(o=bare_name(other_full(rng, gz))) for _ in range(2)
            )
        )
    elif roll < 0.55:
        out.append(f"Ikuti berita terkini dari {outlet} di Google News")
    if rng.random() < 0.5:
        out.append(f"Copyright © {year} {outlet}. All Rights Reserved")
    if rng.random() < 0.2:
        out.append("Komentar")
    return out


@dataclass(slots=True)
class Article:
    title: str
    paragraphs: list[str]
    gold: dict
    outlet: str
    published: dt.date | None


def cap1(text: str) -> str:
    return text[:1].upper() + text[1:]


def caps(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words.split())


def pad(
    rng: random.Random, paras: list[str], fillers: list[str], low: int = 1600, high: int = 3600
) -> list[str]:
    """Fillers until the article is 1.5-4 KB."""
    target = rand_int(rng, low, high)
    size = sum(len(p) + 2 for p in paras)
    added: list[str] = []
    for f in fillers:
        if size >= target:
            break
        added.append(f)
        size += len(f) + 2
    return added
