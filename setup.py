"""Build hook: compile the extraction modules with mypyc when it can (same source, faster).

The project's metadata is in pyproject.toml; this file only adds the optional compiled modules
(`pilkada/extract/compiled.py` lists them). Without a C compiler, when mypy refuses the sources,
or with PILKADA_PURE_PYTHON=1, the package installs as plain Python: the same code, slower.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # pilkada.settings, imported by the module below (stdlib only)
_spec = importlib.util.spec_from_file_location(
    "_pilkada_compiled", HERE / "pilkada" / "extract" / "compiled.py"
)  # by path: importing the package would import the extractor and its dependencies
compiled = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compiled)


def warn(message: str) -> None:
    print(f"warning: {message}; pilkada.extract installs as plain Python", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """A compiler failure leaves the plain-Python package (with a warning), not a failed install."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - whatever the compiler raised
            warn(f"mypyc build failed ({exc})")


def ext_modules() -> list:
    """The mypyc extensions, or none."""
    from pilkada.settings import pure_python

    if pure_python():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        warn("mypyc is not installed")
        return []
    paths = [f"pilkada/extract/{name}.py" for name in compiled.COMPILED_MODULES]
    try:
        modules = mypycify(
            ["--ignore-missing-imports", *paths], group_name="pilkada.extract.native"
        )
    except BaseException as exc:  # noqa: BLE001 - mypy's type errors end in SystemExit
        warn(f"mypyc refused the sources ({exc})")
        return []
    compiled.write_marker()
    return modules


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
