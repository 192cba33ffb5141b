"""pilkada.sources.fetch against a real HTTP server on 127.0.0.1 (tests/localserver.py)."""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
import requests
from localserver import LocalServer

from pilkada.sources.fetch import (
    FetchError,
    FetchResult,
    decode_body,
    fetch,
    is_retryable,
    retry_condition,
)

ARTICLE = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Forkopimda Sleman Gelar Rakor Kesiapan Pilkada 2024 - Warta Contoh</title>
</head>
<body>
<nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a></nav>
<article>
<h1>Forkopimda Sleman Gelar Rakor Kesiapan Pilkada 2024</h1>
<p>SLEMAN - Bupati Sleman memimpin rapat koordinasi kesiapan Pilkada Serentak 2024 di
Pendopo Parasamya, Kamis (12/9/2024). Rakor dihadiri Kapolres, Dandim 0732/Sleman, KPU dan
Bawaslu. "Netralitas ASN harus dijaga," kata Bupati.</p>
</article>
</body>
</html>
"""
LAST_MODIFIED = "Thu, 12 Sep 2024 08:42:00 GMT"


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        srv.add("/artikel.html", ARTICLE)
        srv.add("/missing", status=404, body="tidak ada", content_type="text/plain")
        srv.add("/error", status=500, body="galat", content_type="text/plain")
        srv.add("/busy", status=503, body="sibuk", content_type="text/plain")
        srv.slow("/slow", 3.0)
        srv.add("/drip", "<p>" + "x" * 200 + "</p>", chunk=50, drip=3.0)
        srv.redirect_loop("/loop")
        srv.redirect("/pindah", "/artikel.html", status=301)
        srv.oversize("/besar", 3 * 2**20)
        srv.oversize("/besar-cl", 3 * 2**20, content_length=True)
        srv.add("/foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
        srv.add("/data.csv", "kode,nama\n35,Jawa Timur\n", content_type="text/csv")
        srv.add("/tanpa-tipe", "halo", content_type=None)
        srv.add("/etag.html", ARTICLE, etag='"v1-abc"')
        srv.add("/lm.html", ARTICLE, last_modified=LAST_MODIFIED)
        yield srv


def test_good_article(server: LocalServer) -> None:
    result = fetch(server.url("/artikel.html"))
    assert isinstance(result, FetchResult)
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.final_url == result.url == server.url("/artikel.html")
    assert "Pendopo Parasamya" in (result.text or "")
    assert result.n_bytes == len(ARTICLE.encode("utf-8"))
    assert not result.not_modified
    assert result.etag is None and result.last_modified is None
    assert 0 <= result.elapsed_s < 5
    assert result.encoding == "utf-8"


def test_redirect_is_followed(server: LocalServer) -> None:
    result = fetch(server.url("/pindah"))
    assert result.final_url == server.url("/artikel.html")
    assert result.url == server.url("/pindah")


def test_404_names_url_and_status(server: LocalServer) -> None:
    url = server.url("/missing")
    with pytest.raises(FetchError) as info:
        fetch(url)
    assert str(info.value) == f"{url}: HTTP 404 Not Found"
    assert info.value.status == 404
    assert not is_retryable(info.value)


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/error", "500 Internal Server Error"), ("/busy", "503 Service Unavailable")],
)
def test_5xx_is_retryable(server: LocalServer, path: str, expected: str) -> None:
    with pytest.raises(FetchError, match=f"HTTP {expected}") as info:
        fetch(server.url(path))
    assert is_retryable(info.value)


def test_timeout_waiting_for_headers(server: LocalServer) -> None:
    url = server.url("/slow")
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(url, timeout=0.5)
    assert time.monotonic() - started < 2.5
    assert str(info.value) == f"{url}: timed out after 0.5 s"
    assert is_retryable(info.value)


def test_timeout_while_reading_body(server: LocalServer) -> None:
    # requests reports this one as a ConnectionError wrapping urllib3's ReadTimeoutError
    url = server.url("/drip")
    with pytest.raises(FetchError) as info:
        fetch(url, timeout=0.5)
    assert str(info.value) == f"{url}: timed out after 0.5 s"
    assert is_retryable(info.value)


def test_connection_refused_is_retryable() -> None:
    with LocalServer() as gone:
        url = gone.url("/x")
    with pytest.raises(FetchError, match=r"connection failed: .*refused") as info:
        fetch(url, timeout=2)
    assert str(info.value).startswith(f"{url}: ")
    assert is_retryable(info.value)


def test_redirect_loop(server: LocalServer) -> None:
    url = server.url("/loop")
    with pytest.raises(FetchError) as info:
        fetch(url)
    assert str(info.value) == f"{url}: redirect loop (more than 10 redirects)"
    assert not is_retryable(info.value)
    assert server.hits["/loop"] + server.hits["/loop-again"] <= 12


@pytest.mark.parametrize("path", ["/besar", "/besar-cl"])
def test_oversize_body(server: LocalServer, path: str) -> None:
    url = server.url(path)
    with pytest.raises(FetchError) as info:
        fetch(url, max_bytes=2**20)
    assert str(info.value) == f"{url}: body larger than 1048576 bytes"
    assert not is_retryable(info.value)


def test_wrong_content_type(server: LocalServer) -> None:
    url = server.url("/foto.png")
    with pytest.raises(FetchError) as info:
        fetch(url)
    assert str(info.value) == f"{url}: content type image/png is not an article or feed"
    assert not is_retryable(info.value)
    with pytest.raises(FetchError, match="no content type"):
        fetch(server.url("/tanpa-tipe"))


def test_accept_widens_the_allowed_types(server: LocalServer) -> None:
    with pytest.raises(FetchError, match="text/csv is not an article or feed"):
        fetch(server.url("/data.csv"))
    result = fetch(server.url("/data.csv"), accept={"text/csv"})
    assert result.text == "kode,nama\n35,Jawa Timur\n"
    with pytest.raises(FetchError, match="text/html is not one of text/csv"):
        fetch(server.url("/artikel.html"), accept={"text/csv"})


def test_conditional_get_with_etag(server: LocalServer) -> None:
    first = fetch(server.url("/etag.html"))
    assert first.etag == '"v1-abc"' and first.text
    second = fetch(server.url("/etag.html"), etag=first.etag)
    assert second.not_modified and second.status == 304
    assert second.text is None and second.n_bytes == 0
    assert second.etag == '"v1-abc"'
    sent = [h for p, h in server.requests if p == "/etag.html"][-1]
    assert sent["If-None-Match"] == '"v1-abc"'
    changed = fetch(server.url("/etag.html"), etag='"v0-old"')
    assert not changed.not_modified and changed.text == first.text


def test_conditional_get_with_last_modified(server: LocalServer) -> None:
    first = fetch(server.url("/lm.html"))
    assert first.last_modified == LAST_MODIFIED
    second = fetch(server.url("/lm.html"), last_modified=first.last_modified)
    assert second.not_modified and second.text is None
    assert second.last_modified == LAST_MODIFIED
    older = fetch(server.url("/lm.html"), last_modified="Wed, 11 Sep 2024 08:42:00 GMT")
    assert not older.not_modified and older.text == first.text


META_LATIN1 = '<html><head><meta charset="iso-8859-1"></head><body>Pénjabat Bupati</body></html>'
KALIMAT = "Rapat koordinasi Pilkada di Kabupaten Garut dibuka pukul 09.00 WIB."


@pytest.mark.parametrize(
    ("body", "content_type", "expected", "encoding"),
    [
        # Latin-1 declared in the header
        (
            "Résumé rapat: café di Pendopo, señor Bupati.".encode("latin-1"),
            "text/plain; charset=ISO-8859-1",
            "Résumé rapat: café di Pendopo, señor Bupati.",
            "cp1252",
        ),
        # Latin-1 declared only in a <meta> tag
        (
            META_LATIN1.encode("latin-1"),
            "text/html",
            "Pénjabat Bupati",
            "cp1252",
        ),
        # "ISO-8859-1" that really is windows-1252 (curly quotes), as browsers read it
        (
            "\u201cNetralitas ASN\u201d, kata Bupati".encode("cp1252"),
            "text/plain; charset=iso-8859-1",
            "\u201cNetralitas ASN\u201d, kata Bupati",
            "cp1252",
        ),
        # UTF-16 with BOM, declared
        (KALIMAT.encode("utf-16"), "text/plain; charset=UTF-16", KALIMAT, None),
        # UTF-16 little-endian without BOM, declared
        (KALIMAT.encode("utf-16-le"), "text/plain; charset=utf-16le", KALIMAT, "utf-16-le"),
        # UTF-16 big-endian with BOM, undeclared
        (b"\xfe\xff" + KALIMAT.encode("utf-16-be"), "text/plain", KALIMAT, "utf-16-be"),
        # UTF-8 with no charset anywhere (requests alone would say ISO-8859-1 for text/*)
        (
            "Pemungutan suara — 27 November 2024, café".encode(),
            "text/plain",
            "Pemungutan suara — 27 November 2024, café",
            "utf-8",
        ),
    ],
    ids=[
        "latin1-header",
        "latin1-meta",
        "cp1252-as-latin1",
        "utf16-declared",
        "utf16le-no-bom",
        "utf16be-bom",
        "utf8-undeclared",
    ],
)
def test_charsets(
    server: LocalServer, body: bytes, content_type: str, expected: str, encoding: str | None
) -> None:
    path = f"/charset-{abs(hash(body))}"
    server.add(path, body, content_type=content_type)
    result = fetch(server.url(path))
    assert expected in (result.text or "")
    assert "\ufeff" not in (result.text or "")
    if encoding:
        assert result.encoding == encoding


def test_decode_body_guesses_undeclared_latin1() -> None:
    text, _ = decode_body("Pemilihan Bupati Garut: résumé, café, señor, façade".encode("latin-1"))
    assert "café" in text and "\ufffd" not in text


def test_session_is_reused_when_given(server: LocalServer) -> None:
    with requests.Session() as session:
        session.max_redirects = 3
        assert fetch(server.url("/artikel.html"), session=session).text
        with pytest.raises(FetchError, match=r"redirect loop \(more than 3 redirects\)"):
            fetch(server.url("/loop"), session=session)


def test_is_retryable_on_requests_errors_and_prefect_condition() -> None:
    assert is_retryable(requests.ConnectTimeout())
    assert is_retryable(requests.ConnectionError())
    assert not is_retryable(requests.TooManyRedirects())
    assert not is_retryable(ValueError("kosong"))
    err = FetchError("http://contoh.example/a", "HTTP 502 Bad Gateway", retryable=True)
    assert retry_condition(None, None, SimpleNamespace(data=err))
    assert not retry_condition(None, None, SimpleNamespace(data=ValueError("x")))


def test_fetch_error_pickles() -> None:
    err = FetchError(
        "http://contoh.example/a", "HTTP 503 Service Unavailable", retryable=True, status=503
    )
    copy = pickle.loads(pickle.dumps(err))
    assert str(copy) == str(err) and copy.retryable and copy.status == 503
