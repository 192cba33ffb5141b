"""GX Data Docs: the suites and every stored validation result as a static site."""

from __future__ import annotations

from pathlib import Path

from pilkada.quality.gate import context_for

SITE_NAME = "pilkada"


def build_data_docs(gx_root: Path, site_dir: Path) -> Path:
    """Build the Data Docs of the GX context at `gx_root` into `site_dir`; return index.html.

    Shows the validation results the gate stored there (one per suite and batch) and the suites.
    Usually `gx_root` = data/gx and `site_dir` = data/reports/data_docs.
    """
    context = context_for(gx_root)
    site_dir = Path(site_dir).resolve()
    config = {
        "class_name": "SiteBuilder",
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
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
    return index
