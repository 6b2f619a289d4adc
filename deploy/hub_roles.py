"""Course roles for JupyterHub: the student view for everyone, the graders' tools for instructors.

Every server gets the site folder (a copy of deploy/site/: the exchange, the student's nbgrader tools) on
JUPYTER_CONFIG_PATH; members of the instructors' Unix group get the instructor folder (deploy/instructor/:
formgrader, Create Assignment, the gradebook) in front of it. Why the environment and not files in the
shared Python environment (`jupyter server extension disable --sys-prefix`): JUPYTER_CONFIG_PATH outranks a
user's own ~/.jupyter, so no student can switch the graders' tools on from their account, and nothing
installed changes. Membership is looked up at each start: a new instructor needs no hub restart.

Loaded by deploy/jupyterhub_config.py; on The Littlest JupyterHub, copy it into
/opt/tljh/config/jupyterhub_config.d/ (docs/deploy.md). Settings from the environment, with defaults:
COURSE_CONFIG_ROOT (/srv/nbgrader/jupyter), COURSE_INSTRUCTORS_GROUP (course-instructors).
"""

import grp
import os
import pwd

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

CONFIG_ROOT = os.environ.get("COURSE_CONFIG_ROOT", "/srv/nbgrader/jupyter")
INSTRUCTORS = os.environ.get("COURSE_INSTRUCTORS_GROUP", "course-instructors")


def unix_name(hub_name: str) -> str:
    """The Unix account behind a hub user: the same name, or TLJH's `jupyter-NAME`."""
    for name in (hub_name, f"jupyter-{hub_name}"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    return hub_name


def is_instructor(hub_name: str) -> bool:
    try:
        gid = grp.getgrnam(INSTRUCTORS).gr_gid
        account = pwd.getpwnam(unix_name(hub_name))
    except KeyError:  # no such group or user: nobody is an instructor
        return False
    return gid in os.getgrouplist(account.pw_name, account.pw_gid)


def course_role(spawner):
    folders = [os.path.join(CONFIG_ROOT, "site")]
    if is_instructor(spawner.user.name):
        folders.insert(0, os.path.join(CONFIG_ROOT, "instructor"))
    spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": os.pathsep.join(folders)}


c.Spawner.pre_spawn_hook = course_role
