"""Meeting attributes: type, mode, venue phrase, organiser (convening level/region), dateline,
election year."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import compress

from pilkada import vocabularies
from pilkada.extract.document import Doc, Sentence
from pilkada.extract.lexicons import load_lexicons
from pilkada.extract.participants import PositionMention

_VENUE_STOP = frozenset(
    [
        "pada",
        "yang",
        "untuk",
        "dalam",
        "guna",
        "oleh",
        "bersama",
        "dengan",
        "secara",
        "melalui",
        "serta",
        "se",
        "tersebut",
        "dan",
        "atau",
        "ini",
        "itu",
        "karena",
        "agar",
        "sehingga",
        "sejak",
        "hingga",
        "sampai",
        "kepada",
        "bagi",
        "tentang",
        "terkait",
        "saat",
        "ketika",
        "usai",
        "setelah",
        "sebelum",
        "sebagai",
        "akan",
        "telah",
        "sudah",
        "juga",
        "yakni",
        "yaitu",
        "seperti",
        "dari",
        "di",
        "mulai",
    ]
)
_VENUE_INTRO = frozenset({"di", "dari"})
MAX_VENUE_TOKENS = 20
_ORGANISE_ACTIVE = frozenset(
    [
        "menggelar",
        "gelar",
        "mengadakan",
        "adakan",
        "menyelenggarakan",
        "selenggarakan",
        "melaksanakan",
        "melakukan",
        "menginisiasi",
        "inisiasi",
        "pimpin",
        "memimpin",
    ]
)
_ORGANISE_PASSIVE = frozenset(
    ["digelar", "diadakan", "diselenggarakan", "dilaksanakan", "diinisiasi", "dipimpin", "dibuka"]
)
_NATIONAL_KINDS = vocabularies.institution_group("national_only")
_DATELINE_SPLIT = re.compile(r"\s*(?:[-–—]{1,2}|//)\s*")
DATELINE_HEAD = 70
DATELINE_SEGMENT = 45
DATELINE_LINES = 8


@dataclass
class Organiser:
    """Who held or chaired the meeting, as far as the text says."""

    position: PositionMention | None
    level: str | None
    region_code: str | None


def meeting_type(doc: Doc, realized: list[int]) -> str | None:
    """The most specific meeting name among the realized sentences and the title."""
    order = list(load_lexicons().meeting["meeting_types"])
    found: set[str] = set()
    sents = [doc.sentences[i] for i in realized]
    if doc.sentences and doc.sentences[0].is_title:
        sents.append(doc.sentences[0])
    for sent in sents:
        for mi in sent.meeting:
            found.update(p.value for p in doc.matches[mi].of("meeting"))
    for t in order:
        if t in found:
            return t
    return None


def meeting_mode(doc: Doc, context: list[Sentence], has_venue: bool) -> str | None:
    """hybrid / virtual / in_person, or None when the text does not say."""
    modes: set[str] = set()
    for sent in context:
        for mi in sent.matches:
            if "mode" in doc.matches[mi].types:
                modes.update(p.value for p in doc.matches[mi].of("mode"))
    if "hybrid" in modes:
        return "hybrid"
    if "virtual" in modes:
        return "virtual"
    if "in_person" in modes or has_venue:
        return "in_person"
    return None


def venue_spans(doc: Doc, context: list[Sentence], date_starts: set[int]) -> list[tuple[int, int]]:
    """Character spans of place phrases ("di Aula Polres Malang, Kepanjen") in the sentences
    about the meeting."""
    toks = doc.toks
    n_toks = len(toks.lower)
    spans: list[tuple[int, int]] = []
    for sent in context:
        resume = 0  # tokens before this one belong to the last venue phrase
        first = bisect_tokens(toks.starts, sent.start)
        last = bisect_tokens(toks.starts, sent.end)  # the sentence's tokens: first .. last - 1
        intros = map(_VENUE_INTRO.__contains__, toks.lower[first:last])
        for i in compress(range(first, last), intros):
            if i < resume:
                continue
            j = i + 1
            if j >= n_toks or toks.starts[j] >= sent.end:
                break
            mi = doc.tok_match.get(j)
            head = toks.word(j)
            starts_ok = head[:1].isupper() or (
                mi is not None
                and (doc.matches[mi].has("venue_noun") or doc.matches[mi].has("region"))
            )
            if not starts_ok or head.isdigit():
                continue
            end_tok = j
            while end_tok < n_toks and end_tok - j < MAX_VENUE_TOKENS:
                start = toks.starts[end_tok]
                if start >= sent.end or start in date_starts:
                    break
                gap = doc.clean[toks.ends[end_tok - 1] : start]
                if "(" in gap or "\n\n" in gap:
                    break
                m = doc.tok_match.get(end_tok)
                if m is not None and doc.matches[m].has("venue_noun"):
                    end_tok = doc.matches[m].tok_end
                    continue
                if m is not None and (
                    doc.matches[m].has("region") or doc.matches[m].has("position")
                ):
                    end_tok = doc.matches[m].tok_end
                    continue
                word = toks.word(end_tok)
                if (word in _VENUE_STOP) or (m is not None and not word[:1].isupper()):
                    break
                if doc.tok_match.get(end_tok) is not None and doc.matches[
                    doc.tok_match[end_tok]
                ].has("pilkada"):
                    break
                end_tok += 1
            if end_tok > j:
                spans.append((toks.starts[j], toks.ends[end_tok - 1]))
            resume = end_tok
    return spans


def bisect_tokens(starts: list[int], pos: int) -> int:
    """Index of the first token starting at or after pos."""
    return bisect_left(starts, pos)


def organiser(
    doc: Doc, positions: list[PositionMention], context: list[Sentence], gaz_level: dict[str, str]
) -> Organiser:
    """The institution that held or chaired the meeting, from the headline and the first
    sentences about the meeting."""
    by_sentence: dict[int, list[PositionMention]] = {}
    for pm in positions:
        if not pm.former:
            by_sentence.setdefault(pm.sentence, []).append(pm)
    order = list(context[:5])
    if doc.sentences and doc.sentences[0].is_title and doc.sentences[0] not in order:
        order.insert(0, doc.sentences[0])
    for sent in order:
        found = _organiser_in(doc, sent, by_sentence.get(sent.index, []))
        if found is not None:
            return _describe(found, gaz_level)
    return Organiser(None, None, None)


def _organiser_in(doc: Doc, sent: Sentence, pms: list[PositionMention]) -> PositionMention | None:
    toks = doc.toks
    national = _held_with_national(doc, sent, pms)
    if national is not None:
        return national
    for mi in sent.matches:
        m = doc.matches[mi]
        if not (m.has("event") or m.has("chair")):
            continue
        word = toks.lower[m.tok_start]
        if word in _ORGANISE_ACTIVE:
            before = [
                p
                for p in pms
                if m.tok_start - 15 <= doc.matches[p.mi].tok_start < m.tok_start
                and p.kind not in ("place",)
            ]
            if before:
                if before[0].region_code is None:
                    for p in before:
                        if p.region_code:
                            return p
                return before[0]
        elif word in _ORGANISE_PASSIVE:
            after = [
                p
                for p in pms
                if m.tok_end <= doc.matches[p.mi].tok_start < m.tok_end + 5
                and p.kind not in ("place",)
            ]
            if after:
                return after[0]
    return None


def _held_with_national(
    doc: Doc, sent: Sentence, pms: list[PositionMention]
) -> PositionMention | None:
    """A meeting "bersama" a national institution ("mengikuti Rapat Koordinasi bersama Menteri
    Dalam Negeri"): an attendee's report of that institution's meeting."""
    if not sent.planned and not sent.other_meeting:
        for mi in sent.meeting:
            after = doc.matches[mi].tok_end
            if doc.toks.lower[after : after + 1] != ["bersama"]:
                continue
            for p in pms:
                if doc.matches[p.mi].tok_start == after + 1 and _is_national(p):
                    return p
    return None


def _is_national(pm: PositionMention) -> bool:
    return pm.region_code is None and (pm.info.level == "national" or pm.kind in _NATIONAL_KINDS)


def _describe(pm: PositionMention, gaz_level: dict[str, str]) -> Organiser:
    if pm.region_code:
        return Organiser(pm, gaz_level.get(pm.region_code), pm.region_code)
    if pm.info.level == "national" or pm.kind in _NATIONAL_KINDS:
        return Organiser(pm, "national", None)
    return Organiser(pm, None, None)


def _starts_within(starts: list[int], a: int, b: int) -> bool:
    """Whether one of the ascending `starts` lies in [a, b)."""
    k = bisect_left(starts, a)
    return k < len(starts) and starts[k] < b


def dateline_spans(doc: Doc) -> list[tuple[int, int]]:
    """Spans of the place name opening a news body ("MALANG –", "Tribratanews - Pontianak."),
    nearest to the body first."""
    text = doc.clean
    region_starts = [m.start for m in doc.matches if "region" in m.types]
    lines_seen = 0
    pos = text.find("\n") + 1 if doc.sentences and doc.sentences[0].is_title else 0
    while pos < len(text) and lines_seen < DATELINE_LINES:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if line.strip():
            lines_seen += 1
            head = line[:DATELINE_HEAD]
            parts = (  # every separator holds a dash or a slash: most lines have none
                list(_DATELINE_SPLIT.finditer(head))
                if "-" in head or "–" in head or "—" in head or "/" in head
                else []
            )
            segments: list[tuple[int, int]] = []
            cut = 0
            for sep in parts:
                segments.append((cut, sep.start()))
                cut = sep.end()
            if parts:
                tail_end = line.find(". ", cut)
                if 0 <= tail_end - cut <= 25:
                    segments.append((cut, tail_end))
            out = [
                (pos + a, pos + b)
                for a, b in reversed(segments)
                if 0 < b - a <= DATELINE_SEGMENT
                and _starts_within(region_starts, pos + a, pos + b)
            ]
            if out:
                return out
        pos = end + 1
    return []
