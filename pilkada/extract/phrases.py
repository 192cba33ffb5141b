"""One pass over an article's tokens finds every lexicon phrase and gazetteer name.

Phrases are keyed by their lower-cased tokens joined without separators, so spacing, dots,
hyphens and case do not matter ("Pj. Bupati" = "Pj Bupati", "Palangka Raya" = "Palangkaraya").
A scan walks the tokens once, leftmost-longest, through a set of key prefixes (a trie in a set).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, compress
from typing import Any, Final

# Compiled by mypyc (a .so), a character loop beats the regex; interpreted, the regex wins.
COMPILED: Final = __file__.endswith((".so", ".pyd"))
TOKEN_RE = re.compile(r"[A-Za-z0-9]+")
_SPLIT_RE = re.compile(r"([A-Za-z0-9]+)")
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
        self,
        start: int,
        end: int,
        tok_start: int,
        tok_end: int,
        payloads: tuple[Payload, ...],
        types: frozenset[str] | None = None,
    ) -> None:
        self.start, self.end, self.tok_start, self.tok_end = start, end, tok_start, tok_end
        self.payloads = payloads
        self.types = frozenset(p.type for p in payloads) if types is None else types

    def of(self, type_: str) -> list[Payload]:
        """The payloads of one type."""
        payloads = self.payloads
        if len(payloads) == 1:  # most matches: no list comprehension
            return [payloads[0]] if payloads[0].type == type_ else []
        return [p for p in payloads if p.type == type_]

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
        """Tokenize once: by a split in C interpreted, by a character loop compiled."""
        low = text.lower()
        if len(low) != len(text):  # a character whose lower case is longer: slow exact path
            spans = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
            return cls(
                text,
                [text[a:b].lower() for a, b in spans],
                [a for a, _ in spans],
                [b for _, b in spans],
            )
        words, starts, ends = _loop_tokens(low) if COMPILED else _split_tokens(low)
        return cls(text, words, starts, ends)

    def word(self, i: int) -> str:
        """Token i as written."""
        return self.text[self.starts[i] : self.ends[i]]

    @property
    def words(self) -> _Words:
        """Tokens as written (sliced on demand)."""
        return _Words(self)


def _split_tokens(low: str) -> tuple[list[str], list[int], list[int]]:
    """Words and offsets of a lower-cased text by a capturing split (fastest interpreted): it
    alternates gaps and words, and the running sum of piece lengths gives every word's offsets."""
    pieces = _SPLIT_RE.split(low)  # gap, word, gap, word, ..., gap
    offsets = list(accumulate(map(len, pieces)))
    return pieces[1::2], offsets[0:-1:2], offsets[1::2]


def _loop_tokens(low: str) -> tuple[list[str], list[int], list[int]]:
    """The same as `_split_tokens` by a character loop (fastest compiled): over the text's
    ASCII bytes, where every other character is one "?" byte, so offsets stay the same."""
    data = low.encode("ascii", "replace")
    n = len(data)
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < n:
        c = data[i]
        if (97 <= c <= 122) or (48 <= c <= 57):  # a-z, 0-9 (the text is lower case)
            j = i + 1
            while j < n:
                c = data[j]
                if (97 <= c <= 122) or (48 <= c <= 57):
                    j += 1
                else:
                    break
            starts.append(i)
            ends.append(j)
            words.append(low[i:j])
            i = j + 1
        else:
            i += 1
    return words, starts, ends


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

    __slots__ = ("payloads", "checked", "free", "free_tuple", "free_types")

    def __init__(self) -> None:
        self.payloads: list[Payload] = []
        self.checked: list[Payload] = []  # payloads with a case rule to check
        self.free: list[Payload] = []
        self.free_tuple: tuple[Payload, ...] = ()  # `free` frozen for matches (see _prepare)
        self.free_types: frozenset[str] = frozenset()


class _Head:
    """What a scan needs to know of a token that can start a match, read in one lookup."""

    __slots__ = ("entry", "next_chars", "nya")

    def __init__(self, entry: _Entry | None, next_chars: str, nya: _Entry | None) -> None:
        self.entry = entry  # the phrase the token is, if any
        self.next_chars = next_chars  # what follows the token in the keys longer than it
        self.nya = nya  # for a -nya form that begins no key: the entry of its stem


class PhraseIndex:
    """A set of phrases with payloads, scanned leftmost-longest over tokens."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.prefixes: set[str] = set()
        self._heads: frozenset[str] | None = None  # tokens a match can start at (see _prepare)
        self._nya: dict[str, _Entry] = {}  # "aturannya" -> the entry of "aturan"
        self._layered: dict[tuple[str, ...], tuple[tuple[Payload, ...], frozenset[str]]] = {}
        self._head_info: dict[str, _Head] = {}  # every token of _heads -> its _Head

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
        self._heads = None
        entry.payloads.append(payload)
        (entry.free if payload.case in ("any", "needs_region") else entry.checked).append(payload)
        for i in range(1, len(key) + 1):
            self.prefixes.add(key[:i])

    def _prepare(self) -> None:
        """Freeze what scans reuse: each entry's free payloads and their types, the -nya forms
        of keys with free payloads, and the set of tokens a match can start at."""
        self._layered = {}
        self._nya = {}
        for key, entry in self.entries.items():
            entry.free_tuple = tuple(entry.free)
            entry.free_types = frozenset(p.type for p in entry.free)
            if entry.free:
                self._nya[key + "nya"] = entry
        following: dict[str, set[str]] = {}
        for p in self.prefixes:
            if len(p) > 1:
                following.setdefault(p[:-1], set()).add(p[-1])
        self._head_info = {
            p: _Head(self.entries.get(p), "".join(sorted(following.get(p, ()))), None)
            for p in self.prefixes
        }
        for key, entry in self._nya.items():
            if key not in self._head_info:
                self._head_info[key] = _Head(None, "", entry)
        self._heads = frozenset(self._head_info)  # a set: the scan's filter reads it faster

    @staticmethod
    def _case_ok(p: Payload, first: str, surface: str) -> bool:
        if p.case == "cap" or p.case == "needs_prefix":
            return first[:1].isupper()
        if p.case == "exact":
            return "".join(TOKEN_RE.findall(surface)) == "".join(TOKEN_RE.findall(p.surface))
        return False

    def scan(self, toks: Tokens) -> list[Match]:
        """All matches, leftmost-longest, non-overlapping."""
        if self._heads is None:
            self._prepare()
        info, heads = self._head_info, self._heads
        assert heads is not None
        out: list[Match] = []
        lower, starts, ends, text = toks.lower, toks.starts, toks.ends, toks.text
        entries, prefixes = self.entries, self.prefixes
        gap_ok = _GAP_OK.issuperset
        n = len(lower)
        resume = 0  # tokens before this one lie inside the last match
        for i in compress(range(n), map(heads.__contains__, lower)):
            if i < resume:
                continue
            acc = lower[i]
            head = info[acc]
            entry = head.entry
            stem = head.nya
            if stem is not None:  # a word with -nya whose stem is a phrase, beginning no key
                out.append(Match(starts[i], ends[i], i, i + 1, stem.free_tuple, stem.free_types))
                continue
            nxt = lower[i + 1] if i + 1 < n else ""
            if not nxt or not (
                (nxt[0] in head.next_chars and acc + nxt in prefixes) or nxt.endswith("nya")
            ):  # fast path: a one-word phrase the next word cannot extend
                if entry is None:
                    continue
                if not entry.checked:
                    out.append(
                        Match(starts[i], ends[i], i, i + 1, entry.free_tuple, entry.free_types)
                    )
                    continue
            found: list[tuple[int, list[Payload]]] = []
            keys: list[str] = []  # the key of each found, "" when a case rule was checked
            j = i
            while True:
                if entry is not None:
                    ok = entry.free
                    key = acc
                    if entry.checked:
                        first = text[starts[i] : ends[i]]
                        surface = text[starts[i] : ends[j]]
                        ok = ok + [p for p in entry.checked if self._case_ok(p, first, surface)]
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
                gap_start = ends[j - 1]
                if starts[j] - gap_start > MAX_GAP or not gap_ok(text[gap_start : starts[j]]):
                    break
                if longer not in prefixes:
                    # "aturannya", "netralitasnya": a phrase ending in a word with -nya
                    stem_key = acc + nxt[:-3]
                    stem_entry = entries.get(stem_key)
                    if stem_entry is not None and stem_entry.free:
                        found.append((j, stem_entry.free))
                        keys.append(stem_key)
                    break
                acc = longer
                entry = entries.get(acc)
            if not found:
                continue
            last = found[-1][0]
            if len(found) == 1:
                entry = entries[keys[0]] if keys[0] else None
                if entry is None:
                    out.append(Match(starts[i], ends[last], i, last + 1, tuple(found[0][1])))
                else:
                    out.append(
                        Match(
                            starts[i], ends[last], i, last + 1, entry.free_tuple, entry.free_types
                        )
                    )
            else:
                payloads, types = self._payloads(found, keys)
                out.append(Match(starts[i], ends[last], i, last + 1, payloads, types))
            resume = last + 1
        return out

    def _payloads(
        self, found: list[tuple[int, list[Payload]]], keys: list[str]
    ) -> tuple[tuple[Payload, ...], frozenset[str]]:
        """Payloads and types of a match of several phrases (cached when no case rule was
        checked: then the keys found decide them)."""
        if "" in keys:
            payloads = _layered(found)
            return payloads, frozenset(p.type for p in payloads)
        cache_key = tuple(keys)
        cached = self._layered.get(cache_key)
        if cached is None:
            payloads = _layered(found)
            cached = self._layered[cache_key] = (payloads, frozenset(p.type for p in payloads))
        return cached


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
