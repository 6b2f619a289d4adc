"""Run JupyterLab for a test or a benchmark, the way `course start` runs it, and stop it afterwards.

The browser tests and the benchmark must see what a learner sees after `make lab`, so the server is
started with `course.learner.lab.lab_command` on a workspace prepared by `course start --no-lab`. Only what
would leak between runs is kept apart: a free port, and fresh JupyterLab workspace, settings and runtime
folders (a new learner has none). The login token is read from the server's log, or failing that from
`jupyter server list --json`.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from course.learner import lab as jupyter

_URL = re.compile(r"(http://127\.0\.0\.1:(\d+)/\S*\?token=([0-9a-f]+))")


@dataclass
class Lab:
    """A running JupyterLab: where it listens, its token, and its log so far."""

    port: int
    token: str
    process: subprocess.Popen
    log: list[str] = field(default_factory=list)

    def url(self, path: str = "") -> str:
        """An address on this server with the token attached (path relative to the server root)."""
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}?token={self.token}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_workspace(workspace: Path) -> None:
    """`course start --no-lab --workspace DIR`, exactly as a learner's first run does it."""
    subprocess.run([sys.executable, "-m", "course.cli", "start", "--no-lab", "--workspace", str(workspace)],
                   check=True, capture_output=True, text=True, env=jupyter.lab_environment())


#: Server extensions of the test tools that a learner's install (`make lab`) does not have: jupytext pairs the
#: lessons with their text twins for the course's own diffs, and its contents manager writes both files on
#: every save, which a learner's JupyterLab never does (and which, with the tests' one-second autosave, can
#: race a save into a "File changed on disk" dialog).
TEST_TOOL_EXTENSIONS = {"jupyterlab_jupytext": False}


def isolated_environment(state: Path) -> dict[str, str]:
    """lab_environment() with JupyterLab's per-user folders moved under `state`, and without the server
    extensions of the test tools, so that the lab is the one a learner's install runs."""
    env = jupyter.lab_environment()
    config = state / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": TEST_TOOL_EXTENSIONS}}), encoding="utf-8")
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(config), env["JUPYTER_CONFIG_PATH"]])
    for var, sub in (("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                     ("JUPYTER_RUNTIME_DIR", "runtime")):
        env[var] = str(state / sub)
    if os.name == "posix" and jupyter.kernel_transport(env["JUPYTER_RUNTIME_DIR"]) == "tcp":
        # a deep temporary folder would push kernels onto TCP; a learner's ~/.local/share/jupyter/runtime fits
        env["JUPYTER_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="jrt-")
    return env


def course_command(workspace: Path, port: int, runtime_dir: str | None = None) -> list[str]:
    return jupyter.lab_command(workspace, port=port, open_browser=False, runtime_dir=runtime_dir)


def bare_command(root: Path, port: int) -> list[str]:
    """Plain JupyterLab on a folder: no default page, nothing of the course's."""
    return [sys.executable, "-m", "jupyterlab", "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={root}",
            f"--ServerApp.port={port}", "--ServerApp.open_browser=False", *jupyter.root_flags()]


def _token_from_list(env: dict[str, str], port: int) -> str | None:
    out = subprocess.run([sys.executable, "-m", "jupyter", "server", "list", "--json"], capture_output=True,
                         text=True, env=env).stdout
    for line in out.splitlines():
        try:
            info = json.loads(line)
        except json.JSONDecodeError:
            continue
        if info.get("port") == port:
            return info.get("token")
    return None


@contextmanager
def running(command: list[str], env: dict[str, str], port: int, timeout: float = 120, cwd: Path | None = None):
    """Start `command` (in `cwd`, where nbgrader looks for a class's nbgrader_config.py), wait until it prints
    its tokenised address, yield a Lab, always stop it after."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               cwd=cwd)
    lab = Lab(port=port, token="", process=process)
    found = threading.Event()

    def read():
        for line in process.stdout:
            lab.log.append(line.rstrip())
            match = _URL.search(line)
            if match and int(match.group(2)) == port and not found.is_set():
                lab.token = match.group(3)
                found.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        deadline = time.monotonic() + timeout
        while not found.wait(0.5):
            if process.poll() is not None:
                raise RuntimeError("JupyterLab exited:\n" + "\n".join(lab.log[-30:]))
            if time.monotonic() > deadline:
                lab.token = _token_from_list(env, port) or ""
                if lab.token:
                    break
                raise TimeoutError("JupyterLab printed no address:\n" + "\n".join(lab.log[-30:]))
        yield lab
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """Stop the server (and with it its kernels) by its own process id: terminate, then kill."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    if process.stdout:
        process.stdout.close()


def start_course_lab(workspace: Path, state: Path):
    """Prepare `workspace` as `course start` does and run JupyterLab on it (a context manager)."""
    prepare_workspace(workspace)
    port = free_port()
    env = isolated_environment(state)
    return running(course_command(workspace, port, env["JUPYTER_RUNTIME_DIR"]), env, port)


# In the browser (a Playwright page): what a learner does after the lab opens.
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
CHART = ", ".join(f"{NOTEBOOK} {output} svg.main-svg" for output in (".jp-OutputArea-output.js-plotly-plot",
                                                                     ".jp-OutputArea-output .js-plotly-plot"))


def open_notebook(page, url: str, timeout: float = 90_000) -> None:
    """Go to `url` and wait until a notebook is shown with its kernel ready."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    page.locator(NOTEBOOK).first.wait_for(timeout=timeout)
    # JupyterLab restores the tabs of the last visit first: wait until the notebook asked for is the one shown.
    name = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    if name.endswith(".ipynb"):
        page.wait_for_function(
            "name => { const tab = document.querySelector('.lm-TabBar-tab.jp-mod-current');"
            " return tab !== null && tab.innerText.trim() === name; }", arg=name, timeout=timeout)
    # "Run All" before the kernel is connected runs nothing: wait for the status bar's "| Idle".
    page.wait_for_function(
        "() => /\\| Idle/.test((document.querySelector('#jp-main-statusbar') || {}).innerText || '')", timeout=timeout)


def run_all(page) -> None:
    """Run > Run All Cells, through the menu bar as a learner would click it."""
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all'], .lm-Menu-item[data-command='notebook:run-all-cells']").first.click()


def first_chart(page, timeout: float = 180_000) -> None:
    """Wait until a Plotly chart has drawn (an SVG inside its container) in the open notebook."""
    page.locator(CHART).first.wait_for(state="attached", timeout=timeout)
