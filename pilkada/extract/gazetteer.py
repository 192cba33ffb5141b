"""Gazetteer of provinces and kab/kota: official names, generated variants, short forms,
abbreviations and landmarks -> Kemendagri codes, and picking one code among several. No
meeting logic: `regions.py` reads a meeting's regions with it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from pilkada.extract.lexicons import Lexicons
from pilkada.extract.phrases import Payload, PhraseIndex

_PREFIX_RE = re.compile(
    r"^(kabupaten administrasi|kota administrasi|kabupaten|kota|provinsi)\s+", re.IGNORECASE
)
_SPELLINGS = (("Sumatera", "Sumatra"), ("Palangkaraya", "Palangka Raya"), ("Kep.", "Kepulauan"))


@dataclass(frozen=True)
class Region:
    """One official region."""

    code: str
    name: str
    level: str  # province | regency | city
    province_code: str


@dataclass(frozen=True)
class RegionName:
    """A gazetteer payload: the regions a name may denote, and whether its level is explicit."""

    codes: tuple[str, ...]
    explicit: bool  # "Kabupaten X", "Kota X", "Provinsi X", or a name only one region has


def _bare(name: str) -> str:
    return _PREFIX_RE.sub("", name).strip()


def _variants(name: str) -> set[str]:
    out = {name}
    for a, b in _SPELLINGS:
        for v in list(out):
            if a in v:
                out.add(v.replace(a, b))
            if b in v:
                out.add(v.replace(b, a))
    return out


class Gazetteer:
    """Region names with level prefixes, short forms, abbreviations and landmarks."""

    def __init__(self, regions: pd.DataFrame, lex: Lexicons) -> None:
        self.regions: dict[str, Region] = {}
        for row in regions.itertuples(index=False):
            code = str(row.code).strip()
            self.regions[code] = Region(
                code, str(row.name).strip(), str(row.level).strip(), str(row.province_code).strip()
            )
        self.names: dict[str, set[str]] = {}  # bare name -> codes
        self.prefixed: dict[str, set[str]] = {}  # "kabupaten x" etc. -> codes
        alt_of: dict[str, list[str]] = {}
        for row in regions.itertuples(index=False):
            alts = row.alt_names
            if isinstance(alts, float) and math.isnan(alts):
                alts = ""
            alt_of[str(row.code).strip()] = [a.strip() for a in str(alts or "").split("|") if a]
        for code, reg in self.regions.items():
            for full in [reg.name, *alt_of.get(code, [])]:
                for name in _variants(full):
                    self._add_region_name(code, reg.level, name)
        for row in lex.province_short_forms:
            self._add(self.names, row["short"], row["region_code"])
            self._add(self.prefixed, "Provinsi " + row["short"], row["region_code"])
            self._add(self.prefixed, "Prov " + row["short"], row["region_code"])
        for row in lex.regency_abbreviations:
            self._add(self.names, row["abbr"], row["region_code"])
        self.landmarks = {row["place"]: row["region_code"] for row in lex.landmarks}
        self.needs_prefix = lex.needs_prefix

    def _add(self, table: dict[str, set[str]], name: str, code: str) -> None:
        if code in self.regions:
            table.setdefault(name, set()).add(code)

    def _add_region_name(self, code: str, level: str, name: str) -> None:
        bare = _bare(name)
        if level == "province":
            self._add(self.names, bare, code)
            for p in ("Provinsi", "Prov", "Propinsi"):
                self._add(self.prefixed, f"{p} {bare}", code)
            if bare.lower().startswith(("daerah khusus", "daerah istimewa")):
                self._add(self.prefixed, name, code)
        elif level == "regency":
            self._add(self.names, bare, code)
            for p in ("Kabupaten", "Kab", "Kab.", "Kabupaten Administrasi"):
                self._add(self.prefixed, f"{p} {bare}", code)
        else:
            self._add(self.names, bare, code)
            self._add(self.names, f"{bare} Kota", code)  # Polres Madiun Kota
            for p in ("Kota", "Kota Administrasi"):
                self._add(self.prefixed, f"{p} {bare}", code)

    def add_to(self, index: PhraseIndex) -> None:
        """Put every name into a phrase index (payload type "region")."""
        for name, codes in self.prefixed.items():
            index.add(name, Payload("region", RegionName(tuple(sorted(codes)), True)))
        for name, codes in self.names.items():
            explicit = len(codes) == 1
            case = "exact" if name.isupper() and len(name) <= 4 else "cap"
            if name.lower() in self.needs_prefix:
                case = "needs_prefix"
            index.add(name, Payload("region", RegionName(tuple(sorted(codes)), explicit), case))
        for place, code in self.landmarks.items():
            if code in self.regions:
                index.add(place, Payload("region", RegionName((code,), True), "cap"))

    def level(self, code: str) -> str:
        """The level of a code."""
        return self.regions[code].level

    def province_of(self, code: str) -> str:
        """The province a code lies in (a province: itself)."""
        return self.regions[code].province_code

    def contains(self, outer: str, inner: str) -> bool:
        """Whether region `inner` lies in (or is) region `outer`."""
        if outer == inner:
            return True
        reg = self.regions.get(inner)
        return reg is not None and reg.province_code == outer and outer != inner

    def resolve(
        self,
        codes: tuple[str, ...],
        hint: str | None,
        preferred: list[str],
        default: str | None = None,
    ) -> str:
        """Pick one code: by the level a position implies, then by the article's explicit
        mentions, then the default level (a dateline names a city), then province > regency >
        city."""
        if len(codes) == 1:
            return codes[0]
        if hint:
            at_level = [c for c in codes if self.regions[c].level == hint]
            if hint == "regency" and not at_level:
                at_level = [c for c in codes if self.regions[c].level == "city"]
            if len(at_level) == 1:
                return at_level[0]
        for c in preferred:
            if c in codes:
                return c
        if default:
            at_default = [c for c in codes if self.regions[c].level == default]
            if len(at_default) == 1:
                return at_default[0]
        order = {"province": 0, "regency": 1, "city": 2}
        return sorted(codes, key=lambda c: (order.get(self.regions[c].level, 3), c))[0]
