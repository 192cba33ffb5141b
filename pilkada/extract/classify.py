"""Is this article a report of one specific Pilkada coordination meeting?

Yes when a sentence of the body reports a meeting that took place (a meeting word with a verb
of holding or attending, a date, or "dalam rakor"), not one planned for later nor an earlier
one, and the meeting is about a Pilkada (not only Pemilu, not inflation or stunting). A headline
that names another kind of event (apel, peluncuran, kampanye) and no meeting is not one.
"""

from __future__ import annotations

from dataclasses import dataclass

from pilkada.extract.document import Doc, Sentence

OFF_TOPIC_WINDOW = 6  # tokens after a meeting name that name its subject
MIN_PILKADA_MENTIONS = 3  # an article this Pilkada-heavy makes its meetings Pilkada meetings


@dataclass
class Classification:
    """The decision and the sentences that carry it."""

    is_meeting: bool
    realized: list[int]  # sentence indices reporting the meeting
    reason: str


def _off_topic(doc: Doc, sent: Sentence) -> bool:
    """The meeting named here is about another subject (rakor pengendalian inflasi)."""
    for mi in sent.meeting:
        m = doc.matches[mi]
        for mj in sent.matches:
            o = doc.matches[mj]
            if "off_topic" in o.types and m.tok_end <= o.tok_start < m.tok_end + OFF_TOPIC_WINDOW:
                return True
    return False


def classify(doc: Doc, dated_sentences: set[int]) -> Classification:
    """Decide; `dated_sentences` are sentences holding a date expression."""
    sents = doc.sentences
    title = sents[0] if sents and sents[0].is_title else None
    n_pilkada = sum(s.pilkada for s in sents)
    if n_pilkada == 0:
        return Classification(False, [], "no Pilkada mention")
    if title is not None:
        title_events = any(doc.matches[mi].has("other_event") for mi in title.matches)
        if title_events and not title.meeting:
            return Classification(False, [], "headline names another kind of event")
        title_future = any("future" in doc.matches[mi].types for mi in title.matches)
        if title.meeting and (title.planned or title_future):
            return Classification(False, [], "headline announces a meeting to come")
    realized: list[int] = []
    for sent in sents:
        if sent.is_title or not sent.meeting or sent.planned or sent.other_meeting:
            continue
        if not (sent.realized or sent.index in dated_sentences):
            continue
        if _off_topic(doc, sent):
            continue
        about_pilkada = (
            sent.pilkada > 0
            or (title is not None and title.pilkada > 0)
            or n_pilkada >= MIN_PILKADA_MENTIONS
        )
        if about_pilkada:
            realized.append(sent.index)
    if not realized and title is not None:
        realized = _told_by_headline(doc, title)
        if realized:
            return Classification(True, realized, "headline reports the meeting the body tells of")
    if not realized:
        return Classification(False, [], "no reported Pilkada meeting")
    return Classification(True, realized, "reported meeting")


def _told_by_headline(doc: Doc, title: Sentence) -> list[int]:
    """Body sentences about the Pilkada meeting a headline reports ("Rakor Pilkada 2018,
    Kemendagri Paparkan ...": a page that tells what the rakor discussed, not that it was held);
    none when the body speaks of the meeting as one to come, an earlier one or another subject."""
    if not title.meeting or not title.pilkada or title.planned or _off_topic(doc, title):
        return []
    body = [s for s in doc.sentences if not s.is_title and s.meeting]
    if any(s.planned or s.other_meeting or _off_topic(doc, s) for s in body):
        return []
    return [s.index for s in body]
