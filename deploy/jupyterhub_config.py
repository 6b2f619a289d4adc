"""JupyterHub for the course on one Linux server: real Unix accounts, one server process per user.

Why this shape: nbgrader's filesystem exchange keeps students apart with ordinary Unix permissions, so
every student must be a Unix user of their own (PAM login; LocalProcessSpawner starts each server as that
user). Roles follow Unix groups. Every server gets the site folder (deploy/site/: the exchange, and the
nbgrader tools a student needs) on JUPYTER_CONFIG_PATH; an instructor's server gets deploy/instructor/
in front of it, which switches formgrader and Create Assignment on. JUPYTER_CONFIG_PATH outranks a
user's own ~/.jupyter, so a student cannot switch the graders' tools on from their account.

Run as root, behind HTTPS: `jupyterhub -f deploy/jupyterhub_config.py` (docs/deploy.md). The roles
live in deploy/hub_roles.py, which The Littlest JupyterHub loads on its own.
"""

import os

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

c.JupyterHub.bind_url = "http://127.0.0.1:8000"  # a reverse proxy (nginx, caddy) serves it over HTTPS
c.JupyterHub.authenticator_class = "pam"
# Only members of these Unix groups may log in (`usermod -aG course-students NAME`).
c.PAMAuthenticator.allowed_groups = {os.environ.get("COURSE_INSTRUCTORS_GROUP", "course-instructors"),
                                     os.environ.get("COURSE_STUDENTS_GROUP", "course-students")}
c.PAMAuthenticator.admin_groups = set()  # a hub admin can act as any user: keep this list short
c.PAMAuthenticator.open_sessions = False  # no login session per server; fewer moving parts

c.JupyterHub.spawner_class = "localprocess"
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "hub_roles.py"))  # noqa: F821
