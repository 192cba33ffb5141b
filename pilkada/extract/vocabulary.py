"""Build the one phrase index that holds the gazetteer and every word lexicon."""

from __future__ import annotations

from dataclasses import dataclass

from pilkada.extract.gazetteer import Gazetteer
from pilkada.extract.lexicons import Lexicons
from pilkada.extract.phrases import Payload, PhraseIndex

# meeting_words.yaml list -> payload type
_MARKER_LISTS = {
    "event_verbs": "event",
    "attendance_cues": "cue",
    "chair_cues": "chair",
    "speech_before": "speech_before",
    "speech_after": "speech_after",
    "speech_prefix": "speech_prefix",
    "future_markers": "future",
    "other_meeting_markers": "other_meeting",
    "pilkada_terms": "pilkada",
    "pemilu_terms": "pemilu",
    "election_day_words": "election_day",
    "off_topic_terms": "off_topic",
    "other_events": "other_event",
    "scope_words": "scope",
    "former_words": "former",
    "addressee_words": "addressee",
    "meeting_prepositions": "meeting_prep",
    "event_anaphora": "anaphora",
}


@dataclass(frozen=True)
class PositionInfo:
    """A position title or institution from positions.csv."""

    phrase: str
    kind: str
    institution: str
    level: str


def build_index(lex: Lexicons, gazetteer: Gazetteer) -> PhraseIndex:
    """One index: regions, positions, ranks, meeting words, modes, topics."""
    index = PhraseIndex()
    gazetteer.add_to(index)
    for row in lex.positions:
        info = PositionInfo(row["phrase"], row["kind"], row["institution"], row["level"])
        index.add(row["phrase"], Payload("position", info, row["case"] or "any"))
    for rank in lex.ranks["ranks"]:
        index.add(rank, Payload("rank", rank, "cap" if len(rank) > 4 else "any"))
        for corps in lex.ranks["corps"]:
            index.add(f"{rank} {corps}", Payload("rank", f"{rank} {corps}", "any"))
    meeting = lex.meeting
    for mtype, words in meeting["meeting_types"].items():
        for w in words:
            index.add(w, Payload("meeting", mtype))
    for w in meeting["not_meetings"]:
        index.add(w, Payload("not_meeting"))
    for w in meeting["venue_nouns"]:
        index.add(w, Payload("venue_noun"))
    for key, ptype in _MARKER_LISTS.items():
        for w in meeting[key]:
            index.add(w, Payload(ptype))
    for mode, words in lex.modes.items():
        for w in words:
            index.add(w, Payload("mode", mode))
    for topic, groups in lex.topics["topics"].items():
        for strength, words in groups.items():
            for w in words:
                case = "exact" if w == "sara" else "any"
                surface = "SARA" if w == "sara" else ""
                index.add(w, Payload("topic", (topic, strength == "weak"), case, surface))
    for w in lex.topics["neutral"]:
        index.add(w, Payload("neutral"))
    return index
