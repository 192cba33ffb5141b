"""PhraseIndex.scan finds exactly what a self-contained token-by-token scan finds (the
reference any faster scan must match), and Doc files each match under the sentence holding it."""

from __future__ import annotations

import random
from itertools import compress

import pytest

from pilkada.extract.document import Doc
from pilkada.extract.phrases import (
    _GAP_OK,
    MAX_GAP,
    MAX_TOKENS,
    Match,
    Payload,
    PhraseIndex,
    Tokens,
    _loop_tokens,
    _split_tokens,
)


def reference_scan(index: PhraseIndex, toks: Tokens) -> list[tuple]:
    """The scan's rule written out plainly: from every token that can start a phrase, walk
    word by word (no fast path), keep the longest phrase and the layers met on the way."""
    if index._heads is None:
        index._prepare()
    heads = index._heads
    out: list[tuple] = []
    lower, starts, ends, text = toks.lower, toks.starts, toks.ends, toks.text
    entries, prefixes, nya = index.entries, index.prefixes, index._nya
    n = len(lower)
    resume = 0
    for i in compress(range(n), map(heads.__contains__, lower)):
        if i < resume:
            continue
        acc = lower[i]
        if acc not in prefixes:
            stem = nya[acc]
            out.append((starts[i], ends[i], i, i + 1, stem.free_tuple, stem.free_types))
            continue
        found: list[tuple[int, list[Payload]]] = []
        keys: list[str] = []
        j = i
        while True:
            entry = entries.get(acc)
            if entry is not None:
                ok = entry.free
                key = acc
                if entry.checked:
                    first = text[starts[i] : ends[i]]
                    surface = text[starts[i] : ends[j]]
                    ok = ok + [p for p in entry.checked if index._case_ok(p, first, surface)]
                    key = ""
                if ok:
                    found.append((j, ok))
                    keys.append(key)
            j += 1
            if j >= n or j - i >= MAX_TOKENS:
                break
            nxt = lower[j]
            longer = acc + nxt
            if longer not in prefixes and not nxt.endswith("nya"):
                break
            gap = text[ends[j - 1] : starts[j]]
            if len(gap) > MAX_GAP or not _GAP_OK.issuperset(gap):
                break
            if longer not in prefixes:
                stem_key = acc + nxt[:-3]
                stem_entry = entries.get(stem_key)
                if stem_entry is not None and stem_entry.free:
                    found.append((j, stem_entry.free))
                    keys.append(stem_key)
                break
            acc = longer
        if not found:
            continue
        last = found[-1][0]
        if len(found) == 1:
            payloads = tuple(found[0][1])
            types = frozenset(p.type for p in payloads)
        else:
            payloads, types = index._payloads(found, keys)
        out.append((starts[i], ends[last], i, last + 1, payloads, types))
        resume = last + 1
    return out


def _row(m: Match) -> tuple:
    return (m.start, m.end, m.tok_start, m.tok_end, m.payloads, m.types)


def _index() -> PhraseIndex:
    index = PhraseIndex()
    add = index.add
    add("rapat", Payload("meeting", "rapat"))
    add("rapat koordinasi", Payload("meeting", "rakor"))
    add("dipimpin", Payload("chair"))
    add("dipimpin langsung oleh", Payload("chair"))
    add("Palangka Raya", Payload("region", "62.71"))
    add("Pj. Bupati", Payload("position", "pj bupati"))
    add("Bupati", Payload("position", "bupati"))
    add("kepala daerah", Payload("position", "kepala daerah"))
    add("daerah pemilihan", Payload("topic", "dapil"))
    add("aturan", Payload("topic", "aturan"))
    add("aturan pemilu", Payload("topic", "aturan pemilu"))
    add("Malang", Payload("region", "35.07", "cap"))
    add("Batu", Payload("region", "35.79", "needs_prefix"))
    add("SARA", Payload("topic", "sara", "exact"))
    add("kota", Payload("region", "kota", "needs_region"))
    add("a b c d e f g h i j k", Payload("topic", "eleven words"))
    add("a b c", Payload("topic", "three words"))
    add("nya", Payload("topic", "just nya"))
    return index


LITERALS = [
    "",
    "rapat",
    "Rapat koordinasi dipimpin langsung oleh Pj. Bupati Malang.",
    "RAPAT-KOORDINASI di Palangkaraya; rapat  koordinasi; rapat ; koordinasi",
    "palangka-raya, Palangka  Raya, palangka....raya, pala ngkaraya",
    "Pj Bupati batu, Kota Batu, malang dan Malang, sara SARA Sara S.A.R.A",
    "kepala daerah pemilihan, daerah pemilihan kepala",
    "aturannya, aturan pemilunya, aturan nya, rapatnya, nyanya nya",
    "a b c d e f g h i j k l, a.b.c.d.e.f.g.h.i.j.k, abc, a b c d",
    "dipimpin langsung",
    "ditutup rapat",
    "kota",
    "“Rapat’koordinasi” / rapat\tkoordinasi / rapat\nkoordinasi",
    "İstanbul rapat koordinasi İ Malang",  # lower() lengthens the text: the exact slow path
]


@pytest.mark.parametrize("text", LITERALS)
def test_scan_matches_the_reference_on_literals(text: str) -> None:
    index = _index()
    toks = Tokens.of(text)
    assert [_row(m) for m in index.scan(toks)] == reference_scan(index, toks)


def test_scan_finds_what_the_rules_expect() -> None:
    """A few matches spelled out: longest phrase, layered chair markers, case rules, -nya."""
    index = _index()
    text = "Rapat koordinasi dipimpin langsung oleh Pj. Bupati Malang, aturannya SARA."
    found = [(text[m.start : m.end], m.tok_start, m.tok_end) for m in index.scan(Tokens.of(text))]
    assert found == [
        ("Rapat koordinasi", 0, 2),
        ("dipimpin langsung oleh", 2, 5),
        ("Pj. Bupati", 5, 7),
        ("Malang", 7, 8),
        ("aturannya", 8, 9),
        ("SARA", 9, 10),
    ]
    assert index.scan(Tokens.of("malang sara")) == []  # both case rules fail: no match


def test_scan_matches_the_reference_on_random_phrase_soup() -> None:
    """Phrases, their pieces and other words in random case, joined by random gaps."""
    index = _index()
    words = [
        "rapat", "koordinasi", "dipimpin", "langsung", "oleh", "Pj", "Bupati", "bupati",
        "Palangka", "Raya", "palangkaraya", "kepala", "daerah", "pemilihan", "aturan",
        "aturannya", "pemilunya", "pemilu", "Malang", "malang", "Batu", "SARA", "sara", "kota",
        "nya", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "x", "2024",
    ]
    gaps = [" ", " ", " ", ", ", ". ", "-", "/", "  ", "    ", "; ", "\n", "’", " (", "\t"]
    rng = random.Random(16)
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(0, 14)):
            word = rng.choice(words)
            parts.append(word.upper() if rng.random() < 0.1 else word)
            parts.append(rng.choice(gaps))
        text = "".join(parts[:-1])
        toks = Tokens.of(text)
        assert [_row(m) for m in index.scan(toks)] == reference_scan(index, toks), repr(text)


def test_match_reads_its_payloads_by_type() -> None:
    p, q = Payload("meeting", "rakor"), Payload("chair")
    m = Match(3, 8, 1, 2, (p, q))
    assert _row(m)[:4] == (3, 8, 1, 2)
    assert m.types == frozenset({"meeting", "chair"})
    assert m.of("chair") == [q] and m.of("region") == []
    assert m.has("meeting") and not m.has("region")


@pytest.fixture(scope="module")
def extractor():
    from benchmarks.extract_profile import REAL, regions_frame
    from pilkada.extract import Extractor

    if not all(path.is_dir() for path in REAL):
        pytest.skip("the gold corpora (../shared) are not present")
    return Extractor.from_regions(regions_frame())


def _real_texts() -> list[str]:
    from benchmarks.extract_profile import REAL

    return [p.read_text(encoding="utf-8") for folder in REAL for p in sorted(folder.glob("*.txt"))]


def test_scan_matches_the_reference_on_real_articles(extractor) -> None:
    """The full lexicon and gazetteer over the seeds, dev and dev2 articles."""
    index = extractor.index
    texts = _real_texts()
    assert len(texts) > 50
    for text in texts:
        toks = Tokens.of(extractor.masker.mask(text))
        assert [_row(m) for m in index.scan(toks)] == reference_scan(index, toks)


def test_doc_files_each_match_under_its_sentence(extractor) -> None:
    """Sentence.matches agrees with the sentence search of each match's start, and
    tok_match points at the match starting at each token."""
    for text in _real_texts():
        clean = extractor.masker.mask(text)
        doc = Doc(text, clean, extractor.index, extractor.continuations)
        for sent in doc.sentences:
            assert sent.matches == [
                mi for mi, si in enumerate(doc.match_sentence) if si == sent.index
            ]
            assert all(doc.sent_index.find(doc.matches[mi].start) == sent.index
                       for mi in sent.matches)
        assert doc.tok_match == {m.tok_start: mi for mi, m in enumerate(doc.matches)}


TOKEN_EDGES = [
    "",
    "   ",
    "Rakor",
    "Rapat koordinasi, 12/10/2020: Pj. Bupati Palangka Raya.",
    "“Pilkada” – di Hotel Ecovention’s Ancol 2024x9 ",
    "naïve café \u212a Kelvin ümlaut 3,5 persen\n\nA-B/C",
    "ÀÉÎ ŞĞ ǅ ﬀ ends with a word",
]


def _both_ways(text: str) -> None:
    low = text.lower()
    if len(low) == len(text):  # what Tokens.of gives either way
        assert _loop_tokens(low) == _split_tokens(low)


@pytest.mark.parametrize("text", TOKEN_EDGES)
def test_token_loop_and_split_agree_on_literals(text: str) -> None:
    """Tokens.of tokenizes by a character loop when compiled and by a split when interpreted:
    both give the same words and offsets, whichever mode runs the test."""
    _both_ways(text)


def test_token_loop_and_split_agree_on_real_articles() -> None:
    texts = _real_texts()
    if not texts:
        pytest.skip("the gold corpora (../shared) are not present")
    for text in texts:
        _both_ways(text)
    low = texts[0].lower()
    words, starts, ends = _loop_tokens(low)
    assert len(words) > 100
    assert all(low[a:b] == w for w, a, b in zip(words, starts, ends, strict=True))
