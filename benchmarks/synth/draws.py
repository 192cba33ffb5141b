"""Fast random draws and word lists written as one string."""

from __future__ import annotations

import random


def word_list(text: str, sep: str | None = None) -> tuple[str, ...]:
    """A word list written as one string."""
    return tuple(text.split(sep))


def pick(rng: random.Random, seq):
    """rng.choice, about three times faster (the generator draws ~100 choices an article)."""
    return seq[int(rng.random() * len(seq))]


def rand_int(rng: random.Random, low: int, high: int) -> int:
    """rng.randint(low, high), faster."""
    return low + int(rng.random() * (high - low + 1))
