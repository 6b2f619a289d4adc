"""A JupyterHub of our own on 127.0.0.1 for the classroom test, built on deploy/jupyterhub_config.py.

The hub loads the shipped configuration unchanged and overrides only what a test machine needs: free
ports, a temporary state folder, the course's venv, and a service token for the test to drive it; the
config folder and the test's Unix groups reach it through the environment variables it reads. Every wait
has a deadline; the hub runs in its own process group and is killed with it. configurable-http-proxy
(npm) is taken from PATH (conda installs it with jupyterhub) or installed once into a cache folder with
`npm install --prefix`.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from support.labrun import free_port

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
VENV_BIN = Path(sys.executable).parent
CHP_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "russia-and-the-west" / "chp"


def proxy_command() -> str:
    """configurable-http-proxy: on PATH or in the cache tests/support/system-packages.sh installs it into."""
    cached = CHP_CACHE / "node_modules" / ".bin" / "configurable-http-proxy"
    found = shutil.which("configurable-http-proxy") or str(cached)
    if not os.access(found, os.X_OK):
        from support.system import missing

        missing("configurable-http-proxy (JupyterHub's proxy, from the npm registry)")
    return found


class Hub:
    """JupyterHub as root, PAM login, LocalProcessSpawner; `api()` speaks to it with an admin service token."""

    def __init__(self, state: Path, environment: dict[str, str], attempts: int = 3):
        self.state, self.proc = state, None
        self.state.mkdir(mode=0o700)
        for attempt in range(attempts):
            try:
                self._start(environment)
                return
            except AssertionError as error:  # a free port taken by someone else in the meantime: new ports
                self.stop()
                if "already in use" not in str(error) or attempt == attempts - 1:
                    raise

    def _start(self, environment: dict[str, str]) -> None:
        state = self.state
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)
        self.log = state / "jupyterhub.log"
        config = f"""
load_subconfig({str(DEPLOY / "jupyterhub_config.py")!r})
c.JupyterHub.bind_url = {self.url!r}
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{proxy_command()!r}]
c.ConfigurableHTTPProxy.debug = False
c.JupyterHub.db_url = "sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(state / 'cookie_secret')!r}
c.JupyterHub.pid_file = {str(state / 'jupyterhub.pid')!r}
c.Spawner.cmd = [{str(VENV_BIN / 'jupyterhub-singleuser')!r}]
c.Spawner.environment = {{"PATH": "{VENV_BIN}:/usr/local/bin:/usr/bin:/bin"}}
c.Spawner.args = ["--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
c.JupyterHub.services = [{{"name": "classroom-test", "api_token": {self.token!r}}}]
c.JupyterHub.load_roles = [{{"name": "classroom-test", "services": ["classroom-test"],
                            "scopes": ["admin:users", "admin:servers", "access:servers", "tokens"]}}]
"""
        (state / "jupyterhub_config.py").write_text(config)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY"))}
        env["PATH"] = f"{VENV_BIN}:{env.get('PATH', '/usr/bin:/bin')}"
        env.update(environment)  # deploy/jupyterhub_config.py reads its paths and groups from here
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen([str(VENV_BIN / "jupyterhub"), "-f", str(state / "jupyterhub_config.py")],
                                         cwd=state, stdout=log, stderr=subprocess.STDOUT, env=env,
                                         start_new_session=True)
        self._wait(lambda: requests.get(f"{self.url}/hub/api", timeout=5).ok, 90, "the hub to answer")

    def log_tail(self, n: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-n:] if self.log.exists() else ""

    def _wait(self, ready, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"jupyterhub exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                if ready():
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise AssertionError(f"timed out after {timeout}s waiting for {what}:\n{self.log_tail()}")

    def api(self, method: str, path: str, token: str | None = None, **kwargs) -> requests.Response:
        """A request to the hub (`/hub/api/...`) or through its proxy to a user's server (`/user/...`)."""
        headers = {"Authorization": f"token {token or self.token}"}
        return requests.request(method, self.url + path, headers=headers, timeout=kwargs.pop("timeout", 120),
                                **kwargs)

    def login(self, user: str, password: str) -> requests.Response:
        """The login form, as a browser fills it in (with its XSRF token); returns the POST's response."""
        session = requests.Session()
        form = session.get(f"{self.url}/hub/login", timeout=30)
        xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', form.text)
        data = {"username": user, "password": password, "_xsrf": xsrf.group(1) if xsrf else ""}
        return session.post(f"{self.url}/hub/login", data=data, allow_redirects=False, timeout=60)

    def start_servers(self, users: list[str], timeout: float = 120) -> None:
        """Start the users' servers together (or find them running) and wait until all are ready."""
        for user in users:
            if self.api("GET", f"/hub/api/users/{user}").status_code == 404:  # never logged in
                self.api("POST", f"/hub/api/users/{user}").raise_for_status()
            answer = self.api("POST", f"/hub/api/users/{user}/server")
            assert answer.status_code in (201, 202) or "already running" in answer.text, \
                f"spawn {user}: {answer.status_code} {answer.text}"

        def ready():
            models = [self.api("GET", f"/hub/api/users/{user}", timeout=10).json() for user in users]
            return all(m.get("servers", {}).get("", {}).get("ready") for m in models)
        self._wait(ready, timeout, f"the servers of {', '.join(users)}")

    def page_config(self, user: str) -> dict:
        """The JupyterLab page config a user's browser would receive (which plugins are disabled)."""
        page = self.api("GET", f"/user/{user}/lab")
        page.raise_for_status()
        found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page.text, re.S)
        return json.loads(found.group(1))

    def stop(self) -> None:
        """Ask the hub to stop (it stops the servers it spawned), then kill its whole process group."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=20)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)
        # the proxy outlives a killed hub; the hub wrote its pid here (the pid this test's hub started)
        pid_file = self.state / "jupyterhub-proxy.pid"
        if pid_file.exists():
            try:
                pid = int(pid_file.read_text().strip())
                if b"configurable-http-proxy" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGKILL)
            except (ValueError, OSError):
                pass
