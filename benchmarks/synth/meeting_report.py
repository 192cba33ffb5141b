"""One report of a planned meeting: lead, participants, directives, title, gold."""

from __future__ import annotations

import datetime as dt
import random

from benchmarks.synth.article import (
    Article,
    baca_juga,
    cap1,
    caps,
    footer,
    join_words,
    other_full,
    pad,
)
from benchmarks.synth.dates import COVID_START, ELECTION_DAY, d_long, date_phrase, pub_header
from benchmarks.synth.draws import pick, rand_int
from benchmarks.synth.meeting_plan import MeetingDetails, MeetingPlan
from benchmarks.synth.names import WORDS
from benchmarks.synth.officials import Person, local_officials
from benchmarks.synth.places import Gazetteer, Place, bare_name
from benchmarks.synth.wording import (
    AFFINITY,
    AGENDA,
    BG_FILLERS,
    HEADLINE,
    INDIRECT,
    INTRO,
    NEUTRAL_FILLERS,
    QUOTES,
    SAY,
    SAY_SELF,
    STAGES,
)


def _quote(topic: str, qi: int, m: MeetingDetails) -> str:
    return QUOTES[topic][qi].format(k=m.k, p=m.p, x=m.x, kec=m.kec)


def _directive_paragraph(
    rng: random.Random,
    person: Person,
    topic: str,
    qi: int,
    ii: int,
    m: MeetingDetails,
    first_mention: bool,
) -> str:
    who = (
        person.full()
        if first_mention
        else pick(rng, (person.first, f"{person.ref} {person.first}"))
    )
    q = _quote(topic, qi, m)
    ind = INDIRECT[topic][ii]
    form = rng.randrange(5)
    intro = pick(rng, INTRO)
    if form == 0:
        return f'{intro}{who} {ind}. "{q}," {pick(rng, SAY_SELF)}.'
    if form == 1:
        return f'"{q}," {pick(rng, SAY)} {who}.'
    if form == 2:
        return f'{intro}{who} menegaskan, "{q}."'
    if form == 3:
        return f"{intro}{who} dalam arahannya {ind}."
    return f"{intro}{who} juga {ind}. Menurutnya, hal itu penting demi kelancaran pilkada."


def _mode_sentence(rng: random.Random, mode: str | None, short: str, where: str) -> str:
    cap = short[0].upper() + short[1:]
    if mode == "virtual":
        return pick(
            rng,
            (
                f"{cap} digelar secara virtual melalui aplikasi Zoom Meeting.",
                f"{cap} berlangsung secara daring melalui video conference.",
                f"Seluruh peserta mengikuti {short} secara virtual dari kantor masing-masing.",
            ),
        )
    if mode == "hybrid":
        return pick(
            rng,
            (
                f"{cap} digelar secara hybrid; sebagian peserta hadir langsung di {where}, "
                "sebagian lainnya mengikuti secara daring.",
                f"{cap} dilaksanakan secara hybrid, luring dan daring.",
            ),
        )
    if mode == "in_person" and rng.random() < 0.3:
        return f"{cap} digelar secara tatap muka dengan peserta terbatas."
    return ""


def render_meeting(
    rng: random.Random,
    plan: MeetingPlan,
    m: MeetingDetails,
    member: int,
    gz: Gazetteer,
    stem: str,
    outlet: str,
) -> Article:
    cycle, d = plan.cycle, plan.date
    att = m.attending[member] if member < len(m.attending) else None
    same_year = d.year == cycle
    # publication: the day of the meeting or a day or two later
    published = None
    header = ""
    if plan.date_known:
        published = d + dt.timedelta(days=pick(rng, (0, 0, 0, 1, 1, 2)))
        if rng.random() < 0.3:
            header = pub_header(rng, published)
        when = date_phrase(rng, d, yearless_ok=same_year)
    else:
        when = pick(rng, ("belum lama ini", "beberapa waktu lalu", "pekan lalu"))
    place = plan.place
    where = m.venue
    venue_shown = bool(m.venue) and plan.mode in ("in_person", "hybrid")
    venue_txt = f" di {m.venue}" if venue_shown else ""
    # the convening region, and the venue's region(s) when this report says where it was
    regions: list[str] = [place.code] if place is not None else []
    if venue_shown:
        regions += m.venue_codes
    kinds: set[str] = set()
    topics: set[str] = set()
    if m.theme_topic:
        topics.add(m.theme_topic)
    # participants this report names
    others = [i for i in range(len(m.people)) if m.people[i] is not m.chair]
    keep = (
        others
        if member == 0
        else rng.sample(others, max(2, int(len(others) * rng.uniform(0.5, 0.9))))
    )
    named_first: set[int] = set()
    paras: list[str] = []
    if att is None:
        dl = (place.dateline if place is not None else "JAKARTA") or ""
        if plan.level == "national" and plan.variant == "city" and plan.venue_place is not None:
            dl = plan.venue_place.dateline
        dateline = (
            f"{dl}, {outlet.upper()} - "
            if dl and rng.random() < 0.5
            else (f"{dl} - " if dl else f"{outlet.upper()} - ")
        )
        verb = pick(rng, ("menggelar", "menyelenggarakan", "mengadakan"))
        convener = m.convener
        if place is not None and m.convener_kind == "Pemda" and rng.random() < 0.4:
            convener = place.gov
        form = rng.randrange(5)
        chair_named = form == 1
        if form == 1:
            lead = (
                f"{dateline}{m.chair.full()} memimpin {m.mname} yang digelar {convener}"
                f"{venue_txt}, {when}."
            )
        elif form == 2:
            lead = f"{dateline}{cap1(m.mname)} digelar {convener}{venue_txt}, {when}."
        elif form == 3:
            lead = (
                f"{dateline}Dalam rangka menyukseskan Pilkada Serentak {cycle}, {convener} {verb} "
                f"{m.mname}{venue_txt}, {when}."
            )
        else:
            lead = f"{dateline}{convener} {verb} {m.mname}{venue_txt}, {when}."
        ms = _mode_sentence(rng, plan.mode, m.short, where)
        paras.append(lead + (" " + ms if ms else ""))
        chair_idx = m.people.index(m.chair)
        if not chair_named:
            paras.append(
                pick(
                    rng,
                    (
                        f"{cap1(m.short)} dipimpin langsung oleh {m.chair.full()}.",
                        f"{m.chair.full()} memimpin {m.short} tersebut.",
                        f"{cap1(m.short)} dipimpin {m.chair.full()}.",
                    ),
                )
            )
        named_first.add(chair_idx)
        kinds.add(m.chair.kind)
        kinds.add(m.convener_kind)
        listed = [m.people[i] for i in keep]
        if listed:
            opener = pick(
                rng, ("Hadir dalam rapat tersebut", "Turut hadir", "Rapat dihadiri", "Tampak hadir")
            )
            paras.append(f"{opener} {join_words([p.full() for p in listed])}.")
            for i in keep:
                named_first.add(i)
                kinds.add(m.people[i].kind)
        if plan.level in ("province", "national") and rng.random() < 0.5:
            kinds.add("Pemda")  # kepala daerah / pemerintah kabupaten/kota take part
            paras.append(
                "Rapat juga diikuti para kepala daerah dan unsur Forkopimda kabupaten/kota "
                "secara daring."
                if plan.mode in ("virtual", "hybrid")
                else "Rapat juga diikuti perwakilan pemerintah kabupaten/kota penyelenggara "
                "pilkada."
            )
    else:
        # an attending region's report: its own officials take part, the chair leads from afar
        regions.append(att.code)
        local = local_officials(rng, att, cycle, d, gz.province_names.get(att.province, ""))
        head = local[0]
        party = [head] + rng.sample(local[1:8], rand_int(rng, 2, 5))
        dl = att.dateline
        dateline = (
            f"{dl}, {outlet.upper()} - "
            if dl and rng.random() < 0.5
            else (f"{dl} - " if dl else f"{outlet.upper()} - ")
        )
        level_txt = (
            "tingkat nasional"
            if plan.level == "national"
            else (f"tingkat {place.full}" if place is not None else "")
        )
        if plan.mode in ("virtual", "hybrid"):
            src = pick(
                rng,
                (
                    f"Ruang Command Center Setda {att.short}",
                    f"Ruang Rapat {pick(rng, WORDS)} Kantor {att.head} {att.short}",
                ),
            )
            lead = (
                f"{dateline}Jajaran Forkopimda {att.full} mengikuti {m.mname} {level_txt} "
                f"secara daring dari {src}, {when}."
            )
            if plan.mode == "hybrid":
                lead += (
                    f" Rapat digelar secara hybrid dengan pusat kegiatan di {m.venue}."
                    if m.venue
                    else (" Rapat digelar secara hybrid.")
                )
        else:
            lead = (
                f"{dateline}{head.full()} bersama unsur Forkopimda {att.full} menghadiri "
                f"{m.mname} {level_txt}{venue_txt}, {when}."
            )
        paras.append(lead)
        paras.append(
            f"Rapat dipimpin {m.chair.full()}"
            + (f" langsung dari {m.venue}." if m.venue and plan.mode != "virtual" else ".")
        )
        named_first.add(m.people.index(m.chair))
        kinds.add(m.chair.kind)
        paras.append(f"Dari {att.full}, rapat diikuti {join_words([p.full() for p in party])}.")
        for p in party:
            kinds.add(p.kind)
        keep = [i for i in keep if m.people[i].kind in ("KPU", "Bawaslu", "Polri")][:2]
        if keep:
            paras.append(
                f"Rapat juga menghadirkan {join_words([m.people[i].full() for i in keep])}."
            )
            for i in keep:
                named_first.add(i)
                kinds.add(m.people[i].kind)
        # the attending head's own remarks to the meeting
        pool = [
            t
            for t in AFFINITY["Pemda"]
            if t != "health_protocol" or (cycle == 2020 and d >= COVID_START)
        ]
        t = pick(rng, pool)
        local_dir = (t, rng.randrange(len(QUOTES[t])), rng.randrange(len(INDIRECT[t])), head)
    if m.agenda and (member == 0 or rng.random() < 0.5):
        items = m.agenda if member == 0 else rng.sample(m.agenda, rand_int(rng, 1, len(m.agenda)))
        agenda_txt = join_words([AGENDA[t] for t in items])
        paras.append(f"{cap1(m.short)} membahas {agenda_txt}.")
        topics.update(items)
    # directives this report quotes
    dirs = m.directives
    if member > 0:
        dirs = rng.sample(dirs, max(1, int(len(dirs) * rng.uniform(0.5, 1.0))))
        dirs.sort(key=lambda x: m.directives.index(x))
    for si, topic, qi, ii in dirs:
        person = m.people[si]
        if att is not None and si not in named_first and person is not m.chair:
            continue  # an attending report only quotes people it named
        if rng.random() < 0.3:  # the other report words the same statement differently
            qi = (qi + member) % len(QUOTES[topic])
        paras.append(
            cap1(_directive_paragraph(rng, person, topic, qi, ii, m, si not in named_first))
        )
        if rng.random() < 0.35:  # a second quote on the same point
            q2 = _quote(topic, (qi + 1) % len(QUOTES[topic]), m)
            paras.append(
                pick(
                    rng,
                    (
                        f'Ia menambahkan, "{q2}."',
                        f'"{q2}," {pick(rng, SAY_SELF)}.',
                        f"{pick(rng, ('Lebih lanjut', 'Selain itu'))}, {person.first} "
                        f'menyampaikan, "{q2}."',
                    ),
                )
            )
        named_first.add(si)
        kinds.add(person.kind)
        topics.add(topic)
    if att is not None:
        t, qi, ii, head = local_dir
        paras.append(cap1(_directive_paragraph(rng, head, t, qi, ii, m, False)))
        topics.add(t)
    # boilerplate, fillers, background
    paras.insert(min(len(paras), rand_int(rng, 2, 4)), baca_juga(rng, gz))
    region = att or place
    filler_ctx = {
        "Short": cap1(m.short),
        "head": region.head if region is not None else "kepala daerah",
        "dpt": f"{rand_int(rng, 40, 2900) * 1000 + rng.randrange(1000):,}".replace(",", "."),
        "tps": f"{rand_int(rng, 150, 6000):,}".replace(",", "."),
        "h": rand_int(rng, 2, 4),
        "Y": cycle,
        "eday": d_long(ELECTION_DAY[cycle]),
        "full": region.full if region is not None else "daerah penyelenggara",
        "k": rand_int(rng, 2, 5),
        "hh": pick(rng, ("08", "09", "10", "13")),
        "other": other_full(rng, gz),
        "p": rand_int(rng, 55, 80),
    }
    fillers = [f.format(**filler_ctx) for f in rng.sample(NEUTRAL_FILLERS, 7)]
    if rng.random() < 0.15:
        fillers.insert(0, pick(rng, BG_FILLERS).format(**filler_ctx))
    paras.extend(pad(rng, paras, fillers))
    paras.extend(footer(rng, gz, outlet, (published or d).year))
    # title
    title = meeting_title(rng, plan, m, att, member)
    if header:
        paras.insert(0, header)
    if rng.random() < 0.2:
        paras.insert(0, f"{m.chair.full()} saat memimpin {m.short}. (Foto: Humas)")
    gold = {
        "article": f"{stem}.txt",
        "is_meeting": True,
        "meeting_date": d.isoformat() if plan.date_known else None,
        "cluster": f"syn-m{plan.spec_id:07d}" if plan.n_reports > 1 else f"solo-{stem}",
        "mode": plan.mode,
        "region_codes": sorted(set(regions)),
        "institution_kinds": sorted(kinds),
        "topics": sorted(topics),
        "kind": "meeting",
    }
    return Article(title, paras, gold, outlet, published)


def meeting_title(
    rng: random.Random, plan: MeetingPlan, m: MeetingDetails, att: Place | None, member: int
) -> str:
    """A headline; the reports of one meeting take different templates."""
    y = plan.cycle
    sh = m.short.upper() if m.short == "FGD" else m.short.title()
    if att is not None:
        who = pick(
            rng, (f"Forkopimda {bare_name(att.full)}", f"{att.head} {bare_name(att.full)}", att.gov)
        )
        templates = (
            f"{who} Ikuti {sh} Pilkada Serentak {y}",
            f"{who} Ikuti Rakor Kesiapan Pilkada {y} Secara "
            + ("Daring" if plan.mode != "in_person" else "Langsung"),
            f"{att.head} {bare_name(att.full)} Ikuti Rakor Pilkada Bersama {m.chair.ref}",
        )
    else:
        place = plan.place
        gov = (
            place.gov
            if place is not None
            else ("Kemendagri" if m.convener_kind == "Kemendagri" else "Kemenko Polhukam")
        )
        what = "Coffee Morning" if m.mtype == "coffee" else f"{sh} {caps(m.theme)}"
        forum = f"Forkopimda {place.short}" if place is not None else gov
        topic = m.directives[0][1] if m.directives else "coordination"
        templates = (
            f"{gov} Gelar {what} Pilkada {y}",
            f"{m.chair.ref} {m.chair.first} Pimpin {sh} Pilkada Serentak {y}",
            f"Jelang {pick(rng, STAGES)}, {gov} Gelar {sh}",
            f"{sh} Pilkada {y}, {m.chair.ref} Minta Semua Pihak Bersinergi",
            f"{forum} Matangkan Persiapan Pilkada {y}",
            f"{sh} Pilkada {y}: {m.chair.ref} Soroti {HEADLINE[topic]}",
        )
    title = templates[(m.title_base + member) % len(templates)]
    if rng.random() < 0.1:
        title = title.lower()
    return title
