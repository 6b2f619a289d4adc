"""The class roster: a CSV of students read and checked, and the new ones added to the gradebook.

Why its own module: an academy hands in one CSV (`student_id,first_name,last_name,email`) for a class of
180, and two things are made from it: Unix accounts on the hub (`deploy/add_students.py`, as root) and the
gradebook's student list (here, as the instructor, so that nothing in the class folder becomes root's).
Both read the file through `read`, so a bad file is refused whole, with one line naming file, row and
column, before anything is made. Adding is idempotent: students already on the roster are left alone
and counted, so a re-run with a longer CSV adds only the newcomers.

    python -m course.grading.roster add ROSTER.csv --course DIR [--db URL]     (ROSTER "-": standard input)
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("student_id", "first_name", "last_name", "email")
#: letters, digits and hyphens, not starting with a hyphen (a leading "-" would read as an option to
#: useradd or nbgrader); 32 characters at most, Linux's limit for an account name
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,31}")


class RosterError(ValueError):
    """A roster that cannot be used; the message is one line naming file, row and column."""


@dataclass(frozen=True)
class Student:
    id: str
    first_name: str
    last_name: str
    email: str
    row: int  # the line of the CSV it came from (the header is row 1), for messages about it


def read(path: Path | str, text: str | None = None) -> list[Student]:
    """The students of a roster CSV, in file order; RosterError on the first problem, naming where it is.

    `text` is the file's content when it did not come from a file (standard input); `path` then only
    names it in messages.
    """
    name = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise RosterError(f"{name}: cannot read the roster: {error}") from None
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [cell.strip() for cell in next(rows, [])]
    for column in COLUMNS:
        if column not in header:
            raise RosterError(f"{name}, row 1: the header has no column {column!r} "
                              f"(it must name {','.join(COLUMNS)})")
    where = {column: header.index(column) for column in COLUMNS}
    students: list[Student] = []
    seen: dict[str, int] = {}
    for row_number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, often at the end of a spreadsheet's export
        if len(cells) < len(header):
            missing = header[len(cells)]
            raise RosterError(f"{name}, row {row_number}, column {missing!r}: missing (the row has "
                              f"{len(cells)} of {len(header)} columns)")
        values = {column: cells[index].strip() for column, index in where.items()}
        sid = values["student_id"]
        if not ID.fullmatch(sid):
            raise RosterError(f"{name}, row {row_number}, column 'student_id': {sid!r} is not a student id "
                              "(letters, digits and hyphens, starting with a letter or digit, at most 32)")
        if sid.lower() in seen:
            raise RosterError(f"{name}, row {row_number}, column 'student_id': {sid!r} is already on "
                              f"row {seen[sid.lower()]}")
        seen[sid.lower()] = row_number
        for column in ("first_name", "last_name", "email"):
            if any(ord(ch) < 32 for ch in values[column]):
                raise RosterError(f"{name}, row {row_number}, column {column!r}: a control character")
        students.append(Student(sid, values["first_name"], values["last_name"], values["email"], row_number))
    return students


def add_to_gradebook(db: str, course_id: str, students: list[Student]) -> tuple[list[str], list[str]]:
    """Put the students who are not yet in the gradebook into it; returns (added, already there).

    Students already there are not changed: their names may have been corrected in formgrader since.
    A new SQLite gradebook is made by nbgrader running `alembic`, found beside this Python (put_bin_first).
    """
    from nbgrader.api import Gradebook

    from course.content import paths

    paths.put_bin_first()

    with Gradebook(db, course_id) as gb:
        known = {student.id for student in gb.students}
        added = [s.id for s in students if s.id not in known]
        for s in students:
            if s.id not in known:
                gb.add_student(s.id, first_name=s.first_name or None, last_name=s.last_name or None,
                               email=s.email or None)
    return added, [s.id for s in students if s.id in known]


def configured_course_id(course_dir: Path) -> str:
    """The course id nbgrader's configuration gives (the hub's site folder names it), as nbgrader reads it."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    for folder in [*reversed(jupyter_config_path()), str(course_dir)]:  # later folders take precedence
        if (Path(folder) / "nbgrader_config.py").exists():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config())
    return config.CourseDirectory.course_id if "course_id" in config.CourseDirectory else "default_course"


def add(roster: str, course_dir: Path, db: str | None = None) -> list[str]:
    """`add ROSTER --course DIR`: the gradebook part of adding a class; returns the lines to print."""
    from course.grading import gradebook

    students = read("standard input" if roster == "-" else roster,
                    text=sys.stdin.read() if roster == "-" else None)
    url = gradebook.url(course_dir, db)
    added, already = add_to_gradebook(url, configured_course_id(course_dir), students)
    lines = [f"gradebook: {len(added)} student(s) added" + (f": {', '.join(added)}" if added else "")]
    if already:
        lines.append(f"gradebook: {len(already)} already on the roster, left as they are")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.grading.roster", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    adding = sub.add_parser("add", help="add a roster CSV's new students to the class gradebook")
    adding.add_argument("roster", help=f"CSV with the header {','.join(COLUMNS)} ('-': standard input)")
    adding.add_argument("--course", required=True, help="the class's nbgrader folder")
    adding.add_argument("--db", default=None, help="gradebook URL (default: the one nbgrader's configuration names)")
    args = parser.parse_args(argv)
    try:
        print("\n".join(add(args.roster, Path(args.course), args.db)))
    except RosterError as error:
        print(f"roster: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
