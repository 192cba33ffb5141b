"""A deterministic generator of a synthetic news corpus at scale, with gold labels (issue #6).

`generate(n, out_dir, seed=...)` writes `n` plain-text articles (first line the title, a blank
line, the body) in shards of 1000 files (`out_dir/000/000123.txt`), a `manifest.csv` (file, url,
outlet, published_date) and a `gold.jsonl` in the DESIGN.md gold format (plus a `kind` field).
The same seed gives the same bytes.

**Every text is invented.** Regions and their Kemendagri codes come from the official list and
the election days of the Pilkada serentak are real; every name of a person, outlet, venue,
kecamatan and unit number is made up from syllables, and so are quotes, figures and events.

The mix (shares configurable with `mix=`): meeting reports (rakor, FGD, coffee morning, vidcon;
in person, virtual or hybrid; convened by a regency/city, a province or a ministry), a share of
them in groups of 2-4 articles reporting the same meeting in other words (different outlets,
titles, date forms, participants, quotes; province and national meetings also seen from an
attending regency); near misses (apel, press statements, campaign news, meetings announced for
the future, Pilkades, inflation or stunting rakor, Pemilu-only rakor, vote counts, launches);
off-topic news. Gold labels follow the DESIGN.md reading rules: a regency meeting's region is
the regency; a province meeting names the province, the capital when the venue is there, and the
attending regency when one reports it; unit names (`Kabinda Jawa Timur`), "Baca Juga" links and
background mentions are not meeting regions; kinds are those of the named participants; topics
are those of the directives and agenda items the article states.

Speed: one plain-Python pass, one `open().write()` per file, no per-file heavy work: about
0.3 ms an article with the write (100k articles in ~35 s on a busy 2-core machine).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

SYNTH_VERSION = 1
SHARD_SIZE = 1000
DEFAULT_SEED = 2024
DEFAULT_MIX = {"meeting": 0.55, "near_miss": 0.25, "off_topic": 0.20}
DEFAULT_GROUP_SHARE = 0.10

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")  # date.weekday() order
BULAN = (
    "",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

# Election day of each Pilkada serentak, and the window in which meetings preparing it are held.
ELECTION_DAY = {
    2015: dt.date(2015, 12, 9),
    2017: dt.date(2017, 2, 15),
    2018: dt.date(2018, 6, 27),
    2020: dt.date(2020, 12, 9),
    2024: dt.date(2024, 11, 27),
}
WINDOW = {
    2015: (dt.date(2015, 3, 2), dt.date(2015, 12, 8)),
    2017: (dt.date(2016, 6, 1), dt.date(2017, 2, 14)),
    2018: (dt.date(2017, 8, 1), dt.date(2018, 6, 26)),
    2020: (dt.date(2019, 9, 2), dt.date(2020, 12, 8)),
    2024: (dt.date(2023, 6, 1), dt.date(2024, 11, 26)),
}
CYCLES = (2015, 2017, 2018, 2020, 2024)
CYCLE_WEIGHTS = (0.12, 0.12, 0.16, 0.30, 0.30)
COVID_START = dt.date(2020, 3, 15)
ALL_YEARS = (dt.date(2015, 1, 1), dt.date(2024, 12, 31))

# Provincial capitals (the city the governor's office is in), looked up by name in the region list.
CAPITALS = {
    "11": "Banda Aceh",
    "12": "Medan",
    "13": "Padang",
    "14": "Pekanbaru",
    "15": "Jambi",
    "16": "Palembang",
    "17": "Bengkulu",
    "18": "Bandar Lampung",
    "19": "Pangkal Pinang",
    "21": "Tanjung Pinang",
    "32": "Bandung",
    "33": "Semarang",
    "35": "Surabaya",
    "36": "Serang",
    "51": "Denpasar",
    "52": "Mataram",
    "53": "Kupang",
    "61": "Pontianak",
    "62": "Palangka Raya",
    "64": "Samarinda",
    "71": "Manado",
    "72": "Palu",
    "73": "Makassar",
    "74": "Kendari",
    "75": "Gorontalo",
    "81": "Ambon",
    "91": "Jayapura",
}
NO_PROVINCE_MEETING = {"31", "34"}  # DKI and DIY: used as places, not as convening provinces


# --- names: small syllable generators ---------------------------------------------------------


def _w(text: str, sep: str | None = None) -> tuple[str, ...]:
    """A word list written as one string."""
    return tuple(text.split(sep))


_FIRST_A = _w(
    "Ag Ar Bam Bud Dar Dw Ek Fa Gun Har Hen Ir Jok Kus Lu Mar Nur Pur Rah Ri Sap Sur Ti Wah Wid "
    "Yud Yu Den Ros Sit An De In Re Ma Su Ra Sa Fir Han Il Nov"
)
_FIRST_B = ("a", "i", "u", "o", "e", "ya", "wa", "di", "ri", "sa", "ma", "na", "", "", "")
_FIRST_C = _w(
    "to no di man yanto wati sih ni ti ah an ar ono ardi ansyah ra ka dy us at ida ul as ina"
)
_LAST_A = _w(
    "Pra Su Hida Seti Wija Kur Nugr Sapu Hara Lub Sire Nasu Panj Sima Situ Rama Sant Kusu Wibo "
    "Gun Purn Hand Iska Mahe Sula Tamb Rus Hal Ardi Firm"
)
_LAST_B = _w(
    "yat anto awan ya ono oho tra is gar tion mpul tupang dhan sa wo ma ndar di man sah lana wan"
)
_PREFIX_NAMES = ("Ahmad", "Muhammad", "Abdul", "Siti", "Nur", "Sri", "Dewi", "Putu", "Made")
_BALI = ("I Wayan", "I Made", "I Nyoman", "I Ketut", "I Gusti Ngurah", "Ni Luh")
_TITLES = (", S.H.", ", S.Sos.", ", M.Si.", ", S.IP.", ", M.M.", "")

_WORDS = _w(
    (
        "Sembada|Mawar|Cendana|Garuda|Merah Putih|Nusantara|Bhakti|Wijaya|Praja|Pancasila|"
        "Melati|Anggrek|Kenanga|Sakti|Candra|Mandala|Utama|Widya|Loka|Sasana|Graha|Abdi|"
        "Manunggal|Rajawali|Cakra"
    ),
    "|",
)
_PLACE_A = _w(
    "Karang Sumber Tanjung Sido Kali Bukit Suka Mekar Tegal Pasir Wono Ngadi Jati Batu Sungai "
    "Air Pulo Rawa"
)
_PLACE_B = _w(
    "sari mulyo jaya rejo agung harjo makmur asri baru wangi indah luhur tengah raya kencana"
)
_OUTLET_A = _w(
    "Warta Kabar Suara Portal Media Berita Info Radar Jurnal Harian Lintas Sorot Gema Fokus"
)
_OUTLET_B = _w(
    "Nusa Daerah Rakyat Kita Satu Timur Raya Pagi Senja Publik Merdeka Terkini Utama Kini"
)
_KOREM = ("Wira", "Bhaskara", "Pamungkas", "Dharma", "Santiaji", "Wijaya", "Satya", "Baladhika")


_FIRST = tuple(a + b + c for a in _FIRST_A for b in _FIRST_B for c in _FIRST_C)
_LAST = tuple(a + b for a in _LAST_A for b in _LAST_B)


def _c(rng: random.Random, seq):
    """rng.choice, about three times faster (the generator draws ~100 choices an article)."""
    return seq[int(rng.random() * len(seq))]


def _ri(rng: random.Random, low: int, high: int) -> int:
    """rng.randint(low, high), faster."""
    return low + int(rng.random() * (high - low + 1))


def _first_name(rng: random.Random) -> str:
    return _c(rng, _FIRST)


def _person_name(rng: random.Random) -> tuple[str, str]:
    """A full name and the name the article calls the person by."""
    roll = rng.random()
    first = _first_name(rng)
    if roll < 0.08:
        name = f"{_c(rng, _BALI)} {first}"
    elif roll < 0.25:
        name = f"{_c(rng, _PREFIX_NAMES)} {first}"
    elif roll < 0.40:
        name = first
    else:
        name = f"{first} {_c(rng, _LAST)}"
    if rng.random() < 0.05:
        name += _c(rng, _TITLES)
    return name, first


# --- regions ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Place:
    """A region as the articles write it."""

    code: str
    level: str  # province | regency | city
    short: str  # after a unit title: "Kapolres Sleman", "Kabinda Jawa Timur"
    full: str  # "Kabupaten Sleman", "Kota Malang", "Provinsi Jawa Timur"
    gov: str  # "Pemkab Sleman", "Pemkot Malang", "Pemprov Jawa Timur"
    head: str  # "Bupati", "Wali Kota", "Gubernur"
    province: str
    dateline: str  # "SLEMAN", or "" when the short name is ambiguous


@dataclass
class Gazetteer:
    """The places the generator uses, from the official region list."""

    locals: list[Place]  # regencies and cities
    provinces: list[Place]  # provinces that convene meetings
    by_province: dict[str, list[Place]]
    capital: dict[str, Place]
    jakarta: Place | None
    shorts: set[str] = field(default_factory=set)
    province_names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_frame(cls, regions: pd.DataFrame) -> Gazetteer:
        code_col = "region_code" if "region_code" in regions.columns else "code"
        rows = [
            (str(c).strip(), str(n).strip(), str(lv).strip())
            for c, n, lv in zip(regions[code_col], regions["name"], regions["level"], strict=True)
        ]
        bare_names: dict[str, int] = {}
        for _code, name, _level in rows:
            bare = _bare(name)
            bare_names[bare] = bare_names.get(bare, 0) + 1
        locals_: list[Place] = []
        provinces: list[Place] = []
        by_code: dict[str, Place] = {}
        by_name: dict[str, Place] = {}
        for code, name, level in rows:
            if "." in name or "Administrasi" in name:
                continue  # abbreviations and DKI's administrative cities read badly in prose
            bare = _bare(name)
            ambiguous = bare_names[bare] > 1
            if level == "province":
                place = Place(
                    code,
                    level,
                    bare,
                    f"Provinsi {bare}",
                    f"Pemprov {bare}",
                    "Gubernur",
                    code,
                    "" if ambiguous else bare.upper(),
                )
                if code not in NO_PROVINCE_MEETING:
                    provinces.append(place)
            else:
                city = level == "city"
                full = f"Kota {bare}" if city else f"Kabupaten {bare}"
                place = Place(
                    code,
                    level,
                    full if ambiguous else bare,
                    full,
                    f"{'Pemkot' if city else 'Pemkab'} {bare}",
                    "Wali Kota" if city else "Bupati",
                    code.split(".")[0],
                    "" if ambiguous else bare.upper(),
                )
                if not code.startswith("31"):
                    locals_.append(place)
                by_name[full.lower()] = place
            by_code[code] = place
        if not locals_:
            raise ValueError("the region list has no regency or city to write about")
        by_province: dict[str, list[Place]] = {}
        for place in locals_:
            by_province.setdefault(place.province, []).append(place)
        capital = {}
        for prov, city in CAPITALS.items():
            for variant in (city, city.replace(" ", "")):
                found = by_name.get(f"kota {variant}".lower())
                if found is not None:
                    capital[prov] = found
                    break
        for prov in provinces:  # a province's news is datelined from its capital
            cap = capital.get(prov.code)
            prov.dateline = cap.dateline if cap is not None else ""
        jakarta = by_code.get("31")
        if jakarta is not None:
            jakarta = Place(
                "31",
                "province",
                "Jakarta",
                "Jakarta",
                "Pemprov DKI Jakarta",
                "Gubernur",
                "31",
                "JAKARTA",
            )
        shorts = {_bare(n).lower() for _c, n, _l in rows}
        provinces = [p for p in provinces if p.code in by_province]
        province_names = {c: n for c, n, lv in rows if lv == "province"}
        return cls(locals_, provinces, by_province, capital, jakarta, shorts, province_names)


def _bare(name: str) -> str:
    for prefix in ("Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


# --- text pieces ------------------------------------------------------------------------------


def _d_short(d: dt.date) -> str:
    return f"{HARI[d.weekday()]} ({d.day}/{d.month})"


def _d_long(d: dt.date) -> str:
    return f"{d.day} {BULAN[d.month]} {d.year}"


def date_phrase(rng: random.Random, d: dt.date, yearless_ok: bool) -> str:
    """The meeting day as Indonesian news writes it (the weekday is always right)."""
    hari = HARI[d.weekday()]
    forms = [
        f"{hari} ({d.day:02d}/{d.month:02d}/{d.year})",
        f"{hari} ({d.day}/{d.month}/{d.year})",
        f"{hari}, {_d_long(d)}",
        f"pada {_d_long(d)}",
        f"({d.day}/{d.month}/{d.year})",
    ]
    if yearless_ok:
        forms += [f"{hari} ({d.day}/{d.month})"] * 4
    return _c(rng, forms)


def pub_header(rng: random.Random, d: dt.date) -> str:
    hh, mm = rng.randrange(6, 23), rng.randrange(60)
    return _c(
        rng,
        (
            f"{HARI[d.weekday()]}, {_d_long(d)} - {hh:02d}:{mm:02d} WIB",
            f"{HARI[d.weekday()]}, {_d_long(d)} | {hh:02d}:{mm:02d} WIB",
            f"{d.day:02d}/{d.month:02d}/{d.year} {hh:02d}:{mm:02d}",
            f"Diterbitkan {HARI[d.weekday()]}, {_d_long(d)}",
        ),
    )


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + ", serta " + items[-1]


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
        name, first = _person_name(rng)
        return Person(position, rank, name, first, kind, ref)

    head_prefix = _c(rng, ("Pj ", "Pj. ", "")) if cycle in (2018, 2024) else ""
    if cycle == 2020 and rng.random() < 0.2:
        head_prefix = "Pjs "
    head = p.head
    people = [
        named(f"{head_prefix}{head} {_bare(p.full)}", "", "Pemda", head),
        named(f"Sekda {s}", "", "Pemda", "Sekda"),
        named(
            f"{'Kapolresta' if city and rng.random() < 0.4 else 'Kapolres'} {s}",
            "Kombes Pol" if city and rng.random() < 0.3 else "AKBP",
            "Polri",
            "Kapolres",
        ),
        named(
            f"Dandim {_kodim(p.code)}/{_bare(p.full)}",
            _c(rng, ("Letkol Inf", "Letkol Inf", "Letkol Arh", "Letkol Kav", "Letkol Czi")),
            "TNI",
            "Dandim",
        ),
        named(_c(rng, (f"Kajari {s}", f"Kepala Kejaksaan Negeri {s}")), "", "Kejaksaan", "Kajari"),
        named(f"Ketua KPU {s}", "", "KPU", "Ketua KPU"),
        named(f"Ketua Bawaslu {s}", "", "Bawaslu", "Ketua Bawaslu"),
        named(
            _c(rng, (f"Kaban Kesbangpol {s}", f"Kepala Badan Kesbangpol {s}")),
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
    for position, kind, ref in rng.sample(extras, _ri(rng, 0, min(3, len(extras)))):
        # named officials, or collectives ("para camat ...") that name a kind but no person
        people.append(
            named(position, "", kind, ref) if ref else Person(position, "", "", "", kind, "")
        )
    return people


def province_officials(rng: random.Random, p: Place, cycle: int) -> list[Person]:
    s = p.short

    def named(position: str, rank: str, kind: str, ref: str) -> Person:
        name, first = _person_name(rng)
        return Person(position, rank, name, first, kind, ref)

    prefix = _c(rng, ("Pj ", "")) if cycle in (2018, 2024) else ""
    korem = f"{(int(p.code) * 3) % 90 + 10:03d}/{_c(rng, _KOREM)}"
    people = [
        named(f"{prefix}Gubernur {s}", "", "Pemda", "Gubernur"),
        named(f"Sekda Provinsi {s}", "", "Pemda", "Sekda"),
        named(f"Kapolda {s}", "Irjen Pol", "Polri", "Kapolda"),
        named(f"Danrem {korem}", _c(rng, ("Brigjen TNI", "Kolonel Inf")), "TNI", "Danrem"),
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
        name, first = _person_name(rng)
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


# Topics each kind of speaker talks about.
AFFINITY = {
    "Pemda": (
        "asn_neutrality",
        "coordination",
        "budget",
        "health_protocol",
        "security",
        "voter_participation",
        "logistics",
    ),
    "Polri": ("security", "hoax_black_campaign", "money_politics", "coordination"),
    "TNI": ("security", "coordination", "hoax_black_campaign"),
    "Kejaksaan": ("regulation", "money_politics"),
    "BIN": ("security", "hoax_black_campaign"),
    "KPU": (
        "logistics",
        "voter_participation",
        "regulation",
        "campaign_materials",
        "health_protocol",
    ),
    "Bawaslu": (
        "money_politics",
        "campaign_materials",
        "asn_neutrality",
        "regulation",
        "hoax_black_campaign",
    ),
    "DPRD": ("budget", "coordination"),
    "Tokoh Masyarakat": ("hoax_black_campaign", "coordination"),
    "Satgas Covid-19": ("health_protocol",),
    "Kemendagri": ("asn_neutrality", "budget", "coordination", "health_protocol", "regulation"),
    "Kemenko Polhukam": ("security", "coordination", "hoax_black_campaign"),
    "DKPP": ("regulation",),
    "Pengadilan": ("regulation",),
}

# Direct quotes (no institution named inside a quote) and indirect paraphrases, per topic.
QUOTES = {
    "asn_neutrality": (
        "ASN harus netral. Tidak boleh ada aparatur yang ikut berkampanye, baik secara langsung "
        "maupun lewat media sosial",
        "Saya ingatkan, ASN dilarang berpose dengan simbol pasangan calon, memberi like, atau "
        "membagikan konten kampanye. Sanksinya tegas",
        "Netralitas ASN itu harga mati. Kalau ada laporan, akan kami proses sesuai aturan",
        "Kepala desa dan perangkatnya juga wajib netral, jangan sampai terseret dukung-mendukung "
        "calon",
        "Aparatur harus memberi contoh. Jangan ada yang memfasilitasi kegiatan kampanye salah "
        "satu pasangan calon",
    ),
    "health_protocol": (
        "Protokol kesehatan harus diterapkan di setiap tahapan. Peserta kampanye wajib memakai "
        "masker dan menjaga jarak",
        "Kita tidak ingin pilkada justru memunculkan klaster baru Covid-19. Kerumunan massa "
        "harus dicegah",
        "Setiap TPS wajib menyediakan tempat cuci tangan, dan petugas wajib menjalani rapid test",
        "Kampanye tatap muka dibatasi maksimal 50 orang. Kalau lebih, akan dibubarkan",
    ),
    "security": (
        "Kami sudah memetakan titik-titik rawan dan menyiapkan personel gabungan. Patroli akan "
        "ditingkatkan selama tahapan berlangsung",
        "Situasi kamtibmas harus tetap kondusif. Potensi gesekan antarpendukung harus dideteksi "
        "sejak dini",
        "Sebanyak {k} personel gabungan disiagakan untuk mengamankan seluruh tahapan pemilihan",
        "TPS yang masuk kategori rawan akan mendapat pengamanan tambahan sampai rekapitulasi "
        "selesai",
    ),
    "hoax_black_campaign": (
        "Patroli siber terus dilakukan. Penyebar hoaks dan kampanye hitam akan ditindak tegas",
        "Masyarakat jangan mudah termakan berita bohong. Saring dulu sebelum sharing",
        "Isu SARA dan ujaran kebencian di media sosial sangat berbahaya bagi persatuan. Jangan "
        "dibiarkan",
    ),
    "voter_participation": (
        "Kami menargetkan partisipasi pemilih di atas {p} persen. Sosialisasi akan digencarkan "
        "sampai ke tingkat desa",
        "Pemilih pemula dan kaum milenial harus diajak datang ke TPS. Jangan sampai golput",
        "Kami butuh dukungan semua pihak agar warga datang ke TPS pada hari pemungutan suara",
    ),
    "logistics": (
        "Logistik harus sampai di TPS paling lambat H-1. Jalur distribusi cadangan juga harus "
        "disiapkan",
        "Pelipatan dan penyortiran surat suara ditargetkan selesai pekan depan, lalu "
        "didistribusikan ke {kec} kecamatan",
        "Gudang logistik wajib dijaga 24 jam sampai seluruh kotak suara terdistribusi",
    ),
    "campaign_materials": (
        "APK hanya boleh dipasang di lokasi yang telah ditetapkan. Di luar itu akan ditertibkan",
        "Alat peraga kampanye dilarang dipasang di sekolah, tempat ibadah, dan fasilitas "
        "pemerintah",
        "Baliho dan spanduk pasangan calon yang melanggar aturan akan segera diturunkan",
    ),
    "money_politics": (
        "Politik uang adalah musuh bersama. Pemberi dan penerima sama-sama bisa dipidana",
        "Menjelang masa tenang biasanya marak serangan fajar. Kami minta masyarakat berani melapor",
        "Kami juga memantau praktik perjudian yang menjadikan pasangan calon sebagai taruhan",
    ),
    "coordination": (
        "Pilkada yang aman hanya bisa terwujud kalau kita kompak. Sinergi antarinstansi harus "
        "terus diperkuat",
        "Saya minta Forkopimda rutin bertemu dan saling berbagi informasi sebagai langkah deteksi "
        "dini",
        "Tidak boleh ada ego sektoral. Semua instansi harus bergerak bersama",
    ),
    "regulation": (
        "Semua pihak wajib mematuhi PKPU dan Perbawaslu. Aturan main sudah jelas, tinggal "
        "dijalankan",
        "Pasangan calon dan tim kampanye harus memahami aturan agar tidak terjerat pelanggaran",
        "Setiap pelanggaran akan ditindak sesuai Undang-Undang Nomor 10 Tahun 2016",
    ),
    "budget": (
        "Dana hibah pilkada untuk penyelenggara dan pengamanan sudah dicairkan sesuai NPHD",
        "Anggaran tidak boleh menjadi alasan tahapan tersendat. Pemda sudah mengalokasikan "
        "Rp{x} miliar",
        "Penggunaan dana hibah harus dipertanggungjawabkan secara transparan dan akuntabel",
    ),
}
INDIRECT = {
    "asn_neutrality": (
        "meminta seluruh aparatur sipil negara (ASN) menjaga netralitas selama tahapan pilkada",
        "mengingatkan ASN agar tidak terlibat politik praktis, termasuk di media sosial",
    ),
    "health_protocol": (
        "meminta penyelenggara dan peserta pilkada disiplin menerapkan protokol kesehatan",
        "menekankan pencegahan penularan Covid-19 di setiap tahapan pemilihan",
    ),
    "security": (
        "memaparkan hasil pemetaan kerawanan dan rencana pengamanan di setiap tahapan",
        "meminta seluruh jajaran meningkatkan kewaspadaan terhadap potensi konflik",
    ),
    "hoax_black_campaign": (
        "mengajak semua pihak mewaspadai penyebaran hoaks, ujaran kebencian, dan isu SARA",
        "meminta masyarakat tidak ikut menyebarkan kampanye hitam di media sosial",
    ),
    "voter_participation": (
        "mengajak semua unsur membantu sosialisasi agar partisipasi pemilih meningkat",
        "berharap warga menggunakan hak pilihnya dan tidak golput",
    ),
    "logistics": (
        "menjelaskan kesiapan distribusi logistik pemilihan hingga ke TPS di wilayah terpencil",
        "memaparkan jadwal pengadaan dan pendistribusian surat suara",
    ),
    "campaign_materials": (
        "meminta penertiban alat peraga kampanye (APK) yang dipasang tidak sesuai ketentuan",
        "mengingatkan aturan pemasangan alat peraga kampanye",
    ),
    "money_politics": (
        "mengajak semua unsur mencegah praktik politik uang dan serangan fajar",
        "mengingatkan ancaman pidana bagi pelaku politik uang",
    ),
    "coordination": (
        "menekankan pentingnya sinergi dan koordinasi lintas sektor selama tahapan pemilihan",
        "meminta seluruh unsur memperkuat deteksi dini dan saling berbagi informasi",
    ),
    "regulation": (
        "meminta seluruh pihak memahami dan mematuhi regulasi tahapan pilkada",
        "menjelaskan aturan yang harus dipatuhi pasangan calon dan tim kampanye",
    ),
    "budget": (
        "melaporkan pencairan dana hibah pilkada sesuai naskah perjanjian hibah daerah",
        "menyampaikan kesiapan anggaran untuk seluruh tahapan pemilihan",
    ),
}
# Agenda items: "Rakor membahas ..." (a discussed topic counts, DESIGN.md).
AGENDA = {
    "security": "strategi pengamanan",
    "logistics": "kesiapan logistik pemilihan",
    "asn_neutrality": "netralitas ASN",
    "campaign_materials": "penertiban alat peraga kampanye",
    "money_politics": "pencegahan politik uang",
    "voter_participation": "upaya meningkatkan partisipasi pemilih",
    "health_protocol": "penerapan protokol kesehatan",
    "hoax_black_campaign": "penanganan hoaks di media sosial",
    "budget": "pencairan dana hibah pilkada",
    "coordination": "penguatan sinergi antarinstansi",
    "regulation": "pemahaman regulasi tahapan",
}
# Meeting themes: (words in the meeting's name, the topic the name itself states, if any).
THEMES = (
    ("kesiapan", None),
    ("kesiapan", None),
    ("persiapan", None),
    ("pengamanan", "security"),
    ("evaluasi tahapan", None),
    ("kesiapsiagaan", None),
    ("desk", None),
)
FGD_THEMES = (
    ("pencegahan politik uang", "money_politics"),
    ("netralitas ASN", "asn_neutrality"),
    ("pengawasan partisipatif", None),
    ("penanganan hoaks pilkada", "hoax_black_campaign"),
)
STAGES = ("Masa Kampanye", "Pemungutan Suara", "Masa Tenang", "Pilkada")
SAY = ("kata", "ujar", "ucap", "tutur")
SAY_SELF = ("tegasnya", "jelasnya", "katanya", "ujarnya", "pungkasnya", "imbuhnya")
INTRO = (
    "Sementara itu, ",
    "Di tempat yang sama, ",
    "Dalam kesempatan itu, ",
    "Senada, ",
    "Adapun ",
    "",
)

NEUTRAL_FILLERS = (
    "{Short} berlangsung sekitar {h} jam dan diakhiri dengan sesi tanya jawab antara peserta dan "
    "narasumber.",
    "Pilkada Serentak {Y} di {full} akan memilih {head} dan wakilnya untuk masa jabatan lima "
    "tahun ke depan. Tahapan pencalonan hingga penetapan hasil diatur dalam jadwal yang telah "
    "ditetapkan penyelenggara.",
    "Berdasarkan data penyelenggara, jumlah pemilih dalam daftar pemilih tetap (DPT) di {full} "
    "mencapai {dpt} orang yang tersebar di {tps} tempat pemungutan suara.",
    "{Short} tersebut merupakan tindak lanjut dari pertemuan sebelumnya yang digelar beberapa "
    "waktu lalu. Sejumlah catatan dari pertemuan itu kembali dibahas untuk memastikan tidak ada "
    "pekerjaan rumah yang tertinggal.",
    "Dalam sesi diskusi, sejumlah peserta menyampaikan kendala yang dihadapi di lapangan beserta "
    "usulan pemecahannya. Seluruh masukan akan dirangkum menjadi rekomendasi bersama.",
    "{Short} tersebut berlangsung dalam suasana akrab dan penuh kekeluargaan. Sejumlah wartawan "
    "dari media cetak, elektronik, dan daring turut meliput jalannya kegiatan.",
    "Selain pimpinan instansi, kegiatan juga diikuti jajaran staf teknis dari masing-masing "
    "lembaga yang nantinya akan menindaklanjuti hasil pertemuan di tingkat lapangan.",
    "Sesuai jadwal, pemungutan suara Pilkada Serentak {Y} digelar pada {eday}.",
    "Usai rapat, para peserta melanjutkan kegiatan dengan foto bersama di halaman gedung.",
    "Kegiatan tersebut merupakan agenda rutin yang digelar menjelang setiap tahapan penting "
    "pemilihan.",
    "Pilkada Serentak {Y} di {full} diikuti {k} pasangan calon yang telah ditetapkan.",
    "{Short} yang dimulai pukul {hh}.00 WIB itu berlangsung tertib hingga selesai.",
    "Para peserta tampak antusias mengikuti jalannya rapat dan menyampaikan sejumlah masukan.",
    "Hasil rapat akan dituangkan dalam rencana kerja yang dibahas kembali pada pertemuan "
    "berikutnya.",
)
BG_FILLERS = (
    "Sebelumnya, rapat serupa juga digelar di {other}.",
    "Pada pemilihan sebelumnya, tingkat partisipasi pemilih di daerah itu tercatat {p} persen.",
)
OFF_TITLES = (
    "Harga Cabai di Pasar {o} Mulai Turun",
    "Ribuan Warga Padati Festival Kuliner {o}",
    "Jalan Rusak di {o} Mulai Diperbaiki",
    "Petani {o} Panen Raya Padi",
    "Tim Sepak Bola {o} Lolos ke Final",
    "Dinkes {o} Gelar Vaksinasi Massal",
    "Banjir Rendam Ratusan Rumah di {o}",
    "UMKM {o} Ikuti Pameran Produk Unggulan",
)


def _other_full(rng: random.Random, gz: Gazetteer) -> str:
    return _c(rng, gz.locals).full


def _baca_juga(rng: random.Random, gz: Gazetteer) -> str:
    title = _c(rng, OFF_TITLES).format(o=_bare(_other_full(rng, gz)))
    opener = _c(rng, ("Baca Juga: ", "Baca juga: ", "(Baca Juga : ", "BACA JUGA: "))
    return opener + title + (")" if opener.startswith("(") else "")


def _footer(rng: random.Random, gz: Gazetteer, outlet: str, year: int) -> list[str]:
    out: list[str] = []
    if rng.random() < 0.6:
        out.append(
            f"({_c(rng, 'abcdefghijklmnoprstuwy')}{_c(rng, 'abdgikmnrsty')}"
            f"{_c(rng, 'aenrst')}/{_c(rng, ('red', 'rd', 'hms', 'ed'))})"
        )
    roll = rng.random()
    if roll < 0.35:
        out.append(
            "Berita Terkait\n"
            + "\n".join(_c(rng, OFF_TITLES).format(o=_bare(_other_full(rng, gz))) for _ in range(2))
        )
    elif roll < 0.55:
        out.append(f"Ikuti berita terkini dari {outlet} di Google News")
    if rng.random() < 0.5:
        out.append(f"Copyright © {year} {outlet}. All Rights Reserved")
    if rng.random() < 0.2:
        out.append("Komentar")
    return out


@dataclass(slots=True)
class Article:
    title: str
    paragraphs: list[str]
    gold: dict
    outlet: str
    published: dt.date | None


# --- meetings ---------------------------------------------------------------------------------


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
    w = _c(rng, _WORDS)
    options = [
        f"Pendopo {p.full}",
        f"Ruang Rapat {w} Setda {p.short}",
        f"Aula Mapolres {p.short}",
        f"Ruang Command Center Setda {p.short}",
        f"Hotel {_c(rng, ('Grand ', 'Griya ', ''))}{w} {p.short}",
        f"Aula Kantor KPU {p.short}",
    ]
    if convener_kind == "Polri":
        return _c(rng, options[2:3] * 3 + options)
    if convener_kind == "KPU":
        return _c(rng, options[5:6] * 3 + options)
    if p.level == "city":
        options.append(f"Balai Kota {_bare(p.full)}")
    return _c(rng, options)


def meeting_details(seed: int, plan: MeetingPlan, gz: Gazetteer) -> MeetingDetails:
    rng = random.Random(seed * 7919 + plan.spec_id * 104729 + 17)
    cycle, d, place = plan.cycle, plan.date, plan.place
    covid = cycle == 2020 and d >= COVID_START
    theme, theme_topic = _c(rng, THEMES)
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
            venue = _c(
                rng, (f"Hotel {_c(rng, _WORDS)} Jakarta", "Gedung Sasana Bhakti Praja, Jakarta")
            )
            venue_codes = [gz.jakarta.code]
        elif plan.variant == "city" and plan.venue_place is not None:
            venue = f"Hotel {_c(rng, ('Grand ', ''))}{_c(rng, _WORDS)}, {plan.venue_place.full}"
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
        mtype = _c(rng, ("rakor", "rakor", "rakornis")) if plan.mode != "virtual" else "vidcon"
        mname = {
            "rakor": f"rapat koordinasi (rakor) {theme} Pilkada Serentak {cycle}",
            "rakornis": f"rapat koordinasi teknis (rakornis) {theme} Pilkada Serentak {cycle}",
            "vidcon": f"rakor {theme} Pilkada Serentak {cycle} melalui video conference",
        }[mtype]
        short = "rakornis" if mtype == "rakornis" else "rakor"
        cap = gz.capital.get(place.code)
        if cap is not None and rng.random() < 0.8:
            venue = f"Gedung {_c(rng, _WORDS)} Kantor Gubernur {place.short}, {cap.full}"
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
            mtype = _c(rng, ("rakor", "rakor", "rakor", "rakornis", "lintas"))
        if mtype == "fgd":
            theme, theme_topic = _c(rng, FGD_THEMES)
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
    for si in order[: _ri(rng, 2, 5)]:
        options = [
            t
            for t in AFFINITY.get(people[si].kind, ("coordination",))
            if t not in used and (covid or t != "health_protocol")
        ]
        if not options:
            continue
        topic = _c(rng, options)
        used.add(topic)
        directives.append(
            (si, topic, rng.randrange(len(QUOTES[topic])), rng.randrange(len(INDIRECT[topic])))
        )
    agenda_pool = [t for t in AGENDA if covid or t != "health_protocol"]
    agenda = rng.sample(agenda_pool, _c(rng, (0, 0, 1, 1, 2)))
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
        person.full() if first_mention else _c(rng, (person.first, f"{person.ref} {person.first}"))
    )
    q = _quote(topic, qi, m)
    ind = INDIRECT[topic][ii]
    form = rng.randrange(5)
    intro = _c(rng, INTRO)
    if form == 0:
        return f'{intro}{who} {ind}. "{q}," {_c(rng, SAY_SELF)}.'
    if form == 1:
        return f'"{q}," {_c(rng, SAY)} {who}.'
    if form == 2:
        return f'{intro}{who} menegaskan, "{q}."'
    if form == 3:
        return f"{intro}{who} dalam arahannya {ind}."
    return f"{intro}{who} juga {ind}. Menurutnya, hal itu penting demi kelancaran pilkada."


def _mode_sentence(rng: random.Random, mode: str | None, short: str, where: str) -> str:
    cap = short[0].upper() + short[1:]
    if mode == "virtual":
        return _c(
            rng,
            (
                f"{cap} digelar secara virtual melalui aplikasi Zoom Meeting.",
                f"{cap} berlangsung secara daring melalui video conference.",
                f"Seluruh peserta mengikuti {short} secara virtual dari kantor masing-masing.",
            ),
        )
    if mode == "hybrid":
        return _c(
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
        published = d + dt.timedelta(days=_c(rng, (0, 0, 0, 1, 1, 2)))
        if rng.random() < 0.3:
            header = pub_header(rng, published)
        when = date_phrase(rng, d, yearless_ok=same_year)
    else:
        when = _c(rng, ("belum lama ini", "beberapa waktu lalu", "pekan lalu"))
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
        verb = _c(rng, ("menggelar", "menyelenggarakan", "mengadakan"))
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
            lead = f"{dateline}{_cap1(m.mname)} digelar {convener}{venue_txt}, {when}."
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
                _c(
                    rng,
                    (
                        f"{_cap1(m.short)} dipimpin langsung oleh {m.chair.full()}.",
                        f"{m.chair.full()} memimpin {m.short} tersebut.",
                        f"{_cap1(m.short)} dipimpin {m.chair.full()}.",
                    ),
                )
            )
        named_first.add(chair_idx)
        kinds.add(m.chair.kind)
        kinds.add(m.convener_kind)
        listed = [m.people[i] for i in keep]
        if listed:
            opener = _c(
                rng, ("Hadir dalam rapat tersebut", "Turut hadir", "Rapat dihadiri", "Tampak hadir")
            )
            paras.append(f"{opener} {_join([p.full() for p in listed])}.")
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
        party = [head] + rng.sample(local[1:8], _ri(rng, 2, 5))
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
            src = _c(
                rng,
                (
                    f"Ruang Command Center Setda {att.short}",
                    f"Ruang Rapat {_c(rng, _WORDS)} Kantor {att.head} {att.short}",
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
        paras.append(f"Dari {att.full}, rapat diikuti {_join([p.full() for p in party])}.")
        for p in party:
            kinds.add(p.kind)
        keep = [i for i in keep if m.people[i].kind in ("KPU", "Bawaslu", "Polri")][:2]
        if keep:
            paras.append(f"Rapat juga menghadirkan {_join([m.people[i].full() for i in keep])}.")
            for i in keep:
                named_first.add(i)
                kinds.add(m.people[i].kind)
        # the attending head's own remarks to the meeting
        pool = [
            t
            for t in AFFINITY["Pemda"]
            if t != "health_protocol" or (cycle == 2020 and d >= COVID_START)
        ]
        t = _c(rng, pool)
        local_dir = (t, rng.randrange(len(QUOTES[t])), rng.randrange(len(INDIRECT[t])), head)
    if m.agenda and (member == 0 or rng.random() < 0.5):
        items = m.agenda if member == 0 else rng.sample(m.agenda, _ri(rng, 1, len(m.agenda)))
        agenda_txt = _join([AGENDA[t] for t in items])
        paras.append(f"{_cap1(m.short)} membahas {agenda_txt}.")
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
            _cap1(_directive_paragraph(rng, person, topic, qi, ii, m, si not in named_first))
        )
        if rng.random() < 0.35:  # a second quote on the same point
            q2 = _quote(topic, (qi + 1) % len(QUOTES[topic]), m)
            paras.append(
                _c(
                    rng,
                    (
                        f'Ia menambahkan, "{q2}."',
                        f'"{q2}," {_c(rng, SAY_SELF)}.',
                        f"{_c(rng, ('Lebih lanjut', 'Selain itu'))}, {person.first} "
                        f'menyampaikan, "{q2}."',
                    ),
                )
            )
        named_first.add(si)
        kinds.add(person.kind)
        topics.add(topic)
    if att is not None:
        t, qi, ii, head = local_dir
        paras.append(_cap1(_directive_paragraph(rng, head, t, qi, ii, m, False)))
        topics.add(t)
    # boilerplate, fillers, background
    paras.insert(min(len(paras), _ri(rng, 2, 4)), _baca_juga(rng, gz))
    region = att or place
    filler_ctx = {
        "Short": _cap1(m.short),
        "head": region.head if region is not None else "kepala daerah",
        "dpt": f"{_ri(rng, 40, 2900) * 1000 + rng.randrange(1000):,}".replace(",", "."),
        "tps": f"{_ri(rng, 150, 6000):,}".replace(",", "."),
        "h": _ri(rng, 2, 4),
        "Y": cycle,
        "eday": _d_long(ELECTION_DAY[cycle]),
        "full": region.full if region is not None else "daerah penyelenggara",
        "k": _ri(rng, 2, 5),
        "hh": _c(rng, ("08", "09", "10", "13")),
        "other": _other_full(rng, gz),
        "p": _ri(rng, 55, 80),
    }
    fillers = [f.format(**filler_ctx) for f in rng.sample(NEUTRAL_FILLERS, 7)]
    if rng.random() < 0.15:
        fillers.insert(0, _c(rng, BG_FILLERS).format(**filler_ctx))
    paras.extend(_pad(rng, paras, fillers))
    paras.extend(_footer(rng, gz, outlet, (published or d).year))
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


HEADLINE = {
    "asn_neutrality": "Netralitas ASN",
    "health_protocol": "Protokol Kesehatan",
    "security": "Titik Rawan",
    "hoax_black_campaign": "Hoaks dan Kampanye Hitam",
    "voter_participation": "Partisipasi Pemilih",
    "logistics": "Distribusi Logistik",
    "campaign_materials": "Penertiban APK",
    "money_politics": "Politik Uang",
    "coordination": "Sinergi Antarinstansi",
    "regulation": "Kepatuhan Aturan",
    "budget": "Dana Hibah Pilkada",
}


def meeting_title(
    rng: random.Random, plan: MeetingPlan, m: MeetingDetails, att: Place | None, member: int
) -> str:
    """A headline; the reports of one meeting take different templates."""
    y = plan.cycle
    sh = m.short.upper() if m.short == "FGD" else m.short.title()
    if att is not None:
        who = _c(rng, (f"Forkopimda {_bare(att.full)}", f"{att.head} {_bare(att.full)}", att.gov))
        templates = (
            f"{who} Ikuti {sh} Pilkada Serentak {y}",
            f"{who} Ikuti Rakor Kesiapan Pilkada {y} Secara "
            + ("Daring" if plan.mode != "in_person" else "Langsung"),
            f"{att.head} {_bare(att.full)} Ikuti Rakor Pilkada Bersama {m.chair.ref}",
        )
    else:
        place = plan.place
        gov = (
            place.gov
            if place is not None
            else ("Kemendagri" if m.convener_kind == "Kemendagri" else "Kemenko Polhukam")
        )
        what = "Coffee Morning" if m.mtype == "coffee" else f"{sh} {_caps(m.theme)}"
        forum = f"Forkopimda {place.short}" if place is not None else gov
        topic = m.directives[0][1] if m.directives else "coordination"
        templates = (
            f"{gov} Gelar {what} Pilkada {y}",
            f"{m.chair.ref} {m.chair.first} Pimpin {sh} Pilkada Serentak {y}",
            f"Jelang {_c(rng, STAGES)}, {gov} Gelar {sh}",
            f"{sh} Pilkada {y}, {m.chair.ref} Minta Semua Pihak Bersinergi",
            f"{forum} Matangkan Persiapan Pilkada {y}",
            f"{sh} Pilkada {y}: {m.chair.ref} Soroti {HEADLINE[topic]}",
        )
    title = templates[(m.title_base + member) % len(templates)]
    if rng.random() < 0.1:
        title = title.lower()
    return title


def _cap1(text: str) -> str:
    return text[:1].upper() + text[1:]


def _caps(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words.split())


def _pad(
    rng: random.Random, paras: list[str], fillers: list[str], low: int = 1600, high: int = 3600
) -> list[str]:
    """Fillers until the article is 1.5-4 KB."""
    target = _ri(rng, low, high)
    size = sum(len(p) + 2 for p in paras)
    added: list[str] = []
    for f in fillers:
        if size >= target:
            break
        added.append(f)
        size += len(f) + 2
    return added


# --- near misses and off-topic ----------------------------------------------------------------


def _day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    d = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
    return d if d.weekday() != 6 else d - dt.timedelta(days=1)


def _near_miss(
    rng: random.Random, sub: str, gz: Gazetteer, outlet: str
) -> tuple[str, list[str], dt.date]:
    p = _c(rng, gz.locals)
    cycle = rng.choices(CYCLES, CYCLE_WEIGHTS)[0]
    lo, hi = WINDOW[cycle]
    d = _day_in(rng, lo, hi)
    people = local_officials(rng, p, cycle, d)
    head, sekda, kapolres, dandim, _kajari, kpu, bawaslu, kesbang = people[:8]
    w = _c(rng, _WORDS)
    dl = p.dateline or outlet.upper()
    when = date_phrase(rng, d, yearless_ok=d.year == cycle)
    y = cycle
    if sub == "apel":
        title = _c(
            rng,
            (
                f"Polres {p.short} Gelar Apel Gelar Pasukan Pengamanan Pilkada {y}",
                f"Ratusan Personel Ikuti Apel Kesiapan Pengamanan Pilkada {y} di {p.short}",
            ),
        )
        paras = [
            f"{dl} - Polres {p.short} menggelar apel gelar pasukan Operasi Mantap Praja dalam "
            f"rangka pengamanan Pilkada Serentak {y} di halaman Mapolres {p.short}, {when}. Apel "
            f"dipimpin {kapolres.full()} dan diikuti {_ri(rng, 3, 9)}00 personel gabungan.",
            f"Turut hadir dalam apel tersebut {head.full()}, {dandim.full()}, serta {kpu.full()}.",
            f'"Apel ini untuk mengecek kesiapan personel dan sarana prasarana pengamanan. Seluruh '
            f'personel harus siap siaga," {_c(rng, SAY)} {kapolres.first}.',
            "Usai apel, dilakukan pemeriksaan kelengkapan personel dan kendaraan dinas yang akan "
            "digunakan selama pengamanan tahapan.",
            f"{kapolres.first} menambahkan, personel akan ditempatkan di titik-titik yang dinilai "
            "rawan dan di sekitar kantor penyelenggara.",
        ]
    elif sub == "press":
        n = _ri(rng, 40, 600)
        title = _c(
            rng,
            (
                f"Bawaslu {p.short} Temukan {n} APK Langgar Aturan",
                f"Bawaslu {p.short} Ingatkan Paslon Soal Pemasangan APK",
            ),
        )
        paras = [
            f"{dl} - Badan Pengawas Pemilu (Bawaslu) {p.short} menemukan {n} alat peraga kampanye "
            "(APK) yang dipasang tidak sesuai ketentuan selama pekan pertama masa kampanye "
            f"Pilkada Serentak {y}.",
            f"Hal itu disampaikan {bawaslu.full()} kepada wartawan di kantornya, {when}.",
            f'"Sebagian besar dipasang di pohon, tiang listrik, dan fasilitas umum. Kami sudah '
            f'menyurati tim kampanye untuk menurunkannya sendiri," {_c(rng, SAY)} '
            f"{bawaslu.first}.",
            f"Menurut {bawaslu.first}, jika dalam waktu tiga hari APK tersebut belum diturunkan, "
            "pihaknya akan merekomendasikan penertiban.",
            "Ia juga meminta masyarakat ikut melapor jika menemukan pelanggaran kampanye di "
            "lingkungannya.",
        ]
    elif sub == "campaign":
        k = _ri(rng, 1, 4)
        cand, cf = _person_name(rng)
        kec = _kecamatan(rng, gz)
        title = _c(
            rng,
            (
                f"Paslon Nomor Urut {k} Kampanye Dialogis di {kec}",
                f"Kampanye di {kec}, {cf} Janjikan Perbaikan Jalan Desa",
            ),
        )
        paras = [
            f"{dl} - Pasangan calon nomor urut {k} dalam Pilkada {p.full} {y}, {cand}, menggelar "
            f"kampanye dialogis di Balai Desa {kec}, {when}.",
            f"Di hadapan ratusan warga, {cf} memaparkan program unggulannya di bidang "
            "infrastruktur, pertanian, dan pelayanan kesehatan.",
            f'"Kalau kami diberi amanah, jalan desa yang rusak akan kami perbaiki dalam dua tahun '
            f'pertama," {_c(rng, SAY)} {cf}.',
            "Sejumlah warga menyampaikan keluhan soal harga pupuk dan air bersih yang masih sulit "
            "di musim kemarau.",
            "Kampanye berlangsung tertib dengan pengawasan dari panitia pengawas kecamatan.",
        ]
    elif sub == "future":
        fut = d + dt.timedelta(days=_ri(rng, 4, 9))
        title = _c(
            rng,
            (
                f"Pekan Depan, {p.gov} Gelar Rakor Kesiapan Pilkada {y}",
                f"{p.gov} Akan Gelar Rakor Pengamanan Pilkada {y}",
            ),
        )
        paras = [
            f"{dl} - {p.gov} berencana menggelar rapat koordinasi kesiapan Pilkada Serentak {y} "
            f"pada {_d_short(fut)} mendatang di Pendopo {p.full}.",
            f"Hal itu disampaikan {kesbang.full()} saat ditemui di kantornya, {when}. Menurut "
            f"{kesbang.first}, undangan sudah dikirimkan kepada seluruh peserta.",
            f'"Rencananya rakor akan dipimpin langsung oleh {p.head}. Kami mengundang Forkopimda, '
            f'penyelenggara, dan para camat," {_c(rng, SAY)} {kesbang.first}.',
            "Sejumlah hal akan dibahas dalam pertemuan tersebut, di antaranya kesiapan distribusi "
            "logistik, pengamanan TPS, dan antisipasi cuaca ekstrem.",
            f"{kesbang.first} berharap seluruh undangan dapat hadir secara langsung agar "
            "persoalan teknis bisa dituntaskan sebelum hari pemungutan suara.",
        ]
    elif sub == "pilkades":
        yy = _c(rng, (2016, 2017, 2019, 2021, 2022, 2023))
        d = _day_in(rng, dt.date(yy, 2, 1), dt.date(yy, 11, 30))
        when = date_phrase(rng, d, yearless_ok=False)
        title = f"{p.gov} Gelar Rakor Persiapan Pilkades Serentak {yy}"
        paras = [
            f"{dl} - {p.gov} menggelar rapat koordinasi persiapan pemilihan kepala desa "
            f"(Pilkades) serentak {yy} di Ruang Rapat {w} Setda {p.short}, {when}.",
            f"Rakor dipimpin {sekda.full()} dan dihadiri para camat serta panitia pemilihan "
            "tingkat kabupaten.",
            f"Sebanyak {_ri(rng, 20, 150)} desa akan menggelar pilkades serentak tahun ini. "
            f'"Panitia desa harus bekerja profesional dan netral," {_c(rng, SAY)} '
            f"{sekda.first}.",
            "Rakor juga membahas jadwal pendaftaran bakal calon kepala desa dan pengadaan kotak "
            "suara.",
            "Panitia kabupaten akan memantau langsung pelaksanaan pemungutan suara di setiap desa.",
        ]
    elif sub == "inflation":
        yy = _c(rng, (2021, 2022, 2023, 2024))
        d = _day_in(rng, dt.date(yy, 1, 10), dt.date(yy, 12, 20))
        when = date_phrase(rng, d, yearless_ok=False)
        title = f"TPID {p.short} Gelar Rakor Pengendalian Inflasi"
        paras = [
            f"{dl} - Tim Pengendalian Inflasi Daerah (TPID) {p.full} menggelar rapat koordinasi "
            f"pengendalian inflasi di Ruang Rapat {w} Setda {p.short}, {when}.",
            f"Rakor dipimpin {sekda.full()} selaku ketua harian TPID.",
            f'"Usai tahapan pilkada, fokus kita kembali ke pengendalian harga. Jangan sampai '
            f'permintaan yang tinggi membuat harga tidak terkendali," {_c(rng, SAY)} '
            f"{sekda.first}.",
            "Komoditas yang perlu diwaspadai antara lain beras, cabai rawit, bawang merah, dan "
            "telur ayam ras.",
            "Rakor juga membahas rencana operasi pasar di sejumlah pasar tradisional.",
        ]
    elif sub == "stunting":
        d = _day_in(rng, *ALL_YEARS)
        when = date_phrase(rng, d, yearless_ok=False)
        title = f"{p.gov} Gelar Rakor Percepatan Penurunan Stunting"
        paras = [
            f"{dl} - {p.gov} menggelar rapat koordinasi percepatan penurunan stunting di Ruang "
            f"Rapat {w} Setda {p.short}, {when}.",
            f"Rakor dipimpin {head.full()} dan diikuti kepala dinas serta para camat.",
            f'"Angka stunting harus turun. Semua perangkat daerah harus bergerak bersama," '
            f"{_c(rng, SAY)} {head.first}.",
            f"Prevalensi stunting di {p.full} saat ini tercatat {_ri(rng, 12, 30)} persen.",
            "Rakor juga membahas pemberian makanan tambahan bagi balita di posyandu.",
        ]
    elif sub == "pemilu":
        yy = _c(rng, (2019, 2023, 2024))
        d = _day_in(
            rng,
            dt.date(yy - 1, 10, 1) if yy == 2019 else dt.date(2023, 6, 1),
            dt.date(2019, 4, 16) if yy == 2019 else dt.date(2024, 2, 13),
        )
        when = date_phrase(rng, d, yearless_ok=False)
        py = 2019 if d <= dt.date(2019, 4, 17) else 2024
        title = f"Polres {p.short} Gelar Rakor Lintas Sektoral Pengamanan Pemilu {py}"
        paras = [
            f"{dl} - Polres {p.short} menggelar rapat koordinasi lintas sektoral pengamanan "
            f"Pemilu {py} di Aula Mapolres {p.short}, {when}.",
            f"Rakor dipimpin {kapolres.full()} dan dihadiri {dandim.full()}, {kpu.full()}, serta "
            f"{bawaslu.full()}.",
            f'"Pemilu legislatif dan pemilihan presiden harus berjalan aman dan damai," '
            f"{_c(rng, SAY)} {kapolres.first}.",
            "Rakor membahas pemetaan TPS rawan dan pengamanan distribusi logistik pemilu.",
            "Personel gabungan akan disiagakan hingga rekapitulasi suara tingkat kabupaten.",
        ]
    elif sub == "count":
        d = ELECTION_DAY[cycle] + dt.timedelta(days=_ri(rng, 4, 10))
        when = date_phrase(rng, d, yearless_ok=d.year == cycle)
        title = f"KPU {p.short} Tetapkan Hasil Rekapitulasi Pilkada {y}"
        paras = [
            f"{dl} - KPU {p.short} menggelar rapat pleno terbuka rekapitulasi hasil penghitungan "
            f"suara Pilkada Serentak {y} di Aula Kantor KPU {p.short}, {when}.",
            f"Pleno dipimpin {kpu.full()} dan disaksikan saksi pasangan calon serta "
            f"{bawaslu.full()}.",
            f"Pasangan nomor urut {_ri(rng, 1, 3)} meraih {_ri(rng, 40, 70)} persen suara sah.",
            f'"Seluruh keberatan saksi sudah ditindaklanjuti di tingkat kecamatan," '
            f"{_c(rng, SAY)} {kpu.first}.",
            "Hasil rekapitulasi selanjutnya akan ditetapkan dalam keputusan KPU.",
        ]
    else:  # launch
        title = f"KPU {p.short} Luncurkan Maskot dan Jingle Pilkada {y}"
        paras = [
            f"{dl} - KPU {p.short} meluncurkan maskot dan jingle Pilkada Serentak {y} di alun-alun "
            f"{p.full}, {when}.",
            f"Peluncuran dihadiri {head.full()} dan ribuan warga yang memadati lokasi acara.",
            f'"Maskot ini diharapkan membuat masyarakat makin mengenal tahapan pilkada," '
            f"{_c(rng, SAY)} {kpu.first}.",
            "Acara dimeriahkan penampilan kesenian daerah dan pembagian doorprize.",
            "Jingle pilkada akan diputar di radio dan media sosial hingga hari pemungutan suara.",
        ]
    return title, paras, d


def _kecamatan(rng: random.Random, gz: Gazetteer) -> str:
    for _ in range(10):
        name = _c(rng, _PLACE_A) + _c(rng, _PLACE_B)
        if name.lower() not in gz.shorts:
            return name
    return "Sukaraya"


def _off_topic(
    rng: random.Random, sub: str, gz: Gazetteer, outlet: str
) -> tuple[str, list[str], dt.date]:
    p = _c(rng, gz.locals)
    d = _day_in(rng, *ALL_YEARS)
    when = date_phrase(rng, d, yearless_ok=False)
    dl = p.dateline or outlet.upper()
    a, af = _person_name(rng)
    b, bf = _person_name(rng)
    kec = _kecamatan(rng, gz)
    n = _ri(rng, 3, 900)
    if sub == "sport":
        title = f"{kec} Juara Turnamen Sepak Bola Antarkecamatan {p.short}"
        paras = [
            f"{dl} - Tim sepak bola {kec} keluar sebagai juara turnamen antarkecamatan {p.full} "
            f"setelah menang adu penalti pada laga final, {when}.",
            "Laga final disaksikan ribuan penonton yang memadati pinggir lapangan sejak sore.",
            f"Gol penyeimbang dicetak {a} pada menit ke-{_ri(rng, 50, 88)} lewat tendangan bebas.",
            f'"Anak-anak bermain dengan hati. Gelar ini untuk seluruh warga," kata pelatih {b}.',
            "Panitia berencana menggelar turnamen serupa tahun depan dengan peserta lebih banyak.",
        ]
    elif sub == "farm":
        title = f"Petani {kec} Panen Raya, Harga Gabah Stabil"
        paras = [
            f"{dl} - Petani di {kec}, {p.full}, memulai panen raya padi, {when}. Luas lahan yang "
            f"dipanen mencapai {n} hektare.",
            f"Ketua kelompok tani {a} mengatakan hasil panen tahun ini lebih baik karena pasokan "
            "air cukup.",
            f'"Produktivitas naik sekitar satu ton per hektare dibanding musim lalu," ujar {af}.',
            "Harga gabah kering panen di tingkat petani relatif stabil.",
            "Dinas pertanian setempat menyiapkan alat mesin pertanian untuk mempercepat panen.",
        ]
    elif sub == "road":
        title = f"Perbaikan Jalan di {kec} Ditargetkan Rampung Akhir Bulan"
        paras = [
            f"{dl} - Perbaikan ruas jalan sepanjang {n} meter di {kec}, {p.full}, mulai "
            f"dikerjakan, {when}.",
            "Jalan tersebut rusak parah akibat dilintasi kendaraan bermuatan berat.",
            f'"Kami targetkan pekerjaan selesai akhir bulan ini," kata kepala bidang bina marga '
            f"{a}.",
            "Warga berharap perbaikan dilakukan dengan kualitas yang baik agar tidak cepat rusak.",
            "Selama pengerjaan, arus lalu lintas diberlakukan sistem buka tutup.",
        ]
    elif sub == "health":
        title = f"Ratusan Balita di {kec} Ikuti Imunisasi Serentak"
        paras = [
            f"{dl} - Sebanyak {n} balita di {kec}, {p.full}, mengikuti imunisasi serentak di "
            f"posyandu, {when}.",
            f"Kepala puskesmas setempat {a} mengatakan cakupan imunisasi terus meningkat.",
            f'"Orang tua tidak perlu khawatir, vaksin yang diberikan aman," ujar {af}.',
            "Petugas juga melakukan penimbangan dan pengukuran tinggi badan balita.",
            "Kegiatan serupa akan digelar di seluruh desa hingga akhir bulan.",
        ]
    elif sub == "disaster":
        title = f"Banjir Rendam {n} Rumah di {kec}"
        paras = [
            f"{dl} - Banjir merendam {n} rumah warga di {kec}, {p.full}, setelah hujan deras "
            f"mengguyur sejak dini hari, {when}.",
            f"Kepala pelaksana BPBD setempat {a} mengatakan ketinggian air mencapai satu meter.",
            f'"Tidak ada korban jiwa. Warga sudah kami evakuasi ke tempat yang lebih aman," '
            f"ujar {af}.",
            "Petugas gabungan mendirikan dapur umum untuk memenuhi kebutuhan warga terdampak.",
            "Warga diimbau tetap waspada karena curah hujan diperkirakan masih tinggi.",
        ]
    elif sub == "tourism":
        title = f"Festival Budaya {kec} Tarik Ribuan Wisatawan"
        paras = [
            f"{dl} - Festival budaya tahunan di {kec}, {p.full}, menarik ribuan wisatawan, {when}.",
            "Festival menampilkan kirab budaya, pertunjukan tari, dan bazar kuliner khas daerah.",
            f'"Kami ingin festival ini menjadi agenda wisata unggulan," kata ketua panitia {a}.',
            "Pelaku usaha kecil mengaku omzet meningkat selama festival berlangsung.",
            "Panitia menyiapkan kantong parkir tambahan untuk mengurai kepadatan kendaraan.",
        ]
    elif sub == "school":
        title = f"Pendaftaran Sekolah di {p.short} Dibuka, Kuota Zonasi {_ri(rng, 50, 70)} Persen"
        paras = [
            f"{dl} - Dinas pendidikan {p.full} membuka pendaftaran peserta didik baru, {when}.",
            f"Kepala dinas pendidikan {a} mengatakan pendaftaran dilakukan secara daring.",
            f'"Orang tua bisa mendaftar dari rumah tanpa perlu antre," ujar {af}.',
            f"Tahun ini tersedia {n} kursi untuk jenjang sekolah menengah pertama negeri.",
            "Posko pengaduan disiapkan bagi orang tua yang mengalami kendala saat mendaftar.",
        ]
    else:  # crime
        title = f"Polisi Tangkap Pelaku Pencurian Sepeda Motor di {kec}"
        paras = [
            f"{dl} - Polisi menangkap dua pelaku pencurian sepeda motor di {kec}, {p.full}, "
            f"{when}.",
            f"Kasat Reskrim setempat AKP {a} mengatakan pelaku sudah beraksi di "
            f"{_ri(rng, 3, 12)} lokasi.",
            f'"Barang bukti berupa kunci leter T dan tiga unit sepeda motor kami amankan," '
            f"ujar {af}.",
            "Kedua pelaku dijerat pasal pencurian dengan pemberatan.",
            "Polisi mengimbau warga memasang kunci ganda pada kendaraannya.",
        ]
    return title, paras, d


EXTRAS = {
    "apel": (
        "Dalam amanatnya, kapolres menyampaikan bahwa pengamanan akan dilakukan secara terbuka "
        "maupun tertutup. Personel juga diminta menjaga sikap dan tidak terpancing provokasi di "
        "lapangan.",
        "Operasi Mantap Praja digelar untuk mengamankan seluruh rangkaian tahapan, mulai dari "
        "kampanye, masa tenang, pemungutan dan penghitungan suara, hingga penetapan pasangan "
        "calon terpilih.",
        "Selain personel kepolisian, apel juga diikuti anggota Satpol PP, Dinas Perhubungan, dan "
        "petugas pemadam kebakaran yang akan dilibatkan dalam pengamanan.",
    ),
    "press": (
        "Bawaslu juga mencatat sejumlah dugaan pelanggaran lain, seperti kampanye di luar jadwal "
        "dan pelibatan anak-anak dalam kegiatan kampanye. Seluruh temuan sedang dikaji.",
        "Ia menyebut jajaran pengawas kecamatan dan desa telah diminta melakukan patroli "
        "pengawasan setiap hari selama masa kampanye.",
        "Berdasarkan aturan, APK yang difasilitasi penyelenggara dipasang di lokasi yang telah "
        "ditentukan, sementara bahan kampanye tambahan harus mengikuti ketentuan ukuran dan "
        "jumlah.",
    ),
    "campaign": (
        "Dalam sesi dialog, seorang petani meminta perhatian terhadap saluran irigasi yang rusak. "
        "Pasangan calon berjanji memasukkan perbaikan irigasi dalam program prioritas.",
        "Tim pemenangan menyebut kampanye dialogis dipilih agar calon bisa mendengar langsung "
        "aspirasi warga.",
        "Usai berdialog, pasangan calon menyempatkan diri mengunjungi pasar tradisional dan "
        "menyapa para pedagang.",
    ),
    "future": (
        "Ia menambahkan, rakor juga akan membahas pembagian tugas antarinstansi menjelang hari "
        "pemungutan suara, termasuk skema pengamanan di wilayah perbatasan.",
        "Menurutnya, rakor tersebut merupakan agenda rutin yang biasa digelar menjelang tahapan "
        "penting pemilihan.",
        "Pemerintah daerah juga berencana mengundang tokoh agama dan tokoh masyarakat untuk ikut "
        "hadir dalam pertemuan tersebut.",
    ),
    "pilkades": (
        "Menurutnya, pilkades serentak tahun ini akan menggunakan pemungutan suara manual di "
        "setiap dusun.",
        "Calon kepala desa diminta menjaga kondusivitas dan tidak melakukan praktik politik uang "
        "selama tahapan berlangsung.",
        "Anggaran pilkades bersumber dari APBD dan dana desa sesuai peraturan bupati yang berlaku.",
    ),
    "inflation": (
        "Perwakilan Bank Indonesia memaparkan bahwa inflasi tahunan masih berada dalam rentang "
        "sasaran, namun sejumlah komoditas pangan perlu diwaspadai.",
        "Satgas pangan diminta rutin memantau stok dan harga di pasar tradisional serta "
        "distributor.",
        "TPID juga mendorong kerja sama antardaerah untuk menjaga pasokan dari sentra produksi.",
    ),
    "stunting": (
        "Menurut data dinas kesehatan, kasus stunting paling banyak ditemukan di desa-desa dengan "
        "akses air bersih terbatas.",
        "Pemerintah desa diminta mengalokasikan dana desa untuk program pencegahan stunting.",
        "Rakor juga menyepakati pendampingan keluarga berisiko stunting oleh kader posyandu.",
    ),
    "pemilu": (
        "Pemilu tersebut akan memilih presiden dan wakil presiden serta anggota legislatif di "
        "semua tingkatan.",
        "Personel juga akan disiagakan di gudang logistik hingga distribusi ke TPS selesai.",
        "Kapolres meminta seluruh personel menjaga netralitas dan profesionalisme selama tahapan "
        "pemilu.",
    ),
    "count": (
        "Rapat pleno berlangsung sejak pagi hingga sore hari dengan pengamanan ketat dari aparat "
        "kepolisian.",
        "Saksi dari salah satu pasangan calon sempat menyampaikan keberatan atas selisih suara di "
        "dua kecamatan.",
        "Selanjutnya, KPU akan menetapkan pasangan calon terpilih setelah tidak ada permohonan "
        "sengketa hasil.",
    ),
    "launch": (
        "Maskot berbentuk hewan khas daerah itu dipilih melalui sayembara yang diikuti puluhan "
        "peserta.",
        "Peluncuran maskot menandai dimulainya sosialisasi tahapan pilkada kepada masyarakat luas.",
        "KPU berharap maskot dan jingle dapat mendorong warga datang ke TPS.",
    ),
    "sport": (
        "Sepanjang turnamen, panitia mencatat puluhan pertandingan digelar dengan jumlah penonton "
        "yang terus meningkat.",
        "Ketua panitia menyebut turnamen ini menjadi ajang pencarian bibit pemain muda berbakat.",
        "Juara mendapat trofi, uang pembinaan, dan hak mewakili daerah di turnamen tingkat "
        "provinsi.",
    ),
    "farm": (
        "Sebagian hasil panen akan diserap Bulog untuk menjaga cadangan beras daerah.",
        "Petani berharap pemerintah menjaga ketersediaan pupuk bersubsidi menjelang musim tanam "
        "berikutnya.",
        "Panen raya juga dihadiri penyuluh pertanian yang memberikan pendampingan sejak masa "
        "tanam.",
    ),
    "road": (
        "Anggaran perbaikan bersumber dari dana alokasi khusus tahun berjalan.",
        "Pengguna jalan diminta berhati-hati dan mematuhi rambu selama pekerjaan berlangsung.",
        "Dinas terkait juga menjadwalkan perbaikan drainase di sepanjang ruas jalan tersebut.",
    ),
    "health": (
        "Petugas kesehatan juga memberikan edukasi tentang gizi seimbang kepada para orang tua.",
        "Balita yang belum mendapat imunisasi lengkap akan didatangi petugas dari rumah ke rumah.",
        "Kegiatan ini didukung kader posyandu di setiap dusun.",
    ),
    "disaster": (
        "Sejumlah ruas jalan desa tidak bisa dilalui kendaraan roda dua akibat genangan air.",
        "Bantuan berupa makanan siap saji, selimut, dan obat-obatan telah didistribusikan kepada "
        "warga.",
        "Warga berharap normalisasi sungai segera dilakukan agar banjir tidak terulang.",
    ),
    "tourism": (
        "Pengunjung datang tidak hanya dari dalam daerah, tetapi juga dari kabupaten tetangga.",
        "Festival ditutup dengan pertunjukan kembang api dan musik tradisional.",
        "Dinas pariwisata menyebut tingkat hunian hotel naik selama festival berlangsung.",
    ),
    "school": (
        "Jalur pendaftaran meliputi zonasi, afirmasi, perpindahan tugas orang tua, dan prestasi.",
        "Pengumuman hasil seleksi dijadwalkan dua pekan setelah pendaftaran ditutup.",
        "Sekolah diminta tidak memungut biaya apa pun selama proses pendaftaran.",
    ),
    "crime": (
        "Pelaku mengaku menjual sepeda motor hasil curian ke luar daerah dengan harga murah.",
        "Polisi masih memburu satu pelaku lain yang diduga berperan sebagai penadah.",
        "Warga yang merasa kehilangan sepeda motor dipersilakan datang ke mapolres untuk mengecek "
        "barang bukti.",
    ),
}
NEAR_MISS_KINDS = _w("apel press campaign future pilkades inflation stunting pemilu count launch")
OFF_TOPIC_KINDS = ("sport", "farm", "road", "health", "disaster", "tourism", "school", "crime")


def _render_other(
    rng: random.Random, kind: str, sub: str, gz: Gazetteer, stem: str, outlet: str
) -> Article:
    maker: Callable = _near_miss if kind == "near_miss" else _off_topic
    title, paras, d = maker(rng, sub, gz, outlet)
    published = d + dt.timedelta(days=_c(rng, (0, 0, 1)))
    paras.insert(min(len(paras), _ri(rng, 2, 3)), _baca_juga(rng, gz))
    extra = list(EXTRAS[sub]) + [
        "Kegiatan tersebut mendapat sambutan positif dari masyarakat setempat.",
        "Pemerintah daerah berkomitmen mendukung kegiatan serupa di masa mendatang.",
        "Sejumlah warga berharap kegiatan seperti ini dapat terus dilaksanakan.",
        "Informasi lebih lanjut dapat diperoleh melalui kanal resmi pemerintah daerah.",
        "Hingga berita ini diturunkan, kegiatan masih berlangsung dengan lancar.",
        "Kegiatan serupa rutin digelar setiap tahun dan selalu mendapat perhatian dari warga "
        "sekitar. Panitia berharap partisipasi masyarakat terus meningkat dari tahun ke tahun.",
        "Sejumlah warga yang ditemui di lokasi mengaku senang dengan adanya kegiatan tersebut. "
        "Mereka berharap pemerintah daerah terus memberi perhatian pada kebutuhan masyarakat di "
        "tingkat desa dan kelurahan.",
    ]
    paras.extend(_pad(rng, paras, rng.sample(extra, len(extra)), low=1500))
    if rng.random() < 0.3:
        paras.insert(0, pub_header(rng, published))
    paras.extend(_footer(rng, gz, outlet, published.year))
    gold = {
        "article": f"{stem}.txt",
        "is_meeting": False,
        "meeting_date": None,
        "cluster": f"solo-{stem}",
        "mode": None,
        "region_codes": [],
        "institution_kinds": [],
        "topics": [],
        "kind": f"{kind}:{sub}",
    }
    return Article(title, paras, gold, outlet, published)


# --- the plan and the writer ------------------------------------------------------------------


def _plan_meetings(
    rng: random.Random, n_meeting: int, group_share: float, gz: Gazetteer
) -> tuple[list[MeetingPlan], list[tuple[int, int]]]:
    """Meetings (distinct by convening region and day) and the (meeting, member) of each report."""
    target_grouped = round(n_meeting * group_share)
    sizes: list[int] = []
    grouped = 0
    while grouped < target_grouped and n_meeting - grouped >= 2:
        size = min(_ri(rng, 2, 4), n_meeting - grouped)
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
                    venue_place = _c(rng, gz.locals)
                key = (f"national-{variant}", d)
            else:
                place = _c(rng, gz.provinces if level == "province" else gz.locals)
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
            mode = rng.choices(("in_person", "virtual", "hybrid", None), weights)[0]
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


def _outlet(rng: random.Random) -> str:
    return _c(rng, _OUTLET_A) + _c(rng, _OUTLET_B)


def _slug(title: str) -> str:
    out = []
    for ch in title.lower():
        out.append(ch if ch.isalnum() else "-")
    return "-".join(filter(None, "".join(out).split("-")))[:80]


def article_path(out_dir: Path, index: int, width: int = 6) -> Path:
    """Where article `index` goes: shards of SHARD_SIZE files."""
    return out_dir / f"{index // SHARD_SIZE:03d}" / f"{index:0{width}d}.txt"


def generate(
    n: int,
    out_dir: Path,
    *,
    seed: int = DEFAULT_SEED,
    regions: pd.DataFrame | None = None,
    mix: dict[str, float] | None = None,
    group_share: float = DEFAULT_GROUP_SHARE,
    manifest: bool = True,
    overwrite: bool = False,
) -> dict:
    """Write `n` articles, `gold.jsonl` and `manifest.csv` into `out_dir`; return the counts.

    `mix` gives the shares of `meeting`, `near_miss` and `off_topic` articles (normalised);
    `group_share` the share of meeting reports in groups of 2-4 reporting the same meeting.
    The folder must be empty or missing unless `overwrite` (which deletes it first).
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{out_dir} is not empty (pass overwrite=True to replace it)")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if regions is None:
        from pilkada.sources.official import regions_from_lokal

        regions = regions_from_lokal()
    gz = Gazetteer.from_frame(regions)
    shares = dict(DEFAULT_MIX, **(mix or {}))
    total = sum(shares.values())
    n_meeting = round(n * shares["meeting"] / total)
    n_near = round(n * shares["near_miss"] / total)
    n_near = min(n_near, n - n_meeting)
    n_off = n - n_meeting - n_near

    master = random.Random(seed)
    plans, reports = _plan_meetings(master, n_meeting, group_share, gz)
    entries: list[tuple] = [("meeting", spec, j) for spec, j in reports]
    entries += [("near_miss", master.choice(NEAR_MISS_KINDS), 0) for _ in range(n_near)]
    entries += [("off_topic", master.choice(OFF_TOPIC_KINDS), 0) for _ in range(n_off)]
    master.shuffle(entries)

    width = max(6, len(str(max(n - 1, 0))))
    gold_lines: list[str] = []
    manifest_rows = io.StringIO()
    writer = csv.writer(manifest_rows, lineterminator="\n")
    writer.writerow(["file", "url", "outlet", "published_date"])
    counts = {"meeting": 0, "near_miss": 0, "off_topic": 0}
    total_bytes = 0
    details_cache: dict[int, MeetingDetails] = {}
    for index, (kind, key, member) in enumerate(entries):
        if index % SHARD_SIZE == 0:
            (out_dir / f"{index // SHARD_SIZE:03d}").mkdir(exist_ok=True)
        stem = f"{index:0{width}d}"
        rng = random.Random(seed * 1_000_003 + index)
        outlet = _outlet(rng)
        if kind == "meeting":
            plan = plans[key]
            details = details_cache.get(key)
            if details is None:
                details = meeting_details(seed, plan, gz)
                if plan.n_reports > 1:
                    details_cache[key] = details
            art = render_meeting(rng, plan, details, member, gz, stem, outlet)
        else:
            art = _render_other(rng, kind, key, gz, stem, outlet)
        counts[kind] += 1
        text = art.title + "\n\n" + "\n\n".join(art.paragraphs) + "\n"
        data = text.encode("utf-8")
        total_bytes += len(data)
        rel = f"{index // SHARD_SIZE:03d}/{stem}.txt"
        with open(out_dir / rel, "wb") as handle:
            handle.write(data)
        gold_lines.append(json.dumps(art.gold, ensure_ascii=False))
        slug_outlet = art.outlet.lower()
        pub = art.published
        url = (
            f"https://{slug_outlet}.example.id/{pub.year}/{pub.month:02d}/{pub.day:02d}/"
            f"{_slug(art.title)}"
            if pub is not None
            else f"https://{slug_outlet}.example.id/berita/{_slug(art.title)}"
        )
        writer.writerow(
            [
                rel,
                url,
                art.outlet,
                pub.isoformat() if pub is not None and rng.random() < 0.5 else "",
            ]
        )
    (out_dir / "gold.jsonl").write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    if manifest:
        (out_dir / "manifest.csv").write_text(manifest_rows.getvalue(), encoding="utf-8")
    grouped = [p for p in plans if p.n_reports > 1]
    return {
        "n": n,
        "seed": seed,
        "synth_version": SYNTH_VERSION,
        "meeting": counts["meeting"],
        "near_miss": counts["near_miss"],
        "off_topic": counts["off_topic"],
        "meetings": len(plans),
        "groups": len(grouped),
        "grouped_articles": sum(p.n_reports for p in grouped),
        "bytes": total_bytes,
        "seconds": round(time.perf_counter() - started, 3),
    }
