"""HTML to text, candidates side by side on realistic news pages: CPU per page and text quality.

    python ../shared/tools/realistic_corpus.py 2000 /tmp/realhtml --html
    python benchmarks/html_bench.py /tmp/realhtml [--n 2000]

Quality is measured against each page's own body (the generator's `div.content`, which no
candidate is told about): word recall and precision, and whether title and date agree with the
extractor used before (two full trafilatura passes). Candidates that are not installed are
skipped (resiliparse is not a dependency; it was measured and not chosen: it drops list items).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura
from selectolax.lexbor import LexborHTMLParser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's pilkada
from pilkada.sources.html_extract import extract_html  # noqa: E402

WORD = re.compile(r"\w+")
Result = tuple[str | None, object, str]


def before(html: str) -> Result:
    """The extractor used until this benchmark: a precision pass, then a full balanced pass."""
    common = {"include_comments": False, "include_tables": True, "include_images": False,
              "include_links": False}
    if trafilatura.bare_extraction(html, favor_precision=True, **common) is None:
        return None, None, ""
    params = {"original_date": True, "extensive_search": False,
              "max_date": dt.date.today().isoformat()}
    doc = trafilatura.bare_extraction(html, with_metadata=True,
                                      date_extraction_params=params, **common)
    text = (doc.text or "").strip()
    first, _, rest = text.partition("\n")
    if doc.title and first.strip() == doc.title.strip() and rest.strip():
        text = rest.strip()
    return doc.title, (doc.date or "")[:10] or None, text


def current(html: str) -> Result:
    """pilkada.sources.html_extract as it ships."""
    try:
        title, date, text = extract_html(html, "page")
    except ValueError:
        return None, None, ""
    return title, date.isoformat() if date else None, text


def candidates() -> dict[str, Callable[[str], Result]]:
    found = {"trafilatura, two passes (before)": before, "html_extract (now)": current}
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except ImportError:
        return found

    def resiliparse(html: str) -> Result:
        tree = HTMLTree.parse(html)
        return tree.title, None, extract_plain_text(tree, main_content=True, links=False)

    found["resiliparse main_content"] = resiliparse
    return found


def body(html: str) -> str:
    node = LexborHTMLParser(html).css_first("div.content")
    return node.text(separator="\n") if node else ""


def words(text: str) -> collections.Counter:
    return collections.Counter(w.lower() for w in WORD.findall(text))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    pages = [p.read_text(encoding="utf-8") for p in sorted(args.folder.rglob("*.html"))[: args.n]]
    if not pages:
        sys.exit(f"{args.folder}: no .html pages")
    gold = [words(body(p)) for p in pages]
    results: dict[str, list[Result]] = {}
    print(f"{len(pages)} pages, {sum(map(len, pages)) / len(pages) / 1024:.1f} KB each")
    print(f"{'candidate':36} {'ms CPU/page':>11} {'recall':>7} {'precision':>9} "
          f"{'title=before':>12} {'date=before':>11}")
    for name, fn in candidates().items():
        t0 = time.process_time()
        results[name] = out = [fn(p) for p in pages]
        ms = (time.process_time() - t0) / len(pages) * 1000
        rec = prec = 0.0
        for (_, _, text), want in zip(out, gold, strict=True):
            got = words(text)
            hit = sum((want & got).values())
            rec += hit / max(1, sum(want.values()))
            prec += hit / max(1, sum(got.values()))
        ref = results[next(iter(results))]
        same_title = sum(a[0] == b[0] for a, b in zip(out, ref, strict=True)) / len(pages)
        same_date = sum(a[1] == b[1] for a, b in zip(out, ref, strict=True)) / len(pages)
        print(f"{name:36} {ms:11.2f} {rec / len(pages):7.3f} {prec / len(pages):9.3f} "
              f"{same_title:12.3f} {same_date:11.3f}")


if __name__ == "__main__":
    main()
