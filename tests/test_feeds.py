"""pilkada.sources.feeds: RSS, Atom, sitemaps (index + children), URL lists from a local server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from localserver import LocalServer

from pilkada.sources.feeds import FeedEntry, discover_url, feed_entries, parse_date, sniff_kind
from pilkada.sources.fetch import FetchError, fetch

RSS = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Warta Contoh - Daerah</title>
  <link>https://warta.example.id/</link>
  <description>Berita daerah</description>
  <item>
    <title>Rakor Pilkada Sleman &amp; Bantul: pengamanan caf\u00e9 dan TPS</title>
    <link>/daerah/2024/09/12/rakor-sleman</link>
    <pubDate>Thu, 12 Sep 2024 06:30:00 +0700</pubDate>
  </item>
  <item>
    <title>Bawaslu Garut Gelar FGD Politik Uang</title>
    <guid isPermaLink="true">https://warta.example.id/daerah/fgd-garut</guid>
    <pubDate>Rabu, 11 Des 2024 10:15:00 +0700</pubDate>
  </item>
  <item>
    <title>Duplikat</title>
    <link>https://warta.example.id/daerah/2024/09/12/rakor-sleman</link>
  </item>
</channel>
</rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Berita Contoh Jateng</title>
  <id>urn:uuid:9b0c5a2e-0000-4000-8000-000000000001</id>
  <updated>2024-09-13T01:00:00+07:00</updated>
  <entry>
    <title>Pj Gubernur Pimpin Rakor Forkopimda Jateng</title>
    <link rel="alternate" type="text/html" href="https://berita.example.id/jateng/rakor"/>
    <id>urn:uuid:9b0c5a2e-0000-4000-8000-000000000002</id>
    <published>2024-09-12T06:30:00+07:00</published>
    <updated>2024-09-13T01:00:00+07:00</updated>
  </entry>
  <entry>
    <title>Forkopimda Boyolali Ikuti Rakor</title>
    <link href="boyolali/rakor"/>
    <id>urn:uuid:9b0c5a2e-0000-4000-8000-000000000003</id>
    <updated>2024-09-12T10:00:00Z</updated>
  </entry>
</feed>
"""
SITEMAP_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{base}/sitemap-berita.xml</loc><lastmod>2024-09-12</lastmod></sitemap>
  <sitemap><loc>/sitemap-daerah.xml</loc></sitemap>
  <sitemap><loc>{base}/sitemap-berita.xml</loc></sitemap>
</sitemapindex>
"""
SITEMAP_NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>{base}/berita/rakor-kediri</loc>
    <lastmod>2024-10-20T08:00:00+07:00</lastmod>
    <news:news>
      <news:publication><news:name>Warta Contoh</news:name><news:language>id</news:language>
      </news:publication>
      <news:publication_date>2024-10-14T07:05:00+07:00</news:publication_date>
      <news:title>Coffee Morning Forkopimda Kota Kediri Jelang Pilkada</news:title>
    </news:news>
    <image:image><image:loc>{base}/foto.jpg</image:loc><image:title>Foto</image:title></image:image>
  </url>
</urlset>
"""
SITEMAP_PLAIN = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{base}/daerah/makassar-rakor</loc><lastmod>2024-11-01</lastmod></url>
  <url><loc>{base}/berita/rakor-kediri</loc></url>
</urlset>
"""
URL_LIST = """# artikel rakor pilkada, dikumpulkan manual
https://warta.example.id/daerah/2024/09/12/rakor-sleman

https://berita.example.id/jateng/rakor   # laporan kedua
   # baris komentar menjorok
/relatif/rakor-badung
"""


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        base = srv.base_url
        srv.add("/rss.xml", RSS.encode("latin-1"), content_type="application/rss+xml")
        srv.add("/atom.xml", ATOM, content_type="application/atom+xml; charset=utf-8")
        srv.add("/sitemap.xml", SITEMAP_INDEX.format(base=base), content_type="application/xml")
        srv.add("/sitemap-berita.xml", SITEMAP_NEWS.format(base=base), content_type="text/xml")
        srv.add(
            "/sitemap-daerah.xml", SITEMAP_PLAIN.format(base=base), content_type="application/xml"
        )
        srv.add("/daftar.txt", URL_LIST, content_type="text/plain; charset=utf-8")
        srv.add("/beranda.html", "<!DOCTYPE html><html><body><p>Beranda</p></body></html>")
        srv.add("/rusak.xml", "<urlset><url><loc>x</loc></url>", content_type="application/xml")
        yield srv


def test_rss_from_server(server: LocalServer) -> None:
    page = fetch(server.url("/rss.xml"))
    assert page.encoding == "cp1252"  # from the XML declaration, read as browsers do
    entries = feed_entries(page.text or "", None, "https://warta.example.id/rss.xml")
    assert entries == [
        FeedEntry(
            "https://warta.example.id/daerah/2024/09/12/rakor-sleman",
            "Rakor Pilkada Sleman & Bantul: pengamanan caf\u00e9 dan TPS",
            dt.date(2024, 9, 12),  # 06:30 WIB; feedparser's UTC tuple says 11 September
        ),
        FeedEntry(
            "https://warta.example.id/daerah/fgd-garut",
            "Bawaslu Garut Gelar FGD Politik Uang",
            dt.date(2024, 12, 11),  # Indonesian day and month names
        ),
    ]


def test_atom_from_server(server: LocalServer) -> None:
    url = server.url("/atom.xml")
    entries = discover_url(url)
    assert [e.url for e in entries] == [
        "https://berita.example.id/jateng/rakor",
        server.url("/boyolali/rakor"),  # relative link resolved against the feed URL
    ]
    assert entries[0].title == "Pj Gubernur Pimpin Rakor Forkopimda Jateng"
    assert entries[0].published == dt.date(2024, 9, 12)  # published wins over updated
    assert entries[1].published == dt.date(2024, 9, 12)  # updated when no published


def test_sitemap_index_is_followed(server: LocalServer) -> None:
    before = dict(server.hits)
    base = server.base_url
    entries = discover_url(server.url("/sitemap.xml"))
    assert entries == [
        FeedEntry(
            f"{base}/berita/rakor-kediri",
            "Coffee Morning Forkopimda Kota Kediri Jelang Pilkada",
            dt.date(2024, 10, 14),  # news:publication_date, not lastmod
        ),
        FeedEntry(f"{base}/daerah/makassar-rakor", None, None),  # lastmod is not a publish date
    ]
    for path in ("/sitemap.xml", "/sitemap-berita.xml", "/sitemap-daerah.xml"):
        assert server.hits[path] - before.get(path, 0) == 1


def test_sitemap_index_alone_lists_child_sitemaps(server: LocalServer) -> None:
    text = fetch(server.url("/sitemap.xml")).text or ""
    entries = feed_entries(text, "sitemap", server.url("/sitemap.xml"))
    assert [(e.url, e.is_sitemap) for e in entries] == [
        (server.url("/sitemap-berita.xml"), True),
        (server.url("/sitemap-daerah.xml"), True),
    ]


def test_url_list(server: LocalServer) -> None:
    entries = discover_url(server.url("/daftar.txt"))
    assert [e.url for e in entries] == [
        "https://warta.example.id/daerah/2024/09/12/rakor-sleman",
        "https://berita.example.id/jateng/rakor",
        server.url("/relatif/rakor-badung"),
    ]
    assert all(e.title is None and e.published is None for e in entries)


def test_url_list_rejects_a_bad_line() -> None:
    with pytest.raises(ValueError, match=r"^daftar\.txt line 2: 'www\.contoh\.id/a' is not"):
        feed_entries("https://contoh.example/a\nwww.contoh.id/a\n", "urls", "daftar.txt")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (RSS, "rss"),
        (ATOM, "atom"),
        (SITEMAP_INDEX, "sitemap"),
        (SITEMAP_PLAIN, "sitemap"),
        ("<?xml version='1.0'?>\n<!-- rdf -->\n<rdf:RDF xmlns:rdf='x'></rdf:RDF>", "rss"),
        (URL_LIST, "urls"),
        ("\ufeff  https://contoh.example/a\n", "urls"),
    ],
)
def test_sniff_kind(text: str, kind: str) -> None:
    assert sniff_kind(text) == kind


def test_html_is_not_a_feed(server: LocalServer) -> None:
    url = server.url("/beranda.html")
    html = fetch(url).text or ""
    with pytest.raises(ValueError, match=r"an HTML page, not a feed, sitemap or URL list"):
        feed_entries(html, None, url)
    with pytest.raises(ValueError, match=r"not an RSS or Atom feed"):
        feed_entries(html, "rss", url)
    with pytest.raises(ValueError, match=r"not an XML sitemap"):
        feed_entries(html.replace("<!DOCTYPE html>", "<br>"), "sitemap", url)


def test_broken_sitemap_names_the_source(server: LocalServer) -> None:
    url = server.url("/rusak.xml")
    with pytest.raises(ValueError, match=rf"^{url}: not an XML sitemap \(no element found"):
        discover_url(url)
    with pytest.raises(ValueError, match=r"XML root <feed> is not a sitemap"):
        feed_entries(ATOM, "sitemap", "atom.xml")


def test_fetch_errors_propagate(server: LocalServer) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        discover_url(server.url("/tidak-ada.xml"))


def test_empty_input() -> None:
    with pytest.raises(ValueError, match="empty"):
        feed_entries("  \n", None, "kosong.xml")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-09-12", dt.date(2024, 9, 12)),
        ("2024-09-12T23:30:00-05:00", dt.date(2024, 9, 12)),
        ("Sen, 14 Okt 2024 07:05:00 +0700", dt.date(2024, 10, 14)),
        ("14 Agustus 2024 07:05:00 +0700", dt.date(2024, 8, 14)),
        ("kemarin", None),
        (None, None),
    ],
)
def test_parse_date(value: str | None, expected: dt.date | None) -> None:
    assert parse_date(value) == expected
