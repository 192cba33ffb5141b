"""Sentence and quotation spans of an article, as character offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from pilkada.extract.lexicons import read_csv

# A boundary: end punctuation (optionally a closing quote) then space and an upper-case letter,
# digit or opening quote; or a line break.
_BOUNDARY_RE = re.compile(r"[.!?][\"”’']?[ \t]+(?=[\"“‘']?[A-Z0-9])|\n+")
_MARKS = ".!?\n"  # the characters a boundary can begin with
# Abbreviations after which a full stop does not end a sentence (one source: the lexicon).
_ABBREV = frozenset(row["abbreviation"] for row in read_csv("abbreviations.csv"))
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\.$")
# A hard-wrapped line (print copies, some CMSs) goes on in the next line; a headline, dateline,
# caption or list item does not. Written from the single line breaks of the labelled and realistic
# corpora whose line ends without end punctuation (issue #15).
_OPEN_ENDS = ",&/-–—(“"  # a line ending in these is unfinished
_MAY_GO_ON = _OPEN_ENDS + " \t"  # besides a letter or digit, what a line going on may end with
_NEXT_STARTS = "(“\"'"  # besides a letter or digit, what the continuing line may begin with
# A sentence ends inside the line (so it is running text, not a headline).
_INNER_STOP_RE = re.compile(r"[a-z0-9][\"”’']?\.[\"”’']?[ \t]+[\"“]?[A-Z]")
_WORD_RE = re.compile(r"\S+")
_PROSE_WORDS = 4  # a shorter line may be a headline, caption or byline: only lower case goes on
_SHARE_WORDS = 6  # a shorter line with lower-case words may still be a section heading


def _is_prose(line: str) -> bool:
    """A line of running text, not a headline: a sentence ends inside it, it ends in a lower-case
    word, or (in a longer line) a third of its words are lower case (a headline capitalises
    nearly all)."""
    words = _WORD_RE.findall(line)
    if len(words) < _PROSE_WORDS:
        return False
    if words[-1][0].islower() or _INNER_STOP_RE.search(line):
        return True
    return len(words) >= _SHARE_WORDS and 3 * sum(w[0].islower() for w in words) >= len(words)


def line_continues(text: str, pos: int, joined: int = -2) -> bool:
    """Whether the single line break at `pos` is inside a sentence: the line before is not blank
    and does not end a sentence, and the next line goes on with it (lower case, or after an
    unfinished line, prose or a line itself joined to the one before: its line break at
    `joined`)."""
    if pos == 0:
        return False
    last = text[pos - 1]
    if last in " \t":
        last = text[max(0, pos - 80) : pos].rstrip()[-1:] or "\n"
    if not (last.isalnum() or last in _OPEN_ENDS):
        return False  # most line breaks: after end punctuation
    nxt = text[pos + 1 : pos + 2]
    if nxt in " \t":
        nxt = text[pos + 1 : pos + 80].lstrip(" \t")[:1]
    if not nxt:
        return False
    if nxt.islower() or (last in _OPEN_ENDS and nxt.isalnum()):
        return True
    if not (nxt.isalnum() or nxt in _NEXT_STARTS):
        return False
    line_start = text.rfind("\n", 0, pos)
    return line_start == joined or _is_prose(text[line_start + 1 : pos])


_QUOTE_RE = re.compile(r"“[^”\n]*”?|\"[^\"\n]*\"?")
_QUOTE_OPENERS = "“\""  # the first characters of _QUOTE_RE's matches


def _positions(text: str, chars: str) -> list[int]:
    """Offsets of every occurrence of any of `chars`, in order (found by `str.find`, faster
    than a regex character class)."""
    out: list[int] = []
    for c in chars:
        at = text.find(c)
        while at >= 0:
            out.append(at)
            at = text.find(c, at + 1)
    if len(chars) > 1:
        out.sort()
    return out


def _boundaries(text: str) -> Iterator[re.Match[str]]:
    """The matches `_BOUNDARY_RE.finditer` gives, found faster: a boundary can only begin at
    an end mark or a line break, so the full pattern is tried at those characters alone."""
    last = 0  # the end of the last boundary: a mark inside it begins none
    match = _BOUNDARY_RE.match
    for pos in _positions(text, _MARKS):
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
    joined = -2  # the last line break found inside a sentence
    for m in _boundaries(text):
        pos = m.start()
        mark = text[pos]
        if mark == "\n":
            if (
                m.end() == pos + 1
                and (text[pos - 1].isalnum() or text[pos - 1] in _MAY_GO_ON)
                and line_continues(text, pos, joined)
            ):
                joined = pos
                continue
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
    out: list[tuple[int, int]] = []
    last = 0  # `_QUOTE_RE.finditer`, tried only where a quotation mark opens one
    match = _QUOTE_RE.match
    for pos in _positions(text, _QUOTE_OPENERS):
        if pos < last:
            continue
        m = match(text, pos)
        assert m is not None  # every alternative matches at its opening mark
        last = m.end()
        if last - pos > 2:
            out.append((pos, last))
    return out


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
        starts, ends = self.starts, self._ends_after  # ends[k]: end of the span before k
        n = len(starts)
        out: list[int] = []
        k = 0  # bisect_right(starts, pos): walked forward while positions ascend
        for pos in positions:
            if k and pos < starts[k - 1]:
                k = bisect_right(starts, pos)
            while k < n and starts[k] <= pos:
                k += 1
            out.append(k - 1 if pos < ends[k] else -1)
        return out
