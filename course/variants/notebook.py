"""Writing a variant: the course's practice notebook, with its MCQs, data questions and essays replaced.

Everything else of the practice notebook (instructions, marks table, rubric, layout) is kept, read from
the course's source when the variant is made. The check cells of a variant check only the form of an
answer (one letter A-D, a number, a label from the allowed list): the key is in the hidden tests alone,
which nbgrader strips from the student version and the grader runs outside the student's kernel
(course/grading/checks.py). The written notebook is byte-for-byte the same for the same draw.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

NOTE = ("**This is your class's own version of the assignment.** Its check cells only check the *form* of "
        "each answer (one letter A-D, a whole number, a number, a label from the allowed list), never whether it "
        "is right: every autograded mark is decided when your instructor grades, and the keys and explanations "
        "come with your feedback.")
STEP3 = ("3. Run each check cell after your answer. In this version a check only tells you whether your answer has "
         "the right form (an `AssertionError` says what to fix); whether it is right is marked when your "
         "instructor grades.")
NO_MODEL_ANSWER = ("*For the instructor:* no model answer. This question was drawn for the class's variant; mark "
                   "it with the scheme above.")


def _meta(grade_id: str, grade=False, solution=False, locked=True, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def markdown(grade_id: str | None, text: str, **meta) -> dict:
    return {"cell_type": "markdown", "id": grade_id or "md", "metadata": _meta(grade_id, **meta) if grade_id else {},
            "source": text}


def code(grade_id: str, text: str, **meta) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": grade_id, "metadata": _meta(grade_id, **meta),
            "outputs": [], "source": text}


def _text(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _grade_id(cell) -> str:
    return (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id") or ""


def label(slot: str) -> str:
    """`q21a` -> `Q21a`."""
    return "Q" + slot[1:]


# ---- the three kinds of question ------------------------------------------------------------------

def mcq_cells(slot: str, item, options: dict, letter: str) -> list[dict]:
    q, var = label(slot), f"answer_{slot}"
    lines = "  \n".join(f"({k}) {v}" for k, v in options.items())
    check = (f"# {q} check (1 mark). As on an OMR sheet, this only checks that you marked one letter;\n"
             f"# the key and its explanation come with your feedback.\n"
             f"assert isinstance({var}, str) and {var} in ('A', 'B', 'C', 'D'), "
             f"\"{q}: write one capital letter, A, B, C or D, between quotes.\"\n"
             f"print(\"{q}: answer recorded.\")\n"
             f"### BEGIN HIDDEN TESTS\n"
             f"_why = {item.explanation!r}\n"
             f"assert {var} == \"{letter}\", \"{q}: not the key. The key is ({letter}). \" + _why\n"
             f"print(\"{q}: right, ({letter}). \" + _why)\n"
             f"### END HIDDEN TESTS")
    return [
        markdown(f"{slot}_question", f"**{q}.** {item.stem}\n\n{lines}\n\n*(1 mark)*"),
        code(f"{slot}_answer", f"# {q}: write the letter of your choice between quotes, for example {var} = \"A\"\n"
                               f"### BEGIN SOLUTION\n{var} = \"{letter}\"\n### END SOLUTION",
             solution=True, locked=False),
        code(f"{slot}_check", check, grade=True, points=1),
    ]


_FORM = {
    # numbers.Integral / numbers.Real: pandas' own number types (numpy.int64, numpy.float64) pass as they are
    "int": ("assert isinstance({v}, __import__('numbers').Integral) and not isinstance({v}, bool), "
            "\"{q}: {v} must be a whole number (a count), without quotes.\"", "a whole number"),
    "float": ("assert isinstance({v}, __import__('numbers').Real) and not isinstance({v}, bool) and {v} == {v}, "
              "\"{q}: {v} must be a number, without quotes.\"\n"
              "assert round({v}, 1) == {v}, \"{q}: round {v} to one decimal, e.g. round(x, 1).\"",
              "a number rounded to one decimal"),
    "label": ("_allowed = {allowed!r}\n"
              "assert isinstance({v}, str) and {v} in _allowed, "
              "\"{q}: {v} must be one of the labels in the table, written exactly as there.\"",
              "a label from the table"),
    "labels": ("_allowed = {allowed!r}\n"
               "assert isinstance({v}, list) and all(isinstance(x, str) and x in _allowed for x in {v}), "
               "\"{q}: {v} must be a list of labels from the table, written exactly as there.\"\n"
               "assert {v} == sorted(set({v})), \"{q}: sort the list alphabetically, each label once.\"",
               "a sorted list of labels from the table"),
}


def data_cells(slot: str, question, points: int) -> list[dict]:
    q, v = label(slot), question.variable
    form, what = _FORM[question.kind]
    form = form.format(v=v, q=q, allowed=question.allowed)
    if question.kind == "float":
        hidden = f"assert abs({v} - ({question.key!r})) < 0.051, \"{q}: not the expected value: {question.hint}\""
    else:
        hidden = f"assert {v} == {question.key!r}, \"{q}: not the expected value: {question.hint}\""
    check = (f"# {q} check ({points} marks). This only checks the form of your answer ({what});\n"
             f"# whether it is right is marked when your instructor grades.\n"
             f"{form}\nprint(\"{q}: answer recorded.\")\n"
             f"### BEGIN HIDDEN TESTS\n{hidden}\nprint(\"{q}: right.\")\n### END HIDDEN TESTS")
    return [
        markdown(f"{slot}_question", f"**{q}.** {question.prompt}\n\n*({points} marks)*"),
        code(f"{slot}_answer", f"# {q}: your pandas code; end by setting {v}\n### BEGIN SOLUTION\n"
                               f"{question.solution}\n### END SOLUTION", solution=True, locked=False),
        code(f"{slot}_check", check, grade=True, points=points),
    ]


def essay_question_text(number: str, row: dict, marks_line: str) -> str:
    where = f"{row['exam']} {row['year']}, {row['paper']}" + (f", {row['number']}" if row.get("number") else "")
    return (f"**{number}.** *{where} (as transcribed; question `{row['question_id']}` in `data/questions.csv`):*\n\n"
            f"> {row['wording']}\n\n{marks_line}")


# ---- the whole notebook ----------------------------------------------------------------------------

def _slots(cells: list[dict]) -> tuple[list[str], list[tuple[str, int]], list[str]]:
    """The MCQ slots, the data slots (with their marks) and the essay slots of a practice notebook."""
    by_id = {_grade_id(c): c for c in cells if _grade_id(c)}
    mcqs, data, essays = [], [], []
    for gid, cell in by_id.items():
        if not gid.endswith("_question"):
            continue
        slot = gid.removesuffix("_question")
        answer, check = by_id.get(f"{slot}_answer"), by_id.get(f"{slot}_check")
        if "in `data/questions.csv`" in _text(cell) and answer is not None:
            essays.append(slot)
        elif answer is None or check is None:
            continue
        elif re.search(rf"""answer_{slot}\s*=\s*["'][A-D]["']""", _text(answer)):
            mcqs.append(slot)
        else:
            data.append((slot, int(check["metadata"]["nbgrader"]["points"])))
    return mcqs, data, essays


def slots(notebook: Path):
    return _slots(json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"])


def build(source: Path, mcqs: list, data: list, essays: list[dict], keep_charts: bool) -> dict:
    """The variant notebook (as JSON data) from the practice notebook at `source`."""
    nb = json.loads(Path(source).read_text(encoding="utf-8"))
    mcq_slots, data_slots, essay_slots = _slots(nb["cells"])
    replace_mcq = dict(zip(mcq_slots, mcqs))
    replace_data = {slot: (question, points) for (slot, points), question in zip(data_slots, data)}
    replace_essay = dict(zip(essay_slots, essays))
    needs = sorted({name for question in data for name in question.tables})
    out = []
    for cell in nb["cells"]:
        gid, text = _grade_id(cell), _text(cell)
        slot = gid.rsplit("_", 1)[0] if "_" in gid else gid
        if gid == "header":
            text = re.sub(r"3\. Run each check cell.*?(?=\n4\.)", STEP3, text, flags=re.S)
            out.append(markdown(gid, text + "\n\n" + NOTE, locked=True))
        elif gid == "setup":
            loads = "\n".join(f"{name} = load(\"{name}\")" for name in needs)
            out.append(code(gid, "# Run this cell first: it loads the course tables, checked against data/README.md.\n"
                                 f"from course.data import load, mentions\n\n{loads}", locked=True))
        elif cell["cell_type"] == "markdown" and not gid and text.lstrip().startswith("## Part II:"):
            definitions = " ".join(dict.fromkeys(q.definition for q in data if q.definition))
            names = ", ".join(f"`{n}`" for n in needs)
            out.append(markdown(None, f"## Part II: evidence from the course tables\n\n"
                                      f"Use the tables loaded above ({names}); `mentions(events, article_key)` tells "
                                      f"you which events an article relies on, and `data/README.md` describes every "
                                      f"column. {definitions}".rstrip()))
        elif gid.startswith("chart") and not keep_charts:
            continue  # a practice chart draws the practice questions' own data
        elif slot in replace_mcq:
            if gid.endswith("_question"):
                out.extend(mcq_cells(slot, *replace_mcq[slot]))
        elif slot in replace_data:
            if gid.endswith("_question"):
                out.extend(data_cells(slot, *replace_data[slot]))
        elif slot in replace_essay or (gid.startswith("essay_") and "essay" in replace_essay):
            row = replace_essay[slot if slot in replace_essay else "essay"]
            if gid.endswith("_question"):
                marks = text.rstrip().splitlines()[-1]
                number = re.match(r"\*\*(Q\d+)\.\*\*", text.lstrip()).group(1)
                out.append(markdown(gid, essay_question_text(number, row, marks), locked=True))
            elif gid.endswith("_rubric"):
                out.append(markdown(gid, text.split("**What an examiner looks for")[0].rstrip(), locked=True))
            elif gid.endswith("_answer"):
                before = text.split("### BEGIN SOLUTION")[0]
                out.append(markdown(gid, f"{before}### BEGIN SOLUTION\n{NO_MODEL_ANSWER}\n### END SOLUTION",
                                    grade=True, solution=True, locked=False,
                                    points=cell["metadata"]["nbgrader"]["points"]))
        else:
            out.append(cell)
    for index, cell in enumerate(out):
        cell["id"] = _grade_id(cell) or f"cell-{index}"
    nb["cells"] = out
    # marked as a variant, so that `course check` never marks it with the practice key
    nb.setdefault("metadata", {})["course"] = {"variant": True}
    return nb


def dumps(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
