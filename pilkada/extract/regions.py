"""Gazetteer of provinces and kab/kota with generated name variants, and region disambiguation."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from pilkada import vocabularies
from pilkada.extract.lexicons import Lexicons
from pilkada.extract.model import RegionMention
from pilkada.extract.phrases import Payload, PhraseIndex
from pilkada.extract.places import places_in

if TYPE_CHECKING:
    from pilkada.extract.document import Doc
    from pilkada.extract.meeting import Organiser
    from pilkada.extract.participants import PositionMention

Span = tuple[int, int]

_PREFIX_RE = re.compile(
    r"^(kabupaten administrasi|kota administrasi|kabupaten|kota|provinsi)\s+", re.IGNORECASE
)
_SPELLINGS = (("Sumatera", "Sumatra"), ("Palangkaraya", "Palangka Raya"), ("Kep.", "Kepulauan"))


@dataclass(frozen=True)
class Region:
    """One official region."""

    code: str
    name: str
    level: str  # province | regency | city
    province_code: str


@dataclass(frozen=True)
class RegionName:
    """A gazetteer payload: the regions a name may denote, and whether its level is explicit."""

    codes: tuple[str, ...]
    explicit: bool  # "Kabupaten X", "Kota X", "Provinsi X", or a name only one region has


def _bare(name: str) -> str:
    return _PREFIX_RE.sub("", name).strip()


def _variants(name: str) -> set[str]:
    out = {name}
    for a, b in _SPELLINGS:
        for v in list(out):
            if a in v:
                out.add(v.replace(a, b))
            if b in v:
                out.add(v.replace(b, a))
    return out


class Gazetteer:
    """Region names with level prefixes, short forms, abbreviations and landmarks."""

    def __init__(self, regions: pd.DataFrame, lex: Lexicons) -> None:
        self.regions: dict[str, Region] = {}
        for row in regions.itertuples(index=False):
            code = str(row.code).strip()
            self.regions[code] = Region(
                code, str(row.name).strip(), str(row.level).strip(), str(row.province_code).strip()
            )
        self.names: dict[str, set[str]] = {}  # bare name -> codes
        self.prefixed: dict[str, set[str]] = {}  # "kabupaten x" etc. -> codes
        alt_of: dict[str, list[str]] = {}
        for row in regions.itertuples(index=False):
            alts = row.alt_names
            if isinstance(alts, float) and math.isnan(alts):
                alts = ""
            alt_of[str(row.code).strip()] = [a.strip() for a in str(alts or "").split("|") if a]
        for code, reg in self.regions.items():
            for full in [reg.name, *alt_of.get(code, [])]:
                for name in _variants(full):
                    self._add_region_name(code, reg.level, name)
        for row in lex.province_short_forms:
            self._add(self.names, row["short"], row["region_code"])
            self._add(self.prefixed, "Provinsi " + row["short"], row["region_code"])
            self._add(self.prefixed, "Prov " + row["short"], row["region_code"])
        for row in lex.regency_abbreviations:
            self._add(self.names, row["abbr"], row["region_code"])
        self.landmarks = {row["place"]: row["region_code"] for row in lex.landmarks}
        self.needs_prefix = lex.needs_prefix

    def _add(self, table: dict[str, set[str]], name: str, code: str) -> None:
        if code in self.regions:
            table.setdefault(name, set()).add(code)

    def _add_region_name(self, code: str, level: str, name: str) -> None:
        bare = _bare(name)
        if level == "province":
            self._add(self.names, bare, code)
            for p in ("Provinsi", "Prov", "Propinsi"):
                self._add(self.prefixed, f"{p} {bare}", code)
            if bare.lower().startswith(("daerah khusus", "daerah istimewa")):
                self._add(self.prefixed, name, code)
        elif level == "regency":
            self._add(self.names, bare, code)
            for p in ("Kabupaten", "Kab", "Kab.", "Kabupaten Administrasi"):
                self._add(self.prefixed, f"{p} {bare}", code)
        else:
            self._add(self.names, bare, code)
            self._add(self.names, f"{bare} Kota", code)  # Polres Madiun Kota
            for p in ("Kota", "Kota Administrasi"):
                self._add(self.prefixed, f"{p} {bare}", code)

    def add_to(self, index: PhraseIndex) -> None:
        """Put every name into a phrase index (payload type "region")."""
        for name, codes in self.prefixed.items():
            index.add(name, Payload("region", RegionName(tuple(sorted(codes)), True)))
        for name, codes in self.names.items():
            explicit = len(codes) == 1
            case = "exact" if name.isupper() and len(name) <= 4 else "cap"
            if name.lower() in self.needs_prefix:
                case = "needs_prefix"
            index.add(name, Payload("region", RegionName(tuple(sorted(codes)), explicit), case))
        for place, code in self.landmarks.items():
            if code in self.regions:
                index.add(place, Payload("region", RegionName((code,), True), "cap"))

    def level(self, code: str) -> str:
        """The level of a code."""
        return self.regions[code].level

    def contains(self, outer: str, inner: str) -> bool:
        """Whether region `inner` lies in (or is) region `outer`."""
        if outer == inner:
            return True
        reg = self.regions.get(inner)
        return reg is not None and reg.province_code == outer and outer != inner

    def resolve(
        self,
        codes: tuple[str, ...],
        hint: str | None,
        preferred: list[str],
        default: str | None = None,
    ) -> str:
        """Pick one code: by the level a position implies, then by the article's explicit
        mentions, then the default level (a dateline names a city), then province > regency >
        city."""
        if len(codes) == 1:
            return codes[0]
        if hint:
            at_level = [c for c in codes if self.regions[c].level == hint]
            if hint == "regency" and not at_level:
                at_level = [c for c in codes if self.regions[c].level == "city"]
            if len(at_level) == 1:
                return at_level[0]
        for c in preferred:
            if c in codes:
                return c
        if default:
            at_default = [c for c in codes if self.regions[c].level == default]
            if len(at_default) == 1:
                return at_default[0]
        order = {"province": 0, "regency": 1, "city": 2}
        return sorted(codes, key=lambda c: (order.get(self.regions[c].level, 3), c))[0]


SECURITY_KINDS = vocabularies.institution_group("security")
_LOCATING_RE = re.compile(r"\b(?:[Bb]ertempat|[Bb]erlokasi) (di)\b")  # "bertempat di Hotel ..."
LEAD_SENTENCES = 12  # news tells where and when in its lead; later places are background
LOCATE_WINDOW = 3  # tokens between an event verb ("digelar", "berlangsung") and its "di"
_WEEKDAYS = frozenset(day.lower() for day in vocabularies.weekday_names())
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
    from pilkada.extract.meeting import venue_spans  # meeting imports this module

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
    located = located_spans(doc, context)
    for mi in region_mis:
        m = doc.matches[mi]
        if (doc.match_sentence[mi] in context and any(a <= m.start < b for a, b in venues)) or any(
            a <= m.start < b for a, b in located
        ):
            add(code_of(mi, "city"), "venue", (m.start, m.end))
    venues = [v for v in venues if doc.sent_index.find(v[0]) in context] + located
    _add_places(doc, venues, datelines, region_mis, add)
    if organiser.region_code and organiser.position is not None:
        pm = organiser.position
        span = doc.matches[pm.region_mi] if pm.region_mi is not None else doc.matches[pm.mi]
        add(organiser.region_code, "convening", (span.start, span.end), office=True)
    for pm in positions:
        if pm.region_code is None or pm.former or pm.parent_unit:
            continue
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
        add(code_of(mi), "attending", (m.start, m.end))
    _add_dateline(doc, gaz, found, datelines, venues, mode, region_mis, code_of)
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
) -> None:
    """The dateline city counts as where the meeting was, when the text names a venue (or no
    region at all) and the meeting was not followed from elsewhere by video."""
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
