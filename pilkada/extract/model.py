"""What the extractor returns for one article (the interface other modules depend on)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class MeetingReport:
    """The meeting an article reports, as that article tells it."""

    meeting_date: dt.date | None = None
    date_evidence: str | None = None
    title: str | None = None
    meeting_type: str | None = None  # rakor, rakornas, rakornis, fgd, coffee_morning, ...
    mode: str | None = None  # in_person | virtual | hybrid
    venue: str | None = None
    convening_level: str | None = None  # national | province | regency | city
    convening_region_code: str | None = None
    election_year: int | None = None


@dataclass
class RegionMention:
    """A meeting region with its role and the span of text that names it."""

    region_code: str
    role: str  # venue | convening | attending
    evidence_start: int
    evidence_end: int


@dataclass
class Participant:
    """An institution or official that organised, chaired, spoke at or attended the meeting."""

    person_name: str | None
    position: str | None
    rank: str | None
    institution: str | None
    institution_kind: str
    region_code: str | None
    role: str  # chair | speaker | attendee
    evidence_start: int
    evidence_end: int


@dataclass
class Directive:
    """One topic of one statement or instruction made at the meeting."""

    issuer_name: str | None
    issuer_position: str | None
    issuer_institution_kind: str | None
    topic: str
    text: str
    evidence_start: int
    evidence_end: int


@dataclass
class ArticleExtraction:
    """Everything read from one article; lists are empty when it is not a meeting report."""

    is_meeting: bool
    meeting: MeetingReport | None = None
    regions: list[RegionMention] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
