"""Every network read ends: an overall deadline however slowly bytes come, a host policy on
every connection, one URL's retries for one URL, concurrency within limits, a bad child or
line rejected alone. A real HTTP server on 127.0.0.1 (tests/localserver.py), no mocks."""

from __future__ import annotations

import time

import duckdb
import pytest
from localserver import LocalServer

from flows.build import build_warehouse
from pilkada.sources.fetch import FetchError, fetch
from pilkada.sources.ingest import SourceRef, read_sources
from pilkada.sources.web import expand

PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Rakor Pilkada {n}</title></head>"
    "<body><article><h1>Rakor Pilkada {n}</h1>"
    + "<p>Pemerintah Kabupaten Sleman menggelar rapat koordinasi pengamanan Pilkada Serentak"
    " 2024, Senin (14/10/2024). Rakor dihadiri Kapolres, Dandim, KPU dan Bawaslu {n}.</p>" * 3
    + "</article></body></html>"
)


def _page(n: object) -> str:
    return PAGE.format(n=n)


def _ref(url: str, origin: str | None = None) -> SourceRef:
    return SourceRef(location=url, source_uri=url, url=url, origin=origin)


@pytest.fixture(autouse=True)
def _fast(monkeypatch):
    monkeypatch.setenv("PILKADA_RETRY_DELAYS", "0")
    monkeypatch.delenv("PILKADA_ALLOW_PRIVATE_HOSTS", raising=False)


def test_dripping_body_is_cut_at_the_deadline():
    with LocalServer() as srv:
        # one byte every 0.5 s: no single read waits past the 1 s timeout, the whole would
        # take minutes; with and without a Content-Length
        srv.add("/drip", _page(1), chunk=1, drip=0.5, content_length=False)
        srv.add("/drip-len", _page(2), chunk=1, drip=0.5)
        for path in ("/drip", "/drip-len"):
            start = time.monotonic()
            with pytest.raises(FetchError, match=r"no complete answer within 3 s") as info:
                fetch(srv.url(path), timeout=1)
            assert 2.9 < time.monotonic() - start < 4.5
            assert info.value.retryable


def test_slow_headers_are_cut_at_the_deadline():
    with LocalServer() as srv:
        srv.add("/slow-headers", _page(1), header_drip=0.3)  # ~120 header bytes: 36 s
        start = time.monotonic()
        with pytest.raises(FetchError, match=r"no complete answer within 3 s"):
            fetch(srv.url("/slow-headers"), timeout=1)
        assert time.monotonic() - start < 4.5


def test_a_fast_page_is_not_held_by_its_watchdog():
    with LocalServer() as srv:
        srv.add("/ok", _page(1), chunk=256, drip=0.01)
        start = time.monotonic()
        assert "Rakor Pilkada 1" in fetch(srv.url("/ok"), timeout=1).text
        assert time.monotonic() - start < 2


def test_redirect_to_a_private_address_is_refused(monkeypatch):
    with LocalServer() as srv:
        srv.redirect("/meta", "http://169.254.169.254/latest/meta-data/")
        srv.redirect("/intranet", "http://10.1.2.3/admin")
        srv.redirect("/other-loopback", srv.url("/ok").replace("127.0.0.1", "localhost"))
        srv.redirect("/same-host", "/ok")
        srv.add("/ok", _page(1))
        for path, kind, address in [
            ("/meta", "a link-local", "169.254.169.254"),
            ("/intranet", "a private", "10.1.2.3"),
        ]:
            start = time.monotonic()
            with pytest.raises(FetchError, match=f"redirected to {address}, .* is {kind}"
                               f" address {address}: refused") as info:  # fmt: skip
                fetch(srv.url(path), timeout=5)
            assert time.monotonic() - start < 1  # refused before any connection is tried
            assert not info.value.retryable
        with pytest.raises(FetchError, match="redirected to localhost, .* a loopback address"):
            fetch(srv.url("/other-loopback"), timeout=5)
        assert fetch(srv.url("/same-host"), timeout=5).status == 200  # the host you named
        monkeypatch.setenv("PILKADA_ALLOW_PRIVATE_HOSTS", "1")
        assert fetch(srv.url("/other-loopback"), timeout=5).status == 200


def test_feed_entry_on_another_private_host_is_rejected_with_its_reason():
    with LocalServer() as srv:
        srv.add("/ok", _page(1))
        feed = srv.url("/feed.xml")
        elsewhere = srv.url("/ok").replace("127.0.0.1", "localhost")
        articles, rejected = read_sources([_ref(srv.url("/ok"), feed), _ref(elsewhere, feed)])
        assert [a.location for a in articles] == [srv.url("/ok")]
        assert "a loopback address" in rejected[0].reason and "refused" in rejected[0].reason
        assert srv.hits["/ok"] == 1


def test_a_transient_failure_retries_that_url_only(monkeypatch):
    monkeypatch.setenv("PILKADA_RETRY_DELAYS", "0,0.1")  # three tries
    with LocalServer() as srv:
        for n in range(4):
            srv.add(f"/p{n}.html", _page(n))
        srv.add("/flaky.html", _page("flaky"), fail_first=2)
        urls = [srv.url(f"/p{n}.html") for n in range(4)] + [srv.url("/flaky.html")]
        articles, rejected = read_sources([_ref(u) for u in urls])
        assert not rejected and len(articles) == 5
        assert srv.hits["/flaky.html"] == 3
        assert all(srv.hits[f"/p{n}.html"] == 1 for n in range(4))


def test_pages_are_fetched_concurrently_within_the_per_host_limit(monkeypatch):
    with LocalServer() as srv:
        for n in range(6):
            srv.add(f"/s{n}.html", _page(n), delay=1.0)
        refs = [_ref(srv.url(f"/s{n}.html")) for n in range(6)]
        monkeypatch.setenv("PILKADA_FETCH_PER_HOST", "2")
        start = time.monotonic()
        articles, _ = read_sources(refs)
        limited = time.monotonic() - start
        monkeypatch.setenv("PILKADA_FETCH_PER_HOST", "6")
        start = time.monotonic()
        read_sources(refs)
        free = time.monotonic() - start
    assert len(articles) == 6
    assert 2.9 < limited < 5.5, limited  # three rounds of two
    assert free < 2.5, free  # one round of six


SITEMAP_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/a.xml</loc></sitemap>
<sitemap><loc>{base}/down.xml</loc></sitemap>
<sitemap><loc>http://sitemaps.example.net/c.xml</loc></sitemap>
</sitemapindex>"""
URLSET = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/p1.html</loc></url><url><loc>http://elsewhere.example.org/x.html</loc></url>
</urlset>"""


def test_one_failing_child_sitemap_or_bad_line_is_rejected_alone():
    with LocalServer() as srv:
        base = srv.base_url
        srv.add("/index.xml", SITEMAP_INDEX.format(base=base), content_type="application/xml")
        srv.add("/a.xml", URLSET.format(base=base), content_type="application/xml")
        srv.add("/down.xml", status=503)
        srv.add("/list.txt", f"{base}/p1.html\nnot a url\n{base}/p2.html\n",
                content_type="text/plain")  # fmt: skip
        plan = expand([srv.url("/index.xml"), srv.url("/list.txt")], validators={},
                      loaded_urls=set(), now=None, timeout=2)  # fmt: skip
        assert [r.location for r in plan.refs] == [f"{base}/p1.html", f"{base}/p1.html",
                                                   f"{base}/p2.html"]  # fmt: skip
        reasons = {r.source_uri: r.reason for r in plan.rejected}
        assert reasons[f"{base}/down.xml"] == "HTTP 503 Service Unavailable"
        assert "not on its site" in reasons["http://sitemaps.example.net/c.xml"]
        assert "not on its site" in reasons["http://elsewhere.example.org/x.html"]
        assert "'not a url' is not an http(s) URL" in reasons[f"{srv.url('/list.txt')} line 2"]
        assert srv.hits["/down.xml"] == 2  # its own retry, once


@pytest.mark.slow
def test_a_run_with_a_dripping_server_finishes(warehouse, monkeypatch):
    monkeypatch.setenv("PILKADA_FETCH_TIMEOUT", "1")
    with LocalServer(lifetime=300) as srv:
        srv.add("/ok.html", _page("ok"))
        srv.add("/drip.html", _page("drip"), chunk=1, drip=0.5)
        srv.add("/headers.html", _page("headers"), header_drip=0.5)
        urls = [srv.url(p) for p in ("/ok.html", "/drip.html", "/headers.html")]
        start = time.monotonic()
        build_warehouse(articles=urls, warehouse=str(warehouse))
        assert time.monotonic() - start < 60
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        status = dict(con.execute("SELECT source_uri, status FROM source_files").fetchall())
        reasons = dict(con.execute("SELECT source_uri, reason FROM rejected_inputs").fetchall())
    finally:
        con.close()
    assert status[urls[0]] == "loaded"
    for url in urls[1:]:
        assert "no complete answer within 3 s" in reasons[url], reasons


RSS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Warta</title>
{items}</channel></rss>"""


@pytest.mark.slow
def test_a_feed_resumes_after_a_killed_run(tmp_path, prefect_server):
    """A run killed after its first batch: the next one gets the whole feed (no 304 for a feed
    it did not finish) and reads only what is left; the run after that gets a 304."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    warehouse = tmp_path / "data" / "warehouse" / "w.duckdb"
    with LocalServer(lifetime=600) as srv:
        items = "".join(f"<item><title>Rakor {n}</title><link>{srv.url(f'/f{n}.html')}</link>"
                        "</item>" for n in range(6))  # fmt: skip
        srv.add("/feed.xml", RSS.format(items=items), content_type="application/rss+xml",
                etag='"v1"')  # fmt: skip
        for n in range(6):
            srv.add(f"/f{n}.html", _page(f"feed {n}"))
        args = [sys.executable, "-m", "pilkada.cli", "run", "-q", "--articles",
                srv.url("/feed.xml"), "--warehouse", str(warehouse), "--batch-size", "2"]
        env = {**os.environ, "PYTHONPATH": str(repo), "PILKADA_FAULT": "kill@load:2"}
        killed = subprocess.run(args, cwd=repo, env=env, capture_output=True, timeout=600)
        assert killed.returncode == -9, killed.stderr
        first = sum(srv.hits[f"/f{n}.html"] for n in range(6))
        env.pop("PILKADA_FAULT")
        resumed = subprocess.run(args, cwd=repo, env=env, capture_output=True, timeout=600)
        assert resumed.returncode == 0, resumed.stderr
        feed_requests = [h for path, h in srv.requests if path == "/feed.xml"]
        assert "If-None-Match" not in feed_requests[1]  # not a 304: entries were left
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            loaded = con.execute("SELECT count(*) FROM source_files WHERE status = 'loaded'"
                                 " AND location LIKE 'http%'").fetchone()[0]  # fmt: skip
        finally:
            con.close()
        assert loaded == 6
        assert sum(srv.hits[f"/f{n}.html"] for n in range(6)) == first + 6 - 2  # 2 committed
        again = subprocess.run(args, cwd=repo, env=env, capture_output=True, timeout=600)
        assert again.returncode == 0, again.stderr
        assert [h for p, h in srv.requests if p == "/feed.xml"][2].get("If-None-Match") == '"v1"'
