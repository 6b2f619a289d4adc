"""A class on one machine, with real Unix users: JupyterHub, the nbgrader exchange, PostgreSQL grades.

What it proves, with deploy/ as shipped (the course installed for students by deploy/install-course.sh):
PAM logs the test's Unix users in and LocalProcessSpawner runs
each server as its own user; the instructor alone has formgrader and Create Assignment; the instructor
releases a1_westernization, two students fetch, answer and submit it through their own servers (the
Assignments tab's calls), the instructor collects, autogrades into PostgreSQL and returns feedback, and
each student fetches their own feedback. At every step a student's attempts to read a classmate's work
(in the exchange, in the classmate's home, in the instructor's course) fail with EACCES. Then a student
tries to read every key (the class's source/, autograded/ and gradebook address, the installed course)
and fails, and the exchange holds against its students: a symlink to the key planted in inbound/, a
folder claiming a classmate's name, a forged timestamp.txt and an edit after submitting are refused or
timed by the exchange's clock, and lateness follows. Last, deploy/add_students.py adds three students from
a roster CSV: each logs into the hub with the password it generated, is on the gradebook's roster, and a
re-run adds nobody.

It creates Unix users, so it runs as root only (CI runs `make test` as root) and skips elsewhere, saying so.
Users, groups, homes, the exchange, the hub and every process they started are removed at the end, also
when a step fails (tests/unix_class.py). About a minute.
"""

from __future__ import annotations

import grp
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hub_run import DEPLOY, Hub
from nbgrader_course import REPO, solutions
from unix_class import VENV_BIN, UnixClass

COURSE_ID = "russia-and-the-west"
A1 = "a1_westernization"
NOT_ROOT = ("not root: the classroom test creates Unix users and runs JupyterHub as root; "
            "run `make test` as root (as CI does) to run it")
TIMINGS: dict[str, float] = {}

#: run as a student: try each (label, "list"|"read", path); report "EACCES", "ENOENT" or "allowed"
PROBE = r"""
import json, os, sys
out = {}
for label, kind, path in json.loads(sys.argv[1]):
    try:
        os.listdir(path) if kind == "list" else open(path, "rb").read(1)
        out[label] = "allowed"
    except PermissionError:
        out[label] = "EACCES"
    except FileNotFoundError:
        out[label] = "ENOENT"
print(json.dumps(out))
"""


class Classroom:
    """What the fixture built: the Unix class, its hub, the exchange and the gradebook's address."""

    def __init__(self, unix: UnixClass, hub: Hub, exchange: Path, config: Path, db_url: str):
        self.unix, self.hub, self.exchange, self.db_url = unix, hub, exchange, db_url
        #: what the hub puts on an instructor's JUPYTER_CONFIG_PATH (deploy/jupyterhub_config.py)
        self.instructor_config = f"{config / 'instructor'}:{config / 'site'}"
        self.instructor = unix.instructor
        self.a, self.b = unix.students[:2]
        self.course = unix.home(self.instructor) / COURSE_ID
        #: the course as installed for every account (deploy/install-course.sh; /opt/... on a server)
        self.installed = exchange.parent / "opt" / COURSE_ID

    def nbgrader(self, *args: str) -> str:
        """The instructor types `nbgrader ARGS` in a terminal of their server, from the course folder."""
        start = time.perf_counter()
        out = self.unix.check_as(self.instructor, [str(VENV_BIN / "nbgrader"), *args], cwd=self.course,
                                 extra_env={"JUPYTER_CONFIG_PATH": self.instructor_config})
        TIMINGS[f"nbgrader {args[0]}"] = time.perf_counter() - start
        return out

    def probe(self, user: str, probes: list[tuple[str, str, Path]]) -> dict[str, str]:
        listed = json.dumps([(label, kind, str(path)) for label, kind, path in probes])
        out = self.unix.check_as(user, [sys.executable, "-c", PROBE, listed])
        return json.loads(out.strip().splitlines()[-1])

    def assignments(self, user: str, action: str) -> list:
        """The Assignments tab's request (fetch, submit, fetch_feedback) to the student's own server."""
        answer = self.hub.api("POST", f"/user/{user}/assignments/{action}",
                              data={"course_id": COURSE_ID, "assignment_id": A1})
        answer.raise_for_status()
        value = answer.json()
        assert value.get("success", True), f"{action} as {user}: {value}"
        return value["value"]


def _script(name: str, *args: str, env: dict[str, str] | None = None) -> None:
    """One of deploy/'s set-up scripts, run as root as the guide says."""
    done = subprocess.run(["sh", str(DEPLOY / name), *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})
    assert done.returncode == 0, f"{name} failed:\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="module")
def classroom(request):
    if os.geteuid() != 0:
        pytest.skip(NOT_ROOT)
    postgres = request.getfixturevalue("postgres")  # only as root: no server started for a skipped test
    unix, hub = UnixClass(students=2), None
    try:
        start = time.perf_counter()
        unix.create()
        unix.grant_traversal(REPO, VENV_BIN, Path(sys.executable).resolve().parent, Path(sys.base_prefix))
        srv = unix.base / "srv"
        srv.mkdir(mode=0o755)
        config, exchange = srv / "jupyter", srv / "exchange"
        for role in ("site", "instructor"):
            shutil.copytree(DEPLOY / role, config / role)
        with open(config / "site" / "nbgrader_config.py", "a", encoding="utf-8") as fh:
            fh.write(f"\n# --- the test's exchange ---\nc.Exchange.root = {str(exchange)!r}\n")
        subprocess.run(["chmod", "-R", "a+rX", str(config)], check=True)
        _script("setup-exchange.sh", unix.instructor, unix.instructors_group, COURSE_ID, str(exchange))
        db_url = postgres.database("classroom_" + unix.tag.replace("-", "_"))
        _script("add-instructor.sh", unix.instructor, env={"GRADEBOOK_URL": db_url,
                                                             "COURSE_INSTRUCTORS_GROUP": unix.instructors_group})
        _script("install-course.sh", str(REPO), str(srv / "opt" / COURSE_ID))
        # the full course is root's on a server; here the repository's key folders are closed likewise
        unix.make_private(REPO / "assignments" / "source", REPO / "build")
        # every user must be able to run the course's venv: say so plainly if they cannot
        try:
            unix.check_as(unix.students[0], [sys.executable, "-c", "import nbgrader, jupyterhub, course.grading.exchange"])
        except AssertionError as error:
            raise AssertionError(f"other users cannot run {sys.executable} and import the course: its files "
                                 f"must be world-readable (e.g. `chmod -R o+rX .venv course`)\n{error}") from None
        TIMINGS["users, exchange, instructor"] = time.perf_counter() - start
        start = time.perf_counter()
        hub = Hub(unix.base / "hub", {"COURSE_CONFIG_ROOT": str(config),
                                       "COURSE_INSTRUCTORS_GROUP": unix.instructors_group,
                                       "COURSE_STUDENTS_GROUP": unix.students_group})
        TIMINGS["hub up"] = time.perf_counter() - start
        yield Classroom(unix, hub, exchange, config, db_url)
    finally:
        try:
            if hub:
                hub.stop()
        finally:
            problems = unix.cleanup()
        print("\nclassroom timings (s): " + ", ".join(f"{k} {v:.1f}" for k, v in TIMINGS.items()))
        assert not problems, f"cleanup left something behind: {problems}"


def test_hub_logs_unix_users_in_and_runs_each_server_as_its_user_with_its_role(classroom):
    hub, unix = classroom.hub, classroom.unix
    assert hub.login(classroom.a, "not-the-password").status_code == 403
    everyone = [classroom.instructor, classroom.a, classroom.b]
    for user in everyone:
        answer = hub.login(user, unix.passwords[user])
        assert answer.status_code == 302 and "jupyterhub-session-id" in answer.cookies, (user, answer.status_code)
    start = time.perf_counter()
    hub.start_servers(everyone)
    TIMINGS["3 servers spawned"] = time.perf_counter() - start
    for user in everyone:
        # a file written through the user's server belongs to the user: the server runs as them
        put = hub.api("PUT", f"/user/{user}/api/contents/written-by-my-server.txt",
                      json={"type": "file", "format": "text", "content": user})
        assert put.status_code in (200, 201), put.text
        assert (unix.home(user) / "written-by-my-server.txt").stat().st_uid == unix.uid(user)
    for user in everyone:
        disabled = set(hub.page_config(user)["disabledExtensions"])
        graders = {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"}
        formgrader = hub.api("GET", f"/user/{user}/formgrader").status_code
        if user == classroom.instructor:
            assert not graders & disabled and formgrader == 200
        else:
            assert graders <= disabled and formgrader == 404
            assert "@jupyter/nbgrader:assignment-list" not in disabled
    # a student's own token does not open a classmate's server
    token = hub.api("POST", f"/hub/api/users/{classroom.b}/tokens", json={"expires_in": 600}).json()["token"]
    assert hub.api("GET", f"/user/{classroom.b}/api/status", token=token).status_code == 200
    assert hub.api("GET", f"/user/{classroom.a}/api/contents", token=token).status_code == 403


def _answer(classroom: Classroom, user: str, replies: dict[str, str], essay: str) -> None:
    """The student opens the fetched notebook in JupyterLab, answers, saves (the contents API)."""
    path = f"/user/{user}/api/contents/{COURSE_ID}/{A1}/{A1}.ipynb"
    model = classroom.hub.api("GET", path)
    model.raise_for_status()
    nb = model.json()["content"]
    for cell in nb["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("solution") and cell["cell_type"] == "markdown":
            cell["source"] = essay
        elif meta.get("grade_id") in replies:
            cell["source"] = replies[meta["grade_id"]]
    saved = classroom.hub.api("PUT", path, json={"type": "notebook", "format": "json", "content": nb})
    assert saved.status_code == 200, saved.text


def test_assignment_cycle_with_separate_students(classroom):
    room, unix, a, b = classroom, classroom.unix, classroom.a, classroom.b
    room.hub.start_servers([room.instructor, a, b])  # running after the first test; started if run alone
    room.nbgrader("generate_assignment", A1, "--force")
    room.nbgrader("release_assignment", A1)

    essays = {a: f"Essay by {a}: Peter the Great opened a window.", b: f"Essay by {b}: the window closed."}
    code = solutions(A1)  # every answer right (the written one is replaced by the essay)
    start = time.perf_counter()
    for user in (a, b):
        listed = room.hub.api("GET", f"/user/{user}/assignments", params={"course_id": COURSE_ID}).json()
        assert [x["assignment_id"] for x in listed["value"]] == [A1] and listed["value"][0]["status"] == "released"
        room.assignments(user, "fetch")
        _answer(room, user, code if user == a else {}, essays[user])
        room.assignments(user, "submit")
    TIMINGS["2 students fetch, answer, submit"] = time.perf_counter() - start

    inbound = room.exchange / COURSE_ID / "inbound"
    a_sub, = inbound.glob(f"{a}+{A1}+*")
    b_sub, = inbound.glob(f"{b}+{A1}+*")
    a_home, i_home = unix.home(a), unix.home(room.instructor)
    seen = room.probe(b, [
        ("list inbound", "list", inbound),
        ("A's submission", "read", a_sub / f"{A1}.ipynb"),
        ("A's submission secret", "read", a_sub / "submission_secret.txt"),
        ("A's working copy", "read", a_home / COURSE_ID / A1 / f"{A1}.ipynb"),
        ("A's submit cache", "list", a_home / ".local/share/jupyter/nbgrader_cache"),
        ("instructor's solutions", "read", room.course / "source" / A1 / f"{A1}.ipynb"),
        ("instructor's gradebook address", "read", i_home / ".jupyter" / "gradebook-url"),
        ("own submission", "read", b_sub / f"{A1}.ipynb"),
    ])
    assert seen.pop("own submission") == "allowed"  # the probe itself works
    assert seen == dict.fromkeys(seen, "EACCES"), seen
    assert room.probe(a, [("B's submission", "read", b_sub / f"{A1}.ipynb")]) == {"B's submission": "EACCES"}

    room.nbgrader("collect", A1)
    room.nbgrader("autograde", A1, "--create")
    room.nbgrader("generate_feedback", A1)
    room.nbgrader("release_feedback", A1)
    seen = room.probe(b, [
        ("A's collected submission", "read", room.course / "submitted" / a / A1 / f"{A1}.ipynb"),
        ("A's feedback", "read", room.course / "feedback" / a / A1 / f"{A1}.html"),
        ("list released feedback", "list", room.exchange / COURSE_ID / "feedback"),
    ])
    assert seen == dict.fromkeys(seen, "EACCES"), seen

    for user in (a, b):
        room.assignments(user, "fetch_feedback")
        fetched = list((unix.home(user) / COURSE_ID / A1 / "feedback").glob(f"*/{A1}.html"))
        assert len(fetched) == 1, fetched
        html = fetched[0].read_text(encoding="utf-8")
        other = b if user == a else a
        assert f"Essay by {user}" in html and f"Essay by {other}" not in html
        assert fetched[0].stat().st_uid == unix.uid(user)

    # the grades went to PostgreSQL, not to a SQLite file in the course folder (cf. nbgrader #1661)
    from nbgrader.api import Gradebook

    assert not (room.course / "gradebook.db").exists()
    with Gradebook(room.db_url, COURSE_ID) as gb:
        assignment = gb.find_assignment(A1)
        scores = {s: gb.find_submission(A1, s).code_score for s in (a, b)}
        assert scores == {a: assignment.max_code_score, b: 0.0}
        assert assignment.max_code_score == 14
        submission = gb.find_submission_notebook(A1, A1, a).id

    # formgrader on the hub's instructor route opens the submission: the essay shown, under the page's policy
    page = room.hub.api("GET", f"/user/{room.instructor}/formgrader/submissions/{submission}/")
    assert page.status_code == 200, page.text[-2000:]
    assert essays[a] in page.text and 'id="essay_answer"' in page.text
    assert 'http-equiv="Content-Security-Policy"' in page.text.split("</head>", 1)[0]


#: run as a student: read every file under a folder; report what was read and what looked like a key
WALK = r"""
import json, os, sys
seen = {"files": 0, "unreadable": [], "keys": [], "source folders": []}
for folder, dirs, files in os.walk(sys.argv[1]):
    seen["source folders"] += [os.path.join(folder, d) for d in dirs if d in ("source", "autograded", "build")]
    for name in files:
        path = os.path.join(folder, name)
        try:
            text = open(path, "rb").read()
        except OSError as error:
            seen["unreadable"].append(f"{path}: {error}")
            continue
        seen["files"] += 1
        if name.endswith(".ipynb") and (b"BEGIN SOLUTION" in text or b"BEGIN HIDDEN TESTS" in text):
            seen["keys"].append(path)
print(json.dumps(seen))
"""


def test_no_student_account_can_read_a_key(classroom):
    room, unix, b = classroom, classroom.unix, classroom.b
    key = room.course / "source" / A1 / f"{A1}.ipynb"
    assert key.is_file() and "BEGIN HIDDEN TESTS" in key.read_text()  # the probes below aim at a real key
    seen = room.probe(b, [
        ("the class's source", "read", key),
        ("list the class's source", "list", room.course / "source"),
        ("the class's autograded copy", "read", room.course / "autograded" / room.a / A1 / f"{A1}.ipynb"),
        ("list the class folder", "list", room.course),
        ("the gradebook address", "read", unix.home(room.instructor) / ".jupyter" / "gradebook-url"),
        ("the full course's source", "read", REPO / "assignments" / "source" / A1 / f"{A1}.ipynb"),
    ])
    assert seen == dict.fromkeys(seen, "EACCES"), seen
    # the class folder is the instructors' group's alone, and keeps that group for what nbgrader adds
    st = room.course.stat()
    assert st.st_mode & 0o7777 == 0o2770 and st.st_gid == grp.getgrnam(unix.instructors_group).gr_gid
    assert room.probe(b, [("installed source", "read", room.installed / "assignments" / "source")]) == {
        "installed source": "ENOENT"}
    walked = json.loads(unix.check_as(b, [sys.executable, "-c", WALK, str(room.installed)]).strip().splitlines()[-1])
    assert walked["files"] > 20 and not walked["unreadable"], walked
    assert walked["keys"] == [] and walked["source folders"] == [], walked


def _inbound(room: Classroom, user: str) -> Path:
    found = sorted((room.exchange / COURSE_ID / "inbound").glob(f"{user}+{A1}+*"))
    assert len(found) == 1, found
    return found[0]


def _submitted_time(room: Classroom, user: str):
    from nbgrader.utils import parse_utc

    return parse_utc((room.course / "submitted" / user / A1 / "timestamp.txt").read_text())


def test_the_exchange_is_sealed_against_its_students(classroom):
    """After the cycle: A edits the submitted notebook, B forges its times and plants links, A poses as B."""
    import datetime

    from nbgrader.api import Gradebook

    room, unix, a, b = classroom, classroom.unix, classroom.a, classroom.b
    a_sub, b_sub = _inbound(room, a), _inbound(room, b)
    first_a = _submitted_time(room, a)
    due = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    with Gradebook(room.db_url, COURSE_ID) as gb:
        gb.update_or_create_assignment(A1, duedate=due)
    time.sleep(1.1)  # everything below happens after the due date

    notebook = a_sub / f"{A1}.ipynb"
    unix.check_as(a, [sys.executable, "-c", "import sys; p = sys.argv[1]; t = open(p).read(); "
                      "open(p, 'w').write(t.replace('Essay by', 'Edited after submitting: essay by'))", str(notebook)])
    unix.check_as(b, ["sh", "-c", 'printf "2020-01-01 00:00:00.000000 UTC" > "$1/timestamp.txt" && '
                      'touch -d 2020-01-01 "$1"/* "$1"', "forge", str(b_sub)])
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    inbound = room.exchange / COURSE_ID / "inbound"
    planted = inbound / f"{b}+{A1}+{now}+planted"
    unix.check_as(b, ["sh", "-c", 'mkdir "$1" && ln -s "$2" "$1/$3" && ln -s /etc/shadow "$1/shadow"',
                      "plant", str(planted), str(room.course / "source" / A1 / f"{A1}.ipynb"), f"{A1}.ipynb"])
    posing = inbound / f"{b}+{A1}+{now}+posing"
    unix.check_as(a, ["sh", "-c", 'mkdir "$1" && echo "{}" > "$1/$2"', "pose", str(posing), f"{A1}.ipynb"])

    out = room.nbgrader("collect", A1, "--update")
    refused = [line for line in out.splitlines() if "REFUSED" in line]
    assert any(planted.name in line and "symbolic link" in line for line in refused), out
    assert any(posing.name in line and f"belongs to {a}" in line for line in refused), out
    assert any(f"TIME {b}" in line for line in out.splitlines()), out

    collected = {user: (room.course / "submitted" / user / A1 / f"{A1}.ipynb").read_text() for user in (a, b)}
    assert "Edited after submitting" in collected[a]  # the edit is a new submission...
    assert _submitted_time(room, a) > first_a and _submitted_time(room, a) > due  # ...made when it was made
    assert _submitted_time(room, b) > due  # the forged 2020 is not believed
    assert not any(marker in text for text in collected.values()
                   for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS"))
    assert f"Essay by {b}" in collected[b]  # B's own work, not the planted key nor A's fake

    room.nbgrader("autograde", A1, "--force")
    with Gradebook(room.db_url, COURSE_ID) as gb:
        late = {user: gb.find_submission(A1, user).total_seconds_late for user in (a, b)}
    assert late[a] > 0 and late[b] > 0, late


def test_a_class_is_added_from_the_academys_roster_in_one_command(classroom):
    """deploy/add_students.py: accounts that log into the hub, the gradebook's roster, a re-run adds nobody."""
    from nbgrader.api import Gradebook

    room, unix = classroom, classroom.unix
    ids = [f"{unix.tag}-r{n}" for n in (1, 2, 3)]
    csv_path, passwords = unix.base / "roster.csv", unix.base / "passwords.csv"
    csv_path.write_text("student_id,first_name,last_name,email\n"
                        + "".join(f"{sid},First{n},Last{n},{sid}@example.org\n" for n, sid in enumerate(ids, 1)))

    def add(roster: Path) -> subprocess.CompletedProcess:
        command = [sys.executable, str(DEPLOY / "add_students.py"), str(roster), "--instructor", room.instructor,
                   "--students-group", unix.students_group, "--config-root", str(room.exchange.parent / "jupyter"),
                   "--passwords", str(passwords), "--home-base", str(unix.base / "home")]
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=120)
        finally:
            unix.adopt(*[sid for sid in ids + [f"{unix.tag}-bad"] if _account(sid)])

    start = time.perf_counter()
    first = add(csv_path)
    TIMINGS["3 students added from a roster"] = time.perf_counter() - start
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("accounts: 3 created"), first.stdout
    assert f"gradebook: 3 student(s) added: {', '.join(ids)}" in first.stdout
    info = passwords.stat()
    assert info.st_uid == 0 and info.st_mode & 0o777 == 0o600
    given = dict(line.split(",") for line in passwords.read_text().splitlines()[1:])
    assert sorted(given) == ids
    assert not any(pw in first.stdout + first.stderr for pw in given.values())  # never in a log
    for sid in ids:
        assert unix.home(sid).stat().st_mode & 0o777 == 0o700
        answer = room.hub.login(sid, given[sid])
        assert answer.status_code == 302 and "jupyterhub-session-id" in answer.cookies, (sid, answer.status_code)
    with Gradebook(room.db_url, COURSE_ID) as gb:
        on_roster = {s.id: (s.first_name, s.email) for s in gb.students}
    assert on_roster[ids[1]] == ("First2", f"{ids[1]}@example.org") and set(ids) <= set(on_roster)

    again = add(csv_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("accounts: 0 created, 3 already there"), again.stdout
    assert "gradebook: 0 student(s) added" in again.stdout and "3 already on the roster" in again.stdout
    assert passwords.read_text().count("\n") == 4  # nobody got a second password

    # an existing account that is not a student (here the instructor) is refused, and nothing is made
    bad = unix.base / "bad.csv"
    bad.write_text(f"student_id,first_name,last_name,email\n{unix.tag}-bad,A,B,\n{room.instructor},C,D,\n")
    refused = add(bad)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (f"add_students.py: {bad}, row 3, column 'student_id': an account "
                                      f"{room.instructor!r} already exists and is not a student of the course "
                                      f"(not in the group {unix.students_group}): refusing to make it one; "
                                      "nothing was done")
    assert not _account(f"{unix.tag}-bad")


def _account(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False
