"""Statements made at the meeting, attributed to their speaker and classified into topics."""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right

from pilkada.extract.document import Doc, Sentence
from pilkada.extract.lexicons import load_lexicons
from pilkada.extract.model import Directive
from pilkada.extract.participants import PositionMention, speakers

CARRY_SENTENCES = 3  # a quote without its own attribution belongs to the last speaker this near


def sentence_topics(doc: Doc, sent: Sentence) -> list[str]:
    """Topics of one sentence: strong words, and weak words no other topic overrides."""
    strong: list[str] = []
    weak: list[str] = []
    for mi in sent.matches:
        m = doc.matches[mi]
        if "topic" not in m.types:
            continue
        for p in m.of("topic"):
            topic, is_weak = p.value
            (weak if is_weak else strong).append(topic)
    if "asn_neutrality" in strong and _organisers_neutrality(doc, sent):
        strong = [t for t in strong if t != "asn_neutrality"]
    if not weak:
        return list(dict.fromkeys(strong))
    out = list(dict.fromkeys(strong))
    for topic in dict.fromkeys(weak):
        if topic not in out and not [t for t in strong if t != topic]:
            out.append(topic)
    return out


ORGANISER_WINDOW = 6  # tokens between a neutrality word and the organisers it is asked of


def _organisers_neutrality(doc: Doc, sent: Sentence) -> bool:
    """Every neutrality word of the sentence is about the election organisers ("penyelenggara
    Pilkada yang dinilai tidak netral"), and the sentence names no civil servant."""
    organisers, asn = _neutrality_words()
    lower = doc.toks.lower
    first, last = bisect_left(doc.toks.starts, sent.start), bisect_left(doc.toks.starts, sent.end)
    if not asn.isdisjoint(lower[first:last]):
        return False
    hits = [
        doc.matches[mi]
        for mi in sent.matches
        if any(p.value[0] == "asn_neutrality" for p in doc.matches[mi].of("topic"))
    ]
    return bool(hits) and all(
        not organisers.isdisjoint(
            lower[
                max(first, m.tok_start - ORGANISER_WINDOW) : min(last, m.tok_end + ORGANISER_WINDOW)
            ]
        )
        for m in hits
    )


@functools.cache
def _neutrality_words() -> tuple[frozenset[str], frozenset[str]]:
    """The organisers' words and the civil servants' words of the topics lexicon."""
    lex = load_lexicons().topics
    return frozenset(lex["organiser_words"]), frozenset(lex["asn_words"])


def body_start(doc: Doc) -> int:
    """Where the article body starts: the first paragraph-length line after the headline
    (lines before it are bylines, captions and teaser headlines)."""
    text = doc.clean
    pos = text.find("\n") + 1 if doc.sentences and doc.sentences[0].is_title else 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if end - pos >= PARAGRAPH_CHARS:
            return pos
        pos = end + 1
    return 0


PARAGRAPH_CHARS = 120


def find_directives(doc: Doc, positions: list[PositionMention]) -> list[Directive]:
    """One Directive per (sentence, topic), with the speaker when the text names one."""
    by_match = {pm.mi: pm for pm in positions if not pm.former}
    out: list[Directive] = []
    last: tuple[int, PositionMention] | None = None
    quote_speaker: dict[int, PositionMention] = {}
    # The attribution of a multi-sentence quote sits in one of its sentences.
    quotes = doc.quotes.spans  # in text order, never overlapping: their ends are sorted too
    quote_ends = [qe for _, qe in quotes]
    for sent in doc.sentences:
        who = speakers(doc, sent, by_match) if sent.speech else None
        if not who:
            continue
        q = bisect_right(quote_ends, sent.start)  # the first quote ending after the start
        while q < len(quotes) and quotes[q][0] < sent.end:
            quote_speaker.setdefault(q, by_match[who[0]])
            q += 1
    body = body_start(doc)
    # Sentences holding a topic word: the others have no topics (found in one pass).
    pairs = zip(doc.matches, doc.match_sentence, strict=True)
    topical = {si for m, si in pairs if "topic" in m.types}
    for sent in doc.sentences:
        topics = (
            sentence_topics(doc, sent)
            if sent.index in topical and (sent.is_title or sent.start >= body)
            else []
        )
        who = speakers(doc, sent, by_match) if sent.speech else None
        issuer: PositionMention | None = by_match[who[0]] if who else None
        if issuer is None:
            q = doc.quotes.find(sent.start + 1)
            issuer = quote_speaker.get(q) if q >= 0 else None
        if (
            issuer is None
            and last is not None
            and sent.speech
            and (sent.index - last[0] <= CARRY_SENTENCES)
        ):
            issuer = last[1]
        if issuer is not None:
            last = (sent.index, issuer)
        if not topics:
            continue
        text = doc.text[sent.start : sent.end]
        for topic in topics:
            out.append(
                Directive(
                    issuer.name if issuer else None,
                    doc.clean[issuer.start : issuer.end] if issuer else None,
                    issuer.kind if issuer and issuer.kind not in ("collective", "place") else None,
                    topic,
                    text,
                    sent.start,
                    sent.end,
                )
            )
    return out
