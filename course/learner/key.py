"""The course's practice key for an assignment, read as questions, and whether a copy may be marked with it.

The open course ships each assignment's instructor version (`assignments/source/<name>/<name>.ipynb`:
solutions, hidden tests, model answers, rubrics). On a classroom hub it is left out of what students can
read (deploy/install-course.sh), and a class variant asks other questions than the practice version, so
before marking a copy this module answers two questions: is the key here, and is this copy the course's
practice version of the assignment?
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from course import paths

SOLUTION = re.compile(r"^\s*#*\s*(BEGIN|END) SOLUTION\s*$", re.M)
#: the question number as a question cell shows it: **Q9.**, **Q21a.**, **Q21(d).**
LABEL = re.compile(r"\*\*(Q\d+[a-z]?|Q\d+\([a-z]\))\.\*\*")
MCQ_ANSWER = re.compile(r"""answer_\w+\s*=\s*["'][A-D]["']""")
QUESTION_ID = re.compile(r"\b((?:css|kppsc|ppsc|fpsc)-[a-z0-9-]+)\b")
#: the words a variant's header carries (course/variants/notebook.py NOTE), for variants made before they
#: were marked in the notebook's metadata
VARIANT_NOTE = "This is your class's own version of the assignment."


class CannotMark(Exception):
    """Not markable here; the message says why in a sentence for the terminal."""


@dataclass
class Item:
    """One question of an assignment, as the key knows it."""

    label: str  # "Q1", "Q21a", "Q9": what the learner sees
    slot: str  # the grade-id prefix: "q1", "q21a", "essay"
    kind: str  # "mcq", "data" or "essay"
    graded: str  # grade id of the cell that carries the marks (the check cell, or the essay cell)
    answer: str  # grade id of the answer cell
    points: float
    question: str = ""  # the question cell's text
    rubric: str = ""  # the examiner's scheme (essays)
    model: str = ""  # the model answer (essays), from the solution
    question_id: str | None = None  # id in data/questions.csv, for the essay coach
    key: str = ""  # an MCQ's letter
    explanation: str = ""  # why it is the key (the hidden test's `_why`)


def short_names(names: list[str]) -> dict[str, str]:
    """"a1" and "mock" as well as the full names: the part before the first underscore."""
    return {**{n.split("_")[0]: n for n in names}, **{n: n for n in names}}


def known_assignments(workspace: Path, course_dir: Path | None = None) -> list[str]:
    """The learner's assignments and the course's (a learner may have removed a folder to start again)."""
    folders = [Path(workspace) / "assignments", Path(course_dir or paths.ASSIGNMENTS) / "source",
               paths.BUILD / "student" / "release"]
    return sorted({p.name for folder in folders if folder.is_dir() for p in folder.iterdir() if p.is_dir()})


def resolve(name: str, workspace: Path, course_dir: Path | None = None) -> str:
    """The full assignment name for `name` ("a1", "mock", "a1_westernization")."""
    return short_names(known_assignments(workspace, course_dir)).get(name, name)


def source_notebook(assignment: str, course_dir: Path | None = None) -> Path | None:
    """The instructor version of `assignment` if this installation has it and it can be read, else None."""
    path = Path(course_dir or paths.ASSIGNMENTS) / "source" / assignment / f"{assignment}.ipynb"
    try:
        if path.is_file() and os.access(path, os.R_OK):
            with open(path, "rb") as handle:
                handle.read(1)
            return path
    except OSError:
        pass
    return None


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _text(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def solution_text(source: str) -> str:
    """What lies between BEGIN and END SOLUTION (the whole text if there are no markers)."""
    marks = list(SOLUTION.finditer(source))
    if len(marks) < 2:
        return source.strip()
    return source[marks[0].end():marks[-1].start()].strip()


def items(nb: dict) -> list[Item]:
    """The questions of an instructor notebook (as JSON data), in order."""
    cells = {_meta(c).get("grade_id"): c for c in nb["cells"] if _meta(c).get("grade_id")}
    out: list[Item] = []
    for gid, cell in cells.items():
        meta = _meta(cell)
        if not meta.get("grade"):
            continue
        slot = gid.rsplit("_", 1)[0] if "_" in gid else gid
        question = _text(cells.get(f"{slot}_question", {"source": ""}))
        found = LABEL.search(question)
        label = found.group(1).replace("(", "").replace(")", "") if found else slot.upper()
        if cell["cell_type"] == "markdown":
            ids = QUESTION_ID.findall(question)
            out.append(Item(label, slot, "essay", gid, gid, float(meta.get("points", 0)), question,
                            _text(cells.get(f"{slot}_rubric", {"source": ""})), solution_text(_text(cell)),
                            ids[-1] if ids else None))
            continue
        answer = cells.get(f"{slot}_answer")
        kind = "mcq" if answer is not None and MCQ_ANSWER.search(_text(answer)) else "data"
        item = Item(label, slot, kind, gid, f"{slot}_answer", float(meta.get("points", 0)), question)
        if kind == "mcq":
            item.key, item.explanation = mcq_key(_text(cell))
        else:
            item.explanation = check_hint(_text(cell))
        out.append(item)
    return out


def mcq_key(check: str) -> tuple[str, str]:
    """The letter and the explanation in an MCQ's hidden test (`assert answer_q1 == "C"`, `_why = "..."`).

    Read from the code's syntax tree, never run: the first string compared with `==` and the string
    assigned to `_why`. ("", "") when the check is not of that shape.
    """
    import ast

    code = "\n".join(line for line in check.splitlines() if not line.lstrip().startswith("%"))
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return "", ""
    letter = why = ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "_why" for t in node.targets):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                why = why or node.value.value
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq):
            right = node.comparators[0]
            if isinstance(right, ast.Constant) and isinstance(right.value, str) and len(right.value) == 1:
                letter = letter or right.value
    return letter, why


def check_hint(check: str) -> str:
    """The message of a data check's last assert (the hidden test's hint on how to get the value)."""
    import ast

    try:
        tree = ast.parse("\n".join(line for line in check.splitlines() if not line.lstrip().startswith("%")))
    except SyntaxError:
        return ""
    messages = [n.msg.value for n in ast.walk(tree) if isinstance(n, ast.Assert)
                and isinstance(n.msg, ast.Constant) and isinstance(n.msg.value, str)]
    return messages[-1] if messages else ""


def read_notebook(path: Path) -> dict:
    """A notebook as JSON data; a file that is not one raises CannotMark naming it (nothing is changed)."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CannotMark(f"{path}: not a notebook (not UTF-8 text). Nothing was changed.") from None
    except json.JSONDecodeError as error:
        raise CannotMark(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); it "
                        f"may have been damaged or edited outside JupyterLab. Nothing was changed; see "
                        f"help.md, \"not valid JSON\", to get a fresh copy.") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise CannotMark(f"{path}: valid JSON but not a notebook (no list of cells). Nothing was changed.")
    return nb


def is_variant(nb: dict) -> bool:
    """A class variant: marked so in its metadata by `course variant`, or (older ones) by its header note."""
    if (nb.get("metadata", {}).get("course") or {}).get("variant"):
        return True
    return any(VARIANT_NOTE in _text(c) for c in nb["cells"][:3])


def different_questions(mine: dict, key: dict) -> list[str]:
    """Question cells of the learner's copy that are not those of the key (the labels, or grade ids)."""
    theirs = {_meta(c).get("grade_id"): _text(c).strip() for c in key["cells"]
              if (_meta(c).get("grade_id") or "").endswith("_question")}
    ours = {_meta(c).get("grade_id"): _text(c).strip() for c in mine["cells"]
            if (_meta(c).get("grade_id") or "").endswith("_question")}
    return sorted(gid for gid in theirs if ours.get(gid) != theirs[gid])


def untouched(nb: dict) -> bool:
    """True when no answer cell has been filled in: every one still holds the course's placeholder."""
    from course import progress

    answers = [c for c in nb["cells"] if _meta(c).get("solution")]
    return bool(answers) and all(progress.UNTOUCHED_STUB in _text(c) or progress.ANSWER_PLACEHOLDER in _text(c)
                                 for c in answers)
