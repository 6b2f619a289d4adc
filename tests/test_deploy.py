"""deploy/ is consistent: the files parse, roles come out right, and the Kubernetes copies match the originals.

These run anywhere, as any user, in about a second. The real thing (users, hub, exchange) is
tests/test_classroom.py, which needs root.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import re
import subprocess
import types
from pathlib import Path

import nbformat
import pytest
import yaml
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
GRADERS = {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"}


def _json(role: str, name: str) -> dict:
    return json.loads((DEPLOY / role / name).read_text())


def _settings(text: str) -> set[str]:
    """The `c.X = ...` lines of a config file, the only part that must agree between copies."""
    return {line.strip() for line in text.splitlines() if re.match(r"\s*c\.\w+\.\w+ = ", line)}


def _spawner(name: str, uid: int = 7):
    user = types.SimpleNamespace(name=name, id=uid)
    return types.SimpleNamespace(user=user, environment={"KEEP": "1"}, volumes=[], volume_mounts=[],
                                 init_containers=[], image="course-image:1")


def test_students_lack_the_graders_tools_and_instructors_get_them_back():
    site, instructor = _json("site", "labconfig/page_config.json"), _json("instructor", "labconfig/page_config.json")
    assert all(site["disabledExtensions"][x] for x in GRADERS)
    assert not any(instructor["disabledExtensions"][x] for x in GRADERS)
    on = "nbgrader.server_extensions.formgrader"
    assert not _json("site", "jupyter_server_config.json")["ServerApp"]["jpserver_extensions"][on]
    assert _json("instructor", "jupyter_server_config.json")["ServerApp"]["jpserver_extensions"][on]


def test_one_server_hub_puts_the_instructor_folder_first_for_the_instructors_group_only(monkeypatch):
    me = pwd.getpwuid(os.getuid()).pw_name
    monkeypatch.setenv("COURSE_CONFIG_ROOT", "/cfg")
    monkeypatch.setenv("COURSE_INSTRUCTORS_GROUP", grp.getgrgid(os.getgid()).gr_name)
    config = PyFileConfigLoader("jupyterhub_config.py", str(DEPLOY)).load_config()
    hook = config.Spawner.pre_spawn_hook
    spawner = _spawner(me)
    hook(spawner)
    assert spawner.environment == {"KEEP": "1", "JUPYTER_CONFIG_PATH": "/cfg/instructor:/cfg/site"}
    mine = os.getgrouplist(me, os.getgid())
    monkeypatch.setenv("COURSE_INSTRUCTORS_GROUP", next(g.gr_name for g in grp.getgrall() if g.gr_gid not in mine))
    hook = PyFileConfigLoader("jupyterhub_config.py", str(DEPLOY)).load_config().Spawner.pre_spawn_hook
    spawner = _spawner(me)
    hook(spawner)
    assert spawner.environment["JUPYTER_CONFIG_PATH"] == "/cfg/site"


def test_kubernetes_values_copy_deploy_files_and_give_each_user_a_uid():
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    files = {f["mountPath"]: f for f in values["singleuser"]["extraFiles"].values()}
    for role in ("site", "instructor"):
        for name in ("jupyter_server_config.json", "labconfig/page_config.json"):
            assert files[f"/etc/nbgrader/{role}/{name}"]["data"] == _json(role, name), (role, name)
        copy = files[f"/etc/nbgrader/{role}/nbgrader_config.py"]["stringData"]
        original = (DEPLOY / role / "nbgrader_config.py").read_text()
        assert _settings(copy) == _settings(original), role
    c = Config()
    exec(values["hub"]["extraConfig"]["course-roles"], {"c": c})  # noqa: S102 (our own file)
    hook = c.KubeSpawner.pre_spawn_hook
    student, teacher = _spawner("student-1", 7), _spawner("REPLACE-ME-instructor", 8)
    hook(student)
    hook(teacher)
    hook(teacher)  # a second start must not add the volume twice
    assert (student.uid, teacher.uid) == (100007, 100008)
    assert student.supplemental_gids == [] and teacher.supplemental_gids == [2000]
    assert student.environment["JUPYTER_CONFIG_PATH"] == "/etc/nbgrader/site"
    assert teacher.environment["JUPYTER_CONFIG_PATH"] == "/etc/nbgrader/instructor:/etc/nbgrader/site"
    assert student.environment["USER"] == "student-1" and not student.volumes
    assert [v["name"] for v in teacher.volumes] == ["gradebook"] and len(teacher.init_containers) == 1


@pytest.mark.parametrize("script", ["setup-exchange.sh", "add-instructor.sh"])
def test_scripts_are_valid_sh(script):
    subprocess.run(["sh", "-n", str(DEPLOY / script)], check=True)


def test_private_submit_closes_the_submission_folder_to_other_users(tmp_path):
    """One user suffices for the modes; tests/test_classroom.py tries them with real users."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory

    from course.exchange import PrivateSubmit

    inbound = tmp_path / "exchange" / "course" / "inbound"
    (tmp_path / "exchange" / "course" / "outbound" / "quiz").mkdir(parents=True)
    inbound.mkdir()
    os.chmod(inbound, 0o2733)
    work = tmp_path / "home" / "quiz"
    work.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(), work / "quiz.ipynb")
    config = Config()
    config.CourseDirectory.course_id, config.CourseDirectory.assignment_id = "course", "quiz"
    config.CourseDirectory.student_id = "student-1"
    config.Exchange.root, config.Exchange.cache = str(tmp_path / "exchange"), str(tmp_path / "cache")
    config.Exchange.assignment_dir = str(tmp_path / "home")
    PrivateSubmit(coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config),
                  config=config).start()
    submission, = inbound.iterdir()
    assert submission.name.startswith("student-1+quiz+")
    assert submission.stat().st_mode & 0o7777 == 0o770
    assert submission.stat().st_gid == inbound.stat().st_gid
