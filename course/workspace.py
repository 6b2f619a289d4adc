"""The learner's workspace: a copy of the course they may edit freely, which updates never overwrite.

A manifest (`.course-manifest.json`) records the hash of every file as the course delivered it. On update,
a file whose hash still matches was not touched by the learner and may be replaced; a file that differs
is the learner's work: it stays, and the new version is written beside it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".course-manifest.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # learner's edits kept; new version placed beside
    beside: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"added {p}" for p in self.added] + [f"updated {p}" for p in self.updated]
        out += [
            f"kept your edited {k}; the course's new version is beside it as {b}"
            for k, b in zip(self.kept, self.beside)
        ]
        return out


def _beside_name(rel: Path, digest: str) -> Path:
    return rel.with_name(f"{rel.stem}.updated-{digest[:8]}{rel.suffix}")


def sync(sources: dict[str, Path], workspace: Path, update: bool = False) -> SyncReport:
    """Bring course files (workspace-relative name -> file) into `workspace`.

    With update=False (start) only missing files are copied. With update=True, files the learner has not
    edited are refreshed and edited ones are kept, with the new version written beside them.
    """
    workspace.mkdir(parents=True, exist_ok=True)
    manifest_path = workspace / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    report = SyncReport()
    for rel_name, src in sorted(sources.items()):
        rel = Path(rel_name)
        dest = workspace / rel
        new = _digest(src)
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
            manifest[rel_name] = new
            report.added.append(rel_name)
            continue
        current = _digest(dest)
        delivered = manifest.get(rel_name)
        if current == new:
            manifest[rel_name] = new
            report.unchanged.append(rel_name)
        elif not update:
            report.unchanged.append(rel_name)
        elif delivered == current:
            shutil.copy2(src, dest)
            manifest[rel_name] = new
            report.updated.append(rel_name)
        else:
            beside = _beside_name(rel, new)
            if not (workspace / beside).exists():
                shutil.copy2(src, workspace / beside)
            report.kept.append(rel_name)
            report.beside.append(str(beside))
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return report


def lesson_sources(notebooks: Path) -> dict[str, Path]:
    """The lessons as they appear in a workspace: notebooks/<name>.ipynb."""
    return {f"notebooks/{p.name}": p for p in sorted(notebooks.glob("*.ipynb"))}
