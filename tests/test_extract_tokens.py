"""Tokens.of (a capturing split and a running sum) finds exactly the words TOKEN_RE finds."""

from __future__ import annotations

import random

import pytest

from pilkada.extract.phrases import TOKEN_RE, Tokens


def reference(text: str) -> tuple[list[str], list[int], list[int]]:
    """Words of the lower-cased text by the regex, with their spans (the rule Tokens follows)."""
    low = text.lower()
    source = low if len(low) == len(text) else text
    spans = [(m.start(), m.end()) for m in TOKEN_RE.finditer(source)]
    return [text[a:b].lower() for a, b in spans], [a for a, _ in spans], [b for _, b in spans]


LITERALS = [
    "",
    " ",
    "a",
    "Rakor",
    "  Pj. Bupati  ",
    "KPU, DKI-Jakarta  2024!",
    "Rapat koordinasi (rakor) Pilkada 2024\n\nDi Palangka Raya, Senin (12/8).",
    "“Netralitas ASN”, katanya—dan ‘aturannya’ jelas…",
    "café Über naïve 1é2",  # non-ASCII letters are gaps, not words
    "Kelvin \u212a sign",  # lower() turns it into an ASCII k, as before
    "İstanbul İ",  # lower() lengthens: the exact slow path
    "日本語 ok 😀x",
    "tab\tsep\r\nline",
    "trailing   ",
]


@pytest.mark.parametrize("text", LITERALS)
def test_tokens_match_the_regex_on_literals(text: str) -> None:
    toks = Tokens.of(text)
    assert (toks.lower, toks.starts, toks.ends) == reference(text)
    assert [toks.word(i) for i in range(len(toks.lower))] == [
        text[a:b] for a, b in zip(toks.starts, toks.ends, strict=True)
    ]


def test_tokens_match_the_regex_on_random_text() -> None:
    """Random mixes of letters, digits, punctuation, spaces and non-ASCII characters."""
    alphabet = "aZk9 .,-/'’\t\n“”é—😀\u212a" + "xyzAB01"
    rng = random.Random(16)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        toks = Tokens.of(text)
        assert (toks.lower, toks.starts, toks.ends) == reference(text), repr(text)
