"""The regions the articles write about, from the official region list."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

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
            bare = bare_name(name)
            bare_names[bare] = bare_names.get(bare, 0) + 1
        locals_: list[Place] = []
        provinces: list[Place] = []
        by_code: dict[str, Place] = {}
        by_name: dict[str, Place] = {}
        for code, name, level in rows:
            if "." in name or "Administrasi" in name:
                continue  # abbreviations and DKI's administrative cities read badly in prose
            bare = bare_name(name)
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
        shorts = {bare_name(n).lower() for _code, n, _l in rows}
        provinces = [p for p in provinces if p.code in by_province]
        province_names = {c: n for c, n, lv in rows if lv == "province"}
        return cls(locals_, provinces, by_province, capital, jakarta, shorts, province_names)


def bare_name(name: str) -> str:
    for prefix in ("Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
