"""`course similarity`: copied essays are found, honest ones are not, hostile input is shown as text or listed.

One class is built and compared once for the module (a few seconds): honest essays on the a1 question, a
verbatim copy, a paraphrased and re-ordered copy, an essay taken from the model answer, one taken from a
lesson, one with a script in it, and broken submissions.
"""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest

import nbgrader_course

from course import cli
from course.content import paths
from course.grading import similarity
from course.grading.similarity import texts

ASSIGNMENT = "a1_westernization"
STUB = "Write your outline first, then your answer, in this cell (double-click to edit).\n\n"

# Honest answers to the same question: they share its terms (Second Cold War, world order, multipolar,
# Russia, the West, China), never its sentences.
HONEST = {
    "honest_a": """**Introduction.** Calling today's tension a Second Cold War is tempting but misleading. The
hostility between Moscow and the Western capitals is real and deep, yet the shape of the world order has
changed since the years of two blocs. I argue that the rupture will last while the order around it grows
looser.

**Evidence.** Russia has been pushed out of or has walked out of one forum after another since 2014. Arms
control, which once gave the rivalry its rules, has almost vanished. Polls show ordinary Russians cooling
towards Europe, so the quarrel is social as well as diplomatic.

**China.** Beijing is no junior ally in a Soviet-style camp. It buys Russian oil and sells machinery, but
it keeps trading with America and Europe, which no bloc leader of the old kind would have allowed.

**Conclusion.** The main actors are three, not two, and many middle powers refuse to pick a side. For
Pakistan that looseness is an opportunity to balance its friendships.""",
    "honest_b": """The phrase Second Cold War suggests a return to the rigid world order of 1950, which is not
what we see. Three reasons stand out in my reading of the course material.

First, ideology no longer divides the planet into two camps with missionary programmes. Russian doctrine now
speaks of civilisations and of a multipolar order, a language about identity rather than about a universal
economic system.

Second, economic ties cut across the lines of conflict. India, Turkey and the Gulf states do business with
Moscow and with Washington at the same time, something the Soviet bloc never permitted its members.

Third, the United States treats China, not Russia, as its principal long-term challenger. Moscow is a
dangerous but declining power whose partnership with Beijing is unequal.

So the future order will be contested and crowded. A country like Pakistan should avoid locking itself into
any single alignment and should trade widely.""",
    "honest_c": """**Thesis.** The break between Russia and the West is durable, but the label of a new Cold War
hides more than it reveals about the coming world order.

**Why the rupture endures.** The Kremlin has turned hostility to Western values into a pillar of domestic
legitimacy. Sanctions have cut the commercial links that once gave both sides a stake in calm relations. Even
a change of leader in Moscow would inherit an elite and a public shaped by years of confrontation.

**Why the analogy fails.** The old contest was between two superpowers of comparable reach. Today America
faces a rising China as its true rival, with Russia as Beijing's weaker associate. Large parts of Asia,
Africa and Latin America decline to join sanctions and hedge between the camps.

**Implications.** Examiners will want a balanced verdict: confrontation in Europe, competition in Asia, and
a multipolar order in which states such as Pakistan gain room by staying on speaking terms with everyone.""",
}


def _nb_with_essay(essay: str):
    source = paths.ASSIGNMENTS / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(source, as_version=4)
    for cell in nb.cells:
        if texts.is_essay(cell):
            cell.source = STUB + essay
    return nb


def _submit(course, student: str, essay: str | None = None, raw: str | None = None, nb=None) -> None:
    nbgrader_course.submit(course, student, ASSIGNMENT, raw if raw is not None else nb if nb is not None
                           else _nb_with_essay(essay))


def _paraphrase(essay: str) -> str:
    """Paragraphs in reverse order, a few words changed: the lazy disguise of a copied essay."""
    swaps = {"misleading": "deceptive", "real and deep": "genuine and deep", "vanished": "disappeared",
             "ordinary": "everyday", "opportunity": "chance", "tempting": "attractive"}
    for old, new in swaps.items():
        essay = essay.replace(old, new)
    return "\n\n".join(reversed(essay.split("\n\n")))


def _lesson_passage() -> str:
    """Consecutive paragraphs of lesson 01's own text, long enough to be an essay's body."""
    nb = nbformat.read(paths.NOTEBOOKS / "01_westernization_and_rupture.ipynb", as_version=4)
    paragraphs = [p for c in nb.cells if c.cell_type == "markdown" for p in c.source.split("\n\n")
                  if len(p.split()) > 40 and not p.lstrip().startswith(("|", ">", "#"))]
    return "\n\n".join(paragraphs[2:7])


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("similarity") / "class"
    shutil.copytree(paths.ASSIGNMENTS / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    model = texts.read_source(course / "source" / ASSIGNMENT).essays["essay_answer"]
    for student, essay in HONEST.items():
        _submit(course, student, essay)
    _submit(course, "copier_verbatim", HONEST["honest_a"])
    _submit(course, "copier_paraphrase", _paraphrase(HONEST["honest_a"]))
    _submit(course, "copier_model", model)
    _submit(course, "copier_lesson", _lesson_passage())
    hostile = (HONEST["honest_b"] + "\n\n<script>alert('pwned')</script> <img src=x onerror=alert(1)> is what I "
               "think of the Second Cold War debate, and I say so in plain words here.")
    _submit(course, "scripter", hostile)
    _submit(course, "<b>bold", hostile)  # a folder name is the student's choice too
    _submit(course, "broken_json", raw='{"cells": [ truncated upload')
    nb = _nb_with_essay("")
    nb.cells = [c for c in nb.cells if not texts.is_essay(c)]
    _submit(course, "no_essay", nb=nb)
    _submit(course, "mangled", raw='{"cells": [{"cell_type": "markdown", "source": [1, null], "metadata": {"nbgrader": '
                                   '{"grade_id": ["essay_answer"], "solution": true, "grade": true}}}, 7, "x"]}')
    _submit(course, "stub_only_1", "")
    _submit(course, "stub_only_2", "YOUR ANSWER HERE")
    (course / "submitted" / "linker" / ASSIGNMENT).mkdir(parents=True)
    (course / "submitted" / "linker" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").symlink_to(
        course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    _submit(course, "\x1b[31mred", HONEST["honest_c"])  # an escape sequence in a folder name
    return course


@pytest.fixture(scope="module")
def result(course):
    return similarity.run(course, ASSIGNMENT)


def _pairs(result) -> dict[frozenset, float]:
    return {frozenset((result.texts[m.first].label, result.texts[m.second].label)): m.strength
            for m in result.matches}


def test_finds_a_verbatim_and_a_paraphrased_reordered_copy(result):
    pairs = _pairs(result)
    assert pairs[frozenset(("honest_a", "copier_verbatim"))] > 0.9
    assert pairs[frozenset(("honest_a", "copier_paraphrase"))] > 0.6
    assert pairs[frozenset(("copier_verbatim", "copier_paraphrase"))] > 0.6


def test_finds_copies_of_the_model_answer_and_of_a_lesson(result):
    pairs = _pairs(result)
    assert pairs[frozenset(("copier_model", "model answer (essay_answer)"))] > 0.9
    assert pairs[frozenset(("copier_lesson", "lesson 01_westernization_and_rupture"))] > 0.9


def test_honest_essays_on_the_same_question_are_not_flagged(result):
    pairs = _pairs(result)
    assert {p for p in pairs if "honest_c" in p} == {frozenset(("honest_c", "\x1b[31mred"))}
    # an honest essay is flagged only beside the essays copied from it
    assert {p for p in pairs if "honest_a" in p} == {frozenset(("honest_a", "copier_verbatim")),
                                                     frozenset(("honest_a", "copier_paraphrase"))}
    assert {p for p in pairs if "honest_b" in p} == {frozenset(("honest_b", "scripter")),
                                                     frozenset(("honest_b", "<b>bold"))}


def test_pairs_are_sorted_strongest_first_and_the_summary_is_one_line(result):
    strengths = [m.strength for m in result.matches]
    assert strengths == sorted(strengths, reverse=True)
    summary = result.summary()
    assert "\n" not in summary and f"{result.essays} essay(s) compared" in summary
    assert f"{len(result.matches)} pair(s)" in summary


def test_the_stub_alone_shares_nothing_and_bad_submissions_are_listed(result):
    problems = {p.student: p.reason for p in result.problems}
    assert set(problems) == {"broken_json", "no_essay", "stub_only_1", "stub_only_2", "linker"}
    assert "mangled" in {t.label for t in result.texts}  # odd types inside a notebook are read as text
    assert "symbolic link" in problems["linker"]
    assert "not a valid notebook" in problems["broken_json"]
    assert "no essay cell" in problems["no_essay"]
    assert "empty or only the stub" in problems["stub_only_1"]
    assert not {label for pair in _pairs(result) for label in pair} & {"stub_only_1", "stub_only_2"}


def test_report_is_offline_and_escapes_student_text(result):
    page = result.out.read_text()
    assert "scripter" in page and "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold" in page
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<b>" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    # every flagged pair has its section, with both sides of each passage
    assert page.count('<section class="pair"') == len(result.matches)
    assert "broken_json" in page and "not a valid notebook" in page


def test_cli_prints_one_line_and_writes_where_asked(course, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert cli.main(["similarity", ASSIGNMENT, "--class", str(course), "--threshold", "0.5", "--out", str(out)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0] and "at or above 50%" in lines[0]
    assert "\x1b" not in lines[0] and similarity._printable("\x1b[31mred") == "?[31mred"
    assert out.read_text().startswith("<!doctype html>")


@pytest.mark.parametrize("args, message", [
    (["--class", "{missing}"], "no class folder"),
    (["--course", "{empty}"], "has no submitted/ folder"),
    (["--class", "{course}", "--threshold", "5"], "--threshold must be between 0 and 1"),
])
def test_bad_input_gets_one_clear_line(course, tmp_path, capsys, args, message):
    (tmp_path / "empty").mkdir()
    names = {"missing": tmp_path / "missing", "empty": tmp_path / "empty", "course": course}
    args = [a.format(**names) for a in args]
    assert cli.main(["similarity", ASSIGNMENT, *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]


def test_an_unknown_assignment_gets_one_clear_line(course, capsys):
    assert cli.main(["similarity", "a9_nothing", "--class", str(course)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no assignment 'a9_nothing'" in err[0]


def test_a_model_answer_copied_by_most_of_a_small_class_is_still_found():
    """Phrases in most essays are set aside as the topic's vocabulary, but never against a model answer."""
    from course.grading.similarity import compare

    model = texts.read_source(paths.ASSIGNMENTS / "source" / ASSIGNMENT).essays["essay_answer"]
    class_ = [texts.make_text(f"copier{i}", "student", model, question="essay_answer") for i in range(12)]
    class_ += [texts.make_text(name, "student", essay, question="essay_answer") for name, essay in HONEST.items()]
    found = compare.find(class_ + [texts.make_text("model answer", "model", model)], threshold=0.3)
    with_model = {class_[m.first].label for m in found if m.second == len(class_)}
    assert with_model == {f"copier{i}" for i in range(12)}
    among_copiers = {(m.first, m.second) for m in found if m.second < 12}
    assert among_copiers == {(i, j) for i in range(12) for j in range(i + 1, 12)}


def test_a_copied_paragraph_inside_an_essay_written_as_one_block_is_found():
    """No blank lines, most of it honest: the copied paragraph from the lesson is still found."""
    from course.grading.similarity import compare

    lesson = next(t for t in texts.read_lessons(paths.NOTEBOOKS) if t.label == "lesson 01_westernization_and_rupture")
    copied = _lesson_passage().split("\n\n")[0]
    block = " ".join((HONEST["honest_b"] + " " + copied + " " + HONEST["honest_c"]).split())
    essay = texts.make_text("one_block", "student", block, question="essay_answer")
    found = compare.find([essay, lesson], threshold=0.1)
    assert [(m.first, m.second) for m in found] == [(0, 1)]
    shared = " ".join(essay.sentences[i].text for p in found[0].passages for i in p.left)
    assert " ".join(copied.split()[:12]) in " ".join(shared.split())


def test_in_the_mock_exam_an_unanswered_choice_is_not_a_problem(tmp_path):
    course = tmp_path / "class"
    shutil.copytree(paths.ASSIGNMENTS / "source" / "mock_exam", course / "source" / "mock_exam")
    model = texts.read_source(course / "source" / "mock_exam").essays
    released = nbformat.read(course / "source" / "mock_exam" / "mock_exam.ipynb", as_version=4)
    for student, answers in {"one_answered": {"q23_answer": HONEST["honest_c"]}, "none_answered": {}}.items():
        nb = nbformat.from_dict(released)
        for cell in nb.cells:
            if texts.is_essay(cell):
                cell.source = answers.get(cell.metadata.nbgrader.grade_id, "YOUR ANSWER HERE")
        folder = course / "submitted" / student / "mock_exam"
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / "mock_exam.ipynb")
    result = similarity.run(course, "mock_exam")
    assert [(p.student, p.reason) for p in result.problems] == [("none_answered", "every essay is empty or only the stub")]
    assert result.essays == 1 and not result.matches and len(model) == 4


@pytest.mark.parametrize("disguise", [
    pytest.param(lambda w: w[:2] + "\u200b" + w[2:], id="zero-width-space"),
    pytest.param(lambda w: w[:2] + "\u00ad" + w[2:], id="soft-hyphen"),
    pytest.param(lambda w: w.translate(str.maketrans("aeocp", "аеоср")), id="cyrillic-lookalikes"),
    pytest.param(lambda w: "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in w),
                 id="fullwidth-letters"),
])
def test_a_copy_disguised_with_invisible_or_lookalike_characters_is_found(disguise):
    """Invisible characters inside every word, or letters of another script drawn the same, look like the
    original on screen; the copy is found as if typed plainly."""
    from course.grading.similarity import compare

    original = texts.make_text("original", "student", HONEST["honest_c"], question="essay_answer")
    disguised = " ".join(disguise(w) if len(w) > 3 else w for w in HONEST["honest_c"].split(" "))
    copy = texts.make_text("copy", "student", disguised, question="essay_answer")
    found = compare.find([original, copy], threshold=0.3)
    assert [(m.first, m.second) for m in found] == [(0, 1)] and found[0].strength > 0.9
