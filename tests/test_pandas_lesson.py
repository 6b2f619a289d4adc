"""The pandas lesson (00a) teaches every pandas move the assignments' data questions use, and its own
self-check cannot be passed by guessing a letter or picking the longest option."""

import ast
import json
import re
from collections import Counter

from course import paths, selfcheck

LESSON = paths.NOTEBOOKS / "00a_pandas_for_the_exam.ipynb"
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def _moves(source: str) -> set[str]:
    """Methods and attributes (`.sum`), and plain functions called (`int()`), in a piece of code."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            found.add("." + node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            found.add(node.func.id + "()")
    return found


def _code_cells(path):
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"]


def test_lesson_shows_every_move_of_every_model_solution():
    solutions = [block for nb in sorted((paths.ASSIGNMENTS / "source").glob("*/*.ipynb"))
                 for cell in _code_cells(nb) for block in SOLUTION.findall(cell)]
    assert len(solutions) > 10
    needed = set().union(*map(_moves, solutions))
    taught = set().union(*map(_moves, _code_cells(LESSON)))
    assert {".sum", ".idxmin", "mentions()", "int()", "float()"} <= needed
    assert needed - taught == set(), "the pandas lesson does not show these moves the assignments need"


def test_lesson_code_fits_a_phone_screen():
    wide = [line for cell in _code_cells(LESSON) for line in cell.splitlines() if len(line) > 56]
    assert wide == []


def test_bank_answers_are_not_guessable():
    mcqs = [q for q in selfcheck.load_bank("00a") if q.kind == "mcq"]
    letters = Counter(q.answer for q in mcqs)
    longest_right = sum(max(q.options, key=lambda k: len(q.options[k])) == q.answer for q in mcqs)
    assert max(letters.values()) <= 0.35 * len(mcqs), letters
    assert longest_right <= len(mcqs) / 3
