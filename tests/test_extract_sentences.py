"""Sentence spans: the boundary search tried only at end marks finds what a full regex scan
finds; abbreviations, initials and quotes are handled as written; a hard-wrapped line goes on
while headlines, datelines, captions and list items stay lines of their own."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pilkada.extract.sentences import (
    _ABBREV,
    _BOUNDARY_RE,
    _QUOTE_RE,
    _WORD_BEFORE_RE,
    SpanIndex,
    _boundaries,
    line_continues,
    quote_spans,
    sentence_spans,
)


def reference_spans(text: str) -> list[tuple[int, int]]:
    """The rule written plainly: every boundary of a full `finditer` scan."""
    spans: list[tuple[int, int]] = []
    start = 0
    joined = -2
    for m in _BOUNDARY_RE.finditer(text):
        if m.group()[0] == "\n":
            pos = m.start()
            if m.group() == "\n" and line_continues(text, pos, joined):
                joined = pos
                continue
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


def test_quotes_match_the_full_scan_on_random_text() -> None:
    """quote_spans tries the pattern only at opening marks: what a full `finditer` finds."""
    alphabet = "a \n\"“”’'" + "ok"
    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert quote_spans(text) == [
            m.span() for m in _QUOTE_RE.finditer(text) if m.end() - m.start() > 2
        ], repr(text)


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_a_hard_wrapped_paragraph_is_read_as_sentences() -> None:
    text = (
        "Jakarta – Bawaslu Kota Contoh menggelar rapat koordinasi bersama\n"
        "camat dan lurah se-Kota Contoh di Hotel Contoh Raya\n"
        "Jakarta Pusat, Senin (2/9/2024). Rakor itu membahas pengawasan\n"
        "Pilkada tahun\n"
        "2024 bersama Kapolres &\n"
        "Dandim."
    )
    assert _sentences(text) == [
        "Jakarta – Bawaslu Kota Contoh menggelar rapat koordinasi bersama\n"
        "camat dan lurah se-Kota Contoh di Hotel Contoh Raya\n"
        "Jakarta Pusat, Senin (2/9/2024).",
        "Rakor itu membahas pengawasan\nPilkada tahun\n2024 bersama Kapolres &\nDandim.",
    ]


def test_headlines_datelines_captions_and_lists_keep_their_lines() -> None:
    text = (
        "Rakor Pilkada Digelar di Kantor Bupati Contoh\n"
        "Kamis, 27 Februari 2020 - 16:56 WIB\n"
        "Harapan untuk Pilkada yang Kondusif\n"
        "Bupati memimpin rapat, Senin (12/8/2024)\n"
        "Reporter: Abdul Contoh\n"
        "• Popular\n"
        "• Recent\n"
        "Rapat dimulai pukul 09.00 WIB.\n"
        "Kapolres hadir."
    )
    assert _sentences(text) == text.split("\n")


def test_a_paragraph_break_and_a_finished_line_still_end_a_sentence() -> None:
    assert _sentences("Rapat digelar di aula\n\nkantor bupati") == [
        "Rapat digelar di aula",
        "kantor bupati",
    ]
    assert _sentences("Rapat digelar.\nlalu selesai") == ["Rapat digelar.", "lalu selesai"]
    assert not line_continues("judul\n   \nisi", 5)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Bupati Kep. Selayar hadir. Rapat dimulai.", "Bupati Kep. Selayar hadir."),
        ("Hadir Dra. Hj. Linda, Kadis. Rapat dimulai.", "Hadir Dra. Hj. Linda, Kadis."),
        ("Sekda Prov. Kalbar hadir. Rapat dimulai.", "Sekda Prov. Kalbar hadir."),
    ],
)
def test_abbreviations_from_the_lexicon_do_not_end_a_sentence(text: str, first: str) -> None:
    assert _sentences(text)[0] == first
    assert {"kep", "dra", "prov", "kab", "jl", "no", "hj"} <= _ABBREV


SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is absent")
def test_labelled_articles_join_only_unfinished_lines() -> None:
    """In every labelled article a line ending in end punctuation still ends its sentence, and a
    line going on in lower case is joined to it."""
    checked = 0
    for path in sorted(SHARED.glob("*/articles/*.txt")):
        text = path.read_text(encoding="utf-8")
        for a, b in sentence_spans(text):
            for i in (i for i in range(a, b) if text[i] == "\n"):
                assert text[:i].rstrip()[-1] not in ".!?:;", (path.name, text[a:b])
        for m in re.finditer(r"[^\n.!?:;\"”’')\]|>\s]\n(?=[a-z])", text):
            checked += 1
            assert SpanIndex(sentence_spans(text)).find(m.start()) == SpanIndex(
                sentence_spans(text)
            ).find(m.end()), (path.name, text[m.start() - 40 : m.end() + 20])
    assert checked > 20


def test_find_all_is_find_of_each_position_in_any_order() -> None:
    """find_all walks ascending positions forward and bisects when they go back: the same
    answers as `find`, in gaps, at span edges, before the first and after the last span."""
    index = SpanIndex([(2, 5), (5, 9), (12, 20), (25, 26)])
    rng = random.Random(18)
    for _ in range(500):
        positions = [rng.randint(-1, 30) for _ in range(rng.randint(0, 12))]
        for ordered in (positions, sorted(positions)):
            assert index.find_all(ordered) == [index.find(p) for p in ordered], ordered
    assert SpanIndex([]).find_all([0, 3]) == [-1, -1]
