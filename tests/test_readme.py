"""Every `pilkada` command the README shows runs as written, and every command is documented."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pilkada.cli import app

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """`.venv/bin/pilkada ...` commands of the README's bash blocks, continuations joined."""
    commands: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S):
        current = ""
        for line in block.splitlines():
            if not current and not line.startswith(".venv/bin/pilkada"):
                continue
            current += line + "\n"
            if current.count('"') % 2 == 0 and not line.rstrip().endswith("\\"):
                commands.append(current.strip())
                current = ""
    return commands


def test_readme_documents_every_command():
    documented = " ".join(readme_commands())
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"pilkada {name}" in documented, f"`pilkada {name}` is not shown in the README"


@pytest.mark.slow
def test_readme_commands_run(tmp_path, prefect_server):
    work = tmp_path / "project"
    shutil.copytree(REPO / "data" / "raw", work / "data" / "raw")
    (work / ".venv").symlink_to(REPO / ".venv")
    env = {**os.environ, "PILKADA_HOME": str(work)}
    ran = 0
    for command in readme_commands():
        if "://" in command:
            continue  # no network here
        # the README's scratch paths first: the shared folder may itself lie under /tmp
        command = re.sub(r"(?<![\w./])/tmp/", f"{tmp_path}/", command)
        if "../shared" in command:
            if not SHARED.exists():
                continue
            command = command.replace("../shared", str(SHARED))
        done = subprocess.run(
            ["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        ran += 1
    assert ran >= 6
    assert (work / "data" / "reports" / "index.html").exists()
