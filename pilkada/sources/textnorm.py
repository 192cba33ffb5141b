"""Text normalization and content hashing: one article, however fetched, is one id."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_TRAILING_WS = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFKC, LF line ends, no trailing spaces, at most one blank line in a row, stripped."""
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")
    text = _TRAILING_WS.sub("", text)
    return _BLANK_RUNS.sub("\n\n", text).strip()


def content_hash(normalized: str) -> str:
    """The article_id: first 16 hex characters of sha256 of the normalized text."""
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def short_hash(*parts: str, length: int = 12) -> str:
    """A stable short key from its parts (institution ids, meeting ids)."""
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:length]
