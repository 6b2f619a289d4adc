"""Student versions of the assignments: for a learner's workspace, and for an instructor's class.

Learners get the student version (solutions and hidden tests stripped by nbgrader's generate_assignment),
never the instructor's source. Generating it costs seconds, so it is built into a cache outside the tracked
files (build/student/) and rebuilt only when the source folder, the course's nbgrader_config.py or the
nbgrader version change.

An instructor's class folder may live outside the repository (its submissions and gradebook are not course
material): `release` copies the assignment's source there once, so that grading a class stays stable even
when the course's copy is edited mid-term.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime, timezone as dt_timezone
from pathlib import Path

from course.content import paths
from course.grading import gradebook, nbgrader_app

#: Course-level files nbgrader reads when generating and grading (configuration, AUTOTEST templates).
COURSE_FILES = ("nbgrader_config.py", "autotests.yml")


def source_assignments(course_dir: Path = paths.ASSIGNMENTS) -> list[str]:
    source = Path(course_dir) / "source"
    if not source.is_dir():
        return []
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def _fingerprint(course_dir: Path, name: str) -> str:
    import nbgrader

    digest = hashlib.sha256(nbgrader.__version__.encode())
    folder = course_dir / "source" / name
    files = sorted(p for p in folder.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts)
    files += [course_dir / f for f in COURSE_FILES if (course_dir / f).exists()]
    for path in files:
        digest.update(str(path.relative_to(course_dir)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def student_versions(course_dir: Path = paths.ASSIGNMENTS, build: Path = paths.BUILD / "student") -> dict[str, Path]:
    """Every assignment's student version, as workspace-relative name -> built file.

    Names look like `assignments/a1_westernization/a1_westernization.ipynb` (data files included).
    """
    course_dir, build = Path(course_dir), Path(build)
    files: dict[str, Path] = {}
    for name in source_assignments(course_dir):
        release = _build_one(course_dir, build, name)
        for path in sorted(p for p in release.rglob("*") if p.is_file()):
            files[f"assignments/{name}/{path.relative_to(release)}"] = path
    return files


def _build_one(course_dir: Path, build: Path, name: str) -> Path:
    source = course_dir / "source" / name
    release = build / "release" / name
    stamp = build / "stamps" / name
    fingerprint = _fingerprint(course_dir, name)
    if release.is_dir() and stamp.exists() and stamp.read_text() == fingerprint:
        return release
    for stale in (build / "source" / name, release):
        shutil.rmtree(stale, ignore_errors=True)
    shutil.copytree(source, build / "source" / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for name_ in COURSE_FILES:
        if (course_dir / name_).exists():
            shutil.copy2(course_dir / name_, build / name_)
    # a throwaway gradebook: the build cache is not a class
    nbgrader_app.run(["generate_assignment", name, "--force"], build, db=gradebook.sqlite_url(build / "build.db"))
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)
    return release


def prepare_class(course_dir: Path, assignment: str, origin: Path = paths.ASSIGNMENTS) -> list[str]:
    """Give a class folder outside the repository the assignment's source (and config) if it lacks them."""
    course_dir, origin = Path(course_dir).resolve(), Path(origin).resolve()
    notes = []
    if course_dir == origin:
        return notes
    target = course_dir / "source" / assignment
    if not target.exists() and (origin / "source" / assignment).is_dir():
        shutil.copytree(origin / "source" / assignment, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        notes.append(f"copied the course's source of {assignment} into {target}")
    for name in COURSE_FILES:
        if not (course_dir / name).exists() and (origin / name).exists():
            shutil.copy2(origin / name, course_dir / name)
            notes.append(f"copied the course's {name} into {course_dir}")
    return notes


class ReleaseError(RuntimeError):
    """A release that is refused or cannot be read; the message is one line, for the command line."""


def parse_duedate(text: str, tz) -> datetime:
    """`2026-12-20 17:00` (or with seconds, or an ISO `T`) as that moment in the class's zone `tz`.

    Why strict: nbgrader reads a due date with dateutil, which takes "12/11/2026" as 11 December in one
    country's habit and 12 November in another's; a deadline must mean one moment. A date that names its
    own offset is refused too, so that "17:00" always means the class's 17:00."""
    for form in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            moment = datetime.strptime(text.strip(), form)
        except ValueError:
            continue
        local = moment.replace(tzinfo=tz)
        if local.astimezone(dt_timezone.utc).astimezone(tz).replace(tzinfo=None) != moment:
            raise ReleaseError(f"--duedate {text!r} does not exist in {tz.key} (the clocks skip it): "
                               f"choose another time")
        return local
    raise ReleaseError(f"--duedate {text!r} is not a date and time as YYYY-MM-DD HH:MM (e.g. \"2026-12-20 17:00\", "
                       f"in the class's time zone, {tz.key})")


def for_nbgrader(moment: datetime) -> str:
    """The due date as nbgrader's parse_utc reads it without guessing: ISO 8601 with a numeric offset and no
    space (a space makes parse_utc read the offset "+0500" as 500 seconds)."""
    return moment.isoformat(timespec="seconds")


def submissions(course_dir: Path, assignment: str, db: str) -> list[str]:
    """Students who have handed `assignment` in: a folder in submitted/, or a submission in the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    found = {p.parent.name for p in (Path(course_dir) / "submitted").glob(f"*/{assignment}") if p.is_dir()}
    if gradebook.knows_assignment(db, assignment):
        config = gradebook.course_config(course_dir, db)
        with Gradebook(db, gradebook.course_id(config)) as gb:
            try:
                found |= {s.student.id for s in gb.find_assignment(assignment).submissions}
            except MissingEntry:
                pass
    return sorted(found)


def release(course_dir: Path, assignment: str, db: str | None = None, duedate: str | None = None) -> list[str]:
    """`nbgrader db assignment add` (with its due date) + `generate_assignment`: the student version lands
    in release/.

    Once students have handed the assignment in, its student version is never generated again (its cells
    are what their submissions are graded against); the due date alone can still change."""
    from course.grading import class_settings

    course_dir = Path(course_dir)
    due = None
    if duedate is not None:  # checked before anything is written
        try:
            tz = class_settings.timezone(course_dir)
        except class_settings.ClassSettingsError as error:
            raise ReleaseError(str(error)) from None
        due = parse_duedate(duedate, tz)
    url = gradebook.url(course_dir, db) if course_dir.is_dir() else None
    handed_in = submissions(course_dir, assignment, url) if url else []
    if handed_in and due is None:
        raise ReleaseError(
            f"{assignment}: the student version was not generated again, because {len(handed_in)} submission(s) "
            f"exist ({_names(handed_in)}) and are graded against it; to change the assignment mid-term, make a new "
            f"variant: `course variant {_variant_of(course_dir, assignment)} --class {course_dir} --name "
            f"{assignment}_v2`, then release that; to change only the due date, give --duedate")
    notes = prepare_class(course_dir, assignment)
    notes += unsafe_pages_warning(course_dir)
    if not (course_dir / "source" / assignment).is_dir():
        raise nbgrader_app.NbgraderError(f"no assignment {assignment!r} in {course_dir / 'source'}")
    course_dir.mkdir(parents=True, exist_ok=True)
    add = ["db", "assignment", "add", assignment] + ([f"--duedate={for_nbgrader(due)}"] if due else [])
    if due or not (url and gradebook.knows_assignment(url, assignment)):  # without --duedate, keep the one set
        nbgrader_app.run(add, course_dir, db=db)
    if due:
        utc = due.astimezone(dt_timezone.utc)
        notes.append(f"due date of {assignment}: {due:%Y-%m-%d %H:%M} {due.tzname()} ({due.tzinfo.key}), "
                     f"that is {utc:%Y-%m-%d %H:%M} UTC")
    if handed_in:
        notes.append(f"the student version was not generated again: {len(handed_in)} submission(s) exist "
                     f"({_names(handed_in)}); only the due date changed")
        return notes
    nbgrader_app.run(["generate_assignment", assignment, "--force"], course_dir, db=db)
    notes.append(f"released {assignment}: the student version is in {course_dir / 'release' / assignment}")
    return notes


def unsafe_pages_warning(course_dir: Path) -> list[str]:
    """One line if the class's own nbgrader_config.py (written by hand, say) leaves formgrader and feedback
    unsafe: without `configure_pages`, formgrader shows a student's HTML and scripts as they are, and they
    run as the instructor (course/grading/safe_html.py)."""
    from course.grading.class_settings import class_config
    from course.grading.safe_html import SanitizeStudentContent

    config_file = Path(course_dir) / "nbgrader_config.py"
    if not config_file.is_file():
        return []
    preprocessors = class_config(course_dir).HTMLExporter.get("preprocessors", [])
    if SanitizeStudentContent in preprocessors or any(str(p).endswith("SanitizeStudentContent") for p in preprocessors):
        return []
    return [f"WARNING: {config_file} does not make formgrader and feedback safe: a student's HTML or script would "
            "run in your browser. Add these two lines to it: `from course.grading.safe_html import configure_pages` "
            "and `configure_pages(c)`"]


def _names(students: list[str], shown: int = 3) -> str:
    return ", ".join(students[:shown]) + (f" and {len(students) - shown} more" if len(students) > shown else "")


def _variant_of(course_dir: Path, name: str) -> str:
    """The course assignment a class's `name` was drawn from (its record in variants/), for the command to give."""
    import json

    try:
        record = json.loads((Path(course_dir) / "variants" / f"{name}.json").read_text(encoding="utf-8"))
        return str(record["assignment"]) if str(record["assignment"]).isidentifier() else "ASSIGNMENT"
    except (OSError, ValueError, KeyError, TypeError):
        return name if (paths.ASSIGNMENTS / "source" / name).is_dir() else "ASSIGNMENT"
