"""Start JupyterLab the course's way: on 127.0.0.1, token on, straight onto the start page, no pop-ups."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from course import paths

#: JupyterLab plugins that would cover the start page on first launch (news and update prompt).
QUIET_PLUGINS = ["@jupyterlab/apputils-extension:announcements"]


def quiet_lab(prefix: str | Path = sys.prefix) -> Path:
    """Disable the news/update prompt for this environment only (its page_config.json)."""
    config = Path(prefix) / "etc" / "jupyter" / "labconfig" / "page_config.json"
    settings = json.loads(config.read_text()) if config.exists() else {}
    disabled = settings.setdefault("disabledExtensions", {})
    if isinstance(disabled, list):  # older form
        disabled = settings["disabledExtensions"] = {name: True for name in disabled}
    if all(disabled.get(p) for p in QUIET_PLUGINS):
        return config
    disabled.update({p: True for p in QUIET_PLUGINS})
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps(settings, indent=2) + "\n")
    return config


def lab_command(workspace: Path, port: int | None = None, open_browser: bool = True) -> list[str]:
    """The command line that opens the learner's workspace on the start page."""
    command = [
        sys.executable, "-m", "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={workspace}",
        f"--LabApp.default_url=/lab/tree/{paths.START_PAGE}",
        f"--ServerApp.open_browser={open_browser}",
    ]
    if port:
        command.append(f"--ServerApp.port={port}")
    return command + root_flags()


def root_flags() -> list[str]:
    """Jupyter refuses to run as root without this flag; containers and CI machines often run as root."""
    return ["--ServerApp.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def lab_environment() -> dict[str, str]:
    """The environment for JupyterLab and nbgrader: this venv's bin first on PATH (nbgrader calls alembic)."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env
