"""Incremental web sources: a URL is a page, a feed, a sitemap or a URL list.

Each source URL is fetched conditionally (ETag / Last-Modified from the fetch log); a 304 costs
one request and yields nothing new. Entries already loaded are not fetched again; a page whose
fetch failed is not marked loaded, so the next run tries it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pandas as pd

from pilkada.settings import fetch_timeout
from pilkada.sources import feeds
from pilkada.sources.fetch import FetchError, FetchResult, fetch_retrying, is_retryable
from pilkada.sources.ingest import MAX_ARTICLE_BYTES, Rejection, SourceRef

FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
}
MAX_SITEMAPS = 50
MAX_LISTING_BYTES = 50 * 2**20  # sitemaps may be large; a page is held to MAX_ARTICLE_BYTES
LOG_COLUMNS = [
    "url",
    "fetched_at",
    "status",
    "outcome",
    "etag",
    "last_modified",
    "n_bytes",
    "elapsed_s",
    "error",
]


@dataclass
class WebPlan:
    """Pages to read, fetch-log rows, and sources that failed."""

    refs: list[SourceRef] = field(default_factory=list)
    log: list[dict] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    not_modified: int = 0
    already_loaded: int = 0
    # a listing's ETag / Last-Modified, held back until its entries are read: a run that
    # stops early then gets the whole listing again next time (and skips what it loaded)
    held: dict[str, tuple[str | None, str | None, object]] = field(default_factory=dict)

    def log_frame(self) -> pd.DataFrame:
        """fetch_log rows."""
        return pd.DataFrame(self.log, columns=LOG_COLUMNS)


def log_row(url: str, result: FetchResult | None, error: Exception | None, now) -> dict:
    """One fetch_log row for a fetch that answered or failed."""
    if result is not None:
        outcome = "not_modified" if result.not_modified else "ok"
        return {
            "url": url,
            "fetched_at": now,
            "status": result.status,
            "outcome": outcome,
            "etag": result.etag,
            "last_modified": result.last_modified,
            "n_bytes": result.n_bytes,
            "elapsed_s": result.elapsed_s,
            "error": None,
        }
    status = getattr(error, "status", None)
    return {
        "url": url,
        "fetched_at": now,
        "status": status,
        "outcome": "error",
        "etag": None,
        "last_modified": None,
        "n_bytes": 0,
        "elapsed_s": None,
        "error": str(error),
    }


def is_listing(result: FetchResult) -> bool:
    """A feed, sitemap or URL list rather than an article page."""
    text = (result.text or "").lstrip("\ufeff \t\r\n")[:300].lower()
    if result.content_type in FEED_TYPES or text.startswith(("<?xml", "<rss", "<feed", "<urlset")):
        return not text.startswith(("<!doctype html", "<html"))
    if result.content_type == "text/plain":
        first = text.splitlines()[0] if text else ""
        return first.startswith(("http://", "https://", "#"))
    return False


def expand(
    urls: list[str],
    *,
    validators: dict[str, tuple[str | None, str | None]],
    loaded_urls: set[str],
    now,
    timeout: float | None = None,
) -> WebPlan:
    """Turn source URLs into the article pages still to read (conditional GET on each source)."""
    plan = WebPlan()
    timeout = timeout or fetch_timeout()
    for url in urls:
        etag, modified = validators.get(url, (None, None))
        try:
            result = fetch_retrying(
                url, etag=etag, last_modified=modified, timeout=timeout, max_bytes=MAX_LISTING_BYTES
            )
        except FetchError as exc:
            plan.log.append(log_row(url, None, exc, now))
            plan.rejected.append(
                Rejection(url, url, "fetch", exc.reason, retryable=is_retryable(exc))
            )
            continue
        plan.log.append(log_row(url, result, None, now))
        if result.not_modified:
            plan.not_modified += 1
            continue
        if not is_listing(result):
            if result.n_bytes > MAX_ARTICLE_BYTES:
                reason = f"body larger than {MAX_ARTICLE_BYTES} bytes"
                plan.rejected.append(Rejection(url, url, "fetch", reason))
            elif url in loaded_urls:
                plan.already_loaded += 1
            else:
                plan.refs.append(
                    SourceRef(
                        location=url,
                        source_uri=url,
                        url=url,
                        body=result.text,
                        content_type=result.content_type,
                    )
                )
            continue
        try:
            entries = _entries(url, result, plan, now, timeout)
        except (FetchError, ValueError) as exc:
            plan.rejected.append(Rejection(url, url, "fetch", str(exc)))
            continue
        if any(e.url not in loaded_urls for e in entries) and (result.etag or result.last_modified):
            row = next(r for r in reversed(plan.log) if r["url"] == url)
            row["etag"] = row["last_modified"] = None
            plan.held[url] = (result.etag, result.last_modified, row["fetched_at"])
        for entry in entries:
            if entry.url in loaded_urls:
                plan.already_loaded += 1
                continue
            plan.refs.append(
                SourceRef(
                    location=entry.url,
                    source_uri=entry.url,
                    url=entry.url,
                    published=entry.published,
                    origin=url,
                )
            )
    return plan


def _entries(url: str, result: FetchResult, plan: WebPlan, now, timeout: float) -> list:
    """Article entries of a listing, following sitemap indexes. A child sitemap that fails, a
    sitemap entry on another site, or a bad line of a URL list is rejected alone."""
    out: list[feeds.FeedEntry] = []
    bad: list[str] = []
    text = result.text or ""
    sitemap = feeds.sniff_kind(text, url) == "sitemap"
    queue = list(feeds.feed_entries(text, None, result.final_url, bad))
    followed = 0
    while queue:
        entry = queue.pop(0)
        if sitemap and not same_site(entry.url, url):
            reason = f"listed by the sitemap {url}, but not on its site: not followed"
            plan.rejected.append(Rejection(entry.url, entry.url, "fetch", reason))
            continue
        if not entry.is_sitemap:
            out.append(entry)
            continue
        followed += 1
        if followed > MAX_SITEMAPS:
            reason = f"more than {MAX_SITEMAPS} child sitemaps in {url}: not followed"
            plan.rejected.append(Rejection(entry.url, entry.url, "fetch", reason))
            continue
        try:
            child = fetch_retrying(
                entry.url, timeout=timeout, max_bytes=MAX_LISTING_BYTES, origin=url
            )
            children = feeds.feed_entries(child.text or "", "sitemap", child.final_url)
        except (FetchError, ValueError) as exc:
            reason = exc.reason if isinstance(exc, FetchError) else str(exc)
            plan.log.append(log_row(entry.url, None, exc, now))
            plan.rejected.append(
                Rejection(entry.url, entry.url, "fetch", reason, is_retryable(exc))
            )
            continue
        plan.log.append(log_row(entry.url, child, None, now))
        queue.extend(children)
    for reason in bad:
        where = reason.split(": ", 1)[0]
        plan.rejected.append(Rejection(where, where, "fetch", reason.split(": ", 1)[-1]))
    seen: set[str] = set()
    return [e for e in out if not (e.url in seen or seen.add(e.url))]


def same_site(url: str, other: str) -> bool:
    """Same host, `www.` aside, or one a subdomain of the other (news.x.id and x.id)."""
    a, b = (urlsplit(u).hostname or "" for u in (url, other))
    a, b = a.removeprefix("www."), b.removeprefix("www.")
    return bool(a) and (a == b or a.endswith("." + b) or b.endswith("." + a))
