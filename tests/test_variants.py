"""`course variant`: a class's own version of an assignment, whose key students cannot get from the course."""

import itertools
import json
import random
import re
import shutil

import nbformat
import pytest

from course import cli
from course.content import data, paths
from course.grading import gradebook
from course.grading import variants
from course.grading.variants import bank, essays, notebook, templates

ALL = variants.ASSIGNMENTS
SEED = 731_902_114_558_201


def make(tmp_path, assignment, seed=SEED, folder="class"):
    class_dir = tmp_path / folder
    class_dir.mkdir(exist_ok=True)
    return variants.make(assignment, class_dir, seed)


def keys(result) -> set:
    """A variant's autograded keys, as something a student could copy: the item asked and its answer."""
    record = json.loads(result.record.read_text())
    return {(k.get("item") or (k["template"], json.dumps(k["params"])), json.dumps(k["answer"]))
            for k in record["keys"]}


# ---- the draw ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("assignment", ALL)
def test_the_same_seed_gives_the_same_variant_byte_for_byte(tmp_path, assignment):
    one, two = make(tmp_path, assignment, folder="one"), make(tmp_path, assignment, folder="two")
    assert one.notebook.read_bytes() == two.notebook.read_bytes()
    other = make(tmp_path, assignment, seed=SEED + 1, folder="three")
    assert other.notebook.read_bytes() != one.notebook.read_bytes()


@pytest.mark.parametrize("assignment", ALL)
def test_two_seeds_share_at_most_a_third_of_their_autograded_keys(tmp_path, assignment):
    made = [make(tmp_path, assignment, seed=s, folder=f"s{s}") for s in (11, 2026, 90210, 555_555_555, SEED)]
    for a, b in itertools.combinations(made, 2):
        ka, kb = keys(a), keys(b)
        assert ka != kb
        assert len(ka & kb) <= len(ka) / 3, (a.seed, b.seed, ka & kb)


#: A seed whose plain shuffle put all five keys of a1 on "A".
DEGENERATE_SEED = 3428958246566414105


def _letters(result) -> list[str]:
    record = json.loads(result.record.read_text())
    return [k["answer"] for k in record["keys"] if "item" in k]


def test_a_seed_whose_shuffle_put_every_key_on_one_letter_is_balanced_and_still_the_same_twice(tmp_path):
    one = make(tmp_path, "a1_westernization", seed=DEGENERATE_SEED, folder="one")
    two = make(tmp_path, "a1_westernization", seed=DEGENERATE_SEED, folder="two")
    letters = _letters(one)
    assert len(letters) == 5 and max(letters.count(x) for x in "ABCD") <= 2, letters
    assert one.notebook.read_bytes() == two.notebook.read_bytes()
    assert one.record.read_bytes() == two.record.read_bytes()
    released = nbformat.read(one.notebook, as_version=4)
    for slot_key in json.loads(one.record.read_text())["keys"][:5]:  # the key letter shows the right option's text
        slot = "q" + slot_key["question"][1:]
        item = next(i for i in bank.course_bank() if i.item_id == slot_key["item"])
        question = next(c.source for c in released.cells if c.get("id") == f"{slot}_question")
        assert f"({slot_key['answer']}) {item.answer}" in question


@pytest.mark.parametrize("assignment", ALL)
def test_no_letter_holds_more_than_two_keys_in_five_for_hundreds_of_seeds(assignment):
    """The draw of `course variant` (the same random stream as variants._write), over 300 seeds."""
    count = len(notebook.slots(paths.ASSIGNMENTS / "source" / assignment / f"{assignment}.ipynb")[0])
    cap = -(-2 * count // 5)
    items = bank.course_bank()
    for seed in [DEGENERATE_SEED, *range(300)]:
        drawn = bank.draw(assignment, items, count, random.Random(f"{assignment}:{seed}"),
                          variants.letters_rng(assignment, seed))
        letters = [letter for _, _, letter in drawn]
        assert max(letters.count(x) for x in "ABCD") <= cap, (seed, letters)
        for item, options, letter in drawn:  # the same four texts, the key on the right one
            assert options[letter] == item.answer and sorted(options.values()) == sorted([item.answer, *item.wrong])
        again = bank.draw(assignment, items, count, random.Random(f"{assignment}:{seed}"),
                          variants.letters_rng(assignment, seed))
        assert [(i.item_id, o, k) for i, o, k in again] == [(i.item_id, o, k) for i, o, k in drawn]


@pytest.mark.parametrize("assignment", ALL)
def test_the_bank_is_three_times_the_mcqs_an_assignment_asks(assignment):
    mcq_slots, _, _ = notebook.slots(paths.ASSIGNMENTS / "source" / assignment / f"{assignment}.ipynb")
    assert len(bank.pool_for(assignment, bank.course_bank())) >= 3 * len(mcq_slots)


def test_every_bank_item_explains_itself_and_names_its_source():
    items = bank.course_bank()
    assert all(i.explanation.strip() and i.source.strip() for i in items)
    assert all(len({i.answer, *i.wrong}) == 4 for i in items)
    events = set(data.load("events")["event_id"])
    for row in data.load("mcq_bank").itertuples():
        cited = re.search(r"course events table, ([a-z0-9-]+)\)", row.source)
        assert cited and cited.group(1) in events, row.item_id


def test_an_item_that_names_an_option_by_its_letter_is_left_out():
    """Shuffled, "free choice of alliances (B) was the Western position" would point at the wrong option."""
    item = bank.Item("x", "ruxit", "Which?", "right", ("w1", "w2", "w3"), "Not w1 (B): it was later.", "src")
    assert not bank._shufflable(item)
    assert bank._shufflable(bank.Item("y", "ruxit", "Which?", "right", ("w1", "w2", "w3"), "Because.", "src"))
    assert all(bank._shufflable(i) for i in bank.course_bank())


def test_every_same_fact_group_names_items_of_the_bank():
    """A renumbered self-check question would otherwise quietly end a group."""
    raw = bank.from_selfchecks() + bank.from_assignments() + bank.from_csv(paths.DATA / "mcq_bank.csv", "bank")
    ids = {i.item_id for i in raw}
    assert {i for group in bank.SAME_FACT for i in group} <= ids


def test_the_banks_are_read_when_a_variant_is_made_not_copied(tmp_path, monkeypatch):
    """A correction in a self-check bank reaches the next variant."""
    banks = tmp_path / "selfcheck"
    banks.mkdir()
    for lesson in bank.SELFCHECK_POOLS:
        raw = json.loads((paths.BANKS / f"{lesson}.json").read_text())
        for q in raw["questions"]:
            q["question"] = "CORRECTED " + q["question"]
        (banks / f"{lesson}.json").write_text(json.dumps(raw))
    assert all(i.stem.startswith("CORRECTED") for i in bank.from_selfchecks(banks))


@pytest.mark.parametrize("assignment", ALL)
@pytest.mark.parametrize("seed", [3, 77, 4242])
def test_every_data_question_has_a_well_defined_key(assignment, seed):
    t = templates.tables()
    for q in templates.draw_questions(assignment, 3, random.Random(seed), t):
        assert q.key == templates.evaluate(q.solution, t, q.variable)
        if q.kind == "int":
            assert type(q.key) is int and q.key > 0
        elif q.kind == "float":
            assert type(q.key) is float and round(q.key, 1) == q.key
        elif q.kind == "label":
            assert q.key in q.allowed
        else:
            assert q.key and q.key == sorted(q.key) and set(q.key) <= set(q.allowed)


def test_a_tie_or_an_empty_selection_is_redrawn_and_an_impossible_template_is_named():
    t = templates.tables()
    extreme = templates.PollExtreme(("levada_usa",))
    for seed in range(20):  # every question it gives has one extreme wave
        q = templates.draw_question(extreme, random.Random(seed), t)
        rows = t["polls"][(t["polls"]["series"] == "levada_usa") & (t["polls"]["answer"] == dict(q.params)["answer"])]
        value = rows.loc[rows["field_date_label"] == q.key, "percent"].iloc[0]
        assert (rows["percent"] == value).sum() == 1
    with pytest.raises(templates.TemplateError, match="poll_swing"):
        templates.draw_question(templates.PollSwing(("no_such_series",)), random.Random(1), t)


# ---- the essay ----------------------------------------------------------------------------------------

def _course_text() -> str:
    parts = [(paths.NOTEBOOKS / "04_synthesis_and_exam_practice.ipynb").read_text()]
    parts += [p.read_text() for p in (paths.ASSIGNMENTS / "source").glob("*/*.ipynb")]
    return "\n".join(parts)


def test_the_questions_answered_in_full_are_the_courses_model_answers():
    questions = data.load("questions").set_index("question_id")
    # every practice essay with a model answer is excluded ...
    for path in (paths.ASSIGNMENTS / "source").glob("*/*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            found = re.search(r"question `([a-z0-9-]+)` in `data/questions.csv`", cell.source)
            if found:
                assert found.group(1) in essays.ANSWERED_IN_FULL, (path.name, found.group(1))
    # ... and so is every question lesson 04 works through, found by its wording
    lesson = nbformat.read(paths.NOTEBOOKS / "04_synthesis_and_exam_practice.ipynb", as_version=4)
    worked = [c.source for c in lesson.cells if re.match(r"## (Worked answer|Model answer)", c.source)]
    assert len(worked) >= 3
    for text in worked:
        quoted = " ".join(re.search(r'> "(.+?)"', text, re.S).group(1).split()).replace("> ", "")
        matching = [qid for qid, w in questions["wording"].items() if quoted.lstrip("…")[:40] in w]
        assert matching and set(matching) <= essays.ANSWERED_IN_FULL, quoted
    # and nothing is excluded that the course does not answer
    text = _course_text()
    for qid in essays.ANSWERED_IN_FULL:
        assert qid in text or questions.loc[qid, "wording"].lstrip("…")[:40] in text, qid


@pytest.mark.parametrize("assignment", ALL)
def test_a_variants_essay_serves_the_lesson_and_is_not_answered_by_the_course(tmp_path, assignment):
    record = json.loads(make(tmp_path, assignment).record.read_text())
    questions = data.load("questions").set_index("question_id")
    for qid in record["essays"]:
        assert qid not in essays.ANSWERED_IN_FULL
        assert questions.loc[qid, "lesson"] in essays.LESSONS[assignment]


# ---- what students receive ------------------------------------------------------------------------------

def test_visible_checks_check_form_only(tmp_path):
    nb = nbformat.read(make(tmp_path, "a1_westernization").notebook, as_version=4)
    checks = [c.source for c in nb.cells if notebook._grade_id(c).endswith("_check")]
    assert len(checks) == 8
    for source in checks:
        visible = source.split("### BEGIN HIDDEN TESTS")[0]
        assert "HASHED" not in source and "sha1" not in visible
        # no comparison with a constant: only the form (type, letter set, allowed labels, rounding, order)
        assert not re.search(r"==\s*(-?\d|[\"'])|<\s*0\.0", visible), visible


@pytest.mark.parametrize("assignment", ALL)
def test_every_check_of_a_variant_is_graded_outside_the_students_kernel(tmp_path, assignment):
    """A value check runs trusted in the grader (course/grading/checks.py): the key never meets student code."""
    from course.grading import checks

    nb = nbformat.read(make(tmp_path, assignment).notebook, as_version=4)
    for cell in nb.cells:
        if notebook._grade_id(cell).endswith("_check"):
            names = checks.value_inputs(cell.source)
            assert names and len(names) == 1 and not names[0].startswith("_"), cell.source


@pytest.fixture(scope="module")
def released_class(tmp_path_factory):
    """A class folder with the a1 and mock variants released through `course release`."""
    class_dir = tmp_path_factory.mktemp("released") / "class"
    class_dir.mkdir()
    results = {a: variants.make(a, class_dir, SEED) for a in ("a1_westernization", "mock_exam")}
    for a in results:
        assert cli.main(["release", a, "--course", str(class_dir)]) == 0
    return class_dir, results


@pytest.mark.parametrize("assignment", ["a1_westernization", "mock_exam"])
def test_the_released_student_version_holds_no_key(released_class, assignment):
    class_dir, results = released_class
    path = class_dir / "release" / assignment / f"{assignment}.ipynb"
    assert str(SEED) not in path.read_text()  # the seed would let anyone make the variant, key included
    released = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    lines = {line.strip() for line in released.splitlines()}
    source = nbformat.read(results[assignment].notebook, as_version=4)
    assert "BEGIN HIDDEN" not in released and "BEGIN SOLUTION" not in released and "_why" not in released
    for cell in source.cells:
        gid, text = notebook._grade_id(cell), cell.source
        if gid.endswith("_check"):
            for line in text.split("### BEGIN HIDDEN TESTS")[1].splitlines()[:-1]:
                assert not line.strip() or line.strip() not in lines, line
        if gid.endswith("_answer") and "### BEGIN SOLUTION" in text:
            for line in text.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0].strip().splitlines():
                assert len(line.strip()) < 4 or line.strip() not in lines, line
    record = json.loads(results[assignment].record.read_text())
    for key in record["keys"]:
        slot = key["question"].lower()
        if "item" in key:
            assert f'answer_{slot} = "{key["answer"]}"' not in lines
            assert f'answer_{slot} == "{key["answer"]}"' not in released
        else:
            value = re.escape(repr(key["answer"]))
            assert not re.search(rf"== {value}|\({value}\)", released)


def test_a_released_variant_is_never_replaced_and_a_new_name_makes_a_new_one(released_class, capsys):
    class_dir, results = released_class
    before = results["a1_westernization"].notebook.read_bytes()
    assert cli.main(["variant", "a1_westernization", "--class", str(class_dir), "--seed", "5"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "already been released" in err and "--name a1_westernization_v2" in err
    assert results["a1_westernization"].notebook.read_bytes() == before
    assert cli.main(["variant", "a1_westernization", "--class", str(class_dir), "--name", "a1_retake"]) == 0
    out = capsys.readouterr().out
    assert (class_dir / "source" / "a1_retake" / "a1_retake.ipynb").exists() and "seed " in out


def test_before_release_a_variant_is_made_again_and_the_seed_stays_in_the_class_folder(tmp_path, capsys):
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    assert cli.main(["variant", "a3_escalation", "--class", str(class_dir)]) == 0
    first = capsys.readouterr().out
    seed = int(re.search(r"seed (\d+)", first).group(1))
    assert seed >= variants.SAFE_SEED and "note: seed" not in first
    assert json.loads((class_dir / "variants" / "a3_escalation.json").read_text())["seed"] == seed
    notebook_file = class_dir / "source" / "a3_escalation" / "a3_escalation.ipynb"
    assert str(seed) not in notebook_file.read_text()
    assert not list((class_dir / "source" / "a3_escalation").glob("*.json"))  # release/ copies source/ whole
    assert cli.main(["variant", "a3_escalation", "--class", str(class_dir), "--seed", "42"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("replaced") and "note: seed 42 is small" in out


@pytest.mark.parametrize("args, message", [
    (["variant", "a9_nothing", "--class", "{dir}"], "no assignment 'a9_nothing'"),
    (["variant", "a1_westernization", "--class", "{dir}/missing"], "no class folder"),
    (["variant", "a1_westernization", "--class", "{dir}", "--seed", "twelve"], "--seed must be a whole number"),
    (["variant", "a1_westernization", "--class", "{dir}", "--seed", "-3"], "--seed must be zero or more"),
])
def test_bad_input_gets_one_clear_line(tmp_path, capsys, args, message):
    code = cli.main([a.replace("{dir}", str(tmp_path)) for a in args])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and message in err
    assert not (tmp_path / "source").exists()


def test_the_courses_own_public_assignments_folder_is_refused(capsys):
    before = (paths.ASSIGNMENTS / "source" / "a1_westernization" / "a1_westernization.ipynb").read_bytes()
    assert cli.main(["variant", "a1_westernization", "--class", str(paths.ASSIGNMENTS)]) == 2
    assert "public" in capsys.readouterr().err
    assert (paths.ASSIGNMENTS / "source" / "a1_westernization" / "a1_westernization.ipynb").read_bytes() == before


def test_a_class_bank_adds_private_mcqs_and_a_malformed_one_is_named(tmp_path, capsys):
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    row = ("private-{n},kimmage_lipman,Private question {n}?,right {n},wrong a{n},wrong b{n},wrong c{n},"
           "Because {n}.,Instructor's notes {n}")
    lines = ["item_id,pool,question,answer,wrong_1,wrong_2,wrong_3,explanation,source"]
    (class_dir / "bank.csv").write_text("\n".join(lines + [row.format(n=n) for n in range(3)]) + "\n")
    result = variants.make("a1_westernization", class_dir, SEED)
    record = json.loads(result.record.read_text())
    assert sum(k.get("item", "").startswith("private-") for k in record["keys"]) == 3
    (class_dir / "bank.csv").write_text(lines[0] + "\nbad id,nowhere,q,a,b,c,d,e,f\n")
    assert cli.main(["variant", "a1_westernization", "--class", str(class_dir), "--name", "again"]) == 2
    err = capsys.readouterr().err
    assert "bank.csv" in err and not (class_dir / "source" / "again").exists()


# ---- grading --------------------------------------------------------------------------------------------

def test_a_variants_own_solution_grades_full_marks_and_wrong_answers_zero(released_class, capsys):
    class_dir, results = released_class
    assignment = "a1_westernization"
    source = nbformat.read(results[assignment].notebook, as_version=4)
    released = nbformat.read(class_dir / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    solutions = {notebook._grade_id(c): c.source.split("### BEGIN SOLUTION\n")[1].split("\n### END SOLUTION")[0]
                 for c in source.cells if notebook._grade_id(c).endswith("_answer") and c.cell_type == "code"}
    allowed = {}
    for c in source.cells:
        found = re.search(r"_allowed = (\(.*\))", c.source)
        if found:
            allowed[notebook._grade_id(c).replace("_check", "_answer")] = eval(found.group(1))
    record = {k["question"].lower() + "_answer": k for k in json.loads(results[assignment].record.read_text())["keys"]}
    wrong = {}
    for gid, key in record.items():
        variable = f"answer_{gid.split('_')[0]}" if "item" in key else re.findall(r"^(\w+) = ", solutions[gid], re.M)[-1]
        value = key["answer"]
        if "item" in key:
            bad = repr("ABCD"["ABCD".index(value) - 1])
        elif isinstance(value, list):
            bad = "[]"
        elif isinstance(value, str):
            bad = repr(next(label for label in allowed[gid] if label != value))
        else:
            bad = repr(value + 1)
        wrong[gid] = f"{variable} = {bad}"
    for student, replies in (("model", solutions), ("wrong", wrong)):
        nb = nbformat.from_dict(json.loads(json.dumps(released)))
        for cell in nb.cells:
            if notebook._grade_id(cell) in replies:
                cell.source = replies[notebook._grade_id(cell)]
        folder = class_dir / "submitted" / student / assignment
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{assignment}.ipynb")
        (folder / "timestamp.txt").write_text("2026-11-20 10:00:00")
    assert cli.main(["grade", assignment, "--course", str(class_dir), "--jobs", "2"]) == 0
    capsys.readouterr()
    marks = gradebook.cell_scores(gradebook.default_url(class_dir), class_dir, assignment)
    auto = {notebook._grade_id(c): float(c.metadata["nbgrader"]["points"]) for c in source.cells
            if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"}
    assert sum(auto.values()) == 14
    for gid, points in auto.items():
        assert marks[("model", assignment, gid)][0] == points, gid
        assert marks[("wrong", assignment, gid)][0] == 0, gid


def test_the_class_gradebook_alone_still_says_released(released_class, tmp_path):
    """With release/, the class's submissions and the exchange's copy gone, the class's gradebook (read only, as nbgrader finds it:
    SQLite here, the same code for PostgreSQL) still tells that the variant was released."""
    from course.grading import gradebook, variants

    class_dir = shutil.copytree(released_class[0], tmp_path / "class", symlinks=True)
    for step in ("release", "submitted", "autograded", "feedback"):  # what other tests may have added
        shutil.rmtree(class_dir / step, ignore_errors=True)
    outbound = variants._exchange(class_dir) / "outbound"
    if outbound.exists() and outbound.is_relative_to(class_dir):
        shutil.rmtree(outbound)
    where = variants.released_where(class_dir, "a1_westernization")
    assert where is not None and "gradebook.db" in where and "a1_westernization" in where
    assert variants.released_where(class_dir, "never_made") is None
    missing = tmp_path / "none" / "gradebook.db"
    assert not gradebook.knows_assignment(gradebook.sqlite_url(missing), "a1_westernization")
    assert not missing.exists(), "reading never creates a gradebook"


def test_a_gradebook_server_that_cannot_be_read_is_an_error_not_a_no():
    """Refusing to overwrite a release rests on this answer: an unreachable server must not read as "not
    released", and the message names the gradebook without its password."""
    from course.grading import gradebook, nbgrader_app

    with pytest.raises(nbgrader_app.NbgraderError) as caught:
        gradebook.knows_assignment("postgresql+psycopg://grader:s3cret@127.0.0.1:9/none", "a1_westernization")
    assert "cannot read the gradebook" in str(caught.value) and "s3cret" not in str(caught.value)
