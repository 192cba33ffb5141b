"""The officials of a regency/city, a province or the ministries who attend meetings."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from benchmarks.synth.dates import COVID_START
from benchmarks.synth.draws import pick, rand_int
from benchmarks.synth.names import KOREM, person_name
from benchmarks.synth.places import Place, bare_name


@dataclass(slots=True)
class Person:
    position: str  # "Kapolres Sleman"
    rank: str  # "AKBP" or ""
    name: str  # "" for a collective ("para camat se-Kabupaten Sleman")
    first: str
    kind: str  # DESIGN.md institution_kind
    ref: str  # short title for later mentions: "Kapolres"

    def full(self) -> str:
        return " ".join(p for p in (self.position, self.rank, self.name) if p)


def _kodim(code: str) -> str:
    h = int(code.replace(".", ""))
    return f"{(h * 7) % 9 + 1:02d}{(h * 13) % 37 + 1:02d}"


def local_officials(
    rng: random.Random, p: Place, cycle: int, d: dt.date, province_name: str = ""
) -> list[Person]:
    """The officials of a regency or city who may attend or speak at a meeting."""
    s = p.short
    city = p.level == "city"

    def named(position: str, rank: str, kind: str, ref: str) -> Person:
        name, first = person_name(rng)
        return Person(position, rank, name, first, kind, ref)

    head_prefix = pick(rng, ("Pj ", "Pj. ", "")) if cycle in (2018, 2024) else ""
    if cycle == 2020 and rng.random() < 0.2:
        head_prefix = "Pjs "
    head = p.head
    people = [
        named(f"{head_prefix}{head} {bare_name(p.full)}", "", "Pemda", head),
        named(f"Sekda {s}", "", "Pemda", "Sekda"),
        named(
            f"{'Kapolresta' if city and rng.random() < 0.4 else 'Kapolres'} {s}",
            "Kombes Pol" if city and rng.random() < 0.3 else "AKBP",
            "Polri",
            "Kapolres",
        ),
        named(
            f"Dandim {_kodim(p.code)}/{bare_name(p.full)}",
            pick(rng, ("Letkol Inf", "Letkol Inf", "Letkol Arh", "Letkol Kav", "Letkol Czi")),
            "TNI",
            "Dandim",
        ),
        named(
            pick(rng, (f"Kajari {s}", f"Kepala Kejaksaan Negeri {s}")), "", "Kejaksaan", "Kajari"
        ),
        named(f"Ketua KPU {s}", "", "KPU", "Ketua KPU"),
        named(f"Ketua Bawaslu {s}", "", "Bawaslu", "Ketua Bawaslu"),
        named(
            pick(rng, (f"Kaban Kesbangpol {s}", f"Kepala Badan Kesbangpol {s}")),
            "",
            "Pemda",
            "Kaban Kesbangpol",
        ),
    ]
    extras: list[tuple] = [
        (f"Ketua DPRD {s}", "DPRD", "Ketua DPRD"),
        (f"Ketua FKUB {s}", "Tokoh Masyarakat", "Ketua FKUB"),
        (f"Kasat Pol PP {s}", "Pemda", "Kasat Pol PP"),
        (f"Ketua Pengadilan Negeri {s}", "Pengadilan", "Ketua PN"),
        (f"para camat se-{p.full}", "Pemda", None),
        ("perwakilan partai politik pengusung pasangan calon", "Parpol", None),
        ("tokoh agama dan tokoh masyarakat", "Tokoh Masyarakat", None),
    ]
    if not city:
        extras.append(("sejumlah kepala desa", "Pemda", None))
    if cycle == 2020 and d >= COVID_START:
        extras.append((f"Juru Bicara Satgas Covid-19 {s}", "Satgas Covid-19", "Jubir Satgas"))
    if province_name:  # a province's unit at a regency meeting: the province is no meeting region
        extras.append((f"Kabinda {province_name}", "BIN", "Kabinda"))
    for position, kind, ref in rng.sample(extras, rand_int(rng, 0, min(3, len(extras)))):
        # named officials, or collectives ("para camat ...") that name a kind but no person
        people.append(
            named(position, "", kind, ref) if ref else Person(position, "", "", "", kind, "")
        )
    return people


def province_officials(rng: random.Random, p: Place, cycle: int) -> list[Person]:
    s = p.short

    def named(position: str, rank: str, kind: str, ref: str) -> Person:
        name, first = person_name(rng)
        return Person(position, rank, name, first, kind, ref)

    prefix = pick(rng, ("Pj ", "")) if cycle in (2018, 2024) else ""
    korem = f"{(int(p.code) * 3) % 90 + 10:03d}/{pick(rng, KOREM)}"
    people = [
        named(f"{prefix}Gubernur {s}", "", "Pemda", "Gubernur"),
        named(f"Sekda Provinsi {s}", "", "Pemda", "Sekda"),
        named(f"Kapolda {s}", "Irjen Pol", "Polri", "Kapolda"),
        named(f"Danrem {korem}", pick(rng, ("Brigjen TNI", "Kolonel Inf")), "TNI", "Danrem"),
        named(f"Kajati {s}", "", "Kejaksaan", "Kajati"),
        named(f"Kabinda {s}", "Brigjen TNI", "BIN", "Kabinda"),
        named(f"Ketua KPU Provinsi {s}", "", "KPU", "Ketua KPU"),
        named(f"Ketua Bawaslu Provinsi {s}", "", "Bawaslu", "Ketua Bawaslu"),
    ]
    if rng.random() < 0.3:
        people.append(named(f"Ketua DPRD Provinsi {s}", "", "DPRD", "Ketua DPRD"))
    return people


def national_officials(rng: random.Random) -> list[Person]:
    def named(position: str, rank: str, kind: str, ref: str) -> Person:
        name, first = person_name(rng)
        return Person(position, rank, name, first, kind, ref)

    people = [
        named("Dirjen Politik dan Pemerintahan Umum Kemendagri", "", "Kemendagri", "Dirjen"),
        named(
            "Deputi Bidang Koordinasi Politik Dalam Negeri Kemenko Polhukam",
            "",
            "Kemenko Polhukam",
            "Deputi",
        ),
        named("Anggota KPU RI", "", "KPU", "anggota KPU"),
        named("Anggota Bawaslu RI", "", "Bawaslu", "anggota Bawaslu"),
    ]
    if rng.random() < 0.4:
        people.append(named("Anggota DKPP", "", "DKPP", "anggota DKPP"))
    if rng.random() < 0.5:
        people.append(named("Asisten Operasi Kapolri", "Irjen Pol", "Polri", "Asops Kapolri"))
    return people
