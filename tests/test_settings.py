"""The settings and the layout: one module reads the environment, the README lists every
variable, no module of the package outgrows ~600 lines, and readers start without pandas."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pilkada import settings

REPO = Path(__file__).resolve().parents[1]
MAX_LINES = 600
# changed by others while this rule came in (issue #14): listed, not yet split
OVER_MAX_ALLOWED = {"pilkada/extract"}


def _python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (REPO / folder).rglob("*.py"))


def _environment_reads(path: Path) -> list[str]:
    """`os.environ` / `os.getenv` uses, except `os.environ.setdefault` of another tool's
    variable (PREFECT_*, GX_*: set before that library reads it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "setdefault"
            and ast.unparse(node.func.value) == "os.environ"
            and isinstance(node.args[0], ast.Constant)
            and not str(node.args[0].value).startswith("PILKADA_")
        ):
            allowed.add(id(node.func.value))
    found = []
    for node in ast.walk(tree):
        text = ast.unparse(node) if isinstance(node, ast.Attribute) else ""
        if text in {"os.environ", "os.getenv"} and id(node) not in allowed:
            found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_only_settings_reads_the_environment():
    reads = [
        where
        for path in _python_files("pilkada", "flows")
        if path.name != "settings.py" or path.parent.name != "pilkada"
        for where in _environment_reads(path)
    ]
    assert reads == [], "read it through pilkada.settings"


def test_every_variable_is_in_the_readme_settings_table():
    names = set(re.findall(r"PILKADA_[A-Z_]+", (REPO / "pilkada" / "settings.py").read_text()))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = set(re.findall(r"^\| `(PILKADA_[A-Z_]+)` \|", section, flags=re.M))
    assert names <= rows, "a variable the README does not list"
    assert rows <= names, "a README row for a variable settings.py does not know"


def test_settings_are_read_when_asked(monkeypatch):
    monkeypatch.setenv("PILKADA_SQL_MEMORY", "300MB")
    monkeypatch.setenv("PILKADA_WORKERS", "3")
    monkeypatch.setenv("PILKADA_GX_ROOT", "/elsewhere/gx")
    assert (settings.reader_memory(), settings.workers()) == ("300MB", 3)
    assert settings.gx_root_override() == Path("/elsewhere/gx")
    monkeypatch.delenv("PILKADA_SQL_MEMORY")
    monkeypatch.delenv("PILKADA_GX_ROOT")
    assert (settings.reader_memory(), settings.gx_root_override()) == ("512MB", None)
    settings.set_workers(1)  # what `pilkada run --task-runner dask` does for its workers
    assert settings.workers() == 1


def test_no_module_over_600_lines():
    long = {
        str(path.relative_to(REPO)): n
        for path in _python_files("pilkada", "flows")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        and not any(str(path.relative_to(REPO)).startswith(p) for p in OVER_MAX_ALLOWED)
    }
    assert long == {}, "split it into modules named after what they do"


@pytest.fixture
def empty_warehouse(tmp_path: Path) -> Path:
    from pilkada.load.warehouse import connect, ensure_schema

    path = tmp_path / "w.duckdb"
    con = connect(path)
    ensure_schema(con, path)
    con.close()
    return path


@pytest.mark.parametrize(
    "command", [["status"], ["runs"], ["rejected", "--run", "r20240101T000000-0"]]
)
def test_reading_commands_start_without_pandas(empty_warehouse: Path, command: list[str]):
    """`status`, `runs` and `rejected` import neither pandas nor pyarrow (~0.5 CPU-s)."""
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom pilkada.cli import app\n"
        f"result = CliRunner().invoke(app, {[*command, '-w', str(empty_warehouse)]!r})\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted({'pandas', 'pyarrow', 'numpy'} & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
