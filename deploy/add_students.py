"""Add a class from the academy's roster CSV in one command: Unix accounts, hub login, gradebook roster.

    sudo /opt/tljh/user/bin/python deploy/add_students.py ROSTER.csv --instructor teacher
    (the Python of the environment the hub's users run; it must have the course installed)

ROSTER.csv has the header `student_id,first_name,last_name,email`. For each new student this makes a Unix
account named by the student id, with a private home and a generated password, in the students' group:
the hub (deploy/jupyterhub_config.py, PAM) lets that group's members log in, so the group is the
allow-list. The passwords are appended to a file only root can read (default
/root/russia-and-the-west-passwords.csv) for the academy to hand out; they are never printed. Then the
roster goes to the class gradebook, run as the instructor (`python -m course.grading.roster add`), so that
the class folder and its gradebook stay the instructor's.

Why Python and not a shell script: the CSV is read by the same code the gradebook import uses
(course/grading/roster.py), which names file, row and column for any problem; a bad file (or a student
id that is already someone else's account, such as `root`) is refused before anything is made. A re-run
with a longer roster adds only the new students and says so. Settings from the environment, as the hub
reads them: COURSE_STUDENTS_GROUP (course-students), COURSE_INSTRUCTORS_GROUP (course-instructors),
COURSE_CONFIG_ROOT (/srv/nbgrader/jupyter).
"""

from __future__ import annotations

import argparse
import csv
import grp
import io
import os
import pwd
import re
import secrets
import stat
import subprocess
import sys
from pathlib import Path

from course.grading import roster

COURSE_ID = "russia-and-the-west"
#: what Debian's useradd accepts without --badname: lowercase, starting with a letter
UNIX_NAME = re.compile(r"[a-z][a-z0-9-]{0,31}")


class Refused(RuntimeError):
    """Nothing was done; the message says why in one line."""


def _run(*command: str, input: str | None = None) -> str:
    done = subprocess.run(command, input=input, capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def members(group: str) -> set[str]:
    """Accounts in a Unix group, as a member or by their primary group; empty when it does not exist."""
    try:
        entry = grp.getgrnam(group)
    except KeyError:
        return set()
    return set(entry.gr_mem) | {p.pw_name for p in pwd.getpwall() if p.pw_gid == entry.gr_gid}


def plan(path: str, students_group: str, instructor: str) -> tuple[list[roster.Student], list[roster.Student]]:
    """(new, already there): every check made before anything is changed; Refused names the problem."""
    try:
        students = roster.read(path)
    except roster.RosterError as error:
        raise Refused(str(error)) from None
    enrolled = members(students_group)
    new, there = [], []
    for s in students:
        where = f"{path}, row {s.row}, column 'student_id'"
        if not UNIX_NAME.fullmatch(s.id):
            raise Refused(f"{where}: {s.id!r} cannot be a Unix account name (lowercase letters, digits and "
                          "hyphens, starting with a letter): change the ids in the roster")
        try:
            pwd.getpwnam(s.id)
        except KeyError:
            new.append(s)
            continue
        if s.id not in enrolled or s.id == instructor:
            raise Refused(f"{where}: an account {s.id!r} already exists and is not a student of the course "
                          f"(not in the group {students_group}): refusing to make it one")
        there.append(s)
    return new, there


def open_password_file(path: Path):
    """The passwords file, appended to; created 0600 for root, refused if anyone else could read it."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    info = os.fstat(fd)
    if info.st_uid != 0 or stat.S_IMODE(info.st_mode) & 0o077:
        os.close(fd)
        raise Refused(f"{path}: must belong to root with mode 0600 (it holds passwords): fix it or choose another "
                      "file with --passwords")
    handle = os.fdopen(fd, "a", encoding="utf-8", newline="")
    if info.st_size == 0:
        handle.write("student_id,password\n")
    return handle


def create_accounts(new: list[roster.Student], group: str, passwords: Path, home_base: Path | None) -> None:
    """Each new student's account, private home and password; the password is on file before it is set."""
    if not new:
        return
    with open_password_file(passwords) as out:
        if not _group_exists(group):
            _run("groupadd", group)
        for s in new:
            base = ["--base-dir", str(home_base)] if home_base else []
            _run("useradd", "--create-home", *base, "--shell", "/bin/bash", "--user-group", "--groups", group,
                 "--", s.id)
            os.chmod(pwd.getpwnam(s.id).pw_dir, 0o700)  # classmates must not read each other's work
            password = secrets.token_urlsafe(9)  # 12 characters, 72 bits
            csv.writer(out).writerow([s.id, password])
            out.flush()
            _run("chpasswd", input=f"{s.id}:{password}\n")


def _group_exists(group: str) -> bool:
    try:
        grp.getgrnam(group)
        return True
    except KeyError:
        return False


def add_to_gradebook(students: list[roster.Student], instructor: str, config_root: Path) -> str:
    """`python -m course.grading.roster add -` as the instructor, with the instructor's nbgrader settings."""
    home = Path(pwd.getpwnam(instructor).pw_dir)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(roster.COLUMNS)
    for s in students:
        writer.writerow([s.id, s.first_name, s.last_name, s.email])
    bin_dir = Path(sys.executable).parent
    env = [f"HOME={home}", f"USER={instructor}", f"LOGNAME={instructor}", "LANG=C.UTF-8",
           f"PATH={bin_dir}:/usr/local/bin:/usr/bin:/bin",
           f"JUPYTER_CONFIG_PATH={config_root / 'instructor'}{os.pathsep}{config_root / 'site'}"]
    done = subprocess.run(["runuser", "-u", instructor, "--", "env", "-i", *env, sys.executable, "-m",
                           "course.grading.roster", "add", "-", "--course", str(home / COURSE_ID)],
                          input=text.getvalue(), capture_output=True, text=True, timeout=300, cwd=home)
    if done.returncode:
        raise RuntimeError(f"the gradebook import as {instructor} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="add_students.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("roster", help=f"CSV with the header {','.join(roster.COLUMNS)}")
    parser.add_argument("--instructor", required=True, help="the instructor's Unix account (whose class gets the roster)")
    parser.add_argument("--students-group", default=os.environ.get("COURSE_STUDENTS_GROUP", "course-students"))
    parser.add_argument("--config-root", default=os.environ.get("COURSE_CONFIG_ROOT", "/srv/nbgrader/jupyter"),
                        help="the folder holding site/ and instructor/ (as the hub's COURSE_CONFIG_ROOT)")
    parser.add_argument("--passwords", default="/root/russia-and-the-west-passwords.csv",
                        help="file the new students' passwords are appended to (root only, mode 0600)")
    parser.add_argument("--home-base", default=None, help="where the homes go (default: useradd's, /home)")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("add_students.py: run it as root (it creates Unix accounts)", file=sys.stderr)
        return 2
    try:
        try:
            class_dir = Path(pwd.getpwnam(args.instructor).pw_dir) / COURSE_ID
        except KeyError:
            raise Refused(f"no Unix account {args.instructor!r} (--instructor)") from None
        if not class_dir.is_dir():
            raise Refused(f"no class folder {class_dir}: run deploy/add-instructor.sh {args.instructor} first")
        new, there = plan(args.roster, args.students_group, args.instructor)
        create_accounts(new, args.students_group, Path(args.passwords),
                        Path(args.home_base) if args.home_base else None)
    except Refused as error:
        print(f"add_students.py: {error}; nothing was done", file=sys.stderr)
        return 2
    print(f"accounts: {len(new)} created" + (f" ({', '.join(s.id for s in new)}; passwords appended to "
                                            f"{args.passwords}, readable by root only)" if new else "")
          + f", {len(there)} already there")
    print(add_to_gradebook(new + there, args.instructor, Path(args.config_root)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
