"""`course collect`: an LMS download filed into submitted/, each file under the student the LMS names.

Why the owner comes from the LMS: a file name is the student's choice, so plain `nbgrader zip_collect`
(`FileNameCollectorPlugin.named_regexp`) files a notebook named with a classmate's id as the classmate's.
Here the owner is what the LMS says about the uploader: Moodle's per-student folder
(`Full Name_1234567_assignsubmission_file_/`, 1234567 the participant id) or Google Classroom's folder or
`Full Name - original.ipynb`, mapped to a student id by the roster. Only without a roster, and only for files
at the top level (the e-mail route), is the owner read from the name `<student_id>_<notebook>.ipynb`.

Why the course decides and nbgrader files (and not a collector plugin inside zip_collect): zip_collect's
extractor unpacks members by their own names (a `../` member escapes, and crashes the class), and its
collector sees one path at a time, so it cannot fail one student without failing the class (two files for
one student stop zip_collect for everyone). So the download is read in memory (`lms_download`), every file
gets its fate here, and nbgrader's own `zip_collect` is then run on a clean tree the course wrote
(`<student>/<notebook>.ipynb`, nothing else), with `DecidedOwner` as its collector plugin: it only looks up
the course's decision for each path, and hands nbgrader the time, which nbgrader writes as timestamp.txt.

The end is one table (printed, and DIR/reports/ASSIGNMENT-collect.csv): every file of the download and what
became of it, and every roster student with nothing filed. Bad input (roster, times, a zip that is not one)
is one line naming file, row and column, and nothing is written.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import Unicode

from course.grading import class_settings, lms_csv, lms_download, nbgrader_app
from course.grading.lms_csv import Roster, key
from course.grading.submission_files import printable

MOODLE_FOLDER = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assign(?:submission|feedback)_[A-Za-z]+_?$")
DOWNLOAD_COPY = re.compile(r"\s*\(\d+\)\s*$")  # a browser's second download: `name (1).ipynb`
COLUMNS = ("file", "result", "student", "submitted_at", "time_from", "owner_from")


class CollectError(ValueError):
    """Bad input: one line for the user, and nothing was written."""


@dataclass
class Row:
    file: str
    result: str
    student: str = ""
    submitted_at: str = ""
    time_from: str = ""
    owner_from: str = ""


@dataclass
class Candidate:
    row: Row
    item: lms_download.Item
    notebook: str
    attested: bool  # the LMS named the uploader (not a file name)


@dataclass
class Plan:
    rows: list[Row] = field(default_factory=list)
    filed: dict[str, list[Candidate]] = field(default_factory=dict)  # student -> filed notebooks
    times: dict[str, tuple[datetime | None, str]] = field(default_factory=dict)


class DecidedOwner(FileNameCollectorPlugin):
    """zip_collect's collector for the clean tree `course collect` wrote: the owner, the notebook and the
    time of each path are the course's decision, read from the manifest; no name is parsed."""

    manifest = Unicode("", help="JSON written by course collect: extracted path -> owner, notebook, time"
                       ).tag(config=True)

    def collect(self, submitted_file: str):
        if not hasattr(self, "_decided"):
            self._decided = json.loads(Path(self.manifest).read_text(encoding="utf-8"))
        decided = self._decided.get(os.path.realpath(submitted_file))
        if not decided:
            return None
        when = decided["timestamp"]
        return {"student_id": decided["student_id"], "file_id": decided["file_id"],
                "timestamp": datetime.fromisoformat(when) if when else None}


def notebooks(course_dir: Path, assignment: str) -> list[str]:
    for step in ("source", "release"):
        found = sorted(p.name for p in (course_dir / step / assignment).glob("*.ipynb"))
        if found:
            return found
    raise CollectError(f"{course_dir}: no assignment {assignment} (no source/{assignment}/*.ipynb): "
                       f"run `course release {assignment} --course {course_dir}` first")


def _stem_key(filename: str) -> str | None:
    """The name as compared, download copies and case forgiven; None for a file that is no notebook."""
    if not filename.lower().endswith(".ipynb"):
        return None
    return key(DOWNLOAD_COPY.sub("", filename[:-len(".ipynb")]))


def _match(stem: str, names: list[str]) -> tuple[str, str] | None:
    """(notebook, what comes before its name) when the file is one of `names`."""
    for name in names:
        wanted = key(name[:-len(".ipynb")])
        if stem == wanted:
            return name, ""
        if stem.endswith("_" + wanted):
            return name, stem[:-len(wanted) - 1]
    return None


def _email_route(filename: str, names: list[str], roster: Roster | None) -> tuple[str | None, str]:
    """`<student_id>_<notebook>.ipynb` at the top level: (student, why not)."""
    stem = DOWNLOAD_COPY.sub("", filename[:-len(".ipynb")]) if filename.lower().endswith(".ipynb") else ""
    for i, char in enumerate(stem):
        if char in " _-" and (_match(key(stem[i + 1:]), names) or ("", "-"))[1] == "":
            written = re.sub(r"[\s_]+", "-", stem[:i].strip())
            if roster is not None:
                sid = roster.student(written)
                return (sid, "") if sid else (None, f"{written!r} is not a student in the roster")
            if lms_csv.STUDENT_ID.match(written):
                return written, ""
    return None, ("not in a student's folder and not named <student_id>_<notebook>.ipynb"
                  if roster is not None else
                  "no roster, and not named <student_id>_<notebook>.ipynb at the top level (give --roster)")


def _folder_owner(folder: str, roster: Roster | None) -> tuple[str | None, str]:
    """(student, where that came from), or (None, why not) for an LMS's per-student folder."""
    moodle = MOODLE_FOLDER.match(folder)
    if moodle:
        who = f"Moodle participant {moodle['id']} ({moodle['name']})"
        if roster is None:
            return None, f"{who}: no --roster to say which student this is"
        if roster.has_lms_ids:
            sid = roster.lms_ids.get(moodle["id"])
        else:
            named = roster.by_name(moodle["name"])
            if len(named) > 1:
                return None, f"{who}: {len(named)} roster students have this name (add lms_id to the roster)"
            sid = named[0] if named else None
        return (sid, who) if sid else (None, f"{who} is not in the roster")
    if roster is None:
        return None, f"folder {folder!r}: no --roster to say whose it is (files in folders need one)"
    named = roster.by_name(folder) or ([roster.emails[folder.casefold()]] if folder.casefold() in roster.emails
                                       else [])
    if len(named) > 1:
        return None, f"folder {folder!r}: {len(named)} roster students have this name"
    return (named[0], f"Google Classroom folder {folder!r}") if named else (
        None, f"folder {folder!r} is no student's name in the roster")


def _claimed(stem: str, owner: str, roster: Roster | None) -> str | None:
    """Another student's id or roster name inside a file name the owner chose (not their own)."""
    if roster is None:
        return None
    tokens = f"_{stem}_"
    own = [key(owner)] + ([roster.names_of[owner]] if owner in roster.names_of else [])
    if any(f"_{k}_" in tokens for k in own if k):
        return None
    for k, sid in roster.ids.items():
        if sid != owner and f"_{k}_" in tokens:
            return sid
    for k, sids in roster.names.items():
        if owner not in sids and f"_{k}_" in tokens:
            return sids[0]
    return None


def _unwrap(items: list[lms_download.Item], roster: Roster | None) -> list[lms_download.Item]:
    """A download zipped once more (all in one folder that names no student) is read from inside it."""
    tops = {item.parts[0] for item in items}
    if len(tops) == 1 and all(len(item.parts) > 2 for item in items):
        top = tops.pop()
        if not MOODLE_FOLDER.match(top) and not (roster and roster.by_name(top)):
            for item in items:
                item.parts = item.parts[1:]
    return items


def _junk(parts: tuple[str, ...]) -> str:
    if "__MACOSX" in parts or parts[-1].startswith("._") or parts[-1] == ".DS_Store":
        return "ignored: macOS metadata"
    if ".ipynb_checkpoints" in parts:
        return "ignored: a Jupyter checkpoint copy"
    return ""


def plan(items: list[lms_download.Item], names: list[str], roster: Roster | None, others: list[str]) -> Plan:
    """Every file's fate: filed as a student, rejected with the reason, or ignored."""
    result, candidates, failed = Plan(), {}, {}
    for item in _unwrap(items, roster):
        row = Row(item.name, "")
        result.rows.append(row)
        if _junk(item.parts):
            row.result = _junk(item.parts)
            continue
        filename, attested = item.parts[-1], True
        if len(item.parts) > 1:
            sid, said = _folder_owner(item.parts[0], roster)
        elif " - " in filename and roster and len(roster.by_name(filename.split(" - ", 1)[0])) == 1:
            name, filename = filename.split(" - ", 1)
            sid, said = roster.by_name(name)[0], f"Google Classroom name {name!r}"
        else:
            sid, said = _email_route(filename, names, roster)
            said, attested = ("file name (e-mail route)" if sid else said), False
        row.student, row.owner_from = (sid, said) if sid else ("", "")
        if item.problem:
            row.result = f"rejected: {item.problem}"
            if sid:
                failed.setdefault(sid, item.problem)
            continue
        stem = _stem_key(filename)
        if stem is None:
            row.result = "ignored: not a notebook"
            continue
        if not sid:
            row.result = f"rejected: {said}"
            continue
        matched = _match(stem, names)
        claim = _claimed(stem, sid, roster) if attested else None
        if claim:
            row.result = f"rejected: named for {claim} but uploaded by {sid} ({row.owner_from})"
        elif not matched:
            other = _match(stem, others)
            row.result = (f"rejected: {other[0]} is another assignment's notebook" if other else
                          f"rejected: its name matches no notebook of this assignment ({', '.join(names)})")
        elif not _is_json(item.data):
            row.result = "rejected: not a notebook file (not JSON): ask for the .ipynb again"
        else:
            candidates.setdefault(sid, []).append(Candidate(row, item, matched[0], attested))
    for sid, mine in candidates.items():
        _decide(result, sid, mine, failed)
    return result


def _is_json(data: bytes | None) -> bool:
    try:
        return isinstance(json.loads(data or b""), dict)
    except (ValueError, UnicodeDecodeError):
        return False


def _decide(result: Plan, sid: str, mine: list[Candidate], failed: dict[str, str]) -> None:
    """One student's notebooks: filed, or all rejected (this student alone) when any of theirs is unsafe,
    broken or doubled. A file the LMS attests wins over one only named for the student."""
    attested = {c.notebook for c in mine if c.attested}
    for c in mine:
        if not c.attested and c.notebook in attested:
            c.row.result = f"rejected: named for {sid}, whose own LMS upload of {c.notebook} is filed instead"
    mine = [c for c in mine if not c.row.result]
    by_notebook: dict[str, list[Candidate]] = {}
    for c in mine:
        by_notebook.setdefault(c.notebook, []).append(c)
    keep = []
    for notebook, same in by_notebook.items():
        first, rest = same[0], same[1:]
        if all(c.item.data == first.item.data for c in rest):
            for c in rest:
                c.row.result = f"ignored: the same file as {first.item.name}"
            keep.append(first)
        else:
            failed.setdefault(sid, f"{len(same)} different files for {notebook}: keep one and collect again")
    if sid in failed:
        for c in mine:
            if not c.row.result.startswith("ignored"):
                c.row.result = f"rejected: nothing of {sid} filed: {failed[sid]}"
        return
    for c in keep:
        c.row.result = f"filed as {sid}"
    result.filed[sid] = keep


def _time(result: Plan, times: dict[str, datetime] | None, zone) -> None:
    for sid, mine in result.filed.items():
        if times is not None and sid in times:
            when, source = times[sid], "times CSV"
        else:
            latest = max((c.item for c in mine if c.item.when), key=lambda i: i.when, default=None)
            when, source = (latest.when, latest.time_from) if latest else (None, "none (never late)")
            if times is not None:
                source += " (not in the times CSV)"
        result.times[sid] = (when, source)
        for c in mine:
            c.row.submitted_at = class_settings.local_time(when, zone) if when else ""
            c.row.time_from = source


def _missing(result: Plan, roster: Roster | None) -> None:
    if roster is None:
        return
    named = {row.student for row in result.rows}
    for sid in sorted(roster.ids.values()):
        if sid not in result.filed:
            result.rows.append(Row("", "missing: nothing filed (see the rejected rows above)" if sid in named
                                   else "missing: no submission in the download", sid))


def _file(result: Plan, course_dir: Path, assignment: str, db: str | None, force: bool) -> None:
    """nbgrader's zip_collect, on the clean tree, with DecidedOwner as its collector."""
    if not result.filed:
        return
    with tempfile.TemporaryDirectory(prefix="course-collect-") as tmp:
        tmp = os.path.realpath(tmp)
        manifest = {}
        for sid, mine in result.filed.items():
            when = result.times[sid][0]
            for c in mine:
                target = Path(tmp, "archive", sid, c.notebook)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(c.item.data)
                manifest[os.path.join(tmp, "extracted", sid, c.notebook)] = {
                    "student_id": sid, "file_id": c.notebook, "timestamp": when.isoformat() if when else None}
        Path(tmp, "owners.json").write_text(json.dumps(manifest), encoding="utf-8")
        argv = ["zip_collect", assignment, f"--collector={__name__}.DecidedOwner",
                f"--DecidedOwner.manifest={Path(tmp, 'owners.json')}",
                f"--ZipCollectApp.collect_directory_structure={tmp}/{{collect_step}}",
                f"--CourseDirectory.root={course_dir.resolve()}", "--log-level=ERROR"]
        argv += (["--force"] if force else []) + ([f"--CourseDirectory.db_url={db}"] if db else [])
        # its warnings (folders created, no release/ yet) are not the user's business: the table is
        code, log = nbgrader_app.invoke(argv, course_dir)
        if code:
            raise nbgrader_app.NbgraderError(f"nbgrader zip_collect {assignment} failed:\n{log[-2000:]}")
    for sid, mine in result.filed.items():
        for c in mine:
            if not (course_dir / "submitted" / sid / assignment / c.notebook).is_file():
                c.row.result = "rejected: nbgrader's zip_collect did not file it"


def collect(download: Path, assignment: str, course_dir: Path, roster_csv: Path | None = None,
            times_csv: Path | None = None, db: str | None = None, force: bool = False) -> tuple[list[Row], Path]:
    """Read, decide, file, report: the table's rows and the CSV written. Raises CollectError on bad input
    before anything is written."""
    course_dir = Path(course_dir)
    names = notebooks(course_dir, assignment)
    others = sorted({p.name for p in (course_dir / "source").glob("*/*.ipynb")} - set(names))
    try:
        zone = class_settings.timezone(course_dir)
        roster = lms_csv.read_roster(Path(roster_csv)) if roster_csv else None
        times = lms_csv.read_times(Path(times_csv), zone, roster) if times_csv else None
        items = lms_download.read(Path(download), zone)
    except (class_settings.ClassSettingsError, lms_csv.CsvError, lms_download.DownloadError) as error:
        raise CollectError(str(error)) from None
    result = plan(items, names, roster, others)
    _time(result, times, zone)
    _missing(result, roster)
    taken = [sid for sid in result.filed if _has_files(course_dir / "submitted" / sid / assignment)]
    if taken and not force:
        raise CollectError(f"{course_dir / 'submitted' / taken[0] / assignment}: already collected "
                           f"({len(taken)} student(s) in all); run again with --force to replace their work")
    _file(result, course_dir, assignment, db, force)
    out = course_dir / "reports" / f"{assignment}-collect.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows([getattr(row, c) for c in COLUMNS] for row in result.rows)
    return result.rows, out


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


def table(rows: list[Row]) -> list[str]:
    """The printed table: one line per file of the download and per student with nothing filed."""
    shown = [("file", "result", "student", "submitted at", "time from")]
    # names come from a student's upload: control characters escaped, so none can forge a line of the table
    shown += [tuple(printable(cell) for cell in (r.file or "-", r.result, r.student or "-", r.submitted_at or "-",
                                                 r.time_from or "-")) for r in rows]
    widths = [max(len(line[i]) for line in shown) for i in range(4)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(line, widths + [0])).rstrip() for line in shown]


def summary(rows: list[Row], roster_given: bool) -> str:
    count = {word: sum(r.result.startswith(word) for r in rows)
             for word in ("filed", "rejected", "ignored", "missing")}
    line = ", ".join(f"{n} {word}" for word, n in count.items())
    if not roster_given:
        line += (". No roster: owners were read from file names <student_id>_<notebook>.ipynb at the top "
                 "level only (the e-mail route), files in folders were rejected, and no one is listed as "
                 "missing; give --roster for an LMS download")
    return line
