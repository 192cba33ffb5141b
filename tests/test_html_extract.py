"""pilkada.sources.html_extract on pages served by a real local server and on local .html files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from localserver import LocalServer

from pilkada.sources.fetch import fetch
from pilkada.sources.html_extract import extract_html

TITLE = "Forkopimda Sleman Gelar Rakor Kesiapan Pilkada 2024"
ARTICLE = f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{TITLE} - Warta Contoh</title>
<meta property="og:title" content="{TITLE}">
<meta property="article:published_time" content="2024-09-12T06:42:00+07:00">
<link rel="stylesheet" href="/css/situs.css">
</head>
<body>
<header>
  <div class="logo">Warta Contoh</div>
  <nav><a href="/">Beranda</a> <a href="/politik">Politik</a> <a href="/daerah">Daerah</a>
  <a href="/olahraga">Olahraga</a> <a href="/indeks">Indeks</a></nav>
</header>
<main>
<article>
  <h1>{TITLE}</h1>
  <p class="byline">Penulis: Redaksi Warta Contoh |
  <time datetime="2024-09-12T06:42:00+07:00">Kamis, 12/09/2024 06:42 WIB</time></p>
  <p>SLEMAN - Bupati Sleman memimpin Rapat Koordinasi Forkopimda Kesiapan Pilkada Serentak
  2024 di Pendopo Parasamya, Kamis (12/9/2024). Rakor dihadiri Kapolres Sleman, Dandim
  0732/Sleman, Kepala Kejaksaan Negeri Sleman, Ketua KPU dan Ketua Bawaslu Kabupaten Sleman.</p>
  <p>"Netralitas ASN harus dijaga. Kami minta seluruh panewu memetakan titik rawan sejak dini
  dan melaporkannya setiap pekan," kata Bupati dalam sambutannya.</p>
  <p>Kapolres menyampaikan bahwa pengamanan tahapan kampanye akan melibatkan 600 personel
  gabungan TNI-Polri yang disiagakan di 17 kapanewon hingga hari pemungutan suara pada
  27 November 2024.</p>
  <p>Hadir dalam rakor tersebut:</p>
  <ul>
    <li>Kapolres Sleman AKBP Budi Santoso</li>
    <li>Dandim 0732/Sleman Letkol Inf Andi Pratama</li>
  </ul>
</article>
<aside><h3>Berita Terkait</h3><ul><li><a href="/a/9">KPU Sleman Tetapkan DPT</a></li></ul></aside>
</main>
<footer><p>&copy; 2024 Warta Contoh. Hak cipta dilindungi undang-undang.</p>
<p><a href="/redaksi">Redaksi</a> | <a href="/pedoman">Pedoman Media Siber</a></p></footer>
</body>
</html>
"""
NO_BODY = """<!DOCTYPE html>
<html lang="id">
<head><meta charset="utf-8"><title>Indeks Berita - Warta Contoh</title></head>
<body>
<header><nav><a href="/">Beranda</a> <a href="/politik">Politik</a> <a href="/daerah">Daerah</a>
<a href="/olahraga">Olahraga</a></nav></header>
<main><ul class="indeks">
<li><a href="/a/1">Rakor Pilkada Sleman</a></li>
<li><a href="/a/2">KPU Tetapkan DPT</a></li>
<li><a href="/a/3">Bawaslu Awasi Kampanye</a></li>
</ul></main>
<footer><p>&copy; 2024 Warta Contoh</p></footer>
</body>
</html>
"""


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        srv.add("/daerah/2024/09/12/rakor-sleman.html", ARTICLE)
        srv.add("/indeks.html", NO_BODY)
        yield srv


def test_article_from_the_local_server(server: LocalServer) -> None:
    url = server.url("/daerah/2024/09/12/rakor-sleman.html")
    page = fetch(url)
    title, published, text = extract_html(page.text or "", url, url=page.final_url)
    assert title == TITLE
    # the local date of 06:42 WIB (+07:00), not the UTC date (11 September)
    assert published == dt.date(2024, 9, 12)
    assert text.startswith("SLEMAN - Bupati Sleman memimpin Rapat Koordinasi")
    assert "Pendopo Parasamya, Kamis (12/9/2024)" in text
    assert "Dandim 0732/Sleman Letkol Inf Andi Pratama" in text  # list items are kept
    for boilerplate in ("Beranda", "Olahraga", "Hak cipta", "Pedoman Media Siber"):
        assert boilerplate not in text
    assert TITLE not in text  # the caller puts the title in front; it is not repeated


META_DATE = '<meta property="article:published_time" content="2024-09-12T06:42:00+07:00">'


def test_local_html_file(tmp_path: Path) -> None:
    path = tmp_path / "rakor-sleman.html"
    path.write_text(ARTICLE.replace(META_DATE, ""), encoding="utf-8")
    title, published, text = extract_html(path.read_text(encoding="utf-8"), str(path))
    assert title == TITLE
    assert published == dt.date(2024, 9, 12)  # from <time datetime>, no <meta> needed
    assert "600 personel" in text


def test_no_date_markup_means_no_date() -> None:
    # htmldate's extensive search would guess 2024-11-27 (the voting day in the text)
    html = ARTICLE.replace(META_DATE, "").replace(' datetime="2024-09-12T06:42:00+07:00"', "")
    html = html.replace("Kamis, 12/09/2024 06:42 WIB", "Kamis").replace("(12/9/2024)", "(12/9)")
    _, published, text = extract_html(html, "tanpa-tanggal.html")
    assert published is None
    assert "27 November 2024" in text


def test_xhtml_with_xml_declaration() -> None:
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n' + ARTICLE.replace("<!DOCTYPE html>\n", "")
    title, _, text = extract_html(xhtml, "halaman.xhtml")
    assert title == TITLE and "Netralitas ASN" in text


def test_page_without_article_body(server: LocalServer) -> None:
    url = server.url("/indeks.html")
    html = fetch(url).text or ""
    with pytest.raises(ValueError) as info:
        extract_html(html, url)
    assert str(info.value) == f"{url}: no article text found in the HTML page"


@pytest.mark.parametrize("html", ["", "   \n"])
def test_empty_page(html: str) -> None:
    with pytest.raises(ValueError, match=r"^kosong\.html: empty HTML page$"):
        extract_html(html, "kosong.html")


def test_json_ld_date_survives_the_pruning() -> None:
    # scripts are dropped before trafilatura reads the page, except JSON-LD metadata
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type":'
        ' "NewsArticle", "headline": "x", "datePublished": "2024-09-12T06:42:00+07:00"}</script>'
        '<script>var tanggal = "2019-01-01";</script>'
    )
    html = ARTICLE.replace(META_DATE, ld).replace(' datetime="2024-09-12T06:42:00+07:00"', "")
    html = html.replace("Kamis, 12/09/2024 06:42 WIB", "Kamis")
    _, published, text = extract_html(html, "json-ld.html")
    assert published == dt.date(2024, 9, 12)
    assert "var tanggal" not in text


def test_sidebar_and_footer_text_stays_out() -> None:
    html = ARTICLE.replace(
        "<aside><h3>Berita Terkait</h3>",
        "<aside><h3>Berita Terkait</h3><p>Rapat koordinasi lain di Bantul membahas logistik"
        " pemilu secara panjang lebar agar terlihat seperti isi artikel yang sebenarnya.</p>",
    )
    _, _, text = extract_html(html, "sidebar.html")
    assert "Bantul" not in text and "600 personel" in text
