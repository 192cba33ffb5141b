"""The extraction modules compiled by mypyc (setup.py) run the same code as their sources, and
a compiled build older than its sources is never used."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pilkada.extract import BUILD
from pilkada.extract import compiled as comp

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Extract every article given on the command line (files or folders) with the regions the build
# hands the extractor; print the build status, then one canonical JSON line per article (the
# benchmarks' helpers, as issue #16's comparisons used them).
DUMP = """
import sys, tempfile
from pathlib import Path
from benchmarks.bench import _region_frame
from benchmarks.extract_profile import canonical
from pilkada.extract import BUILD, Extractor
from pilkada.sources.ingest import discover_inputs, read_sources

ex = Extractor.from_regions(_region_frame(Path(tempfile.mkdtemp()) / "regions.duckdb"))
articles, _ = read_sources(discover_inputs(sys.argv[1:])[0])
print(BUILD)
for a in articles:
    print(canonical(a, ex.extract(a.text, title=a.title, published=a.published_date)))
"""


def _dump(inputs: list[Path], pure: bool) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "PILKADA_PURE_PYTHON"}
    if pure:
        env["PILKADA_PURE_PYTHON"] = "1"
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [sys.executable, "-c", DUMP, *map(str, inputs)],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    return done.stdout.splitlines()


def test_the_extractor_is_compiled_where_a_compiler_is():
    """`make` compiles it wherever gcc is (CI too): a failed compile must not pass unseen."""
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        pytest.skip("no C compiler here: the plain-Python extractor is the one installed")
    assert BUILD != "absent", "pilkada.extract is not compiled: see the warnings of `make`"


def test_compiled_and_plain_python_extract_the_same():
    """Byte-identical extractions, compiled and from source, on the bundled sample and the
    labelled sets beside the repository."""
    if BUILD != "compiled":
        pytest.skip(f"the compiled build is {BUILD}")
    inputs = [REPO / "data" / "raw" / "articles"]
    inputs += [p for p in (SHARED / "corpus" / s / "articles" for s in ("seeds", "dev", "dev2"))
               if p.is_dir()]  # fmt: skip
    compiled, plain = _dump(inputs, pure=False), _dump(inputs, pure=True)
    assert compiled[0] == "compiled" and plain[0] == "off"
    assert len(compiled) > 10
    assert compiled[1:] == plain[1:]


def _copy_build(tmp_path: Path) -> Path:
    """A copy of the package with its compiled modules (when built; else a stand-in file that is
    never imported) and a marker of its current sources."""
    shutil.copytree(REPO / "pilkada", tmp_path / "pilkada",
                    ignore=shutil.ignore_patterns("__pycache__", "_compiled.json"))  # fmt: skip
    folder = tmp_path / "pilkada" / "extract"
    if not any(folder.glob("*.so")):
        (folder / "native__mypyc.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    comp.write_marker(folder)
    return folder


def test_status_follows_the_sources(tmp_path, monkeypatch):
    monkeypatch.delenv("PILKADA_PURE_PYTHON", raising=False)
    folder = _copy_build(tmp_path)
    assert comp.status(folder) == "compiled"
    monkeypatch.setenv("PILKADA_PURE_PYTHON", "1")
    assert comp.status(folder) == "off"
    monkeypatch.delenv("PILKADA_PURE_PYTHON")
    with (folder / "names.py").open("a") as fh:
        fh.write("# an edit after the build\n")
    assert comp.status(folder) == "stale"
    (folder / comp.MARKER).unlink()
    assert comp.status(folder) == "stale"
    for so in folder.glob("*.so"):
        so.unlink()
    assert comp.status(folder) == "absent"


def test_a_stale_build_runs_the_sources(tmp_path):
    """An edited source after the build: a warning, and every compiled module is imported from
    its `.py`, so the edit takes effect (with a real build copied, the compiled `names` has
    no EDITED)."""
    folder = _copy_build(tmp_path)
    with (folder / "names.py").open("a") as fh:
        fh.write("EDITED = True\n")
    env = {k: v for k, v in os.environ.items() if k != "PILKADA_PURE_PYTHON"}
    env["PYTHONPATH"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c",
         "import pilkada.extract as e, pilkada.extract.names as n, pilkada.extract.phrases as p;"
         "print(e.BUILD, n.EDITED, n.__file__.endswith('.py'), p.__file__.endswith('.py'))"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert done.stdout.split() == ["stale", "True", "True", "True"]
    assert "built from other sources" in done.stderr


def test_the_place_index_is_built_once_for_threads_asking_at_once():
    """Two batches extract at once in threads (small batches run inline): the first asks build
    the index, the others wait and get the same one. Compiled, a global re-read after being
    narrowed to None once raised "None object expected; got dict" here."""
    import threading

    from pilkada.extract import places

    places._index = None  # as in a fresh process
    barrier = threading.Barrier(6)
    got: list[object] = []
    errors: list[BaseException] = []

    def ask() -> None:
        barrier.wait()
        try:
            got.append(places.place_index())
        except BaseException as exc:  # noqa: BLE001 - what a worker thread would raise
            errors.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(got) == 6 and all(index is got[0] for index in got)
    assert len(got[0]) > 10_000  # kecamatan and kelurahan names
