"""Hostile input folders: every entry ends loaded, a duplicate, or recorded with a reason that
names it; a run with nothing new succeeds and says so; a run that could read nothing fails.

Real folders (a symbolic link loop, an unreadable subfolder, a non-UTF-8 name, a path longer than
the system allows, a cp1252 manifest) go through real builds into a real DuckDB file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.build import build_warehouse
from pilkada.errors import ExitCode, NothingLoaded
from pilkada.sources.ingest import discover_inputs

REPO = Path(__file__).resolve().parents[1]
TEXT = (
    "Rakor Pengamanan Pilkada 2024 di {place}\n\n"
    "{place} - Pemerintah daerah menggelar rapat koordinasi pengamanan Pilkada Serentak 2024,"
    " Senin (14/10/2024). Rakor dipimpin Sekda dan dihadiri Kapolres, Dandim, Ketua KPU dan"
    ' Ketua Bawaslu. "ASN wajib netral," tegas Sekda {place}.'
)
GOOD = {"a.txt": "Sleman", "sub/b.txt": "Bantul", "sub/deeper/c.txt": "Kulon Progo"}


def _article(place: str) -> str:
    return TEXT.format(place=place)


def _good_files(folder: Path) -> None:
    for rel, place in GOOD.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_article(place), encoding="utf-8")


def _overlong(folder: Path) -> Path:
    """Folders nested past PATH_MAX (made relative to an open folder, as only that works)."""
    name = "d" * 200
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(25):  # 25 x 201 bytes > 4096
            os.mkdir(name, dir_fd=fd)
            child = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        with open(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as handle:
            handle.write(_article("Gunungkidul"))
    finally:
        os.close(fd)
    return folder / name


def _hostile(folder: Path, outside: Path) -> None:
    _good_files(folder)
    (folder / "loop").symlink_to("loop")  # a link to itself
    (folder / "sub" / "again").symlink_to("..")  # a link back up: a loop if followed
    os.symlink(b"bad-\xff-name.txt", os.fsencode(folder) + b"/bad-\xff-name.txt")
    (folder / os.fsdecode(b"latin-\xe9.txt")).write_text(_article("Sleman"), encoding="utf-8")
    secret = outside / "secret.txt"
    secret.write_text(_article("Rahasia"), encoding="utf-8")
    (folder / "escape.txt").symlink_to(secret)  # points out of the input folder
    os.mkfifo(folder / "pipe.txt")  # reading it would block for ever
    _overlong(folder)
    # what a spreadsheet program saves: Windows-1252, a curly quote and an e-acute
    (folder / "manifest.csv").write_bytes(
        "file,url,outlet,published_date\n"
        "a.txt,https://example.org/a,Kabar \u201cCaf\u00e9\u201d,2024-10-14\n".encode("cp1252")
    )


def _rows(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_discovery_records_every_hostile_entry(tmp_path):
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    _hostile(folder, outside)
    refs, rejected = discover_inputs([str(folder)])
    assert sorted(r.source_uri for r in refs) == sorted(GOOD)
    reasons = {r.source_uri: r.reason for r in rejected}
    assert "symbolic link loop" in reasons["loop"]
    assert "already read" in reasons["sub/again"] or "its files are read" in reasons["sub/again"]
    assert "not valid UTF-8" in reasons["bad-\\xff-name.txt"]
    assert "not valid UTF-8" in reasons["latin-\\xe9.txt"]
    assert "outside the input folder" in reasons["escape.txt"]
    assert "named pipe" in reasons["pipe.txt"]
    long_ones = [uri for uri, why in reasons.items() if "File name too long" in why]
    assert len(long_ones) == 1 and long_ones[0].startswith("d" * 200), reasons
    for r in rejected:  # every reason and name is storable text
        (r.source_uri + r.location + r.reason).encode("utf-8")
    manifest = {r.source_uri: r for r in refs}["a.txt"]
    assert manifest.outlet == "Kabar \u201cCaf\u00e9\u201d" and manifest.url == "https://example.org/a"


def test_symlinks_out_of_the_folder_follow_only_when_allowed(tmp_path, monkeypatch):
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    (outside / "more").mkdir(parents=True)
    (outside / "more" / "x.txt").write_text(_article("Sleman"), encoding="utf-8")
    (outside / "more" / "back").symlink_to(outside / "more")  # a loop once followed
    (folder / "more").symlink_to(outside / "more")
    refs, rejected = discover_inputs([str(folder)])
    assert refs == [] and "outside the input folder" in rejected[0].reason
    monkeypatch.setenv("PILKADA_FOLLOW_SYMLINKS", "1")
    refs, rejected = discover_inputs([str(folder)])
    assert [r.source_uri for r in refs] == ["more/x.txt"]
    assert [r.source_uri for r in rejected] == ["more/back"] and "loop" in rejected[0].reason


def test_a_broken_manifest_is_recorded_and_its_files_still_read(tmp_path):
    _good_files(tmp_path)
    (tmp_path / "manifest.csv").write_bytes(b"file,url\n\"a.txt,never closed\n" + b"x" * 200_000)
    refs, rejected = discover_inputs([str(tmp_path)])
    assert sorted(r.source_uri for r in refs) == sorted(GOOD)
    assert any("manifest not read" in r.reason for r in rejected), rejected


_AS_NOBODY = """
import json, os, sys
from pilkada.sources.ingest import discover_inputs  # before: interpreter files may be root's
os.setgid(65534); os.setuid(65534)
refs, rejected = discover_inputs([sys.argv[1]])
print(json.dumps([[r.source_uri for r in refs], {r.source_uri: r.reason for r in rejected}]))
"""


def test_unreadable_subfolder_is_recorded_and_the_rest_read(tmp_path):
    """Root reads every folder whatever its mode, so the walk runs as `nobody` (uid 65534) in
    a subprocess when the tests run as root; as another user it runs here."""
    base = Path(os.environ.get("TMPDIR", "/tmp")) / f"pilkada-perm-{os.getpid()}"
    folder = base / "in"
    _good_files(folder)
    (folder / "locked").mkdir()
    (folder / "locked" / "hidden.txt").write_text(_article("Sleman"), encoding="utf-8")
    try:
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (folder / "locked").chmod(0)
        if os.geteuid() == 0:
            out = subprocess.run(
                [sys.executable, "-c", _AS_NOBODY, str(folder)], capture_output=True, text=True,
                cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120,
            )  # fmt: skip
            if out.returncode and "Operation not permitted" in out.stderr:
                pytest.skip("cannot drop privileges here (setuid refused)")
            assert out.returncode == 0, out.stderr
            uris, reasons = json.loads(out.stdout.splitlines()[-1])
        else:
            refs, rejected = discover_inputs([str(folder)])
            uris, reasons = [r.source_uri for r in refs], {r.source_uri: r.reason for r in rejected}
        assert sorted(uris) == sorted(GOOD)
        assert reasons == {"locked": "folder not readable: Permission denied"}
    finally:
        (folder / "locked").chmod(0o755)
        subprocess.run(["rm", "-rf", str(base)], check=False)


@pytest.mark.slow
def test_hostile_folder_loads_every_good_file_then_nothing_new(tmp_path, warehouse):
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    _hostile(folder, outside)
    summary = build_warehouse(articles=[str(folder)], warehouse=str(warehouse))
    loaded = dict(_rows(warehouse, "SELECT source_uri, status FROM source_files"))
    assert {uri: loaded.get(uri) for uri in GOOD} == dict.fromkeys(GOOD, "loaded")
    reasons = dict(_rows(warehouse, "SELECT source_uri, reason FROM rejected_inputs"))
    for name in ["loop", "bad-\\xff-name.txt", "latin-\\xe9.txt", "escape.txt", "pipe.txt"]:
        assert name in reasons, (name, reasons)
    assert any("File name too long" in why for why in reasons.values())
    assert not any("Rahasia" in t for (t,) in _rows(warehouse, "SELECT title FROM articles"))
    outlets = _rows(warehouse, "SELECT outlet FROM articles WHERE source_uri = 'a.txt'")
    assert outlets == [("Kabar \u201cCaf\u00e9\u201d",)]
    assert summary["nothing_new"] is False

    # touch every good file: read once more, recognised as duplicates, recorded; no gate runs
    for rel in GOOD:
        os.utime(folder / rel)
    again = build_warehouse(articles=[str(folder)], warehouse=str(warehouse))
    assert again["nothing_new"] is True and again["batches"][0]["n_duplicates"] == len(GOOD)
    runs = _rows(warehouse, "SELECT count(*) FROM dq_runs")
    assert _rows(warehouse, "SELECT count(*) FROM quarantined_batches") == [(0,)]
    # and the run after that does not read them at all
    third = build_warehouse(articles=[str(folder)], warehouse=str(warehouse))
    assert third["nothing_new"] is True and third["unchanged"] == len(GOOD)
    assert third["batches"] == [] and _rows(warehouse, "SELECT count(*) FROM dq_runs") == runs


@pytest.mark.slow
def test_cli_nothing_new_exits_0_and_nothing_readable_exits_2(tmp_path, prefect_server):
    folder = tmp_path / "in"
    _good_files(folder)
    warehouse = tmp_path / "data" / "warehouse" / "w.duckdb"
    cli = [str(REPO / ".venv" / "bin" / "pilkada"), "run", "--warehouse", str(warehouse), "-q"]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*cli, *args], capture_output=True, text=True, timeout=600)

    first = run("--articles", str(folder))
    assert first.returncode == 0, first.stderr
    for rel in GOOD:
        os.utime(folder / rel)
    touched = run("--articles", str(folder))
    assert touched.returncode == 0, touched.stderr
    assert "nothing new to load" in touched.stdout
    typo = run("--articles", str(tmp_path / "artikel"))
    assert typo.returncode == ExitCode.NOTHING_LOADED, typo.stderr
    last = typo.stderr.strip().splitlines()[-1]  # (Prefect logs the failed flow run above it)
    assert last.startswith("error: nothing loaded") and "artikel: no such file" in last, last
    empties = tmp_path / "empties"
    empties.mkdir()
    (empties / "x.txt").write_bytes(b"")
    (empties / "y.txt").write_text("   ", encoding="utf-8")
    with pytest.raises(NothingLoaded, match="all 2 inputs were missing or rejected"):
        build_warehouse(articles=[str(empties)], warehouse=str(warehouse))
    assert _rows(warehouse, "SELECT count(*) FROM quarantined_batches") == [(0,)]


def test_readme_documents_the_settings():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in ["PILKADA_FOLLOW_SYMLINKS", "PILKADA_ALLOW_PRIVATE_HOSTS"]:
        assert name in readme, name
