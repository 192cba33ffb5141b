"""A meeting's regions by role (venue, convening, attending): places of the event, offices that
take part, the dateline; names read through the gazetteer (`gazetteer.py`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from pilkada import vocabularies
from pilkada.extract.gazetteer import Gazetteer, RegionName
from pilkada.extract.lexicons import read_yaml
from pilkada.extract.meeting import venue_spans
from pilkada.extract.model import RegionMention
from pilkada.extract.places import places_in

if TYPE_CHECKING:
    from pilkada.extract.document import Doc
    from pilkada.extract.meeting import Organiser
    from pilkada.extract.participants import PositionMention

Span = tuple[int, int]

SECURITY_KINDS = vocabularies.institution_group("security")
_LOCATING_RE = re.compile(r"\b(?:[Bb]ertempat|[Bb]erlokasi) (di)\b")  # "bertempat di Hotel ..."
LEAD_SENTENCES = 12  # news tells where and when in its lead; later places are background
LOCATE_WINDOW = 3  # tokens between an event verb ("digelar", "berlangsung") and its "di"
_WEEKDAYS = frozenset(day.lower() for day in vocabularies.weekday_names())
_CUES = read_yaml("region_cues.yaml")
NOT_VENUE_VERBS = frozenset(_CUES["not_venue_verbs"])
NOT_ATTENDING_VERBS = frozenset(_CUES["not_attending_verbs"])
FUTURE_WINDOW = int(_CUES["future_window"])
SCOPE_WINDOW = 4  # "se wilayah Sulawesi, Kalimantan dan Maluku": a scope, not a participant
ELECTION_WINDOW = 4  # "pemilihan Gubernur dan Wakil Gubernur Kalimantan Tengah": the office


def _preceded_by(doc: Doc, mi: int, type_: str, window: int) -> bool:
    """A match of the type ends at most `window` tokens before match mi, in its sentence."""
    m = doc.matches[mi]
    k = mi - 1
    while k >= 0 and doc.matches[k].tok_end > m.tok_start - window - 1:
        if doc.match_sentence[k] != doc.match_sentence[mi]:
            return False
        if doc.matches[k].has(type_) and m.tok_start - doc.matches[k].tok_end < window:
            return True
        k -= 1
    return False


def _reported(doc: Doc, mi: int) -> bool:
    """The region is part of what someone said ("menyebut ... salah satunya Kabupaten X", a
    quote): the subject of a statement, not a place that took part."""
    if doc.in_quote(doc.matches[mi].start):
        return True
    sent = doc.sentences[doc.match_sentence[mi]]
    return any(
        k < mi and doc.matches[k].has("speech_before") for k in sent.speech
    )


def _elsewhere(doc: Doc, span: Span, verbs: frozenset[str] = NOT_VENUE_VERBS) -> bool:
    """The place phrase tells where something else is: "terjadi di X", "berasal dari X" (one of
    `verbs` right before its "di"/"dari"), "akan digelar di X" (a future marker)."""
    lower = doc.toks.lower
    intro = bisect_left(doc.toks.starts, span[0]) - 1  # the "di" / "dari" before the phrase
    if intro < 1:
        return False
    if lower[intro - 1] in verbs:
        return True
    return any(
        lower[k] == "akan" for k in range(max(0, intro - FUTURE_WINDOW), intro)
    )


def _about_election(doc: Doc, sent_matches: list[int], mi: int) -> bool:
    """ "Pilkada 2020 juga digelar di ...": the nearest event word before the verb is a Pilkada
    word, so the place is the election's, not the meeting's."""
    for k in reversed(sent_matches):
        if k >= mi:
            continue
        t = doc.matches[k].types
        if "meeting" in t:
            return False
        if "pilkada" in t:
            return True
    return False


def located_spans(doc: Doc, context: set[int]) -> list[Span]:
    """Places of the event outside the meeting sentences: "Kegiatan itu digelar di Hotel X",
    "bertempat di Y", and where a statement was made that day ("kata dia di Z, Senin (21/11)")."""
    toks = doc.toks
    lower, starts, n = toks.lower, toks.starts, len(toks.lower)
    locating: dict[int, list[int]] = {}  # sentence -> tokens of "di" after "bertempat"
    clean = doc.clean
    has_locating = "ertempat di" in clean or "erlokasi di" in clean  # skips the regex mostly
    for found in _LOCATING_RE.finditer(clean) if has_locating else ():
        locating.setdefault(doc.sent_index.find(found.start()), []).append(
            bisect_left(starts, found.start(1))
        )
    out: list[Span] = []
    for sent in doc.sentences[:LEAD_SENTENCES]:
        if not (sent.event or sent.speech or sent.index in locating):
            continue
        if sent.index in context or sent.is_title or sent.planned or sent.other_meeting:
            continue
        intros: dict[int, bool] = {k: False for k in locating.get(sent.index, ())}
        verbs = [mi for mi in sent.speech if "speech_after" in doc.matches[mi].types]
        if sent.event:
            verbs += [mi for mi in sent.matches if "event" in doc.matches[mi].types]
        for mi in verbs:
            m = doc.matches[mi]
            event = "event" in m.types
            if event and _about_election(doc, sent.matches, mi):
                continue
            window = m.tok_end + LOCATE_WINDOW * (1 if event else 2)
            for k in range(m.tok_end, min(window, n)):
                if lower[k] == "di":
                    intros[k] = intros.get(k, True) and not event
                    break
        if not intros:
            continue
        first, last = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        days = (
            {starts[k] for k in range(first, last) if lower[k] in _WEEKDAYS}
            if any(intros.values())
            else set()
        )
        for a, b in venue_spans(doc, [sent], days):
            di = bisect_left(starts, a) - 1
            if di not in intros:
                continue
            if intros[di]:  # a statement's place counts when that day follows it
                nxt = bisect_left(starts, b)
                if nxt >= last or lower[nxt] not in _WEEKDAYS:
                    continue
            out.append((a, b))
    return out


def explicit_codes(doc: Doc, gaz: Gazetteer, positions: list[PositionMention]) -> list[str]:
    """Codes the article names unambiguously (Kabupaten X, Bupati X), in text order; they settle
    bare mentions of the same name elsewhere."""
    hints = {pm.region_mi: pm.info.level for pm in positions if pm.region_mi is not None}
    out: list[str] = []
    for mi, m in enumerate(doc.matches):
        if "region" not in m.types:
            continue
        for p in m.of("region"):
            name: RegionName = p.value
            code = None
            if name.explicit or len(name.codes) == 1:
                code = name.codes[0] if len(name.codes) == 1 else None
            elif hints.get(mi) in ("province", "regency", "city"):
                code = gaz.resolve(name.codes, hints[mi], [])
            if code and code not in out:
                out.append(code)
    return out


def meeting_regions(
    doc: Doc,
    gaz: Gazetteer,
    positions: list[PositionMention],
    kept: set[int],
    context: set[int],
    venues: list[Span],
    datelines: list[Span],
    organiser: Organiser,
    mode: str | None,
    preferred: list[str],
) -> list[RegionMention]:
    """RegionMentions by role (venue, convening, attending), most specific per role."""
    attached = {pm.region_mi: pm for pm in positions if pm.region_mi is not None}
    found: dict[tuple[str, str], Span] = {}
    anchored: set[str] = set()  # named through an office or institution, not only a place name

    def add(code: str | None, role: str, span: Span, office: bool = False) -> None:
        if code and code in gaz.regions:
            found.setdefault((code, role), span)
            if office:
                anchored.add(code)

    def code_of(mi: int, default: str | None = None) -> str | None:
        payload = doc.matches[mi].of("region")[0]
        pm = attached.get(mi)
        if payload.case == "needs_prefix" and pm is None:
            return None
        hint = pm.info.level if pm and pm.info.level in ("province", "regency", "city") else None
        codes = payload.value.codes
        if len(codes) == 1:
            return codes[0]
        # One sense per article: a bare name already read as the venue means that place again.
        return gaz.resolve(codes, hint, [c for c, _ in found] + preferred, default)

    region_mis = [mi for mi, m in enumerate(doc.matches) if "region" in m.types]
    venues = [v for v in venues if not _elsewhere(doc, v)]
    located = [v for v in located_spans(doc, context) if not _elsewhere(doc, v)]
    phrase_of: dict[int, Span] = {}  # region match -> the venue phrase holding it
    for mi in region_mis:
        start = doc.matches[mi].start
        phrase = next((v for v in located if v[0] <= start < v[1]), None)
        if phrase is None and doc.match_sentence[mi] in context:
            phrase = next((v for v in venues if v[0] <= start < v[1]), None)
        if phrase is not None:
            phrase_of[mi] = phrase
    last_of = {phrase: mi for mi, phrase in phrase_of.items()}  # an address ends at its widest
    for mi, phrase in phrase_of.items():
        m = doc.matches[mi]
        code = code_of(mi, "city")
        anchor = code_of(last_of[phrase], "city") if last_of[phrase] != mi else None
        if code and anchor and gaz.province_of(code) != gaz.province_of(anchor):
            continue  # "Mega Kuningan, Jakarta Selatan": a district named like a far regency
        add(code, "venue", (m.start, m.end))
    venues = [v for v in venues if doc.sent_index.find(v[0]) in context] + located
    _add_places(doc, venues, datelines, region_mis, add)
    if organiser.region_code and organiser.position is not None:
        pm = organiser.position
        span = doc.matches[pm.region_mi] if pm.region_mi is not None else doc.matches[pm.mi]
        add(organiser.region_code, "convening", (span.start, span.end), office=True)
    for pm in positions:
        if pm.region_code is None or pm.former or pm.parent_unit:
            continue
        assert pm.region_mi is not None  # a region code comes from a region match
        if _preceded_by(doc, pm.region_mi, "pilkada", ELECTION_WINDOW):
            continue
        convener = organiser.region_code
        if (
            pm.kind in SECURITY_KINDS
            and convener
            and convener != pm.region_code
            and gaz.contains(pm.region_code, convener)
        ):
            continue  # Kabinda Sulsel at Makassar's meeting: the upper echelon, not Sulsel
        if pm.mi in kept or (pm.kind == "collective" and pm.sentence in context):
            m = doc.matches[pm.region_mi]
            add(pm.region_code, "attending", (m.start, m.end), office=True)
    for mi in region_mis:
        m = doc.matches[mi]
        if mi in attached or doc.match_sentence[mi] not in context:
            continue
        if any(a <= m.start < b for a, b in venues + datelines):
            continue
        if _preceded_by(doc, mi, "scope", SCOPE_WINDOW) or _preceded_by(
            doc, mi, "pilkada", ELECTION_WINDOW
        ):
            continue
        if _reported(doc, mi) or (
            m.tok_start > 0
            and doc.toks.lower[m.tok_start - 1] in ("di", "dari")
            and _elsewhere(doc, (m.start, m.end), NOT_ATTENDING_VERBS)
        ):
            continue
        add(code_of(mi), "attending", (m.start, m.end))
    unnamed = {  # levels of the kept offices that name no region ("Pjs Walikota menghadiri")
        pm.info.level for pm in positions if pm.mi in kept and pm.region_mi is None
    }
    _add_dateline(doc, gaz, found, datelines, venues, mode, region_mis, code_of, unnamed)
    return _most_specific(gaz, found, anchored)


def _add_places(
    doc: Doc,
    venues: list[Span],
    datelines: list[Span],
    region_mis: list[int],
    add: Callable[..., None],
) -> None:
    """Kecamatan and desa names in a venue phrase, inside a region the phrase or the dateline
    names ("Ecovention Ancol, Jakarta" -> Jakarta Utara)."""
    if not venues:
        return
    around = [
        (doc.matches[mi].start, doc.matches[mi].payloads[0].value.codes)
        for mi in region_mis
        if doc.matches[mi].payloads[0].type == "region"
    ]
    for a, b in venues:
        scope = {c for start, codes in around for c in codes if a <= start < b}
        scope |= {
            c for start, codes in around for c in codes for x, y in datelines if x <= start < y
        }
        for code, span in places_in(doc, (a, b), scope):
            add(code, "venue", span)


def _add_dateline(
    doc: Doc,
    gaz: Gazetteer,
    found: dict[tuple[str, str], Span],
    datelines: list[Span],
    venues: list[Span],
    mode: str | None,
    region_mis: list[int],
    code_of: Callable[..., str | None],
    unnamed: set[str],
) -> None:
    """The dateline city counts as where the meeting was, when the text names a venue (or no
    region at all) and the meeting was not followed from elsewhere by video. When the venue
    phrase names a region elsewhere, the dateline town counts only for an office of its level
    that names no region of its own (the town's Pjs Walikota at a meeting in Jakarta)."""
    if not datelines or (found and not venues):
        return
    for a, b in datelines:
        for mi in region_mis:
            m = doc.matches[mi]
            if not a <= m.start < b:
                continue
            code = code_of(mi, "city")
            if code is None:
                continue
            present = {c for c, _ in found}
            placed = [c for c, role in found if role == "venue"]
            if (
                placed
                and not any(gaz.contains(p, code) for p in placed)
                and gaz.level(code) not in unnamed
            ):
                return  # the venue is elsewhere, and no office here is the dateline town's
            if (
                mode in ("virtual", "hybrid")
                and code not in present
                and any(gaz.contains(p, code) and p != code for p in present)
            ):
                return
            found.setdefault((code, "venue"), (m.start, m.end))
            return


def _most_specific(
    gaz: Gazetteer, found: dict[tuple[str, str], Span], anchored: set[str]
) -> list[RegionMention]:
    """Drop a region when a region inside it has the same role (Bali when Nusa Dua), unless
    an office of its own takes part (Gubernur Sumut beside Bupati Langkat)."""
    out = []
    for (code, role), (start, end) in sorted(found.items(), key=lambda kv: kv[1]):
        finer = code not in anchored and any(
            r == role and c != code and gaz.contains(code, c) for (c, r) in found
        )
        if not finer:
            out.append(RegionMention(code, role, start, end))
    return out
