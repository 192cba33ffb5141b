"""Reading articles: encodings, bad files, manifests, source_uri and content ids."""

from __future__ import annotations

from pilkada.sources.ingest import discover_inputs, read_sources
from pilkada.sources.textnorm import content_hash, normalize_text

BODY = (
    "Rakor Pilkada di Kota Kediri\n\nKOTA KEDIRI - Pemerintah Kota Kediri menggelar"
    " rapat koordinasi persiapan Pilkada Serentak 2024, Senin (14/10/2024), dipimpin Pj Wali Kota."
)


def read_folder(folder):
    refs, rejected = discover_inputs([str(folder)])
    articles, more = read_sources(refs)
    return articles, rejected + more


def test_source_uri_is_relative_and_manifest_gives_url(article_dir):
    folder = article_dir({"a.txt": BODY})
    (folder / "manifest.csv").write_text("file,url,outlet\na.txt,https://x.example/a,Example\n")
    (articles, rejected) = read_folder(folder)
    assert rejected == []
    (art,) = articles
    assert (
        art.source_uri == "a.txt" and art.url == "https://x.example/a" and art.outlet == "Example"
    )
    assert art.title == "Rakor Pilkada di Kota Kediri"
    assert art.article_id == content_hash(normalize_text(BODY))


def test_manifest_dates_nested_paths_and_extra_columns(article_dir):
    """A manifest row keys a file by its relative path or its name; published_date (or
    published) becomes the article's date; unknown columns are ignored; a bad date is none."""
    folder = article_dir({"b.txt": BODY + " B", "c.txt": BODY + " C"})
    (folder / "2024").mkdir()
    (folder / "2024" / "a.txt").write_text(BODY, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,url,outlet,published_date,published,notes\n"
        "2024/a.txt,https://x.example/a,Example,2024-10-14,,first\n"
        "b.txt,,Other,,2024-10-15T08:00:00,\n"
        "c.txt,https://x.example/c,,not a date,,\n"
    )
    refs, rejected = discover_inputs([str(folder)])
    assert rejected == []
    by_uri = {r.source_uri: r for r in refs}
    assert list(by_uri) == ["2024/a.txt", "b.txt", "c.txt"]  # path order
    a, b, c = by_uri["2024/a.txt"], by_uri["b.txt"], by_uri["c.txt"]
    assert (a.url, a.outlet, str(a.published)) == ("https://x.example/a", "Example", "2024-10-14")
    assert (b.url, b.outlet, str(b.published)) == (None, "Other", "2024-10-15")
    assert (c.url, c.outlet, c.published) == ("https://x.example/c", None, None)
    assert all(r.size and r.size > 0 and r.mtime_ns for r in refs)
    # a file named directly finds its folder's manifest too
    (direct,), _ = discover_inputs([str(folder / "b.txt")])
    assert (direct.outlet, str(direct.published), direct.size) == ("Other", "2024-10-15", b.size)


def test_encodings_give_the_same_article(article_dir):
    folder = article_dir(
        {
            "utf8.txt": BODY.encode("utf-8"),
            "utf16.txt": BODY.encode("utf-16"),
            "utf16le_nobom.txt": BODY.encode("utf-16-le"),
            "crlf.txt": BODY.replace("\n", "\r\n").encode("utf-8"),
        }
    )
    articles, rejected = read_folder(folder)
    assert rejected == []
    assert len({a.article_id for a in articles}) == 1


def test_latin1_text_is_decoded(article_dir):
    text = BODY + " Kegiatan di Café Nusantara."
    folder = article_dir({"latin1.txt": text.encode("latin-1")})
    (art,), rejected = read_folder(folder)
    assert "Café" in art.text and rejected == []


def test_bad_inputs_are_rejected_with_reasons(article_dir):
    folder = article_dir(
        {
            "empty.txt": b"",
            "blank.txt": b"  \n\t \n",
            "binary.txt": bytes(range(256)) * 8,
            "tiny.txt": b"Rakor.",
            "image.png": b"\x89PNG\r\n",
            "ok.txt": BODY,
        }
    )
    articles, rejected = read_folder(folder)
    assert [a.source_uri for a in articles] == ["ok.txt"]
    reasons = {r.source_uri: r.reason for r in rejected}
    assert reasons["empty.txt"] == "empty file"
    assert "empty" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "too short" in reasons["tiny.txt"]
    assert "unsupported file type '.png'" in reasons["image.png"]


def test_missing_input_is_rejected_not_raised(tmp_path):
    refs, rejected = discover_inputs([str(tmp_path / "nope")])
    assert refs == [] and rejected[0].reason == "no such file, folder or URL"


def test_a_location_named_twice_is_one_input(article_dir):
    folder = article_dir({"a.txt": BODY, "b.txt": BODY + " Lagi.", "c.pdf": "x"})
    inputs = [str(folder), str(folder / "b.txt"), str(folder), "nowhere"] * 2
    refs, rejected = discover_inputs(inputs)
    assert sorted(r.source_uri for r in refs) == ["a.txt", "b.txt"]
    assert sorted(r.source_uri for r in rejected) == ["c.pdf", "nowhere"]


def test_normalize_text_strips_every_line_end_like_the_regex_it_replaced():
    """No space, tab or no-break space before a line end, exactly as `[ \\t\\u00a0]+$` (multi-line)
    removed them, over random texts of the characters that matter."""
    import random
    import re
    import unicodedata

    from pilkada.sources.textnorm import normalize_text

    spec = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("ab \t\u00a0\n\r.") for _ in range(rng.randint(0, 30)))
        plain = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
        expected = re.sub(r"\n{3,}", "\n\n", spec.sub("", plain)).strip()
        assert normalize_text(text) == expected, repr(text)
