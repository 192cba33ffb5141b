"""The bad-input corpus: every case has its expected outcome, the run goes on, nothing is lost.

File cases go through one real build; URL cases through a real HTTP server on 127.0.0.1; official
list cases through the loader and the official-list quality gate. After the build every input is
accounted for: loaded, a duplicate of a loaded article, or rejected with its reason.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from localserver import LocalServer
from snapshots import duplicate_keys, orphans

from flows.build import build_warehouse
from pilkada.errors import QualityGateFailed
from pilkada.sources.official import OfficialListError, load_official

MEETING = (
    "Forkopimda Kabupaten Sleman Gelar Rakor Pengamanan Pilkada 2024\n\n"
    "SLEMAN - Pemerintah Kabupaten Sleman menggelar rapat koordinasi pengamanan Pilkada Serentak"
    " 2024 di Pendopo Parasamya, Senin (14/10/2024). Rakor dipimpin Sekda Sleman dan dihadiri"
    " Kapolres Sleman, Dandim 0732/Sleman, Ketua KPU dan Ketua Bawaslu Kabupaten Sleman."
    ' "ASN wajib netral," tegas Sekda.'
)
NO_DATE = MEETING.replace(", Senin (14/10/2024)", "")
ENGLISH = (
    "City council approves new budget\n\nThe city council approved the annual budget on Monday"
    " after a long debate about public transport and parks. The mayor thanked the members."
)
BOILERPLATE = "Baca Juga: Rakor Pilkada di Sleman\nBaca Juga: Apel Siaga\nKomentar\nBerita Terkait\n"
HTML_OK = (
    "<!doctype html><html><head><title>Rakor Pilkada Sleman</title>"
    '<meta charset="utf-8"></head><body><nav>Beranda | Politik</nav><article><h1>Rakor Pilkada'
    " Sleman</h1>" + "".join(f"<p>{p}</p>" for p in MEETING.split("\n\n")[1].split(". ")) * 3
    + "</article><footer>Copyright 2024</footer></body></html>"
)
HTML_NO_BODY = (
    "<!doctype html><html><head><title>Beranda</title></head><body><nav><a href='/'>Beranda</a>"
    "<a href='/politik'>Politik</a></nav><footer>Copyright</footer></body></html>"
)


@dataclass(frozen=True)
class Case:
    """One bad (or odd) input and what must become of it."""

    name: str
    content: bytes | None  # None: made by `make` in the test
    outcome: str  # loaded | duplicate | rejected | ignored
    reason: str = ""  # substring of the rejection reason
    is_meeting: bool | None = None


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


FILE_CASES = [
    Case("empty.txt", b"", "rejected", "empty file"),
    Case("whitespace.txt", b"   \t  ", "rejected", "empty"),
    Case("newlines.txt", b"\n\n\r\n\n", "rejected", "empty"),
    Case("nul_bytes.txt", bytes(range(256)) * 16, "rejected", "binary"),
    Case("png_named_txt.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(500), "rejected", "binary"),
    Case("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15]) * 100, "rejected", "binary"),
    Case("nul_in_text.txt", utf8(MEETING[:200]) + b"\x00" * 50 + utf8(MEETING[200:]), "rejected", "binary"),
    Case("image.png", b"\x89PNG\r\n", "rejected", "unsupported file type '.png'"),
    Case("report.pdf", b"%PDF-1.4\n", "rejected", "unsupported file type '.pdf'"),
    Case("archive.zip", b"PK\x03\x04", "rejected", "unsupported file type '.zip'"),
    Case("tiny.txt", b"Rakor.", "rejected", "too short"),
    Case("huge.txt", None, "rejected", "larger than"),
    Case("latin1.txt", (MEETING + " Rapat di Caf\xe9 Sleman.").encode("latin-1"), "loaded", is_meeting=True),
    Case("cp1252.txt", (MEETING + " \u201cSiap\u201d.").encode("cp1252"), "loaded", is_meeting=True),
    Case("utf16_bom.txt", MEETING.replace("Sleman", "Kota Yogyakarta").encode("utf-16"), "loaded"),
    Case("utf16le_nobom.txt", (MEETING + " Selesai.").encode("utf-16-le"), "loaded"),
    Case("utf8_bom.txt", codecs.BOM_UTF8 + utf8(MEETING + " Tamat."), "loaded"),
    Case("no_date.txt", utf8(NO_DATE), "loaded"),
    Case("english.txt", utf8(ENGLISH), "loaded", is_meeting=False),
    Case("boilerplate_only.txt", utf8("Pilkada\n\n" + BOILERPLATE * 5), "loaded", is_meeting=False),
    Case("one_long_line.txt", utf8("Rakor " + "kata " * 200_000), "loaded", is_meeting=False),
    Case("dup_a.txt", utf8(MEETING + "\nSumber: Humas."), "loaded"),
    Case("dup_b.txt", utf8(MEETING + "\nSumber: Humas."), "duplicate"),
    Case("dup_crlf.txt", utf8((MEETING + "\nSumber: Humas.").replace("\n", "\r\n") + "\r\n\r\n"), "duplicate"),
    Case("page.html", utf8(HTML_OK), "loaded"),
    Case("nav_only.html", utf8(HTML_NO_BODY), "rejected", "no article text"),
    Case("empty.html", b"", "rejected", "empty file"),
    Case("blank_page.htm", utf8("<html><body>   </body></html>"), "rejected", "no article text"),
    Case("truncated.html", utf8(HTML_OK[: len(HTML_OK) // 2]), "loaded"),
    Case("windows1252.htm", HTML_OK.replace("utf-8", "windows-1252").replace("Sleman", "Sl\u00e9man").encode("cp1252"), "loaded"),
    Case(".hidden.txt", utf8(MEETING), "ignored"),
    Case("README.md", utf8("# notes"), "ignored"),
]  # fmt: skip


def make_files(folder: Path) -> None:
    for case in FILE_CASES:
        path = folder / case.name
        if case.name == "huge.txt":  # 50 MB, written in chunks
            with path.open("wb") as handle:
                chunk = utf8(MEETING + "\n") * 2000
                while handle.tell() < 50 * 2**20:
                    handle.write(chunk)
        else:
            path.write_bytes(case.content or b"")
    (folder / "subfolder.txt").mkdir()  # a folder named like an article: not an input


def outcomes(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, bool]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        status = dict(con.execute("SELECT source_uri, status FROM source_files").fetchall())
        reasons = dict(con.execute("SELECT source_uri, reason FROM rejected_inputs").fetchall())
        meeting = dict(con.execute("SELECT source_uri, is_meeting_report FROM articles").fetchall())
        return status, reasons, meeting
    finally:
        con.close()


def test_file_cases(tmp_path, warehouse):
    folder = tmp_path / "bad"
    folder.mkdir()
    make_files(folder)
    # the folder named twice: each file is still one input (source_files keeps one row each)
    inputs = [str(folder), str(folder)]
    summary = build_warehouse(articles=inputs, warehouse=str(warehouse), batch_size=8)
    status, reasons, meeting = outcomes(warehouse)
    assert len(FILE_CASES) >= 30
    for case in FILE_CASES:
        if case.outcome == "rejected":
            assert case.name in reasons, case.name
            assert case.reason in reasons[case.name], (case.name, reasons[case.name])
        elif case.outcome == "ignored":
            assert case.name not in status and case.name not in reasons, case.name
        else:
            assert status.get(case.name) == case.outcome, (case.name, status.get(case.name))
        if case.outcome == "loaded":
            assert case.name in meeting, case.name
            if case.is_meeting is not None:
                assert meeting[case.name] == case.is_meeting, case.name
    # every input is accounted for, nothing orphaned
    inputs = [c for c in FILE_CASES if c.outcome != "ignored"]
    assert sum(1 for c in inputs if c.name in status or c.name in reasons) == len(inputs)
    assert not any(orphans(warehouse).values())
    assert not any(duplicate_keys(warehouse).values())
    assert summary["counts"]["rejected_inputs"] == sum(c.outcome == "rejected" for c in FILE_CASES)


URL_CASES = [
    ("/ok.html", "loaded", ""),
    ("/missing", "rejected", "HTTP 404"),
    ("/broken", "rejected", "HTTP 500"),
    ("/slow", "rejected", "timed out"),
    ("/loop", "rejected", "redirect"),
    ("/big", "rejected", "larger than"),
    ("/image", "rejected", "content type image/png"),
    ("/nav", "rejected", "no article text"),
    ("/empty", "rejected", "empty"),
    ("/plain.txt", "loaded", ""),
]


def test_url_cases(warehouse, monkeypatch):
    monkeypatch.setenv("PILKADA_FETCH_TIMEOUT", "1")
    monkeypatch.setenv("PILKADA_RETRY_DELAYS", "0")
    with LocalServer(lifetime=120) as srv:
        srv.add("/ok.html", HTML_OK)
        srv.add("/missing", status=404)
        srv.add("/broken", status=500)
        srv.slow("/slow", 3)
        srv.redirect("/loop", "/loop")
        srv.add("/big", b"<html>" + b"x" * 1024 * 1024, repeat=6)
        srv.add("/image", b"\x89PNG", content_type="image/png")
        srv.add("/nav", HTML_NO_BODY)
        srv.add("/empty", b"")
        srv.add("/plain.txt", NO_DATE.replace("Sleman", "Bantul"), content_type="text/plain")
        urls = [srv.url(path) for path, _, _ in URL_CASES]
        build_warehouse(articles=urls, warehouse=str(warehouse))
        status, reasons, _ = outcomes(warehouse)
        for (path, outcome, reason), url in zip(URL_CASES, urls, strict=True):
            if outcome == "loaded":
                assert status.get(url) == "loaded", (path, reasons.get(url))
            else:
                assert reason in reasons.get(url, ""), (path, reasons.get(url))
        assert srv.hits["/broken"] >= 2  # a 5xx is retried within the run


def test_network_failure_is_retried_next_run(warehouse, monkeypatch):
    monkeypatch.setenv("PILKADA_RETRY_DELAYS", "0")
    with LocalServer(lifetime=120) as srv:
        srv.add("/news.html", status=503)
        url = srv.url("/news.html")
        build_warehouse(articles=[url], warehouse=str(warehouse))
        status, reasons, _ = outcomes(warehouse)
        assert "HTTP 503" in reasons[url] and status[url] == "rejected"
        srv.add("/news.html", HTML_OK)  # the site is back
        build_warehouse(articles=[url], warehouse=str(warehouse))
        status, _, _ = outcomes(warehouse)
        assert status[url] == "loaded"


OFFICIAL_CASES = [
    ("missing_code.csv", "id,name\n35,Jawa Timur\n", "missing column 'code'"),
    ("missing_name.csv", "code,nama\n35,Jawa Timur\n", "missing column 'name'"),
    ("malformed.csv", "code,name\n35,Jawa Timur\n35-14,Kabupaten Pasuruan\n", "malformed"),
    ("truncated.json", '[{"code": "35", "name": "Jawa', "not valid JSON"),
    ("not_a_list.json", '{"code": "35"}', "list of row objects"),
    ("empty.csv", "", "not a readable CSV"),
    ("header_only.csv", "code,name\n", "no rows"),
    ("pilkada_2024_unknown.csv", "code,name\n99.99,Kota Antah\n", "not in the region list"),
    ("pilkada_2019.csv", "code,name\n35,Jawa Timur\n", "not one of"),
    ("elections.csv", "code,name\n35,Jawa Timur\n", "cannot tell the election year"),
]


@pytest.mark.parametrize(("name", "content", "reason"), OFFICIAL_CASES)
def test_official_list_cases(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(OfficialListError, match=reason) as info:
        load_official([str(path)])
    assert name in str(info.value)


@pytest.mark.parametrize(
    ("content", "expectation"),
    [
        ("code,name\n35,Jawa Timur\n35,Jawa Timur\n35.14,Kabupaten Pasuruan\n", "unique"),
        ("code,name\n35,Jawa Timur\n99.01,Kabupaten Antah\n", "99"),
    ],
    ids=["duplicate_codes", "unknown_province"],
)
def test_bad_official_list_is_quarantined(tmp_path, warehouse, content, expectation):
    path = tmp_path / "regions.csv"
    path.write_text(content)
    with pytest.raises(QualityGateFailed, match="official_regions") as info:
        build_warehouse(articles=[], official=[str(path)], warehouse=str(warehouse))
    assert expectation in str(info.value)
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM dim_region").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM quarantined_batches").fetchone()[0] == 1
    con.close()
