"""GX Data Docs: the suites and every stored validation result as a static site that works offline.

GX 1.24's page templates load Bootstrap, jQuery, popper, bootstrap-table, bootstrap-datepicker,
Font Awesome, bootstrap-dark and Vega from CDNs, and its logo from GX's S3 bucket (with the data
context id). Offline, the index's result table stays empty (`$ is not defined`). So after GX has
built the site, `build_data_docs` copies those files from `vendor/datadocs/node_modules` (exact
versions pinned in vendor/datadocs/package-lock.json; `npm ci --prefix vendor/datadocs`) into
`<site>/static/vendor/`, points every page at them by relative path and drops the S3 logo.
Without the npm packages (and no way to install them) the CDN links stay and a warning is logged:
the build itself never fails for it.
"""

from __future__ import annotations

import fcntl
import functools
import json
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pilkada.quality.checkpoints import context_for
from pilkada.settings import REPO_DIR

log = logging.getLogger(__name__)

SITE_NAME = "pilkada"
ASSETS_DIR = REPO_DIR / "vendor" / "datadocs"
VENDOR_DIR = Path("static") / "vendor"  # inside the site
NPM_TIMEOUT_S = 600


@dataclass(frozen=True)
class Asset:
    """A file of an npm package that a CDN URL serves, and folders it refers to (copied along)."""

    package: str
    path: str
    extra_dirs: tuple[str, ...] = ()


# Every CDN URL in GX 1.24's templates (great_expectations/render/view/templates/) -> its file in
# node_modules. vega@5, vega-lite@5 and vega-embed@6 are what jsdelivr serves for the package
# (its "jsdelivr" field); bootstrap-table 1.19.0's filter-control CSS is the same as 1.19.1's.
CDN_ASSETS: dict[str, Asset] = {
    "https://code.jquery.com/jquery-3.7.1.min.js": Asset("jquery", "dist/jquery.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": Asset(
        "popper.js", "dist/umd/popper.min.js"
    ),
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": Asset(
        "bootstrap", "dist/css/bootstrap.min.css"
    ),
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": Asset(
        "bootstrap", "dist/js/bootstrap.min.js"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": Asset(
        "bootstrap-table", "dist/bootstrap-table.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": Asset(
        "bootstrap-table", "dist/bootstrap-table.min.js"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.js": Asset(
        "bootstrap-table", "dist/extensions/filter-control/bootstrap-table-filter-control.min.js"
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.css": Asset(
        "bootstrap-table", "dist/extensions/filter-control/bootstrap-table-filter-control.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.css": Asset(
        "bootstrap-table", "dist/extensions/filter-control/bootstrap-table-filter-control.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/"
    "bootstrap-datepicker.min.css": Asset(
        "bootstrap-datepicker", "dist/css/bootstrap-datepicker.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/"
    "bootstrap-datepicker.min.js": Asset(
        "bootstrap-datepicker", "dist/js/bootstrap-datepicker.min.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": Asset(
        "@fortawesome/fontawesome-free", "css/all.min.css", extra_dirs=("webfonts",)
    ),
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/"
    "bootstrap-prefers-dark.css": Asset(
        "@forevolve/bootstrap-dark", "dist/css/bootstrap-prefers-dark.css"
    ),
    "https://cdn.jsdelivr.net/npm/vega@5": Asset("vega", "build/vega.min.js"),
    "https://cdn.jsdelivr.net/npm/vega-lite@5": Asset("vega-lite", "build/vega-lite.min.js"),
    "https://cdn.jsdelivr.net/npm/vega-embed@6": Asset("vega-embed", "build/vega-embed.min.js"),
}

GX_WEB_ASSETS = "https://great-expectations-web-assets.s3."
BRAND = (
    '<span class="pilkada-brand" style="font-size: 1.4rem; font-weight: 600;'
    ' line-height: 50px">Data Docs</span>'
)

_TAG = re.compile(r"<(script|link|img)\b[^>]*>", re.IGNORECASE)
_URL_ATTR = re.compile(r'\b(src|href)="([^"]*)"', re.IGNORECASE)
_SRI_ATTR = re.compile(r'\s+(integrity|crossorigin)(="[^"]*")?', re.IGNORECASE)
_S3_CSS_URL = re.compile(r"url\(\s*['\"]?" + re.escape(GX_WEB_ASSETS) + r"[^)]*\)")
_REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


@functools.cache
def _validation_renderer() -> type:
    """GX's validation page renderer, naming the data asset (GX 1.24 reads it from the batch
    spec, which a dataframe batch lacks, and prints "Data asset: None")."""
    from great_expectations.render.renderer import ValidationResultsPageRenderer

    class ValidationPageRenderer(ValidationResultsPageRenderer):
        def render(self, validation_results, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
            meta = validation_results.meta
            asset = (meta.get("active_batch_definition") or {}).get("data_asset_name")
            spec = dict(meta.get("batch_spec") or {})
            if asset and not spec.get("data_asset_name"):
                meta["batch_spec"] = {**spec, "data_asset_name": asset}
            return super().render(validation_results, *args, **kwargs)

    return ValidationPageRenderer


def __getattr__(name: str) -> type:
    """`ValidationPageRenderer` made on first use (GX imports only when Data Docs are built)."""
    if name == "ValidationPageRenderer":
        return _validation_renderer()
    raise AttributeError(name)


def build_data_docs(gx_root: Path, site_dir: Path) -> Path:
    """Build the Data Docs of the GX context at `gx_root` into `site_dir`; return index.html.

    Shows the validation results the gate stored there (one per suite and batch) and the suites.
    Usually `gx_root` = data/gx and `site_dir` = data/reports/data_docs. The pages load their
    scripts and styles from `site_dir/static/vendor/` (see `make_self_contained`).
    """
    context = context_for(gx_root)
    site_dir = Path(site_dir).resolve()
    config = {
        "class_name": "SiteBuilder",
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        "site_section_builders": {
            "validations": {
                "renderer": {"module_name": __name__, "class_name": "ValidationPageRenderer"}
            }
        },
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(site_dir),
        },
    }
    sites = context.list_data_docs_sites()
    if SITE_NAME not in sites:
        context.add_data_docs_site(site_name=SITE_NAME, site_config=config)
    elif sites[SITE_NAME] != config:
        context.update_data_docs_site(site_name=SITE_NAME, site_config=config)
    context.build_data_docs(site_names=[SITE_NAME])
    index = site_dir / "index.html"
    if not index.exists():
        raise FileNotFoundError(f"GX did not write {index}")
    make_self_contained(site_dir)
    return index


# --- the vendored assets --------------------------------------------------------------------------


def _lock_versions(assets_dir: Path) -> dict[str, str]:
    """package -> version that package-lock.json pins, for the packages the site needs."""
    lock = json.loads((assets_dir / "package-lock.json").read_text(encoding="utf-8"))
    packages = lock.get("packages", {})
    return {
        a.package: packages.get(f"node_modules/{a.package}", {}).get("version", "")
        for a in CDN_ASSETS.values()
    }


def _installed_version(node_modules: Path, package: str) -> str | None:
    try:
        meta = json.loads((node_modules / package / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta.get("version")


def _installed(assets_dir: Path) -> bool:
    """node_modules holds the locked version of every package and every file the site needs."""
    node_modules = assets_dir / "node_modules"
    try:
        wanted = _lock_versions(assets_dir)
    except (OSError, ValueError):
        return False
    if any(not v or _installed_version(node_modules, p) != v for p, v in wanted.items()):
        return False
    for asset in CDN_ASSETS.values():
        root = node_modules / asset.package
        if not (root / asset.path).is_file():
            return False
        if any(not (root / d).is_dir() for d in asset.extra_dirs):
            return False
    return True


_npm_tried: set[Path] = set()


def installed_assets(assets_dir: Path = ASSETS_DIR) -> Path | None:
    """`assets_dir/node_modules` with every file the site needs, or None (with a warning).

    When they are missing or stale, runs `npm ci` once per process (if npm is on PATH).
    """
    assets_dir = Path(assets_dir)
    node_modules = assets_dir / "node_modules"
    if _installed(assets_dir):
        return node_modules
    if not (assets_dir / "package-lock.json").is_file():
        log.warning("Data Docs keep their CDN links: no %s/package-lock.json", assets_dir)
        return None
    if assets_dir in _npm_tried:
        return None
    _npm_tried.add(assets_dir)
    npm = shutil.which("npm")
    if npm is None:
        log.warning(
            "Data Docs keep their CDN links (they need the network to render): %s is not"
            " installed and npm is not on PATH (run `npm ci --prefix %s`)",
            node_modules,
            assets_dir,
        )
        return None
    log.info("installing the Data Docs assets: npm ci --prefix %s", assets_dir)
    error = ""
    # one installer at a time (another process may be building Data Docs too)
    with (assets_dir / "package.json").open("rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not _installed(assets_dir):
                done = subprocess.run(
                    [
                        npm,
                        "ci",
                        "--prefix",
                        str(assets_dir),
                        "--no-audit",
                        "--no-fund",
                        "--prefer-offline",
                    ],
                    cwd=assets_dir,
                    capture_output=True,
                    text=True,
                    timeout=NPM_TIMEOUT_S,
                    check=False,
                )
                tail = (done.stderr or done.stdout or "").strip().splitlines()[-3:]
                error = " | ".join(tail) or f"exit code {done.returncode}"
        except (OSError, subprocess.SubprocessError) as exc:
            error = str(exc)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    if _installed(assets_dir):
        return node_modules
    log.warning(
        "Data Docs keep their CDN links (they need the network to render): npm ci --prefix %s"
        " failed: %s",
        assets_dir,
        error,
    )
    return None


def _copy_file(src: Path, dest: Path) -> bool:
    """Copy unless `dest` is already there with the same size; True if copied."""
    try:
        if dest.stat().st_size == src.stat().st_size:
            return False
    except FileNotFoundError:
        pass
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dest)
    return True


def vendor_assets(site_dir: Path, node_modules: Path) -> dict[str, Path]:
    """Copy the needed files into `site_dir/static/vendor/<package>@<version>/`.

    Returns CDN URL -> the file in the site. Files already there are left alone.
    """
    site_dir = Path(site_dir)
    targets: dict[str, Path] = {}
    versions: dict[str, str] = {}
    copied = 0
    for url, asset in CDN_ASSETS.items():
        if asset.package not in versions:
            versions[asset.package] = _installed_version(node_modules, asset.package) or "0"
        src_root = node_modules / asset.package
        dest_root = site_dir / VENDOR_DIR / f"{asset.package}@{versions[asset.package]}"
        copied += _copy_file(src_root / asset.path, dest_root / asset.path)
        for folder in asset.extra_dirs:
            for src in sorted((src_root / folder).rglob("*")):
                if src.is_file():
                    copied += _copy_file(src, dest_root / src.relative_to(src_root))
        targets[url] = dest_root / asset.path
    if copied:
        log.info("copied %d Data Docs asset files into %s", copied, site_dir / VENDOR_DIR)
    return targets


# --- rewriting the pages --------------------------------------------------------------------------


def _relative(target: Path, page_dir: Path) -> str:
    return Path(os.path.relpath(target, page_dir)).as_posix()


def rewrite_page(html: str, page: Path, site_dir: Path, targets: dict[str, Path]) -> str:
    """`html` with CDN URLs in `targets` made relative to `page`, and without GX's S3 logo.

    Also points links to the site's own static/ folder at the right depth (GX 1.24 puts the
    favicon of validation pages one folder too high).
    """
    page_dir = page.parent

    def fix_tag(match: re.Match[str]) -> str:
        tag = match.group(0)
        attr = _URL_ATTR.search(tag)
        if attr is None:
            return tag
        url = attr.group(2)
        if url in targets:
            new = f'{attr.group(1)}="{_relative(targets[url], page_dir)}"'
            tag = tag[: attr.start()] + new + tag[attr.end() :]
            return _SRI_ATTR.sub("", tag)
        if url.startswith(GX_WEB_ASSETS):
            return BRAND if match.group(1).lower() == "img" else ""
        if "static/" in url and not _SCHEME.match(url):
            path = url.split("?")[0].split("#")[0]
            if not (page_dir / path).exists():
                own = site_dir / path[path.index("static/") :]
                if own.exists():
                    fixed = _relative(own, page_dir)
                    return tag[: attr.start(2)] + fixed + tag[attr.end(2) :]
        return tag

    html = _TAG.sub(fix_tag, html)
    return _S3_CSS_URL.sub("none", html)


def remote_refs(html: str) -> list[str]:
    """URLs that script, link (stylesheet, icon) and img tags in `html` load from the network."""
    found = []
    for match in _TAG.finditer(html):
        attr = _URL_ATTR.search(match.group(0))
        if attr and _REMOTE.match(attr.group(2)):
            found.append(attr.group(2))
    return found


def pages(site_dir: Path) -> list[Path]:
    """Every HTML page of the site (not the vendored files)."""
    static = Path(site_dir) / "static"
    return sorted(p for p in Path(site_dir).rglob("*.html") if static not in p.parents)


def make_self_contained(site_dir: Path, assets_dir: Path = ASSETS_DIR) -> bool:
    """Vendor the CDN assets into the site and rewrite its pages; True if nothing is remote.

    Without the npm packages the CDN links stay (with a warning); the S3 logo goes regardless.
    """
    site_dir = Path(site_dir).resolve()
    node_modules = installed_assets(assets_dir)
    targets = vendor_assets(site_dir, node_modules) if node_modules else {}
    remote: set[str] = set()
    for page in pages(site_dir):
        html = page.read_text(encoding="utf-8")
        new = rewrite_page(html, page, site_dir, targets)
        if new != html:
            tmp = page.with_name(f".{page.name}.{os.getpid()}.tmp")
            tmp.write_text(new, encoding="utf-8")
            os.replace(tmp, page)
        remote.update(remote_refs(new))
    if remote and node_modules:
        log.warning(
            "Data Docs still load %d URL(s) from the network (not in CDN_ASSETS): %s",
            len(remote),
            ", ".join(sorted(remote)),
        )
    return not remote
