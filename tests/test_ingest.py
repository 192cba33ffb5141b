"""Reading articles: encodings, bad files, manifests, source_uri and content ids."""

from __future__ import annotations

from pilkada.ingest import discover, read_sources
from pilkada.textnorm import content_hash, normalize_text

BODY = (
    "Rakor Pilkada di Kota Kediri\n\nKOTA KEDIRI - Pemerintah Kota Kediri menggelar"
    " rapat koordinasi persiapan Pilkada Serentak 2024, Senin (14/10/2024), dipimpin Pj Wali Kota."
)


def read_folder(folder):
    refs, rejected = discover([str(folder)])
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
    refs, rejected = discover([str(tmp_path / "nope")])
    assert refs == [] and rejected[0].reason == "no such file, folder or URL"


def test_a_location_named_twice_is_one_input(article_dir):
    folder = article_dir({"a.txt": BODY, "b.txt": BODY + " Lagi.", "c.pdf": "x"})
    refs, rejected = discover([str(folder), str(folder / "b.txt"), str(folder), "nowhere"] * 2)
    assert sorted(r.source_uri for r in refs) == ["a.txt", "b.txt"]
    assert sorted(r.source_uri for r in rejected) == ["c.pdf", "nowhere"]
