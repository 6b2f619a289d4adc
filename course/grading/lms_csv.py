"""The two CSV files `course collect` reads: the class roster and the LMS's submission times.

Why a roster: what an LMS says about an uploader (Moodle's participant id, the name Google Classroom puts
on a folder) is not the class's student id; the roster maps one to the other, so that the owner of a file
never comes from a name the student chose. Why strict: a roster with two rows for one id, or a time that
cannot be read, would file work under the wrong name or the wrong time; each such fault is one line naming
the file, the row (the header is row 1, as a spreadsheet shows it) and the column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

#: nbgrader's student ids as the course uses them: letters, digits and hyphens, not starting with a hyphen
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
ROSTER_COLUMNS = ("student_id", "lms_name", "lms_id", "email")
IGNORED_COLUMNS = ("first_name", "last_name")  # nbgrader's students.csv, reused as a roster
MOODLE_TIME = "Last modified (submission)"
MOODLE_FORMATS = ("%A, %d %B %Y, %I:%M %p", "%A, %d %B %Y, %H:%M", "%d %B %Y, %I:%M %p", "%d %B %Y, %H:%M")


class CsvError(ValueError):
    """One line naming the file, the row and the column."""


def key(text: str) -> str:
    """A name or id as compared: case, spaces, `-` and `_` do not matter."""
    return re.sub(r"[\s_-]+", "_", text.strip().casefold()).strip("_")


@dataclass
class Roster:
    ids: dict[str, str] = field(default_factory=dict)           # key(id) -> id
    lms_ids: dict[str, str] = field(default_factory=dict)       # Moodle participant id -> id
    emails: dict[str, str] = field(default_factory=dict)        # casefolded e-mail -> id
    names: dict[str, list[str]] = field(default_factory=dict)   # key(LMS name) -> ids (names can repeat)
    names_of: dict[str, str] = field(default_factory=dict)      # id -> key(LMS name)
    has_lms_ids: bool = False

    def student(self, text: str) -> str | None:
        return self.ids.get(key(text))

    def by_name(self, name: str) -> list[str]:
        return self.names.get(key(name), [])


def _rows(path: Path):
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvError(f"{path}: not UTF-8 text (byte {error.start}); save it as CSV UTF-8") from None
    except OSError as error:
        raise CsvError(f"{path}: {error.strerror or error}") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if not header:
        raise CsvError(f"{path}, row 1: the file is empty (expected a header row)")
    return [h.strip() for h in header], reader


def read_roster(path: Path) -> Roster:
    header, reader = _rows(path)
    for column in header:
        if column not in ROSTER_COLUMNS + IGNORED_COLUMNS:
            raise CsvError(f"{path}, row 1, column {column!r}: not a roster column "
                           f"(expected student_id and any of lms_name, lms_id, email)")
    if "student_id" not in header:
        raise CsvError(f"{path}, row 1: no student_id column (header e.g. student_id,lms_name,lms_id,email)")
    roster, seen = Roster(has_lms_ids="lms_id" in header), {}
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        row = {column: (values[i].strip() if i < len(values) else "") for i, column in enumerate(header)}
        sid = row["student_id"]
        if not STUDENT_ID.match(sid):
            raise CsvError(f"{path}, row {number}, column student_id: {sid!r} is not a student id "
                           f"(letters, digits and hyphens, not starting with a hyphen)")
        for column, index, value in (("student_id", roster.ids, key(sid)),
                                     ("lms_id", roster.lms_ids, row.get("lms_id", "")),
                                     ("email", roster.emails, row.get("email", "").casefold())):
            if value and value in index:
                raise CsvError(f"{path}, row {number}, column {column}: {row[column]!r} is already on row "
                               f"{seen[column, value]}")
            if value:
                index[value], seen[column, value] = sid, number
        roster.ids[key(sid)] = sid
        if row.get("lms_name"):
            roster.names.setdefault(key(row["lms_name"]), []).append(sid)
            roster.names_of[sid] = key(row["lms_name"])
    return roster


def _parse_time(text: str, zone: ZoneInfo, formats: tuple[str, ...] = ()) -> datetime:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=zone)
        except ValueError:
            pass
    moment = datetime.fromisoformat(text)  # ValueError when it is no time at all
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def read_times(path: Path, zone: ZoneInfo, roster: Roster | None) -> dict[str, datetime]:
    """student id -> submission time, from Moodle's grading worksheet or a plain student_id,submitted_at."""
    header, reader = _rows(path)
    if "student_id" in header and "submitted_at" in header:
        sid_column, time_column, formats = "student_id", "submitted_at", ()
    elif "Identifier" in header and MOODLE_TIME in header:
        sid_column, time_column, formats = "Identifier", MOODLE_TIME, MOODLE_FORMATS
        if roster is None:
            raise CsvError(f"{path}, row 1, column Identifier: Moodle's worksheet names participants, not "
                           f"student ids: give --roster as well")
    else:
        raise CsvError(f"{path}, row 1: columns {', '.join(header)} are neither Moodle's grading worksheet "
                       f"(Identifier, ..., {MOODLE_TIME}) nor student_id,submitted_at")
    times, rows_of = {}, {}
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        row = {column: (values[i].strip() if i < len(values) else "") for i, column in enumerate(header)}
        sid = _student(row, roster) if formats else row["student_id"]
        if not formats and not STUDENT_ID.match(sid):
            raise CsvError(f"{path}, row {number}, column student_id: {sid!r} is not a student id")
        if not formats and roster is not None:
            sid = roster.student(sid) or sid  # the roster's spelling of the id (case, `_` for `-`)
        value = row[time_column]
        if value in ("", "-") or sid is None:
            continue  # no submission, or a participant who is not in this class
        try:
            moment = _parse_time(value, zone, formats)
        except ValueError:
            example = "Saturday, 5 December 2026, 6:31 PM" if formats else "2026-12-05 18:31:00"
            raise CsvError(f"{path}, row {number}, column {time_column}: {value!r} is not a time like "
                           f"{example!r}") from None
        if sid in times:
            raise CsvError(f"{path}, row {number}, column {sid_column}: {sid} already has a time on row "
                           f"{rows_of[sid]}")
        times[sid], rows_of[sid] = moment, number
    return times


def _student(row: dict[str, str], roster: Roster) -> str | None:
    """Moodle's row as a student id: its participant id, else its e-mail, else a name no one else has."""
    number = re.sub(r"\D", "", row.get("Identifier", ""))
    if number and number in roster.lms_ids:
        return roster.lms_ids[number]
    email = row.get("Email address", "").casefold()
    if email and email in roster.emails:
        return roster.emails[email]
    named = roster.by_name(row.get("Full name", ""))
    return named[0] if len(named) == 1 else None
