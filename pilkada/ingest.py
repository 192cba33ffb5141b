"""Articles in: find inputs (folders, files, URLs), read and decode them, reject the unusable.

Reading never raises for one bad input: it returns a `Rejection` naming the input and the reason,
and the run goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pilkada.settings import fetch_timeout
from pilkada.sources import is_url
from pilkada.textnorm import content_hash, normalize_text

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".xhtml"}
IGNORED_NAMES = {"manifest.csv", "gold.jsonl", ".gitkeep"}
IGNORED_SUFFIXES = {".md", ".jsonl"}
MAX_ARTICLE_BYTES = 5 * 2**20
MIN_TEXT_CHARS = 40
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # control characters but \t \n \f \r


@dataclass(frozen=True, slots=True)  # slots: a run holds one per input until it is loaded
class SourceRef:
    """One input to read: a local file or a URL, with what a manifest knew about it."""

    location: str  # absolute path or URL
    source_uri: str  # path relative to its input folder, or the URL
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    size: int | None = None
    mtime_ns: int | None = None
    body: str | None = None  # already fetched (a page met while expanding a web source)
    content_type: str | None = None  # of a fetched body


@dataclass(slots=True)
class RawArticle:
    """An article read and normalized, before extraction."""

    article_id: str
    source_uri: str
    text: str
    title: str | None
    url: str | None = None
    outlet: str | None = None
    published_date: dt.date | None = None
    location: str = ""
    size: int | None = None
    mtime_ns: int | None = None
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    fetch: Any = None  # the FetchResult of a URL, for the fetch log


@dataclass(frozen=True)
class Rejection:
    """An input that was not loaded, and why."""

    source_uri: str
    location: str
    stage: str
    reason: str
    retryable: bool = False  # a timeout, connection error or 5xx: worth trying again


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


class ManifestEntry(NamedTuple):
    """What a manifest row says about one file."""

    url: str | None
    outlet: str | None
    published: dt.date | None


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """`manifest.csv` rows by file name (columns file, url, outlet, published_date; others are
    ignored). Only these three values are kept per file: a backfill's manifest can list
    hundreds of thousands of files, and whole row dicts cost ~800 bytes each."""
    path = folder / "manifest.csv"
    if not path.is_file():
        return {}
    entries: dict[str, ManifestEntry] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("file"):
                entries[row["file"]] = ManifestEntry(
                    url=row.get("url") or None,
                    outlet=row.get("outlet") or None,
                    published=_parse_date(row.get("published_date") or row.get("published")),
                )
    return entries


def _ref_for_file(
    path: str, rel: str, manifest: dict[str, ManifestEntry], size: int, mtime_ns: int
) -> SourceRef:
    meta = manifest.get(rel) or manifest.get(os.path.basename(rel))
    return SourceRef(
        location=path,
        source_uri=rel,
        url=meta.url if meta else None,
        outlet=meta.outlet if meta else None,
        published=meta.published if meta else None,
        size=size,
        mtime_ns=mtime_ns,
    )


def _skipped(name: str) -> bool:
    """Not an input: bookkeeping files, hidden files, notes."""
    return (
        name in IGNORED_NAMES
        or name.startswith(".")
        or os.path.splitext(name)[1] in IGNORED_SUFFIXES
        or name.lower().startswith("readme")
    )


def _walk(root: Path) -> Iterator[tuple[str, str, int, int]]:
    """(absolute path, path relative to root, size, mtime_ns) of every file under root, in
    path order; one stat per file (large backfills hold hundreds of thousands, so only the two
    numbers are kept, not the stat results)."""
    base = str(root.resolve())
    found: list[tuple[tuple[str, ...], str, int, int]] = []
    stack = [(base, ())]
    while stack:
        folder, parts = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    stack.append((entry.path, (*parts, entry.name)))
                elif entry.is_file():
                    stat = entry.stat()
                    found.append(((*parts, entry.name), entry.path, stat.st_size, stat.st_mtime_ns))
    found.sort(key=lambda item: item[0])
    for rel_parts, path, size, mtime_ns in found:
        yield path, "/".join(rel_parts), size, mtime_ns


def discover(inputs: Iterable[str]) -> tuple[list[SourceRef], list[Rejection]]:
    """Expand folders into their article files (sorted); files and URLs stand for themselves.
    A location named more than once is listed once."""
    refs: list[SourceRef] = []
    rejected: list[Rejection] = []
    for item in inputs:
        if is_url(item):
            refs.append(SourceRef(location=item, source_uri=item, url=item))
            continue
        path = Path(item)
        if path.is_dir():
            manifest = read_manifest(path)
            for location, rel, size, mtime_ns in _walk(path):
                name = rel.rsplit("/", 1)[-1]
                if _skipped(name):
                    continue
                suffix = os.path.splitext(name)[1]
                if suffix.lower() not in ARTICLE_SUFFIXES:
                    reason = f"unsupported file type '{suffix}'"
                    rejected.append(Rejection(rel, location, "discover", reason))
                    continue
                refs.append(_ref_for_file(location, rel, manifest, size, mtime_ns))
        elif path.is_file():
            manifest = read_manifest(path.parent)
            stat = path.stat()
            refs.append(
                _ref_for_file(
                    str(path.resolve()), path.name, manifest, stat.st_size, stat.st_mtime_ns
                )
            )
        else:
            rejected.append(Rejection(item, item, "discover", "no such file, folder or URL"))
    return _once(refs), _once(rejected)


def _once(found: list) -> list:
    """Each location once, however often the inputs name it (a folder given twice, a file and
    its folder): the first mention wins."""
    seen: set[str] = set()
    return [x for x in found if not (x.location in seen or seen.add(x.location))]


def decode(data: bytes, source: str) -> str:
    """Bytes to text: BOMs, UTF-16 without BOM, UTF-8, else Windows-1252; binary is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    sample = data[:4096]
    if b"\x00" in sample:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) * 0.4 and even < len(sample) * 0.05:
            return data.decode("utf-16-le", errors="replace")
        if even > len(sample) * 0.4 and odd < len(sample) * 0.05:
            return data.decode("utf-16-be", errors="replace")
        raise ValueError(f"{source}: binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = len(_CONTROL_RE.findall(text, 0, 4096))
    if controls > max(8, len(text[:4096]) * 0.02):
        raise ValueError(f"{source}: binary content (control characters), not text")
    return text


def looks_like_html(name: str, text: str, content_type: str | None = None) -> bool:
    """HTML by its content type when fetched, else by suffix or opening tag."""
    if content_type:
        return content_type in ("text/html", "application/xhtml+xml")
    head = text[:512].lstrip().lower()
    return Path(name.split("?")[0]).suffix.lower() in {
        ".html",
        ".htm",
        ".xhtml",
    } or head.startswith(("<!doctype html", "<html"))


def build_article(ref: SourceRef, raw_text: str, content_type: str | None = None) -> RawArticle:
    """Normalize decoded text (HTML through trafilatura) into a RawArticle, or raise ValueError."""
    published = ref.published
    if looks_like_html(ref.source_uri, raw_text, content_type):
        from pilkada.html_extract import extract_html

        title, page_date, body = extract_html(raw_text, ref.source_uri, url=ref.url)
        if len(body.strip()) < MIN_TEXT_CHARS:
            raise ValueError(f"{ref.source_uri}: no article text found in the HTML page")
        raw_text = f"{title}\n\n{body}" if title else body
        published = published or page_date
    text = normalize_text(raw_text)
    if not text:
        raise ValueError(f"{ref.source_uri}: empty (no text after normalization)")
    if len(text) < MIN_TEXT_CHARS:
        raise ValueError(f"{ref.source_uri}: too short to be an article ({len(text)} characters)")
    first = text.split("\n", 1)[0].strip()
    return RawArticle(
        article_id=content_hash(text),
        source_uri=ref.source_uri,
        text=text,
        title=first[:300] or None,
        url=ref.url,
        outlet=ref.outlet,
        published_date=published,
        location=ref.location,
        size=ref.size,
        mtime_ns=ref.mtime_ns,
    )


def read_file(ref: SourceRef) -> RawArticle:
    """Read one local article file; errors name the file and the reason."""
    path = Path(ref.location)
    size = path.stat().st_size
    if size == 0:
        raise ValueError(f"{ref.source_uri}: empty file")
    if size > MAX_ARTICLE_BYTES:
        raise ValueError(
            f"{ref.source_uri}: {size} bytes, larger than the {MAX_ARTICLE_BYTES}-byte cap"
        )
    return build_article(ref, decode(path.read_bytes(), ref.source_uri))


def read_url(ref: SourceRef) -> RawArticle:
    """Fetch one article URL; errors name the URL and the reason."""
    if ref.body is not None:
        return build_article(ref, ref.body, ref.content_type)
    from pilkada.fetch import fetch

    result = fetch(ref.location, max_bytes=MAX_ARTICLE_BYTES, timeout=fetch_timeout())
    article = build_article(ref, result.text or "", result.content_type)
    article.fetch = result
    return article


def read_one(ref: SourceRef) -> RawArticle | Rejection:
    """Read one input; a failure becomes a Rejection naming the input and the reason."""
    try:
        return read_url(ref) if is_url(ref.location) else read_file(ref)
    except Exception as exc:  # noqa: BLE001 - one bad input never stops the batch
        retry = bool(getattr(exc, "retryable", False))
        return Rejection(ref.source_uri, ref.location, "read", _reason(exc, ref), retry)


def read_sources(refs: Iterable[SourceRef]) -> tuple[list[RawArticle], list[Rejection]]:
    """Read a batch of inputs; every failure becomes a Rejection, never an exception."""
    articles: list[RawArticle] = []
    rejected: list[Rejection] = []
    for ref in refs:
        result = read_one(ref)
        (rejected if isinstance(result, Rejection) else articles).append(result)
    return articles, rejected


def _reason(exc: Exception, ref: SourceRef) -> str:
    text = str(exc) or type(exc).__name__
    prefix = f"{ref.source_uri}: "
    return text[len(prefix) :] if text.startswith(prefix) else text


def chunks(items: list, size: int) -> Iterator[list]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
