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
import time
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
    # only the instructors' pods run the image that holds the key
    assert student.image == "course-image:1" and "instructor" in teacher.image
    assert teacher.init_containers[0]["image"] == teacher.image


@pytest.mark.parametrize("script", ["setup-exchange.sh", "add-instructor.sh", "install-course.sh"])
def test_scripts_are_valid_sh(script):
    subprocess.run(["sh", "-n", str(DEPLOY / script)], check=True)


def _install(src: Path, dest: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(DEPLOY / "install-course.sh"), str(src), str(dest)], capture_output=True,
                          text=True, timeout=120)


def test_the_students_install_of_the_course_holds_no_key(tmp_path):
    repo = DEPLOY.parent
    dest = tmp_path / "opt" / "russia-and-the-west"
    done = _install(repo, dest)
    assert done.returncode == 0, done.stderr
    assert (dest / "course" / "data.py").is_file() and any((dest / "notebooks").glob("*.ipynb"))
    assert (dest / "data").is_dir() and (dest / "deploy" / "setup-exchange.sh").is_file()
    assert not (dest / "assignments" / "source").exists() and not (dest / "build").exists()
    assert not (dest / "tests").exists() and not (dest / ".venv").exists()
    for path in dest.rglob("*.ipynb"):
        assert "BEGIN SOLUTION" not in path.read_text() and "BEGIN HIDDEN TESTS" not in path.read_text(), path
    modes = {p.stat().st_mode & 0o022 for p in dest.rglob("*")}
    assert modes == {0}, "nobody but the installer may change the installed course"
    assert _install(repo, dest).returncode == 0  # a re-run replaces an earlier install


def test_the_students_install_refuses_key_material_and_a_folder_it_did_not_make(tmp_path):
    src = tmp_path / "course-src"
    (src / "course").mkdir(parents=True)
    (src / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (src / "notebooks").mkdir()
    (src / "notebooks" / "lesson.ipynb").write_text('{"source": "### BEGIN HIDDEN TESTS"}')
    done = _install(src, tmp_path / "dest")
    assert done.returncode == 1 and "answer-key material" in done.stderr and not (tmp_path / "dest").exists()
    (src / "notebooks" / "lesson.ipynb").write_text("{}")
    (tmp_path / "someones").mkdir()
    (tmp_path / "someones" / "work.txt").write_text("keep me")
    done = _install(src, tmp_path / "someones")
    assert done.returncode == 1 and (tmp_path / "someones" / "work.txt").read_text() == "keep me"


def test_the_kubernetes_students_image_never_holds_the_source():
    """The image's stages (no docker here): the source only reaches the instructors' target."""
    stages, current = {}, None
    for line in (DEPLOY / "z2jh" / "Dockerfile").read_text().splitlines():
        if line.startswith("FROM "):
            words = line.split()
            current = words[3] if len(words) > 3 else "(default)"
            stages[current] = [line]
        elif current and line.strip() and not line.startswith("#"):
            stages[current].append(line)
    assert stages["(default)"] == ["FROM student"]
    assert any("install-course.sh" in line for line in stages["course-files"])
    student = "\n".join(stages["student"])
    assert "COPY --from=course-files /opt/russia-and-the-west " in student and "/src" not in student
    assert "assignments/source" in "\n".join(stages["instructor"])


def test_private_submit_closes_the_submission_folder_to_other_users(tmp_path):
    """One user suffices for the modes; tests/test_classroom.py tries them with real users."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory

    from course.exchange import PrivateSubmit

    inbound = tmp_path / "exchange" / "course" / "inbound"
    (tmp_path / "exchange" / "course" / "outbound" / "quiz").mkdir(parents=True)
    inbound.mkdir()
    os.chmod(inbound, 0o3733)  # as deploy/setup-exchange.sh leaves it
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


# ---------------------------------------- the sealed collect (one user here; real users: test_classroom.py)

def _collect_config(tmp_path, check_owner=False, update=False):
    config = Config()
    config.ExchangeCollect.update = update
    config.CourseDirectory.course_id, config.CourseDirectory.assignment_id = "course", "quiz"
    config.CourseDirectory.root = str(tmp_path / "course")
    config.Exchange.root = str(tmp_path / "exchange")
    config.ExchangeCollect.check_owner = check_owner
    return config


def _submission(inbound: Path, student: str, when: str | None = None, body: str = "mine"):
    import datetime

    when = when or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f %Z")
    folder = inbound / f"{student}+quiz+{when}+r4nd0m"
    folder.mkdir()
    (folder / "quiz.ipynb").write_text(body)
    (folder / "timestamp.txt").write_text(when)
    return folder


def _collect(tmp_path, caplog, check_owner=False, update=False):
    import logging

    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory

    from course.exchange_seal import SealedCollect

    config = _collect_config(tmp_path, check_owner, update)
    (tmp_path / "course").mkdir(exist_ok=True)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        app = SealedCollect(coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config),
                            config=config)
        app.log = logging.getLogger("sealed-collect-test")
        app.start()
    return app, tmp_path / "course" / "submitted"


@pytest.fixture
def inbound(tmp_path, monkeypatch):
    # collect opens the class's gradebook for the due date; a fresh one asks the `alembic` program for its
    # schema version (seconds per call): the throwaway gradebooks here need no real version
    monkeypatch.setattr("nbgrader.api.get_alembic_version", lambda: "throwaway")
    folder = tmp_path / "exchange" / "course" / "inbound"
    folder.mkdir(parents=True)
    return folder


def test_sealed_collect_never_follows_a_link_and_collects_the_rest_of_the_class(tmp_path, inbound, caplog):
    key = tmp_path / "course" / "source" / "quiz" / "quiz.ipynb"
    key.parent.mkdir(parents=True)
    key.write_text("THE KEY")
    _submission(inbound, "honest")
    (_submission(inbound, "to-source") / "quiz.ipynb").unlink()
    (inbound / next(inbound.glob("to-source+*")).name / "quiz.ipynb").symlink_to(key)
    shadow = _submission(inbound, "to-shadow")
    (shadow / "extra.txt").symlink_to("/etc/shadow")
    (_submission(inbound, "dangling") / "gone.txt").symlink_to(tmp_path / "nowhere")
    (_submission(inbound, "linked-dir") / "sub").symlink_to(key.parent, target_is_directory=True)
    (inbound / "folder-link+quiz+2026-12-02 10:00:00.000000 UTC+r4nd0m").symlink_to(key.parent)
    os.link(key, _submission(inbound, "hard-link") / "key.ipynb")
    os.mkfifo(_submission(inbound, "fifo") / "pipe")
    app, submitted = _collect(tmp_path, caplog)
    assert sorted(p.name for p in submitted.iterdir()) == ["honest"]
    assert (submitted / "honest" / "quiz" / "quiz.ipynb").read_text() == "mine"
    refused = {student: reason for student, _, reason in app.refused}
    assert set(refused) == {"to-source", "to-shadow", "dangling", "linked-dir", "folder-link", "hard-link", "fifo"}
    assert "symbolic link" in refused["to-source"] and str(key) in refused["to-source"]
    assert "hard link" in refused["hard-link"] and "FIFO" in refused["fifo"]
    assert "itself a symbolic link" in refused["folder-link"]
    assert sum(r.getMessage().startswith("REFUSED") for r in caplog.records) == 7
    assert not any(r.getMessage().startswith("TIME") for r in caplog.records)  # honest times agree
    assert not any("THE KEY" in p.read_text() for p in submitted.rglob("*") if p.is_file())


def test_sealed_collect_times_a_submission_by_the_exchange_clock_not_the_students(tmp_path, inbound, caplog):
    from nbgrader.utils import parse_utc

    forged = _submission(inbound, "forger", when="2020-01-01 00:00:00.000000 UTC")
    for path in (forged / "quiz.ipynb", forged / "timestamp.txt", forged):
        os.utime(path, (0, 0))  # the modification time can be set back; the change time cannot
    app, submitted = _collect(tmp_path, caplog)
    recorded = parse_utc((submitted / "forger" / "quiz" / "timestamp.txt").read_text())
    ctime = max(os.stat(p).st_ctime for p in (forged, forged / "quiz.ipynb"))
    assert abs(recorded.timestamp() - ctime) < 1 and recorded.year >= 2026
    assert any(r.getMessage().startswith("TIME forger") for r in caplog.records)
    mode = (submitted / "forger" / "quiz" / "quiz.ipynb").stat().st_mode & 0o7
    assert mode == 0, "collected work is not for other accounts"


def test_an_edit_after_submitting_is_a_new_later_submission(tmp_path, inbound, caplog):
    from nbgrader.utils import parse_utc

    folder = _submission(inbound, "editor")
    _, submitted = _collect(tmp_path, caplog)
    first = parse_utc((submitted / "editor" / "quiz" / "timestamp.txt").read_text())
    time.sleep(0.05)
    (folder / "quiz.ipynb").write_text("changed my answers after the deadline")
    _collect(tmp_path, caplog)  # without --update an existing copy stays, as in nbgrader
    assert (submitted / "editor" / "quiz" / "quiz.ipynb").read_text() == "mine"
    _collect(tmp_path, caplog, update=True)
    assert (submitted / "editor" / "quiz" / "quiz.ipynb").read_text().startswith("changed")
    assert parse_utc((submitted / "editor" / "quiz" / "timestamp.txt").read_text()) > first
    assert any("Updating submission: editor" in r.getMessage() for r in caplog.records)


def test_a_folder_claiming_another_students_name_is_refused(tmp_path, inbound, caplog):
    me = pwd.getpwuid(os.getuid()).pw_name
    _submission(inbound, me)
    _submission(inbound, "someone-else")
    app, submitted = _collect(tmp_path, caplog, check_owner=True)
    assert [p.name for p in submitted.iterdir()] == [me]
    assert app.refused[0][0] == "someone-else" and f"belongs to {me}" in app.refused[0][2]


def test_a_submission_nested_thousands_of_folders_deep_is_refused_alone(tmp_path, inbound, caplog):
    _submission(inbound, "honest")
    fds = [os.open(_submission(inbound, "deep"), os.O_RDONLY)]
    for _ in range(1500):  # past Python's recursion limit: a recursive walk would stop the whole collect
        os.mkdir("d", dir_fd=fds[-1])
        fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
    try:
        app, submitted = _collect(tmp_path, caplog)
        assert [p.name for p in submitted.iterdir()] == ["honest"]
        assert [(student, "deep" in reason) for student, _, reason in app.refused] == [("deep", True)]
    finally:  # bottom up, as pytest's own clean-up (a recursive rmtree) would meet the same limit
        os.close(fds.pop())
        while fds:
            os.rmdir("d", dir_fd=fds[-1])
            os.close(fds.pop())


def test_a_timestamp_txt_that_is_a_folder_is_replaced_by_the_exchanges_time(tmp_path, inbound, caplog):
    from nbgrader.utils import parse_utc

    folder = _submission(inbound, "odd")
    (folder / "timestamp.txt").unlink()
    (folder / "timestamp.txt").mkdir()
    (folder / "timestamp.txt" / "inside.txt").write_text("2020-01-01 00:00:00.000000 UTC")
    app, submitted = _collect(tmp_path, caplog)
    assert app.refused == [] and (submitted / "odd" / "quiz" / "quiz.ipynb").read_text() == "mine"
    assert parse_utc((submitted / "odd" / "quiz" / "timestamp.txt").read_text()).year >= 2026
    assert sorted(p.name for p in (submitted / "odd").iterdir()) == ["quiz"]  # no staging folder left behind


def test_a_submission_name_with_a_newline_cannot_forge_a_line_of_the_collect_log(tmp_path, inbound, caplog):
    me = pwd.getpwuid(os.getuid()).pw_name
    _submission(inbound, me)
    _submission(inbound, f"evil\nREFUSED {me}")
    app, submitted = _collect(tmp_path, caplog, check_owner=True)
    assert [p.name for p in submitted.iterdir()] == [me]
    refused = [r.getMessage() for r in caplog.records if r.getMessage().startswith("REFUSED")]
    assert len(refused) == 1 and "\n" not in refused[0] and refused[0].startswith("REFUSED evil?REFUSED")
