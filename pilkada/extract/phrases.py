"""One pass over an article's tokens finds every lexicon phrase and gazetteer name.

Phrases are keyed by their lower-cased tokens joined without separators, so spacing, dots,
hyphens and case do not matter ("Pj. Bupati" = "Pj Bupati", "Palangka Raya" = "Palangkaraya").
A scan walks the tokens once, leftmost-longest, through a set of key prefixes (a trie in a set).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

TOKEN_RE = re.compile(r"[A-Za-z0-9]+")
_GAP_OK = frozenset(" \t.,'’-/")
MAX_GAP = 3
MAX_TOKENS = 10

# Payloads are grouped in layers: a match keeps the longest phrase of each layer, except the
# "marker" layer, which keeps every phrase met on the way (dipimpin + dipimpin langsung oleh).
LAYERS = {
    "region": "entity",
    "position": "entity",
    "rank": "entity",
    "meeting": "meeting",
    "not_meeting": "meeting",
    "venue_noun": "meeting",
    "topic": "topic",
    "neutral": "topic",
    "mode": "mode",
}


def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase: its lower-cased word tokens, joined."""
    return "".join(t.lower() for t in TOKEN_RE.findall(phrase))


@dataclass(frozen=True)
class Payload:
    """What a phrase means: a type, a value, and how strictly its case must match."""

    type: str
    value: Any = None
    # any | cap (first letter upper-case) | exact (as written) | needs_region (checked by the
    # caller) | needs_prefix (upper-case, and the caller wants a position naming it)
    case: str = "any"
    surface: str = ""  # the phrase as written, for case="exact"


class Match:
    """A phrase found in the text: token and character span, and what it means."""

    __slots__ = ("start", "end", "tok_start", "tok_end", "payloads", "types")

    def __init__(
        self, start: int, end: int, tok_start: int, tok_end: int, payloads: tuple[Payload, ...]
    ) -> None:
        self.start, self.end, self.tok_start, self.tok_end = start, end, tok_start, tok_end
        self.payloads = payloads
        self.types = frozenset(p.type for p in payloads)

    def of(self, type_: str) -> list[Payload]:
        """The payloads of one type."""
        return [p for p in self.payloads if p.type == type_]

    def has(self, type_: str) -> bool:
        """Whether this match carries a payload of the type."""
        return type_ in self.types


class Tokens:
    """Word tokens of a text (ASCII letters and digits) with their character spans."""

    __slots__ = ("text", "lower", "starts", "ends")

    def __init__(self, text: str, lower: list[str], starts: list[int], ends: list[int]) -> None:
        self.text, self.lower, self.starts, self.ends = text, lower, starts, ends

    @classmethod
    def of(cls, text: str) -> Tokens:
        """Tokenize once: words found in C, offsets by successive str.find."""
        low = text.lower()
        if len(low) != len(text):  # a character whose lower case is longer: slow exact path
            spans = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
            return cls(
                text,
                [text[a:b].lower() for a, b in spans],
                [a for a, _ in spans],
                [b for _, b in spans],
            )
        lower = TOKEN_RE.findall(low)
        starts: list[int] = []
        ends: list[int] = []
        find = low.find
        pos = 0
        for w in lower:
            pos = find(w, pos)
            starts.append(pos)
            pos += len(w)
            ends.append(pos)
        return cls(text, lower, starts, ends)

    def word(self, i: int) -> str:
        """Token i as written."""
        return self.text[self.starts[i] : self.ends[i]]

    @property
    def words(self) -> _Words:
        """Tokens as written (sliced on demand)."""
        return _Words(self)


class _Words:
    """A read-only sequence view of a Tokens' surface words."""

    __slots__ = ("toks",)

    def __init__(self, toks: Tokens) -> None:
        self.toks = toks

    def __len__(self) -> int:
        return len(self.toks.lower)

    def __getitem__(self, i: int) -> str:
        return self.toks.word(i)


class _Entry:
    """Payloads of one key, pre-split by layer."""

    __slots__ = ("payloads", "checked", "free")

    def __init__(self) -> None:
        self.payloads: list[Payload] = []
        self.checked: list[Payload] = []  # payloads with a case rule to check
        self.free: list[Payload] = []


class PhraseIndex:
    """A set of phrases with payloads, scanned leftmost-longest over tokens."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.prefixes: set[str] = set()

    def add(self, phrase: str, payload: Payload) -> None:
        """Add one phrase; a key may carry several payloads."""
        key = phrase_key(phrase)
        if not key:
            return
        if payload.case == "exact" and not payload.surface:
            payload = Payload(payload.type, payload.value, payload.case, phrase)
        entry = self.entries.setdefault(key, _Entry())
        if payload in entry.payloads:
            return
        entry.payloads.append(payload)
        (entry.free if payload.case in ("any", "needs_region") else entry.checked).append(payload)
        for i in range(1, len(key) + 1):
            self.prefixes.add(key[:i])

    @staticmethod
    def _case_ok(p: Payload, first: str, surface: str) -> bool:
        if p.case == "cap" or p.case == "needs_prefix":
            return first[:1].isupper()
        if p.case == "exact":
            return "".join(TOKEN_RE.findall(surface)) == "".join(TOKEN_RE.findall(p.surface))
        return False

    def scan(self, toks: Tokens) -> list[Match]:
        """All matches, leftmost-longest, non-overlapping."""
        out: list[Match] = []
        lower, starts, ends, text = toks.lower, toks.starts, toks.ends, toks.text
        entries, prefixes = self.entries, self.prefixes
        gap_ok = _GAP_OK.issuperset
        n = len(lower)
        i = 0
        while i < n:
            acc = lower[i]
            if acc not in prefixes:
                if acc.endswith("nya") and acc[:-3] in entries and entries[acc[:-3]].free:
                    out.append(Match(starts[i], ends[i], i, i + 1, tuple(entries[acc[:-3]].free)))
                i += 1
                continue
            found: list[tuple[int, list[Payload]]] = []
            j = i
            while True:
                entry = entries.get(acc)
                if entry is not None:
                    ok = entry.free
                    if entry.checked:
                        first = text[starts[i] : ends[i]]
                        surface = text[starts[i] : ends[j]]
                        ok = ok + [p for p in entry.checked if self._case_ok(p, first, surface)]
                    if ok:
                        found.append((j, ok))
                j += 1
                if j >= n or j - i >= MAX_TOKENS:
                    break
                nxt = lower[j]
                longer = acc + nxt
                if longer not in prefixes and not nxt.endswith("nya"):
                    break
                gap_start = ends[j - 1]
                if starts[j] - gap_start > MAX_GAP or not gap_ok(text[gap_start : starts[j]]):
                    break
                if longer not in prefixes:
                    # "aturannya", "netralitasnya": a phrase ending in a word with -nya
                    stem = entries.get(acc + nxt[:-3])
                    if stem is not None and stem.free:
                        found.append((j, stem.free))
                    break
                acc = longer
            if not found:
                i += 1
                continue
            last = found[-1][0]
            payloads_all = tuple(found[0][1]) if len(found) == 1 else _layered(found)
            out.append(Match(starts[i], ends[last], i, last + 1, payloads_all))
            i = last + 1
        return out


def _layered(found: list[tuple[int, list[Payload]]]) -> tuple[Payload, ...]:
    """Longest phrase per layer; every marker met on the way."""
    chosen: dict[str, list[Payload]] = {}
    markers: list[Payload] = []
    for _, payloads in found:
        layers: dict[str, list[Payload]] = {}
        for p in payloads:
            layer = LAYERS.get(p.type, "marker")
            if layer == "marker":
                if p not in markers:
                    markers.append(p)
            else:
                layers.setdefault(layer, []).append(p)
        chosen.update(layers)
    return tuple(p for ps in chosen.values() for p in ps) + tuple(markers)
