"""Positions (jabatan) and institutions in the text: their region, unit number, rank, name,
and which of them organised, chaired, spoke at or attended the meeting."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from pilkada import vocabularies
from pilkada.extract.document import Doc, Sentence
from pilkada.extract.gazetteer import Gazetteer, RegionName
from pilkada.extract.lexicons import load_lexicons
from pilkada.extract.model import Participant
from pilkada.extract.names import CommonWords, name_slice
from pilkada.extract.phrases import Match
from pilkada.extract.vocabulary import PositionInfo

# Text allowed between a position and the region it names: spaces, a unit number, a short
# parenthesis ("Komisi Pemilihan Umum (KPU) Kabupaten Malang", "Dandim 0819 Pasuruan").
_ATTACH_GAP = re.compile(r"^[\s()\d/.\-]*(?:\([^()\n]{1,25}\)\s*)?$")
_LIST_GAP = re.compile(r"[,;\n(]")
_UNIT_GAP = re.compile(r"^,? ?$")  # "Satbrimob Polda Jatim", "Polres Malang, Polda Jatim"
_JOINT_AREA = re.compile(r"[-/]\s?[A-Z]")
_UNIT_RE = re.compile(r"^\s+(\d{3,4})(?=\b)")
_APOSTROPHE_TAIL = re.compile(r"(?:['’][^\W\d_]+)?")  # the rest of "Asy'ari", "Ma'ruf"
# Units of a kecamatan: the word after their title is the kecamatan's name ("Kapolsek Silo").
_DISTRICT_UNITS = frozenset({"Polsek", "Koramil", "Kecamatan", "Panwascam"})
_HONORIFICS = frozenset(["h", "hj", "hm", "dr", "drs", "ir", "kh", "prof", "dra", "s", "m", "st"])
SECURITY_KINDS = vocabularies.institution_group("security")
NOT_PARTICIPANTS = frozenset({"collective", "place"})
SPEAKER_WINDOW = 12  # tokens before a speech verb in which its subject is found
ELECTION_WINDOW = 4
ROLE_RANK = {"chair": 3, "speaker": 2, "attendee": 1}
_NO_SPEAKERS: frozenset[int] = frozenset()


@dataclass
class PositionMention:
    """A position/institution match with what follows it."""

    mi: int  # match index
    info: PositionInfo
    sentence: int
    start: int
    end: int
    region_mi: int | None = None
    region_code: str | None = None
    unit: str | None = None
    former: bool = False
    parent_unit: bool = False  # "Polres Malang, Polda Jawa Timur": the unit's parent, a locator
    doc: Doc | None = field(default=None, repr=False)  # where rank and name are read, on demand
    _person: tuple[str | None, str | None, int | None] | None = field(default=None, repr=False)

    @property
    def kind(self) -> str:
        """The institution kind."""
        return self.info.kind

    @property
    def rank(self) -> str | None:
        """The rank after the position ("AKBP"), if any."""
        return self._read()[0]

    @property
    def name(self) -> str | None:
        """The person's name after the position (and rank), if any."""
        return self._read()[1]

    @property
    def name_end(self) -> int | None:
        """Where the person's name ends: the evidence runs to it."""
        return self._read()[2]

    def _read(self) -> tuple[str | None, str | None, int | None]:
        """Rank, name and name end, read once (plain properties: a cached_property locks)."""
        if self._person is None:
            doc = self.doc
            self._person = _rank_and_name(doc, self) if doc is not None else (None, None, None)
        return self._person


def find_positions(doc: Doc) -> list[PositionMention]:
    """Every position match, with the region attached to it (resolved later)."""
    out: list[PositionMention] = []
    matches = doc.matches
    document_words = _lexicon_words("document_words")
    n_matches = len(matches)
    for mi, m in enumerate(matches):
        if "position" not in m.types:
            continue
        payload = m.payloads[0]
        for p in m.payloads:  # the first position payload (a loop: no generator compiled)
            if p.type == "position":
                payload = p
                break
        pm = PositionMention(mi, payload.value, doc.match_sentence[mi], m.start, m.end)
        nxt = matches[mi + 1] if mi + 1 < n_matches else None
        if nxt is not None and "region" in nxt.types:
            gap = doc.clean[m.end : nxt.start]
            if _ATTACH_GAP.match(gap) and "\n" not in gap:
                pm.region_mi = mi + 1
        if payload.case == "needs_region" and pm.region_mi is None:
            continue
        if _word_before(doc, m) in document_words:
            continue  # "Peraturan KPU", "Surat Edaran Mendagri": a document, not the office
        unit = _UNIT_RE.match(doc.clean[m.end : m.end + 8])
        if unit:
            pm.unit = unit.group(1)
        prev = matches[mi - 1] if mi > 0 else None
        alias = (
            prev is not None and "position" in prev.types and doc.clean[prev.end : m.start] == " ("
        )
        if alias and out and out[-1].mi == mi - 1:
            pm.former = out[-1].former  # "Badan Intelijen Negara (BIN)": one mention
        for back in (1, 2):
            if (
                mi - back >= 0
                and "former" in matches[mi - back].types
                and (m.tok_start - matches[mi - back].tok_end <= 2)
            ):
                pm.former = True
        kind = payload.value.kind
        if out and kind in SECURITY_KINDS and out[-1].info.kind == kind:
            last = out[-1]
            end = matches[last.region_mi if last.region_mi is not None else last.mi].end
            pm.parent_unit = (
                last.sentence == pm.sentence
                and _UNIT_GAP.match(doc.clean[end : m.start]) is not None
            )
        pm.doc = doc
        out.append(pm)
    return out


def _rank_and_name(doc: Doc, pm: PositionMention) -> tuple[str | None, str | None, int | None]:
    """A rank right after the position (or its region), then the person's name. Capitalised
    words followed by a rank name the unit, and the person follows the rank ("Danlanud Silas
    Papare Jayapura Marsma TNI Mokh. Mukhson")."""
    toks = doc.toks
    mi = pm.region_mi if pm.region_mi is not None else pm.mi
    tok = doc.matches[mi].tok_end
    n = len(toks.lower)
    if pm.unit and tok < n and toks.lower[tok] == pm.unit:
        tok += 1
    rank_text = None
    nxt_mi = doc.tok_match.get(tok)
    if nxt_mi is not None and doc.matches[nxt_mi].has("rank"):
        rank_text = doc.clean[doc.matches[nxt_mi].start : doc.matches[nxt_mi].end]
        tok = doc.matches[nxt_mi].tok_end
    name, name_ends, slash, tok = _capitalised_run(doc, tok)
    if rank_text is None and name and tok < n:
        after = doc.tok_match.get(tok)
        if after is not None and doc.matches[after].has("region"):
            after = doc.tok_match.get(doc.matches[after].tok_end)
        if after is not None and doc.matches[after].has("rank"):
            rank = doc.matches[after]
            if not _LIST_GAP.search(doc.clean[toks.ends[tok - 1] : rank.start]):
                rank_text = doc.clean[rank.start : rank.end]
                name, name_ends, slash, tok = _capitalised_run(doc, rank.tok_end)
    if rank_text is None and pm.info.institution in _DISTRICT_UNITS and pm.region_mi is None:
        del name[:1], name_ends[:1]  # "Kapolsek Kemuning", "Danramil Pakis": the kecamatan
    while name and name[0].lower() in _HONORIFICS or "".join(name[:2]).lower() == "kh":
        name.pop(0)
        name_ends.pop(0)
    if not name:
        return rank_text, None, None
    common = doc.cache.get("common_words")
    if common is None:
        common = doc.cache["common_words"] = CommonWords(doc.clean)
    found = name_slice(name, common, slash)
    if not found:
        return rank_text, None, None
    tail = _APOSTROPHE_TAIL.match(doc.clean, name_ends[found[1] - 1])
    assert tail is not None  # the pattern matches the empty string
    end = tail.end()  # Asy'ari
    written = doc.clean[name_ends[found[0]] - len(name[found[0]]) : end]  # "George E. Supit"
    if doc.sentences[pm.sentence].is_title and written not in doc.clean[
        doc.sentences[pm.sentence].end :
    ]:
        return rank_text, None, None  # a headline capitalises its verbs: the body confirms names
    return rank_text, written, end


def _capitalised_run(doc: Doc, tok: int) -> tuple[list[str], list[int], bool, int]:
    """Up to five capitalised words from token `tok`: the words, their ends, whether a slash
    follows the first ("Pangdam I/BB"), and the token where the run stopped."""
    toks = doc.toks
    n = len(toks.lower)
    name: list[str] = []
    name_ends: list[int] = []
    slash = False
    prev_end = toks.ends[tok - 1] if tok > 0 else 0
    clean, starts, ends, tok_match = doc.clean, toks.starts, toks.ends, doc.tok_match
    while tok < n and len(name) < 5:
        start = starts[tok]
        if start - prev_end > 3:
            break
        gap = clean[prev_end:start]
        if "\n" in gap or "," in gap or "(" in gap or ":" in gap:
            break
        if "/" in gap:  # "Pangdam I/BB", "Dandim 0808/BS": a command, never inside a name
            slash = len(name) == 1
            break
        word = clean[start : ends[tok]]
        if tok in tok_match or not (word[:1].isupper() or word.lower() in _HONORIFICS):
            break
        name.append(word)
        name_ends.append(ends[tok])
        prev_end = ends[tok]
        tok += 1
    return name, name_ends, slash, tok


def resolve_position_regions(
    doc: Doc, positions: list[PositionMention], gaz: Gazetteer, preferred: list[str]
) -> None:
    """Give each position the code of its attached region."""
    for pm in positions:
        if pm.region_mi is None:
            continue
        name: RegionName = doc.matches[pm.region_mi].of("region")[0].value
        hint = pm.info.level if pm.info.level in ("province", "regency", "city") else None
        if pm.kind in SECURITY_KINDS and hint != "province":
            hint = None  # Polresta, Kodim, Kejari serve a regency or a city whatever their name
        after = doc.matches[pm.region_mi].end
        if pm.kind in SECURITY_KINDS and _JOINT_AREA.match(doc.clean, after):
            continue  # "Kodim 0818 Malang-Batu": a unit over several regions names none
        pm.region_code = gaz.resolve(name.codes, hint, preferred)


def speakers(doc: Doc, sent: Sentence, by_match: dict[int, PositionMention]) -> list[int]:
    """Match indices of the positions a sentence attributes speech to (cached per sentence)."""
    cache = doc.cache.setdefault("speakers", {})
    if sent.index not in cache:
        cache[sent.index] = _speakers(doc, sent, by_match) if sent.speech else []
    return cache[sent.index]


def _speakers(doc: Doc, sent: Sentence, by_match: dict[int, PositionMention]) -> list[int]:
    out: list[int] = []
    for si in sent.speech:
        verb = doc.matches[si]
        before = verb.has("speech_before")
        for mi in sent.matches:
            if mi not in by_match:
                continue
            m = doc.matches[mi]
            if before and verb.tok_start - SPEAKER_WINDOW <= m.tok_start < verb.tok_start:
                if not doc.in_quote(m.start) or doc.in_quote(verb.start):
                    out.append(mi)
            elif not before and verb.tok_end <= m.tok_start < verb.tok_end + 8:
                out.append(mi)
                break
        if out:
            break
    return out


def _addressee_token(doc: Doc, sent: Sentence) -> int:
    """Token where the addressees of an appeal begin in a sentence ("kepada ..."), or a
    sentinel past its end."""
    for mi in sent.matches:
        o = doc.matches[mi]
        if "addressee" in o.types:
            return o.tok_start
    return 1 << 30


def _chair(doc: Doc, sent: Sentence, mi: int, by_match: dict[int, PositionMention]) -> bool:
    """The position is the agent of "dipimpin (oleh) X" or the nearest subject of "X memimpin"."""
    m = doc.matches[mi]
    for ci in sent.matches:
        c = doc.matches[ci]
        if "chair" not in c.types:
            continue
        if doc.toks.lower[c.tok_start].startswith("di"):
            if c.tok_end <= m.tok_start < c.tok_end + 6:
                nearer = [
                    k
                    for k in sent.matches
                    if k in by_match and c.tok_end <= doc.matches[k].tok_start < m.tok_start
                ]
                if not nearer:
                    return True
        elif c.tok_start - 10 <= m.tok_start < c.tok_start:
            nearer = [
                k
                for k in sent.matches
                if k in by_match and m.tok_start < doc.matches[k].tok_start < c.tok_start
            ]
            if not nearer:
                return True
    return False


_OFFICE_LIST_RE = re.compile(r"^(?:[\s,/]|\bdan\b|\bserta\b|\batau\b|\bwakil\b)*$", re.I)


def _is_head(m: Match) -> bool:
    """A head of a regional government (Gubernur, Bupati, Wali Kota and their deputies)."""
    if "position" not in m.types:
        return False
    for p in m.payloads:  # a plain loop: this runs for every position of a meeting sentence
        if p.type == "position":
            info = p.value
            if info.institution == "Pemerintah" and info.level in _HEAD_LEVELS:
                return True
    return False


_HEAD_LEVELS = frozenset(vocabularies.values("region_level"))  # the heads of these governments


def _elected_office(doc: Doc, mi: int) -> bool:
    """ "pemilihan Gubernur, Bupati, dan Wali Kota", "pasangan calon Wali Kota dan Wakil Wali
    Kota": offices being elected or run for, not officials."""
    cur = doc.matches[mi]
    if not _is_head(cur):
        return False
    candidates = _lexicon_words("candidate_words")
    k = mi - 1
    while True:
        if _word_before(doc, cur) in candidates:
            return True
        if k < 0 or doc.matches[mi].tok_start - doc.matches[k].tok_end >= 2 * ELECTION_WINDOW:
            return False
        prev = doc.matches[k]
        if not _OFFICE_LIST_RE.match(doc.clean[prev.end : cur.start]):
            return False
        if prev.has("pilkada"):
            return True
        if not _is_head(prev):
            return False
        cur = prev
        k -= 1


def _word_before(doc: Doc, m: Match) -> str:
    """The token just before a match, lower case ("" at the start)."""
    return doc.toks.lower[m.tok_start - 1] if m.tok_start > 0 else ""


@functools.cache
def _lexicon_words(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load_lexicons().meeting[key])


def regional_governments(doc: Doc, sent: Sentence) -> list[tuple[int, int]]:
    """Spans of "<number> daerah" (the regional governments taking part), in a sentence."""
    toks = doc.toks
    lower, starts = toks.lower, toks.starts
    out = []
    k = bisect_left(starts, sent.start) + 1
    end = bisect_left(starts, sent.end)
    while k < end:
        try:
            k = lower.index("daerah", k, end)
        except ValueError:
            break
        if lower[k - 1].isdigit():
            out.append((starts[k - 1], toks.ends[k]))
        k += 1
    return out


def select_participants(
    doc: Doc, positions: list[PositionMention], gaz: Gazetteer, title_counts: bool
) -> tuple[list[Participant], set[int]]:
    """Participants of the meeting and the match indices of the positions kept."""
    by_match = {pm.mi: pm for pm in positions if not pm.former}
    kept: dict[int, str] = {}
    in_context = [sent.meeting_context for sent in doc.sentences]  # a property: read once
    for sent in doc.sentences:
        context = in_context[sent.index] or (sent.is_title and title_counts)
        spoken = set(speakers(doc, sent, by_match)) if sent.speech else _NO_SPEAKERS
        if not context and not spoken:
            continue
        addressees = _addressee_token(doc, sent) if context else 0
        has_chair: bool | None = None  # computed at the first position of the sentence
        for mi in sent.matches:
            pm = by_match.get(mi)
            if pm is None or _elected_office(doc, mi):
                continue
            if has_chair is None:
                has_chair = any("chair" in doc.matches[ci].types for ci in sent.matches)
            chair = has_chair and _chair(doc, sent, mi, by_match)
            if mi in spoken:
                role = "chair" if chair else "speaker"
            elif context and doc.matches[mi].tok_start < addressees:
                role = "chair" if chair else "attendee"
            else:
                continue
            if ROLE_RANK[role] > ROLE_RANK.get(kept.get(mi, ""), 0):
                kept[mi] = role
    out: list[Participant] = []
    seen: dict[tuple, int] = {}
    for sent in doc.sentences:
        if in_context[sent.index]:
            for start, end in regional_governments(doc, sent)[:1]:
                out.append(
                    Participant(
                        None,
                        doc.clean[start:end],
                        None,
                        "Pemerintah Daerah",
                        "Pemda",
                        None,
                        "attendee",
                        start,
                        end,
                    )
                )
    for mi in sorted(kept):
        pm = by_match[mi]
        if pm.kind in NOT_PARTICIPANTS:
            continue
        region_name = gaz.regions[pm.region_code].name if pm.region_code else None
        institution: str | None
        if pm.unit:
            institution = f"{pm.info.institution} {pm.unit}"
        elif region_name:
            institution = f"{pm.info.institution} {region_name}"
        else:
            institution = pm.info.institution or None
        position = doc.clean[pm.start : pm.end]
        rank, name, name_end = pm._read()
        # One row per person: a name is the person; without one, the office is.
        key = ("name", name.lower()) if name else (pm.kind, institution, position.lower())
        part = Participant(
            name,
            position,
            rank,
            institution,
            pm.kind,
            pm.region_code,
            kept[mi],
            pm.start,
            name_end or pm.end,
        )
        if key in seen:
            old = out[seen[key]]
            if ROLE_RANK[part.role] > ROLE_RANK[old.role]:
                out[seen[key]] = part
            continue
        seen[key] = len(out)
        out.append(part)
    return out, set(kept)
