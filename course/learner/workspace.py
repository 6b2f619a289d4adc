"""The learner's workspace: a copy of the course they may edit freely, into which updates merge.

Two records sit in the workspace beside the learner's files:

- `.course-manifest.json`: the hash of every file as the course last delivered it;
- `.course/base/<file>`: that delivered version itself, the common ancestor of a three-way merge.

On update, a notebook is merged cell by cell (`merge_notebook`): a cell the learner never touched takes the
course's new version, the learner's own cells and answers stay, and a cell changed on both sides keeps both
versions, marked in the notebook. Other files are replaced only when the learner has not changed them.

Every write is atomic (a temporary file, then `os.replace`), and the notebook is written before its base, so
an update interrupted half way leaves either the old or the new file, and running it again finishes the job.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from course.learner import notebook_merge

MANIFEST = ".course-manifest.json"
BASE = Path(".course") / "base"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomically(path: Path, data: bytes, only_if=None) -> bool:
    """Write `data` to `path` so that a reader (or a crash) sees the old file or the new one, never half.

    `only_if`, if given, is asked just before the swap (e.g. whether anyone wrote the file meanwhile); when it
    says no, nothing is replaced and the answer is False."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        if only_if is not None and not only_if():
            Path(temporary).unlink(missing_ok=True)
            return False
        os.replace(temporary, path)
        return True
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # replaced whole: the learner had not changed it
    merged: list[str] = field(default_factory=list)  # the course's changes merged in, the learner's kept
    conflicts: dict[str, int] = field(default_factory=dict)  # file -> cells changed on both sides
    unsure: dict[str, int] = field(default_factory=dict)  # file -> cells kept both ways for want of a base
    kept: list[str] = field(default_factory=list)  # a non-notebook file the learner changed: not replaced
    unreadable: dict[str, str] = field(default_factory=dict)  # file -> why it could not be merged
    unchanged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"added {p}" for p in self.added] + [f"updated {p}" for p in self.updated]
        out += [f"updated {p}: the course's changes are in, your own cells and answers are kept" for p in self.merged]
        out += [f"{p}: {n} cell(s) changed by both you and the course; both versions are in the notebook, "
                f"marked \"{notebook_merge.MARK}\": keep the one you want" for p, n in self.conflicts.items()]
        out += [f"{p}: no record of the version your copy came from, so {n} cell(s) that differ from the "
                f"course's new version are kept both ways, marked \"{notebook_merge.MARK}\""
                for p, n in self.unsure.items()]
        out += [f"{p}: you changed this file, so the course's new version was not applied" for p in self.kept]
        out += [f"{p}: left untouched, {why}" for p, why in self.unreadable.items()]
        return out


def _read_manifest(workspace: Path) -> dict[str, str]:
    path = workspace / MANIFEST
    if not path.exists():
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {}  # a damaged record only costs the merge its base where .course/base is missing too
    return manifest if isinstance(manifest, dict) else {}


def _base(workspace: Path, rel_name: str, current: bytes, manifest: dict[str, str]) -> bytes | None:
    """The version the learner's copy was made from: the kept base, or the file itself if still unedited."""
    kept = workspace / BASE / rel_name
    if kept.is_file():
        return kept.read_bytes()
    if manifest.get(rel_name) == _digest(current):  # a workspace from before bases were kept
        return current
    return None


def sync(sources: dict[str, Path], workspace: Path, update: bool = False) -> SyncReport:
    """Bring course files (workspace-relative name -> file) into `workspace`.

    With update=False (start) only missing files are copied. With update=True, the course's changes are
    merged into the learner's copies (notebooks cell by cell); the learner's work is never overwritten.
    """
    workspace.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(workspace)
    report = SyncReport()
    for rel_name, src in sorted(sources.items()):
        dest = workspace / rel_name
        new = src.read_bytes()
        if not dest.exists():
            write_atomically(dest, new)
            _record(workspace, manifest, rel_name, new)
            report.added.append(rel_name)
            continue
        current = dest.read_bytes()
        base = _base(workspace, rel_name, current, manifest)
        if current == new or (base is not None and base == new):
            # nothing of the course's to bring in; keep the base so the next update can merge
            if base != new or not (workspace / BASE / rel_name).is_file():
                _record(workspace, manifest, rel_name, new)
            report.unchanged.append(rel_name)
            continue
        if not update:
            report.unchanged.append(rel_name)
            continue
        _update_one(workspace, rel_name, dest, current, base, new, report)
        if rel_name not in report.unreadable and rel_name not in report.kept:
            _record(workspace, manifest, rel_name, new)
    write_atomically(workspace / MANIFEST, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode())
    return report


def _record(workspace: Path, manifest: dict[str, str], rel_name: str, delivered: bytes) -> None:
    """Remember what the course delivered: the base for the next merge and its hash in the manifest."""
    write_atomically(workspace / BASE / rel_name, delivered)
    manifest[rel_name] = _digest(delivered)


def _update_one(workspace, rel_name, dest: Path, current: bytes, base, new: bytes, report: SyncReport) -> None:
    if current == base:  # untouched by the learner: take the course's version whole
        write_atomically(dest, new)
        report.updated.append(rel_name)
        return
    if not rel_name.endswith(".ipynb"):
        report.kept.append(rel_name)
        return
    try:
        result = notebook_merge.merge_notebook(current, base, new)
    except notebook_merge.NotANotebook as error:
        report.unreadable[rel_name] = (f"{error}. Nothing was changed. To get a fresh copy of the course's "
                                       f"version, rename this file and run `course update` again.")
        return
    write_atomically(dest, result.data)
    if result.conflicts:
        report.conflicts[rel_name] = result.conflicts
    if result.unsure:
        report.unsure[rel_name] = result.unsure
    if not result.conflicts and not result.unsure:
        report.merged.append(rel_name)


def lesson_sources(notebooks: Path) -> dict[str, Path]:
    """The lessons as they appear in a workspace: notebooks/<name>.ipynb."""
    return {f"notebooks/{p.name}": p for p in sorted(notebooks.glob("*.ipynb"))}
