"""Invented names: persons, outlets, kecamatan and the words of venues."""

from __future__ import annotations

import random

from benchmarks.synth.draws import pick, word_list
from benchmarks.synth.places import Gazetteer

_FIRST_A = word_list(
    "Ag Ar Bam Bud Dar Dw Ek Fa Gun Har Hen Ir Jok Kus Lu Mar Nur Pur Rah Ri Sap Sur Ti Wah Wid "
    "Yud Yu Den Ros Sit An De In Re Ma Su Ra Sa Fir Han Il Nov"
)
_FIRST_B = ("a", "i", "u", "o", "e", "ya", "wa", "di", "ri", "sa", "ma", "na", "", "", "")
_FIRST_C = word_list(
    "to no di man yanto wati sih ni ti ah an ar ono ardi ansyah ra ka dy us at ida ul as ina"
)
_LAST_A = word_list(
    "Pra Su Hida Seti Wija Kur Nugr Sapu Hara Lub Sire Nasu Panj Sima Situ Rama Sant Kusu Wibo "
    "Gun Purn Hand Iska Mahe Sula Tamb Rus Hal Ardi Firm"
)
_LAST_B = word_list(
    "yat anto awan ya ono oho tra is gar tion mpul tupang dhan sa wo ma ndar di man sah lana wan"
)
_PREFIX_NAMES = ("Ahmad", "Muhammad", "Abdul", "Siti", "Nur", "Sri", "Dewi", "Putu", "Made")
_BALI = ("I Wayan", "I Made", "I Nyoman", "I Ketut", "I Gusti Ngurah", "Ni Luh")
_TITLES = (", S.H.", ", S.Sos.", ", M.Si.", ", S.IP.", ", M.M.", "")

WORDS = word_list(
    (
        "Sembada|Mawar|Cendana|Garuda|Merah Putih|Nusantara|Bhakti|Wijaya|Praja|Pancasila|"
        "Melati|Anggrek|Kenanga|Sakti|Candra|Mandala|Utama|Widya|Loka|Sasana|Graha|Abdi|"
        "Manunggal|Rajawali|Cakra"
    ),
    "|",
)
_PLACE_A = word_list(
    "Karang Sumber Tanjung Sido Kali Bukit Suka Mekar Tegal Pasir Wono Ngadi Jati Batu Sungai "
    "Air Pulo Rawa"
)
_PLACE_B = word_list(
    "sari mulyo jaya rejo agung harjo makmur asri baru wangi indah luhur tengah raya kencana"
)
_OUTLET_A = word_list(
    "Warta Kabar Suara Portal Media Berita Info Radar Jurnal Harian Lintas Sorot Gema Fokus"
)
_OUTLET_B = word_list(
    "Nusa Daerah Rakyat Kita Satu Timur Raya Pagi Senja Publik Merdeka Terkini Utama Kini"
)
KOREM = ("Wira", "Bhaskara", "Pamungkas", "Dharma", "Santiaji", "Wijaya", "Satya", "Baladhika")


_FIRST = tuple(a + b + c for a in _FIRST_A for b in _FIRST_B for c in _FIRST_C)
_LAST = tuple(a + b for a in _LAST_A for b in _LAST_B)


def _first_name(rng: random.Random) -> str:
    return pick(rng, _FIRST)


def person_name(rng: random.Random) -> tuple[str, str]:
    """A full name and the name the article calls the person by."""
    roll = rng.random()
    first = _first_name(rng)
    if roll < 0.08:
        name = f"{pick(rng, _BALI)} {first}"
    elif roll < 0.25:
        name = f"{pick(rng, _PREFIX_NAMES)} {first}"
    elif roll < 0.40:
        name = first
    else:
        name = f"{first} {pick(rng, _LAST)}"
    if rng.random() < 0.05:
        name += pick(rng, _TITLES)
    return name, first


def kecamatan_name(rng: random.Random, gz: Gazetteer) -> str:
    for _ in range(10):
        name = pick(rng, _PLACE_A) + pick(rng, _PLACE_B)
        if name.lower() not in gz.shorts:
            return name
    return "Sukaraya"


def outlet_name(rng: random.Random) -> str:
    return pick(rng, _OUTLET_A) + pick(rng, _OUTLET_B)
