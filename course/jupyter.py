"""Start JupyterLab the course's way: on 127.0.0.1, token on, straight onto the start page, no pop-ups.

A learner's JupyterLab is the student's view of the classroom hub, and quiet:

- `course/learner/` goes on JUPYTER_CONFIG_PATH, as the hub puts deploy/site/ there for students (the two
  folders hold the same settings; a test checks they agree): formgrader, Create Assignment and the course list
  are hidden, Validate and the assignment list stay. An instructor's own `jupyter lab` is not affected.
- The terminal shows the address to open and errors, not the server's info and warning lines.
- Kernels talk to the server over Unix sockets (ZeroMQ `ipc`) where the system has them and the socket path
  fits, which is what ipykernel's "running over TCP without encryption" warning asks for; elsewhere
  (Windows, a very long runtime path) over TCP on 127.0.0.1 as before.
"""

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


#: the learner's Jupyter configuration (server extensions and lab plugins), on JUPYTER_CONFIG_PATH
LEARNER_CONFIG = Path(__file__).resolve().parent / "learner"
#: Unix socket paths longer than this fail (the limit is 104-108 bytes, depending on the system)
SOCKET_PATH_LIMIT = 100


def kernel_transport(runtime_dir: str | None = None) -> str:
    """`ipc` where a kernel's socket path (runtime dir + kernel-<uuid>-ipc-<n>) fits, else `tcp`."""
    if os.name != "posix":
        return "tcp"
    if runtime_dir is None:
        from jupyter_core.paths import jupyter_runtime_dir

        runtime_dir = jupyter_runtime_dir()
    longest = len(os.path.join(runtime_dir, "kernel-00000000-0000-0000-0000-000000000000-ipc-99"))
    return "ipc" if longest <= SOCKET_PATH_LIMIT else "tcp"


def lab_command(workspace: Path, port: int | None = None, open_browser: bool = True,
                runtime_dir: str | None = None) -> list[str]:
    """The command line that opens the learner's workspace on the start page."""
    command = [
        sys.executable, "-m", "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={workspace}",
        f"--LabApp.default_url=/lab/tree/{paths.START_PAGE}",
        f"--ServerApp.open_browser={open_browser}",
        "--ServerApp.log_level=ERROR", "--LabApp.log_level=ERROR",
        f"--KernelManager.transport={kernel_transport(runtime_dir)}",
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
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(p for p in (str(LEARNER_CONFIG), env.get("JUPYTER_CONFIG_PATH")) if p)
    return env
