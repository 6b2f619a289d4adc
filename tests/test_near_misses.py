"""What `course grade` tells an instructor about a class's variant: MCQ answers scored 0 only for their form
(listed, to accept by hand), and a submission of the course's public version instead of the class's own."""

import contextlib
import io
import json
import shutil

import nbformat
import pytest
from nbgrader.api import Gradebook

from course import cli
from course.grading import gradebook, near_misses, public_version, release, variants

A1 = "a1_westernization"
SEED = 731_902_114_558_201
#: "b", "(D)", " C ", "c)": the forms of Q1 to Q4, each written with its key's letter
NEAR_FORMS = ("{low}", "({up})", " {up} ", "{low})")


def _released(class_dir):
    return nbformat.read(class_dir / "release" / A1 / f"{A1}.ipynb", as_version=4)


def _hand_in(class_dir, student, nb):
    folder = class_dir / "submitted" / student / A1
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{A1}.ipynb")
    (folder / "timestamp.txt").write_text("2026-11-20 10:00:00")


def _answered(class_dir, answers: dict[str, str], extra_cell: str | None = None):
    nb = _released(class_dir)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    if extra_cell:
        nb.cells.append(nbformat.v4.new_code_cell(extra_cell))
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A class with its own a1, three submissions and one run of `course grade`; (class, keys, output)."""
    class_dir = tmp_path_factory.mktemp("near") / "class"
    class_dir.mkdir()
    made = variants.make(A1, class_dir, SEED)
    assert cli.main(["release", A1, "--course", str(class_dir)]) == 0
    keys = [k["answer"] for k in json.loads(made.record.read_text())["keys"] if "item" in k]
    assert len(keys) == 5

    near = {f"q{i + 1}_answer": f"answer_q{i + 1} = {form.format(low=keys[i].lower(), up=keys[i])!r}"
            for i, form in enumerate(NEAR_FORMS)}
    near["q5_answer"] = f'answer_q5 = "{keys[4]}"'  # right, as asked
    _hand_in(class_dir, "s-near", _answered(class_dir, near))
    wrong_letter = "ABCD"["ABCD".index(keys[0]) - 1].lower()
    not_listed = {"q1_answer": f'answer_q1 = "{wrong_letter}"',            # a wrong letter, in lower case
                  "q2_answer": f'answer_q2 = "{keys[1].lower()}"',         # reassigned below: not what was graded
                  "q3_answer": f'answer_q3 = "{keys[2].lower()}".strip()'}  # computed, not a plain literal
    _hand_in(class_dir, "s-other", _answered(class_dir, not_listed, extra_cell='answer_q2 = "Z"'))
    public = nbformat.read(release.student_versions()[f"assignments/{A1}/{A1}.ipynb"], as_version=4)
    _hand_in(class_dir, "s-public", public)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["grade", A1, "--course", str(class_dir), "--jobs", "2"])
    assert code == 1  # one submission could not be graded: the public version
    return class_dir, keys, out.getvalue()


def test_a_submission_of_the_public_version_is_one_line_and_the_rest_is_graded(graded):
    class_dir, _, out = graded
    lines = [line for line in out.splitlines() if "s-public" in line]
    assert len(lines) == 1, out
    line = lines[0]
    assert line.startswith("  s-public: handed in the course's public version of a1_westernization")
    assert "not the class's own a1_westernization" in line and "course grade a1_westernization --student s-public" in line
    assert "KeyError" not in out and "2 graded" in out and "1 failed" in out
    assert "[1/2] " in out and "[2/2] " in out and "[3/" not in out  # the progress counts what is graded
    with Gradebook(gradebook.default_url(class_dir), "russia-and-the-west") as gb:
        assert {s.student.id for s in gb.find_assignment(A1).submissions} == {"s-near", "s-other"}


def test_near_misses_are_listed_per_student_with_the_formgrader_step(graded):
    class_dir, keys, out = graded
    tail = out[out.index("Near misses:"):]
    assert "4 MCQ answer(s) of 1 student(s)" in tail
    assert "formgrader > Manual Grading > a1_westernization" in tail and "score box" in tail
    listed = [line for line in tail.splitlines()[1:] if line.startswith("  ")]
    assert len(listed) == 4 and all(line.startswith("  s-near: Q") for line in listed), tail
    for number, (line, key) in enumerate(zip(listed, keys), start=1):
        assert f"Q{number} wrote " in line and f"the key is ({key})" in line and f"cell q{number}_check, 1 point" in line
    assert f"wrote {keys[0].lower()!r}," in listed[0] and f"wrote '({keys[1]})'," in listed[1]
    assert f"wrote ' {keys[2]} '," in listed[2] and f"wrote '{keys[3].lower()})'," in listed[3]
    assert "Q5" not in tail and "s-other" not in tail
    # listed from the graded data: each of them scored 0 in the gradebook
    marks = gradebook.cell_scores(gradebook.default_url(class_dir), class_dir, A1)
    scored = {cell: score for (student, _, cell), score in marks.items() if student == "s-near"}
    assert all(scored[f"q{n}_check"][0] == 0 for n in range(1, 5)) and scored["q5_check"][0] == 1, scored


def test_a_near_miss_accepted_by_hand_is_no_longer_listed(graded, tmp_path, capsys):
    class_dir = shutil.copytree(graded[0], tmp_path / "class")
    db = gradebook.default_url(class_dir)
    with Gradebook(db, "russia-and-the-west") as gb:  # what formgrader's score box does
        grade = gb.find_grade("q1_check", A1, A1, "s-near")
        grade.manual_score = 1
        gb.db.commit()
    assert cli.main(["grade", A1, "--course", str(class_dir), "--student", "s-near"]) == 0
    out = capsys.readouterr().out
    assert "already graded" in out and "3 MCQ answer(s) of 1 student(s)" in out
    assert "Q1 wrote" not in out and "Q2 wrote" in out


@pytest.mark.parametrize("written, letter", [("b", "B"), ("(D)", "D"), (" C ", "C"), ("c)", "C"), ("[a]", "A"),
                                             ("C.", "C"), ("AB", None), ("E", None), ("", None), ("b c", None)])
def test_what_a_near_miss_means(written, letter):
    assert near_misses.normalise(written) == letter


def test_the_written_answer_is_a_literal_assigned_once_never_an_output():
    def cell(source, grade_id=None, outputs=()):
        meta = {"nbgrader": {"grade_id": grade_id}} if grade_id else {}
        return {"cell_type": "code", "metadata": meta, "source": source, "outputs": list(outputs)}

    forged = {"output_type": "stream", "name": "stdout", "text": "Q1: right, (B)."}
    assert near_misses.written([cell('answer_q1 = "b"', "q1_answer")], "q1", "answer_q1") == "b"
    assert near_misses.written([cell("answer_q1 = pick()", "q1_answer", [forged])], "q1", "answer_q1") is None
    assert near_misses.written([cell('answer_q1 = "b"', "q1_answer"), cell("for answer_q1 in 'x': pass")],
                               "q1", "answer_q1") is None
    assert near_misses.written([cell('answer_q1 = "b"', "q2_answer")], "q1", "answer_q1") is None


def test_a_link_in_a_students_folder_is_not_read(graded, tmp_path):
    """A submitted "notebook" that is a link (to a device that never ends, or to the key) is left to nbgrader."""
    class_dir = graded[0]
    folder = tmp_path / "submitted" / "s-link" / A1
    folder.mkdir(parents=True)
    (folder / f"{A1}.ipynb").symlink_to("/dev/zero")
    (folder / "extra.ipynb").symlink_to(class_dir / "submitted" / "s-public" / A1 / f"{A1}.ipynb")
    assert public_version.check(class_dir, class_dir / "source" / A1, folder, A1, "s-link") is None
    assert near_misses.written(near_misses._cells(folder / f"{A1}.ipynb") or [], "q1", "answer_q1") is None
