"""Data Docs work offline: GX's CDN scripts and styles are vendored from vendor/datadocs (npm)."""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import pytest
from test_quality_gate import PARAMS, clean_batch

from pilkada.quality import build_data_docs, gate
from pilkada.quality import datadocs as dd

REPO = Path(__file__).resolve().parents[1]
ASSETS = REPO / "vendor" / "datadocs"
TAG_URL = re.compile(r'<(script|link|img)\b[^>]*?\b(src|href)="([^"]*)"[^>]*>', re.IGNORECASE)


def gx_templates() -> Path:
    import great_expectations

    return Path(great_expectations.__file__).parent / "render" / "view" / "templates"


def tag_urls(html: str) -> list[tuple[str, str]]:
    """(tag, URL) of every script src, link href and img src in `html`."""
    return [(m.group(1).lower(), m.group(3)) for m in TAG_URL.finditer(html)]


def test_package_json_pins_exactly_what_gx_loads() -> None:
    package = json.loads((ASSETS / "package.json").read_text())
    lock = json.loads((ASSETS / "package-lock.json").read_text())
    deps = package["dependencies"]
    assert {a.package for a in dd.CDN_ASSETS.values()} == set(deps)
    for name, version in deps.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), (name, version)  # exact, no ranges
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name
        assert lock["packages"][""]["dependencies"][name] == version, name
    for url, asset in dd.CDN_ASSETS.items():
        if "bootstrap-table@1.19.0" in url:  # GX mixes 1.19.0 and 1.19.1; the CSS is the same
            continue
        pinned = deps[asset.package]
        named = re.search(r"[@/-](\d+(?:\.\d+){0,2})(?:/|\.min\.js|$)", url)[1]
        assert pinned == named or pinned.startswith(named + "."), (url, pinned)


def test_manifest_covers_every_cdn_url_in_gx_templates() -> None:
    """A GX upgrade that changes a CDN URL fails here, not silently in the field."""
    found = set()
    for template in gx_templates().glob("*.j2"):
        for tag, url in tag_urls(template.read_text(encoding="utf-8")):
            if url.startswith(("http://", "https://")) and tag in ("script", "link"):
                found.add(url)
    assert found, "no CDN URL found in GX's templates: has their layout changed?"
    assert found <= set(dd.CDN_ASSETS), sorted(found - set(dd.CDN_ASSETS))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Data Docs of one gate run, built the way the report flow builds them."""
    if dd.installed_assets() is None:
        pytest.fail(f"the Data Docs assets are not installed: npm ci --prefix {ASSETS}")
    gx_root = tmp_path_factory.mktemp("gx")
    gate(clean_batch(), batch_id="b-assets", params=PARAMS, gx_root=gx_root)
    site = tmp_path_factory.mktemp("site") / "data_docs"
    build_data_docs(gx_root, site)
    return site


def test_data_docs_load_nothing_from_the_network(site: Path) -> None:
    pages = dd.pages(site)
    depths = {len(p.relative_to(site).parts) for p in pages}
    assert {1, 2, 5} <= depths  # index.html, expectations/*.html, validations/s/run/time/*.html
    for page in pages:
        html = page.read_text(encoding="utf-8")
        urls = tag_urls(html)
        assert len([u for t, u in urls if t == "script"]) >= 9, page
        for tag, url in urls:
            assert not re.match(r"(https?:)?//", url), (page, tag, url)
            target = (page.parent / url.split("?")[0]).resolve()
            assert target.is_file(), (page, url)
            assert site in target.parents, (page, url)
        assert "great-expectations-web-assets" not in html, page
        assert "dataContextId" not in html, page
        assert "integrity=" not in html and "crossorigin=" not in html, page
    # Font Awesome's CSS finds its fonts at ../webfonts/
    css = next(site.glob("static/vendor/@fortawesome/fontawesome-free@*/css/all.min.css"))
    for font in set(re.findall(r"url\(\.\./webfonts/([^)]+)\)", css.read_text())):
        assert (css.parent.parent / "webfonts" / font).is_file(), font


def test_rebuilding_copies_nothing_and_changes_nothing(site: Path) -> None:
    before = {p: p.read_bytes() for p in dd.pages(site)}
    vendored = {p: p.stat().st_mtime_ns for p in (site / "static" / "vendor").rglob("*")}
    assert dd.make_self_contained(site) is True
    assert {p: p.read_bytes() for p in dd.pages(site)} == before
    assert {p: p.stat().st_mtime_ns for p in (site / "static" / "vendor").rglob("*")} == vendored


def test_rewrite_at_every_depth_drops_sri_and_the_s3_logo(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "static" / "images").mkdir(parents=True)
    (site / "static" / "images" / "favicon.ico").write_bytes(b"")
    jquery = site / "static" / "vendor" / "jquery@3.7.1" / "dist" / "jquery.min.js"
    popper = "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js"
    targets = {
        "https://code.jquery.com/jquery-3.7.1.min.js": jquery,
        popper: site / "static" / "vendor" / "popper.js@1.12.9" / "dist" / "umd" / "popper.min.js",
    }
    html = (
        '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>\n'
        f'<script src="{popper}" integrity="sha384-x" crossorigin="anonymous"></script>\n'
        '<link rel="shortcut icon" href="../../../static/images/favicon.ico"/>\n'
        '<a href="https://greatexpectations.io">GX</a>\n'
        '<img class="NO-CACHE" src="https://great-expectations-web-assets.s3.us-east-2.amazonaws'
        '.com/logo-long.png?d=1&dataContextId=abc" alt="Great Expectations"/>\n'
        "<style>.navbar-brand a { background: url('https://great-expectations-web-assets.s3"
        ".us-east-2.amazonaws.com/full_logo_dark.png') 0 0 no-repeat; }</style>"
    )
    deep = site / "validations" / "suite" / "run" / "20240101T000000Z" / "page.html"
    out = dd.rewrite_page(html, deep, site, targets)
    assert '<script src="../../../../static/vendor/jquery@3.7.1/dist/jquery.min.js">' in out
    assert '<script src="../../../../static/vendor/popper.js@1.12.9/dist/umd/popper.min.js">' in out
    assert "integrity" not in out and "crossorigin" not in out
    assert 'href="../../../../static/images/favicon.ico"' in out  # GX's was one level short
    assert '<a href="https://greatexpectations.io">GX</a>' in out  # plain links stay
    assert "amazonaws" not in out and "dataContextId" not in out
    assert dd.BRAND in out and "background: none 0 0 no-repeat" in out
    top = dd.rewrite_page(html, site / "index.html", site, targets)
    assert '<script src="static/vendor/jquery@3.7.1/dist/jquery.min.js">' in top
    assert dd.rewrite_page(out, deep, site, targets) == out


def test_without_npm_the_cdn_links_stay_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ASSETS / name, assets / name)
    gx_page = (gx_templates() / "js_script_imports.j2").read_text()
    offline = tmp_path / "offline"
    offline.mkdir()
    (offline / "index.html").write_text(gx_page)
    monkeypatch.setattr(dd.shutil, "which", lambda name: None)
    monkeypatch.setattr(dd, "_npm_tried", set())
    with caplog.at_level(logging.WARNING, logger=dd.__name__):
        assert dd.make_self_contained(offline, assets_dir=assets) is False
    assert "npm is not on PATH" in caplog.text
    assert "https://code.jquery.com/jquery-3.7.1.min.js" in (offline / "index.html").read_text()
    assert not (offline / "static" / "vendor").exists()


def test_npm_ci_is_tried_once_and_its_failure_only_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ASSETS / name, assets / name)
    calls = tmp_path / "calls"
    npm = tmp_path / "npm"
    npm.write_text(
        f'#!/bin/sh\necho "$@" >> {calls}\necho "npm error network offline" >&2\nexit 1\n'
    )
    npm.chmod(0o755)
    monkeypatch.setattr(dd.shutil, "which", lambda name: str(npm))
    monkeypatch.setattr(dd, "_npm_tried", set())
    (tmp_path / "site").mkdir()
    with caplog.at_level(logging.WARNING, logger=dd.__name__):
        assert dd.installed_assets(assets) is None
        assert dd.make_self_contained(tmp_path / "site", assets_dir=assets) is True  # no pages
    assert calls.read_text().splitlines() == [
        f"ci --prefix {assets} --no-audit --no-fund --prefer-offline"
    ]
    assert "npm error network offline" in caplog.text
