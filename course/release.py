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
from pathlib import Path

from course import nbgrader_app, paths

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
    nbgrader_app.run(["generate_assignment", name, "--force"], build, db=nbgrader_app.sqlite_url(build / "build.db"))
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


def release(course_dir: Path, assignment: str, db: str | None = None) -> list[str]:
    """`nbgrader db assignment add` + `generate_assignment`: the student version lands in release/."""
    course_dir = Path(course_dir)
    notes = prepare_class(course_dir, assignment)
    if not (course_dir / "source" / assignment).is_dir():
        raise nbgrader_app.NbgraderError(f"no assignment {assignment!r} in {course_dir / 'source'}")
    course_dir.mkdir(parents=True, exist_ok=True)
    nbgrader_app.run(["db", "assignment", "add", assignment], course_dir, db=db)
    nbgrader_app.run(["generate_assignment", assignment, "--force"], course_dir, db=db)
    notes.append(f"released {assignment}: the student version is in {course_dir / 'release' / assignment}")
    return notes
