"""A three-way, cell-by-cell merge of a course notebook into the learner's copy.

Why not nbdime's `merge_notebooks`, the Jupyter ecosystem's merge tool? It matches cells by the similarity of
their content, not by cell id, so a learner's answer cell rewritten from scratch can come out as a deleted
course cell plus an inserted one (nbdime issues #553 and #597 discuss cell identity and cells dropped on both
sides); its conflict markers go inside a cell's source, which makes a code cell a SyntaxError that stops
Run All; and installing it adds a JupyterLab extension with git buttons to every lesson, plus GitPython and
requests, to a learner's install we keep light. The course's notebooks carry stable cell ids (nbformat 4.5:
`cell-000`, ...), which JupyterLab keeps, so identity is exact and the merge needs only the rules below.

For each cell id, with `base` the version the learner's copy was made from, `mine` the learner's copy and
`theirs` the course's new version, comparing only a cell's type and source (metadata and outputs never count
as edits: JupyterLab rewrites them on first open):

- unchanged by the learner -> the course's new version (or gone, if the course removed it);
- changed by the learner only, or added by the learner -> the learner's cell, where the learner put it;
- changed on both sides, differently -> a conflict: a note, the learner's cell, then the course's version
  (as a raw cell if it is code, so Run All never runs it), all three marked in their metadata.

Without a base (a workspace older than `.course/base`), a cell that differs from the course's new version
cannot be told apart as the learner's edit or the course's; it is kept both ways, as a conflict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

MARK = "Course update"
META = "course_update"  # the metadata key on the cells a conflict adds


class NotANotebook(ValueError):
    """The learner's file is not a notebook this merge can read (for example, not valid JSON)."""


@dataclass
class MergeResult:
    data: bytes
    applied: int = 0  # cells the course changed, added or removed, brought in
    conflicts: int = 0  # cells changed on both sides, kept both ways
    unsure: int = 0  # cells kept both ways because there was no base to tell who changed them


def _parse(data: bytes, what: str) -> dict:
    try:
        nb = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise NotANotebook(f"{what} is not a text file") from None
    except json.JSONDecodeError as error:
        raise NotANotebook(f"{what} is not valid JSON (line {error.lineno}, column {error.colno}: "
                           f"{error.msg})") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) or \
            not all(isinstance(c, dict) for c in nb["cells"]):
        raise NotANotebook(f"{what} is JSON but not a notebook (no list of cells)")
    return nb


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")


def content(cell: dict) -> tuple[str, str]:
    """What counts as an edit: the cell's type and its source."""
    return cell.get("cell_type", ""), _text(cell.get("source", ""))


def _by_id(cells: list[dict]) -> dict[str, dict]:
    """Cells by id; a cell without an id, or repeating one, gets a key that matches nothing (kept as is)."""
    out: dict[str, dict] = {}
    for index, cell in enumerate(cells):
        key = cell.get("id")
        if not isinstance(key, str) or key in out:
            key = f"#{index}"
        out[key] = cell
    return out


def _unused_id(wanted: str, taken: set[str]) -> str:
    wanted = wanted[:56]
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate


def _untouched(course_cell: dict, mine: dict) -> dict:
    """The course's cell, with the learner's outputs and view settings (the content is the same)."""
    cell = dict(course_cell)
    if cell.get("cell_type") == "code" and "outputs" in mine:
        cell["outputs"], cell["execution_count"] = mine.get("outputs", []), mine.get("execution_count")
    view = {k: v for k, v in (mine.get("metadata") or {}).items() if k != "nbgrader"}
    cell["metadata"] = {**(course_cell.get("metadata") or {}), **view}
    return cell


def _conflict(key: str, mine: dict, theirs: dict, taken: set[str], unsure: bool) -> list[dict]:
    why = ("Your copy has no record of the version it was made from, so the course cannot tell whether you or "
           "the course changed the cell below." if unsure else
           "You and the course both changed the cell below.")
    note = {
        "cell_type": "markdown", "id": _unused_id(f"{key}-update-note", taken),
        "metadata": {META: {"conflict": key, "role": "note"}},
        "source": f"**{MARK}.** {why} Your version comes first and is unchanged; the course's new version follows "
                  f"it{' (as plain text, so it never runs: copy what you want into your cell)' if theirs.get('cell_type') == 'code' else ''}. "
                  "Keep the one you want, then delete the other and this note.",
    }
    copy = {
        "cell_type": "raw" if theirs.get("cell_type") == "code" else theirs.get("cell_type", "markdown"),
        "id": _unused_id(f"{key}-course", taken),
        "metadata": {META: {"conflict": key, "role": "course"}},
        "source": _text(theirs.get("source", "")),
    }
    return [note, mine, copy]


def _already_marked(local_cells: list[dict], key: str, theirs: dict) -> bool:
    """An earlier run (interrupted before it recorded its base) already put this course version beside it."""
    return any((c.get("metadata") or {}).get(META, {}).get("conflict") == key
               and (c.get("metadata") or {}).get(META, {}).get("role") == "course"
               and _text(c.get("source", "")) == _text(theirs.get("source", "")) for c in local_cells)


def merge_notebook(mine_data: bytes, base_data: bytes | None, theirs_data: bytes) -> MergeResult:
    """Merge the course's new notebook into the learner's copy; see the module docstring for the rules."""
    mine_nb = _parse(mine_data, "your copy")
    theirs_nb = _parse(theirs_data, "the course's new version")
    base_nb = None
    if base_data is not None:
        try:
            base_nb = _parse(base_data, "the recorded base")
        except NotANotebook:
            base_nb = None  # a damaged base is no base: merge as for an old workspace
    mine, theirs = _by_id(mine_nb["cells"]), _by_id(theirs_nb["cells"])
    base = _by_id(base_nb["cells"]) if base_nb is not None else {}
    taken = set(mine) | set(theirs)
    result = MergeResult(data=b"")

    placed: dict[str, list[dict]] = {}  # course cell id -> the cells that stand in its place
    for key, new in theirs.items():
        old, own = base.get(key), mine.get(key)
        if own is None:
            if old is not None and content(old) == content(new):
                placed[key] = []  # the learner deleted it, and the course did not change it: stays deleted
            else:
                placed[key] = [new]
                result.applied += 1
        elif content(own) == content(new):
            placed[key] = [_untouched(new, own)]
        elif old is not None and content(own) == content(old):
            placed[key] = [new]
            result.applied += 1
        elif old is not None and content(new) == content(old):
            placed[key] = [own]
        elif _already_marked(mine_nb["cells"], key, new):
            placed[key] = [own]
        else:
            placed[key] = _conflict(key, own, new, taken, unsure=base_nb is None)
            if base_nb is None:
                result.unsure += 1
            else:
                result.conflicts += 1

    # the learner's cells that the course does not have, each after the cell it followed in the learner's copy
    after: dict[str | None, list[dict]] = {}
    anchor = None
    for key, own in mine.items():
        if key in theirs:
            anchor = key
            continue
        old = base.get(key)
        if old is not None and content(old) == content(own):
            result.applied += 1  # the course removed a cell the learner never changed
            continue
        after.setdefault(anchor, []).append(own)

    cells = list(after.get(None, []))
    for key in theirs:
        cells += placed[key] + after.get(key, [])
    merged = {**mine_nb, "cells": cells,
              "metadata": {**(theirs_nb.get("metadata") or {}), **(mine_nb.get("metadata") or {})},
              "nbformat": max(mine_nb.get("nbformat", 4), theirs_nb.get("nbformat", 4)),
              "nbformat_minor": max(mine_nb.get("nbformat_minor", 0), theirs_nb.get("nbformat_minor", 0))}
    result.data = (json.dumps(merged, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    return result
