"""Date expressions of Indonesian news and the year inference for dates without a year.

Forms: `Jumat (2/10)`, `Rabu(08/07/2020)`, `Jumat, (18 /9)`, `Senin, 4 Mei 2015`,
`Kamis 20 Juni 2024`, `(04/05)`, `27 Februari 2020`, and page date lines such as
`Kamis, 27 Februari 2020 - 16:56 WIB` or `27-09-2016 20:11`. A day and month without a year
take the year that makes the weekday right, trying the publication year, then the election
year named in the text and the year before it; a weekday that no candidate year satisfies makes
the date untrusted (None). A written four-digit year is not re-inferred: when the weekday
disagrees with it, the written date stands and the clash is recorded (`weekday_clash`), unless
that date lies after the page's own date.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from pilkada import vocabularies
from pilkada.extract.lexicons import load_lexicons
from pilkada.extract.phrases import Tokens


@dataclass(frozen=True)
class DateMention:
    """A date expression: its span and its parts (year/weekday may be missing)."""

    start: int
    end: int
    day: int
    month: int
    year: int | None
    weekday: int | None  # Monday = 0
    form: str  # weekday_numeric | weekday_month | numeric | day_month | weekday_only
    full_year: bool = False  # the year was written with four digits


def _alternation(table: dict) -> tuple[str, dict[str, int]]:
    lookup: dict[str, int] = {}
    for num, names in table.items():
        for name in names:
            lookup[name.lower()] = int(num)
    words = sorted(lookup, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words), lookup


class DateFinder:
    """Date patterns, anchored on weekday and month tokens so a text is not scanned by a large
    alternation at every character."""

    def __init__(self) -> None:
        cal = load_lexicons().calendar
        self.waves: dict[int, dt.date] = vocabularies.election_days()
        _, self.weekdays = _alternation(cal["weekdays"])
        mon, self.months = _alternation(cal["months"])
        self.date_words = frozenset(self.weekdays) | frozenset(self.months)
        sep = r"\s*[/\-.]\s*"
        self.after_weekday = re.compile(
            rf"\s*,?\s*(?:"
            rf"\(\s*(?P<a_d>\d{{1,2}}){sep}(?P<a_m>\d{{1,2}})(?:{sep}(?P<a_y>\d{{4}}|\d{{2}}))?"
            rf"(?!\d)\s*\)?"
            rf"|(?P<b_d>\d{{1,2}})\s*/\s*(?P<b_m>\d{{1,2}})(?:\s*/\s*(?P<b_y>\d{{4}}|\d{{2}}))?(?!\d)"
            rf"|(?:tanggal\s+)?(?P<c_d>\d{{1,2}})\s+(?P<c_mon>{mon})\b\.?(?:\s+(?P<c_y>\d{{4}}))?"
            rf")?",
            re.IGNORECASE,
        )
        self.paren = re.compile(r"\(\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}|\d{2}))?\s*\)")
        self.dashed = re.compile(r"(?<!\d)(\d{1,2})-(\d{1,2})-(\d{4})\s+\d{1,2}[:.]\d{2}")
        self.time_after = re.compile(r",?\s*[-–]?\s*\d{1,2}[:.]\d{2}")
        self.relative_days = {
            name: int(n) for n, names in cal["relative_days"].items() for name in names
        }
        self.relative_re = re.compile(
            r"\b("
            + "|".join(re.escape(k) for k in sorted(self.relative_days, key=len, reverse=True))
            + r")\b",
            re.IGNORECASE,
        )

    def relative(self, sentence: str, published: dt.date) -> tuple[dt.date, str] | None:
        """ "hari ini", "pagi ini", "kemarin" in a sentence, given the publication date."""
        m = self.relative_re.search(sentence)
        if m is None:
            return None
        days = self.relative_days[m.group(1).lower()]
        return published - dt.timedelta(days=days), m.group(1)

    @staticmethod
    def _year(raw: str | None) -> int | None:
        if not raw:
            return None
        y = int(raw)
        return 2000 + y if y < 100 else y

    def find(self, text: str, toks: Tokens) -> list[DateMention]:
        """Every date expression in the text (`toks` are its tokens)."""
        out: list[DateMention] = []
        weekdays, months = self.weekdays, self.months
        lower, starts, ends = toks.lower, toks.starts, toks.ends
        covered: set[int] = set()
        n = len(lower)
        date_words = self.date_words
        for i in range(n):  # a plain loop: as fast as compress interpreted, faster compiled
            w = lower[i]
            if w not in date_words:
                continue
            if w in weekdays and text[starts[i] : starts[i] + 1].isupper():
                weekday = weekdays[w]
                m = self.after_weekday.match(text, ends[i])
                g = m.groupdict() if m else {}
                if g.get("a_d"):
                    parts = (g["a_d"], g["a_m"], g["a_y"], "weekday_numeric")
                elif g.get("b_d"):
                    parts = (g["b_d"], g["b_m"], g["b_y"], "weekday_numeric")
                elif g.get("c_d"):
                    parts = (g["c_d"], months.get(g["c_mon"].lower()), g["c_y"], "weekday_month")
                else:
                    out.append(DateMention(starts[i], ends[i], 0, 0, None, weekday, "weekday_only"))
                    continue
                assert m is not None  # a group matched
                end = m.end()
                covered.update(range(starts[i], end))
                self._add(out, starts[i], end, parts, weekday)
            elif w in months and i > 0 and lower[i - 1].isdigit() and len(lower[i - 1]) <= 2:
                if starts[i - 1] in covered or text[ends[i - 1] : starts[i]].strip():
                    continue
                year = (
                    lower[i + 1]
                    if i + 1 < n
                    and len(lower[i + 1]) == 4
                    and lower[i + 1].isdigit()
                    and not text[ends[i] : starts[i + 1]].strip(" .")
                    else None
                )
                end = ends[i + 1] if year else ends[i]
                self._add(
                    out, starts[i - 1], end, (lower[i - 1], months[w], year, "day_month"), None
                )
        for m in self.paren.finditer(text):
            if m.start() not in covered and m.start() + 1 not in covered:
                self._add(
                    out, m.start(), m.end(), (m.group(1), m.group(2), m.group(3), "numeric"), None
                )
        out.sort(key=lambda d: d.start)
        return out

    def _add(
        self, out: list[DateMention], start: int, end: int, parts: tuple, weekday: int | None
    ) -> None:
        try:
            day, month, year = int(parts[0]), int(parts[1] or 0), self._year(parts[2])
        except (TypeError, ValueError):
            return
        if 1 <= day <= 31 and 1 <= month <= 12:
            full = bool(parts[2]) and len(str(parts[2])) == 4
            out.append(DateMention(start, end, day, month, year, weekday, parts[3], full))

    def page_date(self, text: str, toks: Tokens, head: int = 700) -> dt.date | None:
        """A publication date printed near the top (a date with a clock time, or alone on its
        line), or None."""
        lower, starts, ends = toks.lower, toks.starts, toks.ends
        candidates: list[tuple[int, int, dt.date | None]] = []
        in_head = bisect_left(starts, head)  # tokens starting before `head`
        months = self.months
        for i in range(in_head):
            w = lower[i]
            if w not in months:
                continue
            month = months[w]
            if (
                i > 0
                and lower[i - 1].isdigit()
                and i + 1 < len(lower)
                and len(lower[i + 1]) == 4
                and lower[i + 1].isdigit()
            ):
                candidates.append(
                    (
                        starts[i - 1],
                        ends[i + 1],
                        make_date(int(lower[i + 1]), month, int(lower[i - 1])),
                    )
                )
            elif (
                i + 2 < len(lower)
                and lower[i + 1].isdigit()
                and len(lower[i + 2]) == 4
                and (lower[i + 2].isdigit())
            ):
                candidates.append(
                    (starts[i], ends[i + 2], make_date(int(lower[i + 2]), month, int(lower[i + 1])))
                )
        for m in self._dashed(text, min(len(text), head)):
            candidates.append(
                (
                    m.start(),
                    m.start() + len(m.group(0).split()[0]),
                    make_date(int(m.group(3)), int(m.group(2)), int(m.group(1))),
                )
            )
        for start, end, date in sorted(candidates, key=lambda c: c[0]):
            if date is None:
                continue
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line = text[line_start : len(text) if line_end < 0 else line_end]
            alone = len(line.strip()) <= end - start + 25
            if alone or self.time_after.match(text, end):
                return date
        return None

    def _dashed(self, text: str, end: int) -> list[re.Match[str]]:
        """`self.dashed.finditer(text, 0, end)`, tried only where a match can begin: one or two
        characters before a dash."""
        out: list[re.Match[str]] = []
        match = self.dashed.match
        last = 0  # the end of the last match
        dash = text.find("-", 0, end)
        while dash >= 0:
            for start in (dash - 2, dash - 1):
                if start >= last:
                    m = match(text, start, end)
                    if m is not None:
                        out.append(m)
                        last = m.end()
            dash = text.find("-", dash + 1, end)
        return out

    @staticmethod
    def election_years(toks: Tokens, pilkada_tokens: list[int]) -> list[int]:
        """Years written within a few words after a Pilkada word, most frequent first."""
        counts: Counter[int] = Counter()
        lower = toks.lower
        for i in pilkada_tokens:
            for k in range(i, min(i + ELECTION_YEAR_WINDOW, len(lower))):
                w = lower[k]
                if len(w) == 4 and w.isdigit() and w.startswith("20"):
                    counts[int(w)] += 1
                    break
        return [y for y, _ in counts.most_common()]

    def election_wave(self, named: list[int], meeting_date: dt.date | None) -> int | None:
        """The Pilkada wave a meeting prepares for: a wave year the text names, else the next
        wave on or after the year it names or, failing that, on or after the meeting's day."""
        for year in named:
            if year in self.waves:
                return year
        if named:
            start = dt.date(named[0], 1, 1)
        elif meeting_date is not None:
            start = meeting_date
        else:
            return None
        upcoming = [year for year, day in sorted(self.waves.items()) if day >= start]
        return upcoming[0] if upcoming else None

    @staticmethod
    def years(toks: Tokens) -> list[int]:
        """All years in the text, most frequent first."""
        counts: dict[str, int] = {}
        for w in filter(str.isdigit, toks.lower):
            if len(w) == 4 and w[:2] in ("19", "20"):
                counts[w] = counts.get(w, 0) + 1
        return [int(y) for y, _ in sorted(counts.items(), key=lambda kv: -kv[1])]


ELECTION_YEAR_WINDOW = 6


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A date, or None when the parts do not form one."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def weekday_clash(mention: DateMention, day: dt.date | None) -> bool:
    """The mention names a weekday that its resolved day does not fall on (the written full
    date was kept: `Selasa (28/1/2017)` is a Saturday)."""
    return day is not None and mention.weekday is not None and day.weekday() != mention.weekday


def resolve(
    mention: DateMention,
    candidate_years: list[int],
    published: dt.date | None,
    not_after: dt.date | None = None,
) -> dt.date | None:
    """The calendar date a mention denotes, or None when it cannot be trusted. A written
    four-digit year stands against its weekday unless the date falls after `not_after` (the
    page's own date: a report cannot tell of a later meeting, so the year is a typo)."""

    def fits(d: dt.date | None) -> bool:
        if d is None:
            return False
        if mention.weekday is not None and d.weekday() != mention.weekday:
            return False
        return published is None or (d <= published + dt.timedelta(days=1))

    if mention.form == "weekday_only":
        if published is None or mention.weekday is None:
            return None
        back = (published.weekday() - mention.weekday) % 7
        return published - dt.timedelta(days=back)
    if mention.year is not None:
        d = make_date(mention.year, mention.month, mention.day)
        if d is not None and (mention.weekday is None or d.weekday() == mention.weekday):
            return d
        if d is not None and mention.full_year and (not_after is None or d <= not_after):
            return d  # a written four-digit year beats the weekday (`weekday_clash` tells)
        if mention.weekday is None:
            return None
    for year in candidate_years:
        d = make_date(year, mention.month, mention.day)
        if fits(d):
            return d
    return None
