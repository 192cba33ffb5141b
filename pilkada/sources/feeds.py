"""Article URLs from RSS/Atom feeds, XML sitemaps (and sitemap indexes) and plain URL lists."""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import feedparser

__all__ = ["FeedEntry", "FeedKind", "discover_url", "feed_entries", "parse_date", "sniff_kind"]

FeedKind = Literal["rss", "atom", "sitemap", "urls"]

_ROOT_TAG = re.compile(r"<([A-Za-z_][\w.:-]*)")
_PROLOG = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", re.S | re.I)
_ID_MONTHS = {
    "januari": "Jan", "februari": "Feb", "maret": "Mar", "april": "Apr", "mei": "May",
    "juni": "Jun", "juli": "Jul", "agustus": "Aug", "agu": "Aug", "agt": "Aug",
    "september": "Sep", "oktober": "Oct", "okt": "Oct", "november": "Nov", "nopember": "Nov",
    "desember": "Dec", "des": "Dec",
}  # fmt: skip
_ID_MONTH_WORD = re.compile(r"\b(" + "|".join(_ID_MONTHS) + r")\b", re.I)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One discovered URL; ``is_sitemap`` marks a child sitemap listed by a sitemap index."""

    url: str
    title: str | None = None
    published: dt.date | None = None
    is_sitemap: bool = False


def feed_entries(
    source_text: str,
    kind: FeedKind | None = None,
    base_url: str | None = None,
    bad_lines: list[str] | None = None,
) -> list[FeedEntry]:
    """Entries of a feed, sitemap or URL list (kind sniffed when None), in document order.

    Relative links resolve against `base_url`; duplicates are dropped; only http(s) URLs are
    kept. A sitemap index gives entries with ``is_sitemap=True`` (see `discover_url` to follow
    them). Raises ValueError naming `base_url` when the text is not what `kind` says. A line of
    a URL list that is not a URL raises too, unless `bad_lines` is given: then its reason is
    appended there and the other lines are kept.
    """
    label = base_url or "input"
    text = source_text.lstrip("\ufeff \t\r\n")
    if not text:
        raise ValueError(f"{label}: empty, no feed, sitemap or URL list")
    kind = kind or sniff_kind(text, label)
    if kind in ("rss", "atom"):
        entries = _from_feed(text, base_url, label)
    elif kind == "sitemap":
        entries = _from_sitemap(text, base_url, label)
    elif kind == "urls":
        entries = _from_url_list(text, base_url, label, bad_lines)
    else:
        raise ValueError(f"{label}: unknown source kind {kind!r}")
    seen: set[str] = set()
    unique = []
    for entry in entries:
        if entry.url not in seen:
            seen.add(entry.url)
            unique.append(entry)
    return unique


def sniff_kind(text: str, label: str = "input") -> FeedKind:
    """'rss', 'atom' or 'sitemap' from the XML root element; 'urls' for non-XML text."""
    text = text.lstrip("\ufeff \t\r\n")
    if not text.startswith("<"):
        return "urls"
    match = _ROOT_TAG.search(_PROLOG.sub("", text[:8192]))
    root = match.group(1).rsplit(":", 1)[-1].lower() if match else ""
    if root in ("rss", "rdf"):
        return "rss"
    if root == "feed":
        return "atom"
    if root in ("urlset", "sitemapindex"):
        return "sitemap"
    if root == "html":
        raise ValueError(f"{label}: an HTML page, not a feed, sitemap or URL list")
    raise ValueError(f"{label}: XML root <{root or '?'}> is not RSS, Atom or a sitemap")


def _from_feed(text: str, base_url: str | None, label: str) -> list[FeedEntry]:
    """RSS 0.9x/1.0/2.0 and Atom through feedparser (tolerant of sloppy XML)."""
    headers = {"content-type": "application/xml; charset=utf-8"}  # the text is decoded already
    if base_url:
        headers["content-location"] = base_url
    # A stream, never a str: feedparser would treat a str as a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise ValueError(f"{label}: not an RSS or Atom feed{detail}")
    entries = []
    for item in parsed.entries:
        url = _absolute(_entry_link(item), base_url)
        if url:
            title = (item.get("title") or "").strip() or None
            entries.append(FeedEntry(url, title, _entry_date(item)))
    return entries


def _entry_link(item: Any) -> str | None:
    """The entry's article link: ``link``, an alternate link, or a URL-shaped id/guid."""
    if item.get("link"):
        return item["link"]
    for link in item.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    guid = item.get("id") or ""
    return guid if guid.startswith(("http://", "https://")) else None


def _entry_date(item: Any) -> dt.date | None:
    """Published (else updated) date as the outlet wrote it, in its own time zone.

    feedparser's ``*_parsed`` values are UTC: an article published 06:30 WIB (+07:00) would
    land on the previous day, so the raw string is parsed first.
    """
    for key in ("published", "updated", "created"):
        parsed = parse_date(item.get(key))
        if parsed:
            return parsed
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = item.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def parse_date(value: str | None) -> dt.date | None:
    """The calendar date of an ISO 8601 / W3C or RFC 822 timestamp, keeping its own offset."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    english = _ID_MONTH_WORD.sub(lambda m: _ID_MONTHS[m.group(1).lower()], value)
    try:
        return email.utils.parsedate_to_datetime(english).date()
    except (TypeError, ValueError, IndexError):
        return None


def _from_sitemap(text: str, base_url: str | None, label: str) -> list[FeedEntry]:
    """A ``<urlset>`` (optionally with Google News tags) or a ``<sitemapindex>``."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ValueError(f"{label}: not an XML sitemap ({exc})") from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise ValueError(f"{label}: XML root <{kind}> is not a sitemap")
    entries = []
    for node in root:
        if _local(node.tag) not in ("url", "sitemap"):
            continue
        children = {_local(child.tag): child for child in node}
        loc = children.get("loc")
        url = _absolute(loc.text if loc is not None else None, base_url)
        if not url:
            continue
        if kind == "sitemapindex":
            entries.append(FeedEntry(url, None, None, is_sitemap=True))
            continue
        # <lastmod> is when the page last changed, not when it was published: not used.
        news = children.get("news")  # Google News sitemap: <news:news><news:title>...
        news_fields = {_local(child.tag): child.text for child in news} if news is not None else {}
        title = (news_fields.get("title") or "").strip() or None
        entries.append(FeedEntry(url, title, parse_date(news_fields.get("publication_date"))))
    return entries


def _local(tag: str) -> str:
    """``'{http://www.sitemaps.org/schemas/sitemap/0.9}loc'`` -> ``'loc'``."""
    return tag.rsplit("}", 1)[-1]


def _from_url_list(
    text: str, base_url: str | None, label: str, bad_lines: list[str] | None = None
) -> list[FeedEntry]:
    """One URL per line; blank lines and ``#`` comments (whole-line or after a space) skipped;
    a line that is not a URL raises, or goes to `bad_lines` when that is given."""
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.split(r"\s#", raw, maxsplit=1)[0].strip()
        if not line or line.startswith("#"):
            continue
        url = _absolute(line, base_url)
        if not url or " " in line:
            reason = f"{label} line {number}: {line[:200]!r} is not an http(s) URL"
            if bad_lines is None:
                raise ValueError(reason)
            bad_lines.append(reason)
            continue
        entries.append(FeedEntry(url))
    return entries


def _absolute(link: str | None, base_url: str | None) -> str | None:
    """`link` resolved against `base_url`, or None unless it is an http(s) URL with a host."""
    if not link:
        return None
    url = urljoin(base_url, link.strip()) if base_url else link.strip()
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def discover_url(
    url: str,
    *,
    kind: FeedKind | None = None,
    session: Any = None,
    timeout: float = 10.0,
    max_bytes: int = 50 * 2**20,
    max_sitemaps: int = 100,
) -> list[FeedEntry]:
    """Fetch a feed, sitemap or URL list and return its article entries.

    Sitemap indexes are followed (each child sitemap fetched once, at most `max_sitemaps`).
    Fetch failures raise `pilkada.sources.fetch.FetchError`; malformed documents raise ValueError.
    """
    from pilkada.sources.fetch import fetch

    queue: list[tuple[str, FeedKind | None]] = [(url, kind)]
    seen: set[str] = set()
    articles: list[FeedEntry] = []
    while queue:
        current, current_kind = queue.pop(0)
        if current in seen:
            continue
        if len(seen) >= max_sitemaps:
            raise ValueError(f"{url}: more than {max_sitemaps} sitemaps to follow")
        seen.add(current)
        result = fetch(current, session=session, timeout=timeout, max_bytes=max_bytes)
        for entry in feed_entries(result.text or "", current_kind, result.final_url):
            if entry.is_sitemap:
                queue.append((entry.url, "sitemap"))
            else:
                articles.append(entry)
    unique: dict[str, FeedEntry] = {}
    for entry in articles:
        unique.setdefault(entry.url, entry)
    return list(unique.values())
