"""No import cycles among the modules of `pilkada` (issue #14), read from the source with `ast`.

Every import counts: at module level, inside a function, or under `if TYPE_CHECKING:` (a cycle
hidden in a function is still two modules that each need the other).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pilkada"


def module_name(path: Path, root: Path) -> str:
    """`pilkada/extract/regions.py` -> `pilkada.extract.regions` (a package: its `__init__`)."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.AST, name: str, is_package: bool, known: set[str]) -> set[str]:
    """The known modules a module's source imports (`from a import b` is `a.b` when that is a
    module, else `a`; relative imports resolved against the module)."""
    out: set[str] = set()
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names]
            if not all(t in known for t in targets):  # a name defined in `base` itself
                targets.append(base)
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the package modules it imports, for every .py file under `root`."""
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    known = set(files)
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        deps = imported(tree, name, path.name == "__init__.py", known)
        # importing a.b.c runs a/__init__ and a/b/__init__ first: parents are not edges of
        # their own, or every package would be "in a cycle" with the modules it re-exports
        graph[name] = {d for d in deps if not name.startswith(d + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _show(found: list[list[str]]) -> str:
    return "; ".join(" <-> ".join(c) for c in found)


def test_no_import_cycles_in_extract() -> None:
    graph = import_graph(PACKAGE)
    assert "pilkada.extract.regions" in graph  # the walk found the package
    found = [c for c in cycles(graph) if any(m.startswith("pilkada.extract") for m in c)]
    assert not found, "import cycles in pilkada.extract: " + _show(found)


def test_no_import_cycles_in_the_package() -> None:
    """None tolerated (load.warehouse <-> report.dictionary was untied by report.describe)."""
    found = cycles(import_graph(PACKAGE))
    assert not found, "import cycles among pilkada modules: " + _show(found)


def test_extract_gazetteer_is_below_meeting_logic() -> None:
    graph = import_graph(PACKAGE)
    low_level = graph["pilkada.extract.gazetteer"]
    assert not low_level & {
        "pilkada.extract.regions",
        "pilkada.extract.meeting",
        "pilkada.extract.participants",
        "pilkada.extract.vocabulary",
    }


def test_the_check_finds_a_cycle(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "sub" / "__init__.py").write_text("")
    (root / "a.py").write_text("from pkg.sub import b\n")
    (root / "sub" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub.c import X\n"
    )
    (root / "sub" / "c.py").write_text("def f():\n    from ..a import g\n")
    (root / "d.py").write_text("import pkg.a\n")
    graph = import_graph(root)
    assert graph["pkg.a"] == {"pkg.sub.b"}
    assert graph["pkg.sub.c"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.sub.b", "pkg.sub.c"]]
