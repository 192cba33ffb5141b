"""The extractor: one article text in, one ArticleExtraction out (pure, no I/O)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pilkada.extract import dates as dates_mod
from pilkada.extract.classify import classify
from pilkada.extract.clean import BoilerplateMasker
from pilkada.extract.directives import find_directives
from pilkada.extract.document import Doc, Sentence
from pilkada.extract.gazetteer import Gazetteer
from pilkada.extract.lexicons import load_lexicons
from pilkada.extract.meeting import (
    dateline_spans,
    meeting_mode,
    meeting_type,
    organiser,
    venue_spans,
)
from pilkada.extract.model import ArticleExtraction, MeetingReport
from pilkada.extract.participants import (
    find_positions,
    resolve_position_regions,
    select_participants,
)
from pilkada.extract.phrases import Tokens
from pilkada.extract.regions import explicit_codes, meeting_regions
from pilkada.extract.vocabulary import build_index

# Date choice: a weekday-dated expression in a sentence about the meeting beats anything else.
_FORM_SCORE = {
    "weekday_numeric": 3,
    "weekday_month": 3,
    "numeric": 1,
    "day_month": 0,
    "weekday_only": 0,
}
MIN_DATE_SCORE = 3
_EVENT_TYPES = frozenset({"pilkada", "election_day", "meeting", "event"})
MEETING_NAME_TOKENS = 4  # "rakor pengamanan Pilkada": a Pilkada word this close names the meeting
PAGE_LINE = 60  # a line this short holding a date is a byline or page date, not a report
WEEKDAY_CLASH = " [weekday disagrees with the written date; the written year is kept]"
ELECTION_GAP = 80  # characters between a Pilkada word and a date that is its polling day


def _short_line(text: str, pos: int) -> bool:
    """Whether the line holding pos is short (a byline or page date)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return (len(text) if end < 0 else end) - start <= PAGE_LINE


def _points_back(doc: Doc, sent: Sentence) -> bool:
    """The sentence tells of the meeting just reported: "Acara ini berlangsung di ..." (an
    event anaphor as its subject, an event verb)."""
    return sent.event and any(doc.matches[mi].has("anaphora") for mi in sent.matches)


def pilkada_tokens(doc: Doc) -> list[int]:
    """Token positions right after each Pilkada word."""
    return [m.tok_end for m in doc.matches if "pilkada" in m.types]


class Extractor:
    """Reads Indonesian news reports of Pilkada coordination meetings."""

    def __init__(self, regions: pd.DataFrame) -> None:
        lex = load_lexicons()
        self.gazetteer = Gazetteer(regions, lex)
        self.index = build_index(lex, self.gazetteer)
        self.masker = BoilerplateMasker()
        self.dates = dates_mod.DateFinder()
        self.levels = {c: r.level for c, r in self.gazetteer.regions.items()}
        self.continuations = frozenset(w.lower() for w in lex.meeting["list_continuations"])

    @classmethod
    def from_regions(cls, regions: pd.DataFrame) -> Extractor:
        """Build from a region list: code, name, level, province_code, alt_names."""
        return cls(regions)

    def extract(
        self, text: str, title: str | None = None, published: dt.date | None = None
    ) -> ArticleExtraction:
        """Read one normalized article text (first line usually its title)."""
        clean = self.masker.mask(text)
        toks = Tokens.of(clean)
        matches = self.index.scan(toks)
        if not any("pilkada" in m.types for m in matches):
            return ArticleExtraction(is_meeting=False)  # what classify says of such a text
        doc = Doc(text, clean, self.index, self.continuations, toks, matches)
        mentions = self.dates.find(clean, doc.toks)
        dated = {doc.sent_index.find(d.start) for d in mentions if d.form != "weekday_only"}
        verdict = classify(doc, dated)
        if not verdict.is_meeting:
            return ArticleExtraction(is_meeting=False)

        context = [s for s in doc.sentences if s.meeting_context and not s.is_title]
        title_sent = doc.sentences[0] if doc.sentences and doc.sentences[0].is_title else None
        title_counts = title_sent is not None and bool(
            (title_sent.meeting and not title_sent.planned) or title_sent.cue
        )
        context_ids = {s.index for s in context}
        if title_counts and title_sent is not None:
            context_ids.add(title_sent.index)

        positions = find_positions(doc)
        preferred = explicit_codes(doc, self.gazetteer, positions)
        resolve_position_regions(doc, positions, self.gazetteer, preferred)
        participants, kept = select_participants(doc, positions, self.gazetteer, title_counts)

        date_starts = {d.start for d in mentions}
        venues = venue_spans(doc, context, date_starts)
        mode = meeting_mode(doc, context + ([title_sent] if title_sent else []), bool(venues))
        org = organiser(
            doc,
            [p for p in positions if p.mi in kept or p.kind == "collective"],
            context,
            self.levels,
        )
        regions = meeting_regions(
            doc,
            self.gazetteer,
            positions,
            kept,
            context_ids,
            venues,
            dateline_spans(doc),
            org,
            mode,
            preferred,
        )
        election_years = self.dates.election_years(doc.toks, pilkada_tokens(doc))
        meeting_date, evidence = self._meeting_date(
            doc, clean, mentions, verdict.realized, context_ids, published, election_years
        )
        report = MeetingReport(
            meeting_date=meeting_date,
            date_evidence=evidence,
            title=(title or (clean.split("\n", 1)[0].strip() or None)),
            meeting_type=meeting_type(doc, verdict.realized),
            mode=mode,
            venue=clean[venues[0][0] : venues[0][1]].strip(" ,.") if venues else None,
            convening_level=org.level,
            convening_region_code=org.region_code,
            election_year=self.dates.election_wave(election_years, meeting_date),
        )
        return ArticleExtraction(
            is_meeting=True,
            meeting=report,
            regions=regions,
            participants=participants,
            directives=find_directives(doc, positions),
        )

    def _meeting_date(
        self,
        doc: Doc,
        clean: str,
        mentions: list[dates_mod.DateMention],
        realized: list[int],
        context: set[int],
        published: dt.date | None,
        election_years: list[int] | None = None,
    ) -> tuple[dt.date | None, str | None]:
        """The day the meeting took place: the best-placed date expression whose weekday (if
        any) agrees with the year inferred for it (`election_years`: of the text, when known)."""
        realized_set = set(realized)
        scored: list[tuple[int, int, dates_mod.DateMention]] = []
        for d in mentions:
            si = doc.sent_index.find(d.start)
            if si < 0:
                continue
            sent = doc.sentences[si]
            if not sent.is_title and _short_line(clean, d.start):
                continue
            score = _FORM_SCORE[d.form]
            tells = si in realized_set or _points_back(doc, sent)
            if tells:
                score += 3
            elif si in context:
                score += 2
            elif sent.speech:
                score += 1
            if d.form == "weekday_only" and (published is None or si not in realized_set):
                continue
            if d.form == "day_month" and not tells and si not in context:
                continue
            if self._future_date(doc, sent, d):
                score -= 5
            if score >= MIN_DATE_SCORE:
                scored.append((-score, d.start, d))
        if not scored:
            return self._relative_date(doc, realized, published)
        page = self.dates.page_date(clean, doc.toks)
        years: list[int] = []
        if published is not None:
            years += [published.year, published.year - 1]
        elif page is not None:
            years.append(page.year)
        if election_years is None:
            election_years = self.dates.election_years(doc.toks, pilkada_tokens(doc))
        for y in election_years:
            years += [y, y - 1]
        years += self.dates.years(doc.toks)
        if page is not None:
            years.append(page.year - 1)
        years = list(dict.fromkeys(years))
        latest = published + dt.timedelta(days=1) if published is not None else page
        for _, _, d in sorted(scored, key=lambda t: (t[0], t[1])):
            resolved = dates_mod.resolve(d, years, published, latest)
            if resolved is not None:
                evidence = clean[d.start : d.end]
                if dates_mod.weekday_clash(d, resolved):
                    evidence += WEEKDAY_CLASH
                return resolved, evidence
        return self._relative_date(doc, realized, published)

    def _relative_date(
        self, doc: Doc, realized: list[int], published: dt.date | None
    ) -> tuple[dt.date | None, str | None]:
        """ "Rakor ... pagi ini": the publication day, when it is known."""
        if published is None:
            return None, None
        for sent in doc.sentences:
            if not (sent.index in realized or (sent.meeting and not sent.planned)):
                continue
            found = self.dates.relative(doc.body_text(sent), published)
            if found is not None:
                return found
        return None, None

    @staticmethod
    def _future_date(doc: Doc, sent: Sentence, d: dates_mod.DateMention) -> bool:
        """A date announced for later ("akan digelar pada 9 Desember", "27 November nanti"),
        or the election day itself ("pemilihan Gubernur ... pada 23 September 2020")."""
        after = doc.clean[d.end : d.end + 12].lower()
        if after.lstrip(" ,").startswith(("mendatang", "nanti", "depan")):
            return True
        if d.form == "day_month":
            # The event word governing the date: the election, or the meeting? "rakor
            # pengamanan Pilkada 2020, pada 27 April" names the meeting (Pilkada is in its name).
            events = [
                doc.matches[mi] for mi in sent.matches
                if doc.matches[mi].end <= d.start and doc.matches[mi].types & _EVENT_TYPES
            ]
            if events and d.start - events[-1].end <= ELECTION_GAP:
                last = events[-1]
                in_name = len(events) > 1 and "meeting" in events[-2].types and (
                    last.tok_start - events[-2].tok_end <= MEETING_NAME_TOKENS
                )
                if last.types & {"pilkada", "election_day"} and not (
                    last.types & {"meeting", "event"}
                ) and not in_name:
                    return True
        for mi in sent.matches:
            m = doc.matches[mi]
            if m.has("future") and m.end <= d.start and d.start - m.end <= 40:
                return True
        return False
