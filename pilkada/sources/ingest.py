"""Articles in: find inputs (folders, files, URLs), read and decode them, reject the unusable.

Reading never raises for one bad input: it returns a `Rejection` naming the input and the reason,
and the run goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import os
import re
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple, TypeVar
from urllib.parse import urlsplit

from pilkada.settings import (
    fetch_concurrency,
    fetch_per_host,
    fetch_timeout,
    follow_symlinks,
)
from pilkada.sources.location import is_url
from pilkada.sources.textnorm import content_hash, normalize_text

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".xhtml"}
IGNORED_NAMES = {"manifest.csv", "gold.jsonl", ".gitkeep"}
IGNORED_SUFFIXES = {".md", ".jsonl"}
MAX_ARTICLE_BYTES = 5 * 2**20
MIN_TEXT_CHARS = 40
T = TypeVar("T")
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
    origin: str | None = None  # the feed, sitemap or list that named this URL (host policy)
    fetched: Any = None  # the FetchResult of `body`, for the fetch log


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


def read_manifest(
    folder: Path, rejected: list[Rejection] | None = None
) -> dict[str, ManifestEntry]:
    """`manifest.csv` rows by file name (columns file, url, outlet, published_date; others are
    ignored), in any common encoding (UTF-8, UTF-16, else Windows-1252 as spreadsheets save
    it). Only these three values are kept per file: a backfill's manifest can list hundreds of
    thousands of files, and whole row dicts cost ~800 bytes each. A manifest that cannot be
    read is recorded in `rejected` (its files are still read, without its metadata)."""
    path = folder / "manifest.csv"
    entries: dict[str, ManifestEntry] = {}
    try:
        if not path.is_file():
            return {}
        rows = csv.DictReader(io.StringIO(decode(path.read_bytes(), "manifest.csv"), newline=""))
        for row in rows:
            name = row.get("file")
            if name:
                entries[name] = ManifestEntry(
                    url=row.get("url") or None,
                    outlet=row.get("outlet") or None,
                    published=_parse_date(row.get("published_date") or row.get("published")),
                )
    except (OSError, ValueError, csv.Error) as exc:
        reason = _os_reason(exc) if isinstance(exc, OSError) else str(exc)
        reason = reason.removeprefix("manifest.csv: ")
        if rejected is not None:
            rejected.append(Rejection(shown(str(path)), shown(str(path)), "discover",
                                      f"manifest not read ({reason}); its files are read"
                                      " without its metadata"))  # fmt: skip
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


def shown(text: str) -> str:
    """A path or name printable and storable whatever its bytes: bytes that are not UTF-8
    (kept by Python as surrogates) appear as \\xNN escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _not_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _os_reason(exc: OSError) -> str:
    """`Permission denied` rather than `[Errno 13] Permission denied: '/long/path'`."""
    return exc.strerror or type(exc).__name__


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _special(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _listing(folder: str, parts: tuple[str, ...], reject: Callable) -> Iterator[os.DirEntry]:
    """The entries of one folder, streamed (a backfill folder can hold 300k files); a folder
    that cannot be read, or stops being readable part-way, is rejected, not raised."""
    try:
        with os.scandir(folder) as listing:
            yield from listing
    except OSError as exc:
        reject(parts, folder, f"folder not readable: {_os_reason(exc)}")


def _walk(
    root: Path, rejected: list[Rejection], *, follow: bool | None = None
) -> Iterator[tuple[str, str, int, int]]:
    """(absolute path, path relative to root, size, mtime_ns) of every file under root, in
    path order; one stat per file (large backfills hold hundreds of thousands, so only the two
    numbers are kept, not the stat results).

    No entry stops the walk: an unreadable folder, a symbolic link loop, a path too long, a
    name that is not UTF-8 or something that is not a file becomes a `Rejection` naming it.
    Symbolic links to files are followed inside `root` only, unless `follow` (default: the
    setting PILKADA_FOLLOW_SYMLINKS) allows leaving it; a link to a folder inside `root` is not
    walked (its files are read where they are), and no folder is walked twice.
    """
    follow = follow_symlinks() if follow is None else follow
    base = os.path.realpath(root)
    found: list[tuple[tuple[str, ...], str, int, int]] = []
    stack: list[tuple[str, tuple[str, ...]]] = [(base, ())]
    walked = {base}

    def reject(parts: tuple[str, ...], path: str, reason: str) -> None:
        rel = shown("/".join(parts) or ".")
        rejected.append(Rejection(rel, shown(path), "discover", reason))

    while stack:
        folder, parts = stack.pop()
        for entry in _listing(folder, parts, reject):
            rel = (*parts, entry.name)
            if _not_utf8(entry.name):
                reject(rel, entry.path, "file name is not valid UTF-8 (shown with \\x escapes);"
                       " rename it to read it")  # fmt: skip
                continue
            if _skipped(entry.name) and not entry.is_dir(follow_symlinks=False):
                continue
            try:
                info = os.stat(entry.path)  # follows a link: its target, or the error why not
                target = os.path.realpath(entry.path) if entry.is_symlink() else entry.path
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    reason = "symbolic link loop (a link that leads back to itself)"
                elif entry.is_symlink() and exc.errno == errno.ENOENT:
                    reason = "broken symbolic link (its target does not exist)"
                else:
                    reason = f"cannot read: {_os_reason(exc)}"
                reject(rel, entry.path, reason)
                continue
            if entry.is_symlink() and not follow and not _inside(target, base):
                reject(rel, entry.path, f"symbolic link to {shown(target)}, outside the input"
                       " folder: not followed (PILKADA_FOLLOW_SYMLINKS=1 follows it)")  # fmt: skip
                continue
            if stat.S_ISDIR(info.st_mode):
                if entry.is_symlink() and _inside(target, base):
                    reject(rel, entry.path, f"symbolic link to the folder {shown(target)}:"
                           " its files are read where they are, not twice")  # fmt: skip
                    continue
                if target in walked:
                    reject(rel, entry.path, f"folder {shown(target)} is already read"
                           " (a symbolic link loop): not read twice")  # fmt: skip
                    continue
                walked.add(target)
                stack.append((entry.path, rel))
            elif stat.S_ISREG(info.st_mode):
                found.append((rel, entry.path, info.st_size, info.st_mtime_ns))
            else:
                reject(rel, entry.path, f"{_special(info.st_mode)}, not an article file")
    found.sort(key=lambda item: item[0])
    for rel_parts, path, size, mtime_ns in found:
        yield path, "/".join(rel_parts), size, mtime_ns


def discover_inputs(inputs: Iterable[str]) -> tuple[list[SourceRef], list[Rejection]]:
    """Expand folders into their article files (sorted); files and URLs stand for themselves.
    A location named more than once is listed once; an input or folder entry that cannot be
    used is a `Rejection` naming it, never an exception."""
    refs: list[SourceRef] = []
    rejected: list[Rejection] = []
    for item in inputs:
        if is_url(item):
            refs.append(SourceRef(location=item, source_uri=item, url=item))
            continue
        try:
            refs.extend(_discover_path(Path(item), rejected))
        except OSError as exc:
            reason = "no such file, folder or URL" if exc.errno == errno.ENOENT else (
                f"cannot read: {_os_reason(exc)}"
            )  # fmt: skip
            rejected.append(Rejection(shown(item), shown(item), "discover", reason))
    return _once(refs), _once(rejected)


def _discover_path(path: Path, rejected: list[Rejection]) -> list[SourceRef]:
    """The article files of one local input (a folder or a file); OSError when it is unusable."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        manifest = read_manifest(path, rejected)
        refs = []
        for location, rel, size, mtime_ns in _walk(path, rejected):
            name = rel.rsplit("/", 1)[-1]
            if _skipped(name):
                continue
            suffix = os.path.splitext(name)[1]
            if suffix.lower() not in ARTICLE_SUFFIXES:
                reason = f"unsupported file type '{suffix}'"
                rejected.append(Rejection(rel, location, "discover", reason))
                continue
            refs.append(_ref_for_file(location, rel, manifest, size, mtime_ns))
        return refs
    if _not_utf8(str(path)):
        reason = "file name is not valid UTF-8 (shown with \\x escapes); rename it to read it"
        rejected.append(Rejection(shown(path.name), shown(str(path)), "discover", reason))
        return []
    if not stat.S_ISREG(info.st_mode):
        reason = f"{_special(info.st_mode)}, not an article file"
        rejected.append(Rejection(shown(path.name), shown(str(path)), "discover", reason))
        return []
    manifest = read_manifest(path.parent, rejected)
    location = str(path.resolve())
    return [_ref_for_file(location, path.name, manifest, info.st_size, info.st_mtime_ns)]


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
        from pilkada.sources.html_extract import extract_html

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
    if ref.body is None:
        ref = _fetched(ref)
    article = build_article(ref, ref.body or "", ref.content_type)
    article.fetch = ref.fetched
    return article


def _fetched(ref: SourceRef) -> SourceRef:
    """`ref` with its page fetched (body, content type and fetch result), or FetchError."""
    from pilkada.sources.fetch import fetch_retrying

    result = fetch_retrying(
        ref.location, max_bytes=MAX_ARTICLE_BYTES, timeout=fetch_timeout(), origin=ref.origin
    )
    return replace(ref, body=result.text or "", content_type=result.content_type, fetched=result)


def fetch_pages(refs: Iterable[SourceRef]) -> tuple[list[SourceRef], list[Rejection]]:
    """Fetch the URLs of a batch concurrently, without parsing them (that is the extraction
    pool's work, on every core): refs with their bodies, and a Rejection for each failure."""
    refs = list(refs)
    todo = [r for r in refs if r.body is None and is_url(r.location)]
    done = _read_web(todo, _fetch_one) if todo else []
    pages = [r for r in refs if r.body is not None]  # fetched already, while planning
    pages += [r for r in done if isinstance(r, SourceRef)]
    return pages, [r for r in done if isinstance(r, Rejection)]


def _fetch_one(ref: SourceRef) -> SourceRef | Rejection:
    try:
        return _fetched(ref)
    except Exception as exc:  # noqa: BLE001 - one bad URL never stops the batch
        retry = bool(getattr(exc, "retryable", False))
        return Rejection(ref.source_uri, ref.location, "read", _reason(exc, ref), retry)


def read_one(ref: SourceRef) -> RawArticle | Rejection:
    """Read one input; a failure becomes a Rejection naming the input and the reason."""
    try:
        return read_url(ref) if is_url(ref.location) else read_file(ref)
    except Exception as exc:  # noqa: BLE001 - one bad input never stops the batch
        retry = bool(getattr(exc, "retryable", False))
        return Rejection(ref.source_uri, ref.location, "read", _reason(exc, ref), retry)


def read_sources(refs: Iterable[SourceRef]) -> tuple[list[RawArticle], list[Rejection]]:
    """Read a batch of inputs (URLs concurrently); every failure becomes a Rejection, never an
    exception."""
    refs = list(refs)
    results: list[RawArticle | Rejection | None] = [None] * len(refs)
    web = [i for i, ref in enumerate(refs) if ref.body is None and is_url(ref.location)]
    if len(web) > 1:
        for i, result in zip(web, _read_web([refs[i] for i in web]), strict=True):
            results[i] = result
    articles: list[RawArticle] = []
    rejected: list[Rejection] = []
    for ref, result in zip(refs, results, strict=True):
        result = result or read_one(ref)
        (rejected if isinstance(result, Rejection) else articles).append(result)
    return articles, rejected


def _read_web(refs: list[SourceRef], read: Callable[[SourceRef], T] = read_one) -> list[T]:
    """`read` (default `read_one`) over URLs on threads: at most $PILKADA_FETCH_CONCURRENCY at
    once, and $PILKADA_FETCH_PER_HOST at once on one host; results in input order."""
    per_host: dict[str, threading.BoundedSemaphore] = {}
    lock = threading.Lock()

    def one(ref: SourceRef) -> T:
        host = (urlsplit(ref.location).hostname or "") if is_url(ref.location) else ""
        with lock:
            slot = per_host.setdefault(host, threading.BoundedSemaphore(fetch_per_host()))
        with slot:
            return read(ref)

    with ThreadPoolExecutor(max_workers=min(fetch_concurrency(), len(refs))) as pool:
        return list(pool.map(one, refs))


def _reason(exc: Exception, ref: SourceRef) -> str:
    text = str(exc) or type(exc).__name__
    prefix = f"{ref.source_uri}: "
    return text[len(prefix) :] if text.startswith(prefix) else text


def chunks(items: list, size: int) -> Iterator[list]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
