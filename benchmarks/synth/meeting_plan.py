"""Meetings planned (one per convening region and day) and made the same for every report."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from benchmarks.synth.dates import COVID_START, CYCLE_WEIGHTS, CYCLES, WINDOW
from benchmarks.synth.draws import pick, rand_int
from benchmarks.synth.names import WORDS
from benchmarks.synth.officials import (
    Person,
    local_officials,
    national_officials,
    province_officials,
)
from benchmarks.synth.places import Gazetteer, Place, bare_name
from benchmarks.synth.wording import AFFINITY, AGENDA, FGD_THEMES, INDIRECT, QUOTES, THEMES
from pilkada import vocabularies


@dataclass(slots=True)
class MeetingPlan:
    """What every report of one meeting shares; decided in the plan pass."""

    spec_id: int
    cycle: int
    date: dt.date
    date_known: bool
    level: str  # regency | city | province | national
    place: Place | None  # convening region (None for national)
    variant: str  # national: jakarta | city | virtual ; else ""
    venue_place: Place | None  # national city venue
    mode: str | None
    n_reports: int


@dataclass
class MeetingDetails:
    """The meeting itself, made the same way for every report (seeded by the meeting)."""

    convener: str
    convener_kind: str
    mtype: str
    mname: str  # "rapat koordinasi (rakor) kesiapan Pilkada Serentak 2020"
    short: str  # "rakor"
    theme: str  # "kesiapan"
    theme_topic: str | None
    venue: str
    venue_codes: list[str]
    chair: Person
    people: list[Person]
    directives: list[tuple[int, str, int, int]]  # (speaker index, topic, quote, indirect)
    agenda: list[str]
    attending: list[Place | None]  # per report: None = the convener's own report
    k: int
    kec: int
    title_base: int
    p: int
    x: int


def _venue_local(rng: random.Random, p: Place, convener_kind: str) -> str:
    w = pick(rng, WORDS)
    options = [
        f"Pendopo {p.full}",
        f"Ruang Rapat {w} Setda {p.short}",
        f"Aula Mapolres {p.short}",
        f"Ruang Command Center Setda {p.short}",
        f"Hotel {pick(rng, ('Grand ', 'Griya ', ''))}{w} {p.short}",
        f"Aula Kantor KPU {p.short}",
    ]
    if convener_kind == "Polri":
        return pick(rng, options[2:3] * 3 + options)
    if convener_kind == "KPU":
        return pick(rng, options[5:6] * 3 + options)
    if p.level == "city":
        options.append(f"Balai Kota {bare_name(p.full)}")
    return pick(rng, options)


def meeting_details(seed: int, plan: MeetingPlan, gz: Gazetteer) -> MeetingDetails:
    rng = random.Random(seed * 7919 + plan.spec_id * 104729 + 17)
    cycle, d, place = plan.cycle, plan.date, plan.place
    covid = cycle == 2020 and d >= COVID_START
    theme, theme_topic = pick(rng, THEMES)
    if plan.level == "national":
        people = national_officials(rng)
        convener_kind = "Kemendagri" if rng.random() < 0.75 else "Kemenko Polhukam"
        chair = people[0] if convener_kind == "Kemendagri" else people[1]
        convener = (
            "Kementerian Dalam Negeri (Kemendagri)"
            if convener_kind == "Kemendagri"
            else ("Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan (Kemenko Polhukam)")
        )
        mtype = "rakornas" if plan.mode != "virtual" else "vidcon"
        mname = (
            f"rapat koordinasi nasional (rakornas) {theme} Pilkada Serentak {cycle}"
            if mtype == "rakornas"
            else f"rapat koordinasi virtual {theme} Pilkada Serentak {cycle}"
        )
        short = "rakornas" if mtype == "rakornas" else "rakor"
        if plan.variant == "jakarta" and gz.jakarta is not None:
            venue = pick(
                rng, (f"Hotel {pick(rng, WORDS)} Jakarta", "Gedung Sasana Bhakti Praja, Jakarta")
            )
            venue_codes = [gz.jakarta.code]
        elif plan.variant == "city" and plan.venue_place is not None:
            venue = f"Hotel {pick(rng, ('Grand ', ''))}{pick(rng, WORDS)}, {plan.venue_place.full}"
            venue_codes = [plan.venue_place.code]
        else:
            venue, venue_codes = "", []
    elif plan.level == "province":
        assert place is not None
        people = province_officials(rng, place, cycle)
        roll = rng.random()
        idx = 0 if roll < 0.7 else 2 if roll < 0.85 else 6 if roll < 0.93 else 7
        chair = people[idx]
        convener_kind = chair.kind
        convener = {
            "Pemda": f"Pemerintah {place.full} ({place.gov})",
            "Polri": f"Polda {place.short}",
            "KPU": f"KPU Provinsi {place.short}",
            "Bawaslu": f"Bawaslu Provinsi {place.short}",
        }[convener_kind]
        mtype = pick(rng, ("rakor", "rakor", "rakornis")) if plan.mode != "virtual" else "vidcon"
        mname = {
            "rakor": f"rapat koordinasi (rakor) {theme} Pilkada Serentak {cycle}",
            "rakornis": f"rapat koordinasi teknis (rakornis) {theme} Pilkada Serentak {cycle}",
            "vidcon": f"rakor {theme} Pilkada Serentak {cycle} melalui video conference",
        }[mtype]
        short = "rakornis" if mtype == "rakornis" else "rakor"
        cap = gz.capital.get(place.code)
        if cap is not None and rng.random() < 0.8:
            venue = f"Gedung {pick(rng, WORDS)} Kantor Gubernur {place.short}, {cap.full}"
            venue_codes = [place.code, cap.code]
        else:
            venue = f"Aula Kantor Gubernur {place.short}"
            venue_codes = [place.code]
    else:
        assert place is not None
        people = local_officials(rng, place, cycle, d, gz.province_names.get(place.province, ""))
        roll = rng.random()
        if roll < 0.55:
            chair = people[0] if rng.random() < 0.6 else people[1]
            convener = f"Pemerintah {place.full} ({place.gov})"
        elif roll < 0.70:
            chair = people[2]
            convener = f"Polres {place.short}"
        elif roll < 0.80:
            chair = people[5]
            convener = f"KPU {place.short}"
        elif roll < 0.90:
            chair = people[6]
            convener = f"Bawaslu {place.short}"
        else:
            chair = people[7]
            convener = f"Badan Kesbangpol {place.short}"
        convener_kind = chair.kind
        if plan.mode == "virtual":
            mtype = "vidcon"
        elif convener_kind == "Bawaslu" and rng.random() < 0.7:
            mtype = "fgd"
        elif (
            convener_kind in ("Pemda", "Polri") and plan.mode == "in_person" and rng.random() < 0.2
        ):
            mtype = "coffee"
        else:
            mtype = pick(rng, ("rakor", "rakor", "rakor", "rakornis", "lintas"))
        if mtype == "fgd":
            theme, theme_topic = pick(rng, FGD_THEMES)
        if mtype == "lintas":
            theme, theme_topic = "pengamanan", "security"
        mname = {
            "rakor": f"rapat koordinasi (rakor) {theme} Pilkada Serentak {cycle}",
            "rakornis": f"rapat koordinasi teknis (rakornis) {theme} Pilkada Serentak {cycle}",
            "lintas": f"rapat koordinasi lintas sektoral pengamanan Pilkada Serentak {cycle}",
            "fgd": f"focus group discussion (FGD) {theme} menjelang Pilkada Serentak {cycle}",
            "coffee": f"coffee morning Forkopimda jelang Pilkada Serentak {cycle}",
            "vidcon": f"rakor {theme} Pilkada Serentak {cycle} secara virtual",
        }[mtype]
        short = {"fgd": "FGD", "coffee": "coffee morning", "rakornis": "rakornis"}.get(
            mtype, "rakor"
        )
        venue = _venue_local(rng, place, convener_kind)
        venue_codes = [place.code]
    # directives: speakers with names, topics by affinity, no topic twice
    speakers = [i for i, person in enumerate(people) if person.name]
    used: set[str] = set()
    directives: list[tuple[int, str, int, int]] = []
    chair_idx = people.index(chair)
    order = [chair_idx] + rng.sample(speakers, len(speakers))
    for si in order[: rand_int(rng, 2, 5)]:
        options = [
            t
            for t in AFFINITY.get(people[si].kind, ("coordination",))
            if t not in used and (covid or t != "health_protocol")
        ]
        if not options:
            continue
        topic = pick(rng, options)
        used.add(topic)
        directives.append(
            (si, topic, rng.randrange(len(QUOTES[topic])), rng.randrange(len(INDIRECT[topic])))
        )
    agenda_pool = [t for t in AGENDA if covid or t != "health_protocol"]
    agenda = rng.sample(agenda_pool, pick(rng, (0, 0, 1, 1, 2)))
    # attending regions, one per report (distinct); the first report is the convener's own
    attending: list[Place | None] = [None] * plan.n_reports
    if plan.level == "province" and place is not None:
        pool = gz.by_province.get(place.code, [])
        picks = rng.sample(pool, min(len(pool), plan.n_reports))
        for j in range(1, plan.n_reports):
            if j - 1 < len(picks) and rng.random() < 0.6:
                attending[j] = picks[j - 1]
    elif plan.level == "national":
        picks = rng.sample(gz.locals, min(len(gz.locals), plan.n_reports))
        for j in range(plan.n_reports):
            if plan.variant == "virtual" or (j > 0 and rng.random() < 0.6):
                attending[j] = picks[j % len(picks)]
    return MeetingDetails(
        convener,
        convener_kind,
        mtype,
        mname,
        short,
        theme,
        theme_topic,
        venue,
        venue_codes,
        chair,
        people,
        directives,
        agenda,
        attending,
        rng.randrange(150, 2500),
        rng.randrange(5, 40),
        rng.randrange(60),
        rng.randrange(70, 86),
        rng.randrange(5, 60),
    )


def plan_meetings(
    rng: random.Random, n_meeting: int, group_share: float, gz: Gazetteer
) -> tuple[list[MeetingPlan], list[tuple[int, int]]]:
    """Meetings (distinct by convening region and day) and the (meeting, member) of each report."""
    target_grouped = round(n_meeting * group_share)
    sizes: list[int] = []
    grouped = 0
    while grouped < target_grouped and n_meeting - grouped >= 2:
        size = min(rand_int(rng, 2, 4), n_meeting - grouped)
        if size < 2:
            break
        sizes.append(size)
        grouped += size
    sizes += [1] * (n_meeting - grouped)
    taken: set[tuple[str, dt.date]] = set()
    plans: list[MeetingPlan] = []
    reports: list[tuple[int, int]] = []
    for spec_id, size in enumerate(sizes):
        cycle = rng.choices(CYCLES, CYCLE_WEIGHTS)[0]
        lo, hi = WINDOW[cycle]
        span = (hi - lo).days + 1
        roll = rng.random()
        level = "national" if roll < 0.04 else "province" if roll < 0.22 else "local"
        if level == "province" and not gz.provinces:
            level = "local"
        for _attempt in range(30):
            d = lo + dt.timedelta(days=rng.randrange(span))
            if d.weekday() == 6 or (d.weekday() == 5 and rng.random() < 0.8):
                d -= dt.timedelta(days=2)  # Friday (a window never starts on a weekend)
            variant, venue_place, place = "", None, None
            if level == "national":
                variant = rng.choices(("jakarta", "virtual", "city"), (0.35, 0.45, 0.2))[0]
                if variant == "jakarta" and gz.jakarta is None:
                    variant = "virtual"
                if variant == "city":
                    venue_place = pick(rng, gz.locals)
                key = (f"national-{variant}", d)
            else:
                place = pick(rng, gz.provinces if level == "province" else gz.locals)
                key = (place.code, d)
            if key not in taken:
                break
        taken.add(key)
        covidish = cycle == 2020 and d >= COVID_START
        if variant == "virtual":
            mode = "virtual"
        elif level == "national":  # a national meeting at a named venue
            mode = rng.choices(("in_person", "hybrid"), (0.8, 0.2))[0]
        else:
            weights = (
                (0.45, 0.35, 0.15, 0.05)
                if covidish
                else ((0.78, 0.07, 0.10, 0.05) if cycle == 2024 else (0.88, 0.02, 0.03, 0.07))
            )
            mode = rng.choices((*vocabularies.values("mode"), None), weights)[0]
            if mode is None and (size > 1 or level != "local"):
                mode = "in_person"  # an unstated mode only for single local reports
        date_known = size > 1 or rng.random() >= 0.03
        plans.append(
            MeetingPlan(
                spec_id,
                cycle,
                d,
                date_known,
                (place.level if place is not None else "national")
                if level != "province"
                else "province",
                place,
                variant,
                venue_place,
                mode,
                size,
            )
        )
        reports.extend((spec_id, j) for j in range(size))
    return plans, reports
