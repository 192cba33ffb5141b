"""Sentence spans: the boundary search tried only at end marks finds what a full regex scan
finds, and abbreviations, initials and quotes are handled as written."""

from __future__ import annotations

import random
import re

import pytest

from pilkada.extract.sentences import (
    _ABBREV,
    _BOUNDARY_RE,
    _WORD_BEFORE_RE,
    _boundaries,
    sentence_spans,
)


def reference_spans(text: str) -> list[tuple[int, int]]:
    """The rule written plainly: every boundary of a full `finditer` scan."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        if m.group()[0] == "\n":
            cut = m.start()
        else:
            before = _WORD_BEFORE_RE.search(text, max(0, m.start() - 12), m.start() + 1)
            if before and (
                before.group(1).lower() in _ABBREV
                or (len(before.group(1)) == 1 and before.group(1).isupper())
            ):
                continue
            cut = m.start() + 1
            if text[cut : cut + 1] in "\"”’'":
                cut += 1
        if text[start:cut].strip():
            spans.append((start, cut))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


LITERALS = [
    "",
    "\n\n\n",
    "Rakor digelar. Pj. Bupati hadir! Siapa? Semua.",
    "Dipimpin Dr. H. Ahmad, S.H. Rapat dimulai.",
    "Ia berkata, \"Netral.\" Lalu pergi.",
    "“Aman!” ujarnya. “Siap?” Ya.\nBaris dua...   Tiga",
    "Skor 3.5 persen. 2024 tiba.\t\tTab. A. B.",
    "Judul tanpa titik\n\nParagraf pertama.",
]


@pytest.mark.parametrize("text", LITERALS)
def test_spans_match_the_full_scan(text: str) -> None:
    assert [m.span() for m in _boundaries(text)] == [
        m.span() for m in _BOUNDARY_RE.finditer(text)
    ]
    assert sentence_spans(text) == reference_spans(text)


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Pj. Bupati dan Dr. H. Ahmad hadir. Rapat dimulai."
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["Pj. Bupati dan Dr. H. Ahmad hadir.", "Rapat dimulai."]


def test_spans_match_the_full_scan_on_random_text() -> None:
    alphabet = "aB1 .!?\n\t\"“”’'HjP" + "ok"
    rng = random.Random(16)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        assert sentence_spans(text) == reference_spans(text), repr(text)
        assert [m.span() for m in _boundaries(text)] == [
            m.span() for m in re.finditer(_BOUNDARY_RE, text)
        ], repr(text)
