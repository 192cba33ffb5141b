"""Where an input lives: a local path or an http(s) URL, read the same way."""

from __future__ import annotations

from pathlib import Path

MAX_OFFICIAL_BYTES = 50 * 2**20
LIST_TYPES = {"text/csv", "application/csv", "application/json", "text/plain", "text/json"}


def is_url(source: str) -> bool:
    """True for http:// and https:// sources."""
    return source.lower().startswith(("http://", "https://"))


def read_bytes(source: str, *, max_bytes: int = MAX_OFFICIAL_BYTES) -> bytes:
    """The bytes of a local file or a URL; errors name the source and the reason."""
    if is_url(source):
        from pilkada.sources.fetch import fetch  # requests is only needed for URLs

        result = fetch(source, max_bytes=max_bytes, accept=LIST_TYPES)
        return (result.text or "").encode("utf-8")
    path = Path(source)
    if not path.is_file():
        raise FileNotFoundError(f"{source}: no such file")
    if path.stat().st_size > max_bytes:
        raise ValueError(f"{source}: larger than {max_bytes} bytes")
    return path.read_bytes()
