"""Sentence and quotation spans of an article, as character offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import repeat

# A boundary: end punctuation (optionally a closing quote) then space and an upper-case letter,
# digit or opening quote; or a line break.
_BOUNDARY_RE = re.compile(r"[.!?][\"”’']?[ \t]+(?=[\"“‘']?[A-Z0-9])|\n+")
_MARK_RE = re.compile(r"[.!?\n]")  # the characters a boundary can begin with
# Abbreviations after which a full stop does not end a sentence.
_ABBREV = frozenset(
    [
        "pj",
        "plt",
        "plh",
        "pjs",
        "kab",
        "prov",
        "kec",
        "kel",
        "ds",
        "jl",
        "no",
        "h",
        "hj",
        "dr",
        "drs",
        "ir",
        "st",
        "adv",
        "arh",
        "pol",
        "inf",
        "czi",
        "kav",
        "m",
        "s",
        "si",
        "sos",
        "sh",
        "mh",
        "mm",
        "msi",
        "mpd",
        "spd",
        "kh",
        "prof",
        "ph",
        "phd",
        "bpk",
        "ibu",
        "sdr",
        "kapt",
        "mr",
        "dll",
        "dsb",
        "tsb",
        "hlm",
        "kom",
        "cpl",
        "mar",
        "moh", "mokh", "muh", "moch", "mhd",  # Muhammad ("Moh. Nadlir"), issue #15
    ]
)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\.$")
_QUOTE_RE = re.compile(r"“[^”\n]*”?|\"[^\"\n]*\"?")


def _boundaries(text: str) -> Iterator[re.Match[str]]:
    """The matches `_BOUNDARY_RE.finditer` gives, found faster: a boundary can only begin at
    an end mark or a line break, so the full pattern is tried at those characters alone."""
    last = 0  # the end of the last boundary: a mark inside it begins none
    match = _BOUNDARY_RE.match
    for mark in _MARK_RE.finditer(text):
        pos = mark.start()
        if pos < last:
            continue
        m = match(text, pos)
        if m is not None:
            last = m.end()
            yield m


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _boundaries(text):
        pos = m.start()
        mark = text[pos]
        if mark == "\n":
            cut = pos
        else:
            if mark == ".":  # only a full stop may close an abbreviation
                before = _WORD_BEFORE_RE.search(text, max(0, pos - 12), pos + 1)
                if before and (
                    before.group(1).lower() in _ABBREV
                    or (len(before.group(1)) == 1 and before.group(1).isupper())
                ):
                    continue
            cut = pos + 1
            if text[cut : cut + 1] in "\"”’'":
                cut += 1
        if text[start:cut].strip():
            spans.append((start, cut))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted passages (within one paragraph)."""
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text) if m.end() - m.start() > 2]


class SpanIndex:
    """Which span (sentence, quote) a character offset falls in."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self._ends_after = [-1] + [e for _, e in spans]

    def find(self, pos: int) -> int:
        """Index of the span containing pos, or -1."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            return i
        return -1

    def find_all(self, positions: list[int]) -> list[int]:
        """`find` of each position, in order."""
        after = list(map(bisect_right, repeat(self.starts, len(positions)), positions))
        ends = self._ends_after  # ends_after[k]: end of the span before insertion point k
        return [k - 1 if pos < ends[k] else -1 for k, pos in zip(after, positions, strict=True)]
