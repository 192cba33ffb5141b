"""An article prepared for the rules: masked text, tokens, phrase matches, sentences, quotes."""

from __future__ import annotations

from typing import Any

from pilkada.extract.phrases import Match, PhraseIndex, Tokens
from pilkada.extract.sentences import SpanIndex, quote_spans, sentence_spans

_SPEECH_AFTER_LEAD = frozenset("\"”’',")
FUTURE_BEFORE = 5  # tokens before a meeting word in which a future marker makes it planned
FUTURE_AFTER = 3
# Match types a sentence's features depend on (see Doc._features).
_FEATURE_TYPES = frozenset(
    {
        "meeting",
        "other_meeting",
        "cue",
        "chair",
        "event",
        "pilkada",
        "speech_before",
        "speech_prefix",
        "speech_after",
        "future",
        "meeting_prep",
    }
)


class Sentence:
    """One sentence and what the rules need to know about it (a plain class with slots: a
    dataclass's list default factories are generic calls once compiled)."""

    __slots__ = (
        "index", "start", "end", "is_title", "matches", "meeting", "planned", "other_meeting",
        "cue", "event", "preposition", "pilkada", "speech",
    )

    def __init__(self, index: int, start: int, end: int) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.is_title = False
        self.matches: list[int] = []  # indices into Doc.matches
        self.meeting: list[int] = []  # meeting-name matches
        self.planned = False  # a meeting word here is a meeting still to come
        self.other_meeting = False  # "rakor sebelumnya", "lebih dulu"
        self.cue = False  # an attendance cue not marked as future
        self.event = False
        self.preposition = False  # "dalam rakor", "saat rapat"
        self.pilkada = 0
        self.speech: list[int] = []

    def __repr__(self) -> str:
        return f"Sentence({self.index}, {self.start}, {self.end})"

    @property
    def meeting_context(self) -> bool:
        """A sentence about the meeting itself: who held, chaired or attended it."""
        if self.other_meeting:
            return False
        return bool(self.meeting and not self.planned) or self.cue

    @property
    def realized(self) -> bool:
        """A meeting word for a meeting that took place."""
        return (
            bool(self.meeting)
            and not self.planned
            and not self.other_meeting
            and (self.event or self.cue or self.preposition)
        )


def _looks_like_title(text: str, span: tuple[int, int]) -> bool:
    """The first sentence is a headline: it is the whole first line, short, no final stop."""
    line_end = text.find("\n")
    line_end = len(text) if line_end < 0 else line_end
    first = text[span[0] : span[1]].strip()
    return span[1] >= line_end and len(first) <= MAX_TITLE and not first.endswith(".")


MAX_TITLE = 220


class Doc:
    """Everything computed once per article."""

    def __init__(
        self,
        text: str,
        clean: str,
        index: PhraseIndex,
        continuations: frozenset[str] = frozenset(),
        toks: Tokens | None = None,
        matches: list[Match] | None = None,
    ) -> None:
        """`toks` and `matches`, when given, are `clean`'s tokens and their scan by `index`."""
        self.text = text
        self.clean = clean
        self.cache: dict[str, Any] = {}
        self.toks = Tokens.of(clean) if toks is None else toks
        self.matches: list[Match] = index.scan(self.toks) if matches is None else matches
        spans = sentence_spans(clean)
        self.sent_index = SpanIndex(spans)
        self.quotes = SpanIndex(quote_spans(clean))
        self.sentences = [Sentence(i, s, e) for i, (s, e) in enumerate(spans)]
        if spans and _looks_like_title(clean, spans[0]):
            self.sentences[0].is_title = True
        self.match_sentence: list[int] = self.sent_index.find_all(
            [m.start for m in self.matches]
        )
        self.tok_match: dict[int, int] = {}  # first token -> match index
        sentences = self.sentences
        for mi, (m, si) in enumerate(zip(self.matches, self.match_sentence, strict=True)):
            self.tok_match[m.tok_start] = mi
            if si >= 0:
                sentences[si].matches.append(mi)
        for sent in sentences:
            if sent.matches:
                self._features(sent)
        self._continuations(continuations)

    def _continuations(self, words: frozenset[str]) -> None:
        """ "Kemudian KPU provinsi, ..." right after an attendance list continues that list."""
        for prev, sent in zip(self.sentences, self.sentences[1:], strict=False):
            if sent.cue or not prev.cue or sent.meeting:
                continue
            head = self.clean[sent.start : sent.start + 20].lower().lstrip('"“ ')
            if any(head.startswith(w + " ") or head.startswith(w + ",") for w in words):
                sent.cue = True

    def in_quote(self, pos: int) -> bool:
        """Whether a character offset lies inside quotation marks."""
        return self.quotes.find(pos) >= 0

    @staticmethod
    def _near(tok_starts: list[int], anchor: Match, before: int, after: int) -> bool:
        """Whether a match starting at one of `tok_starts` (the sentence's matches of one type)
        lies within `before` tokens before to `after` tokens after the anchor, outside it."""
        lo, hi = anchor.tok_start - before, anchor.tok_end + after
        for t in tok_starts:  # noqa: SIM110 (a loop: any() over a generator is slow compiled)
            if lo <= t < hi and not (anchor.tok_start <= t < anchor.tok_end):
                return True
        return False

    def _about_election(self, sent: Sentence, cue: Match) -> bool:
        """"Pilkada ... diikuti 2 pasangan calon": the cue's subject is the election itself,
        when the nearest event word before it is a Pilkada word, not a meeting word."""
        nearest = None
        for mi in sent.matches:
            m = self.matches[mi]
            if m.tok_start >= cue.tok_start:
                break
            if "pilkada" in m.types or "meeting" in m.types:
                nearest = m
        return nearest is not None and "pilkada" in nearest.types and "meeting" not in (
            nearest.types)

    def _features(self, sent: Sentence) -> None:
        cues = []
        future: list[int] = []  # first tokens of the sentence's future markers
        prep: list[int] = []  # ... and of its meeting prepositions
        matches = self.matches
        for mi in sent.matches:
            m = matches[mi]
            t = m.types
            if t.isdisjoint(_FEATURE_TYPES):
                continue
            if "meeting" in t and "not_meeting" not in t:
                sent.meeting.append(mi)
            if "other_meeting" in t:
                sent.other_meeting = True
            if "cue" in t or "chair" in t:
                cues.append(m)
            if "event" in t:
                sent.event = True
            if "pilkada" in t:
                sent.pilkada += 1
            if "future" in t:
                future.append(m.tok_start)
            if "meeting_prep" in t:
                prep.append(m.tok_start)
            if "speech_before" in t or "speech_prefix" in t:
                sent.speech.append(mi)
            elif "speech_after" in t:
                lead = self.clean[max(0, m.start - 3) : m.start].strip()
                passive = self.toks.lower[m.tok_start].startswith("di")
                if passive or (lead and lead[-1] in _SPEECH_AFTER_LEAD):
                    sent.speech.append(mi)
        if sent.meeting:
            for mi in sent.meeting:
                m = matches[mi]
                if future and self._near(future, m, FUTURE_BEFORE, FUTURE_AFTER):
                    sent.planned = True
                if prep and self._near(prep, m, 2, 0):
                    sent.preposition = True
        sent.cue = False
        for c in cues:
            if not (future and self._near(future, c, 3, 0)) and not self._about_election(sent, c):
                sent.cue = True
                break

    def body_text(self, sent: Sentence) -> str:
        """The text of a sentence."""
        return self.clean[sent.start : sent.end]
