"""The essay coach: precision and recall of its fact and figure flags on the test set, the rubric notes, bad
input, and the command line."""

import re

import pytest

from course.learner import coach
from course.content import data
from course.cli import main
from tests.coach_answers import BASE, CASES, FIT
from tests.coach_tuning import TUNING

FLAGGED = ("fact", "figure")
MIN_PRECISION, MIN_RECALL = 0.90, 0.80


def _flags(review):
    return [f.written for f in review.findings if f.kind in FLAGGED]


def test_precision_and_recall_of_fact_and_figure_flags(capsys):
    """On the whole tuning set: the course's own answers and the answers in varied wordings."""
    assert len(CASES) >= 30 and len(TUNING) >= 20
    tp = fp = fn = 0
    for _name, text, expected in CASES + TUNING:
        if "flags" not in expected:
            continue
        got = _flags(coach.review(text))
        want = list(expected["flags"])
        for written in got:
            if written in want:
                want.remove(written)
                tp += 1
            else:
                fp += 1
        fn += len(want)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    with capsys.disabled():
        print(f"\ncoach fact/figure flags: precision {precision:.0%} recall {recall:.0%} (tp={tp} fp={fp} fn={fn})")
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL


@pytest.mark.parametrize("name,text,expected", TUNING, ids=[c[0] for c in TUNING])
def test_varied_wording_case(name, text, expected):
    """Each answer in other words gets exactly its planted flags, and its traps none."""
    assert sorted(_flags(coach.review(text))) == sorted(expected["flags"])


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_case(name, text, expected):
    review = coach.review(text)
    kinds = {f.kind for f in review.findings}
    if expected.get("flags") == []:
        assert _flags(review) == [], "a right fact must never be flagged"
    assert expected.get("kinds", set()) <= kinds
    assert not (expected.get("absent", set()) & kinds)
    if "article_errors" in expected:
        assert len(review.of_kind("article_error")) == expected["article_errors"]


def test_a_flag_points_at_the_answer_and_names_the_table_date_and_source():
    text = BASE.replace("annexed Crimea in March 2014", "annexed Crimea in 2013")
    (finding,) = coach.review(text).of_kind("fact")
    start, end = finding.span
    assert text[start:end] == "2013" == finding.written
    assert finding.expected.startswith("2014") and finding.source
    assert "2014" in finding.message and "Check the date" in finding.message


@pytest.mark.parametrize("name,text,question_id,misfit", FIT, ids=[f[0] for f in FIT])
def test_question_fit(name, text, question_id, misfit):
    kinds = {f.kind for f in coach.review(text, question_id=question_id).findings}
    assert ("question_fit" in kinds) == misfit


def test_every_article_error_pattern_finds_its_own_claim_and_not_its_correction():
    for row in data.load("article_errors").itertuples():
        assert re.search(row.pattern, row.claim, re.I), row.error_id
        if row.unless:
            re.compile(row.unless)
        found = coach.review(row.claim + ".").of_kind("article_error")
        assert [f.expected for f in found] == [row.correction], row.error_id


@pytest.mark.parametrize("text,says", [
    ("", "empty"),
    ("Write your outline first, then your answer, in this cell (double-click to edit).", "empty"),
    ("Россия аннексировала Крым в 2014 году, и отношения с Западом были разорваны надолго.", "English"),
    ("word " * 50_000, "first 5,000"),
    ("<p>Crimea was annexed in <b>2013</b>.</p><script>alert(1)</script>", "HTML"),
])
def test_bad_input_gets_a_clear_review(text, says):
    review = coach.review(text)
    shown = str(review)
    assert says in shown
    assert "<script>" not in review._repr_html_()


def test_tables_and_code_in_markdown_do_not_break_the_review():
    text = BASE + "\n\n| year | event |\n| --- | --- |\n| 2013 | Crimea annexed |\n\n```python\nprint(2013)\n```\n"
    review = coach.review(text)
    assert _flags(review) == []


def test_html_fragment_escapes_the_answer():
    review = coach.review("<img src=x onerror=alert(1)> Crimea was annexed in 2013 & more.")
    assert "onerror" not in review._repr_html_()


def test_coach_prints_the_review(capsys, monkeypatch):
    # outside Jupyter (an IPython shell another test left running would make it display HTML instead)
    monkeypatch.setattr("IPython.get_ipython", lambda: None)
    coach.coach(BASE.replace("annexed Crimea in March 2014", "annexed Crimea in 2013"))
    out = capsys.readouterr().out
    assert "Essay coach" in out and "2013" in out and "not a mark" in out


def test_cli_reviews_a_markdown_file(tmp_path, capsys):
    path = tmp_path / "answer.md"
    path.write_text(BASE.replace("annexed Crimea in March 2014", "annexed Crimea in 2013"), encoding="utf-8")
    assert main(["coach", str(path), "--question", "css-2022-ca-q7"]) == 0
    out = capsys.readouterr().out
    assert "[fact]" in out and "2013" in out


def test_cli_reviews_the_workspace_essays(tmp_path, capsys):
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_markdown_cell(BASE.replace("on 24 February 2022", "on 24 February 2021"))
    cell.metadata["nbgrader"] = {"grade_id": "essay_answer", "solution": True, "grade": True, "points": 20}
    nb.cells = [nbformat.v4.new_markdown_cell("Question id: css-2022-ca-q7"), cell]
    folder = tmp_path / "assignments" / "a1_westernization"
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / "a1_westernization.ipynb")
    assert main(["coach", "a1_westernization", "--workspace", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "essay_answer" in out and "24 February 2021" in out


def test_class_report_is_offline_escaped_html_with_notes_not_scores(tmp_path):
    import nbformat

    for student, text in (("s1", BASE), ("s2", "<script>alert('x')</script> Crimea was annexed in 2013.")):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_markdown_cell(text)
        cell.metadata["nbgrader"] = {"grade_id": "essay_answer", "solution": True, "grade": True, "points": 20}
        nb.cells = [cell]
        folder = tmp_path / "submitted" / student / "a1_westernization"
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / "a1_westernization.ipynb")
    out = tmp_path / "report"
    assert main(["coach", "a1_westernization", "--class", str(tmp_path), "--out", str(out)]) == 0
    page = (out / "a1_westernization.html").read_text(encoding="utf-8")
    assert "s1" in page and "s2" in page and "&lt;script&gt;" in page and "<script>" not in page
    assert "http" not in page.split("<body", 1)[0]  # nothing loaded from the network
    assert "score" not in page.lower().replace("not a score", "")


def test_cli_explains_a_broken_notebook_or_unknown_question(tmp_path, capsys):
    broken = tmp_path / "answer.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["coach", str(broken)]) == 2
    answer = tmp_path / "answer.md"
    answer.write_text(BASE, encoding="utf-8")
    assert main(["coach", str(answer), "--question", "css-1999-no-such"]) == 2
    assert main(["coach", "no_such_assignment", "--workspace", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "answer.ipynb" in err and "css-1999-no-such" in err and "no_such_assignment" in err


def test_the_course_own_text_gets_no_fact_or_figure_flag():
    """The lessons and model answers state the facts as the tables do: a right fact is never flagged."""
    import json

    from course.content import paths

    notebooks = sorted(paths.NOTEBOOKS.glob("*.ipynb")) + sorted(paths.ASSIGNMENTS.glob("source/*/*.ipynb"))
    flagged = []
    for notebook in notebooks:
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                text = "".join(cell["source"])
                flagged += [(notebook.name, f.written) for f in coach.review(text).of_kind(*FLAGGED)]
    assert len(notebooks) >= 8 and flagged == []


def test_table_cache_is_written_and_read_back(tmp_path, monkeypatch):
    from course.learner.coach import tables

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tables.tables.cache_clear()
    try:
        first = tables.tables()
        (cached,) = list(tmp_path.glob("russia-and-the-west/coach-*.json"))
        tables.tables.cache_clear()
        assert tables.tables() == first and cached.exists()
        assert {row["error_id"] for row in first["article_errors"]} == set(data.load("article_errors")["error_id"])
    finally:
        tables.tables.cache_clear()


# the matcher's behaviours, one by one

@pytest.mark.parametrize("text,written", [
    ("Russia launched its full-scale invasion on the twenty-fourth of February 2021.",
     "the twenty-fourth of February 2021"),
    ("Russia launched its full-scale invasion on February the 24th, 2021.", "February the 24th, 2021"),
    ("Russia seized Crimea in the spring of 2013.", "the spring of 2013"),
    ("The Soviet Union collapsed in 1990.", "1990"),
    ("Russia launched its full-scale invasion on 2021-02-24.", "2021-02-24"),
])
def test_dates_in_words_or_figures_and_a_year_alone(text, written):
    assert _flags(coach.review(text)) == [written]


def test_two_events_in_one_sentence_keep_their_own_dates():
    right = "Finland joined NATO on 4 April 2023 and Sweden on 7 March 2024."
    assert _flags(coach.review(right)) == []
    (finding,) = coach.review("Finland joined NATO on 4 April 2023 and Sweden on 7 March 2023.").of_kind("fact")
    assert finding.written == "7 March 2023" and "Sweden" in finding.message and finding.expected == "2024-03-07"
    (finding,) = coach.review("The Berlin Wall fell in 1989 and the USSR was dissolved in 1990.").of_kind("fact")
    assert finding.written == "1990" and "USSR" in finding.message


def test_a_clause_keeps_its_event_across_commas():
    assert _flags(coach.review("The Budapest Memorandum, signed on 5 December 1995, failed Ukraine.")) == \
        ["5 December 1995"]
    assert _flags(coach.review("Imran Khan, who met Putin in Moscow on 24 February 2022, came to power in 2018.")) \
        == []


@pytest.mark.parametrize("text,written", [
    ("The UN General Assembly resolution of 2 March 2022 passed with 141 in favour, 5 against and 38 abstentions.",
     ["141 in favour, 5 against and 38 abstentions"]),
    ("The General Assembly resolution of 2 March 2022 passed 141-5-38.", ["141-5-38"]),
    ("The General Assembly resolution of 2 March 2022 won 145 votes.", ["145 votes"]),
    ("The General Assembly resolution of 2 March 2022 passed by 141 votes to 5 with 35 abstentions.", []),
    ("The General Assembly suspended Russia from the Human Rights Council by 93-24-58, and on the first "
     "anniversary it passed 141-7-32.", []),
    ("In February 2025 the General Assembly anniversary resolution passed 93-18-65.", []),
])
def test_vote_tallies_in_several_styles_each_against_its_own_resolution(text, written):
    assert _flags(coach.review(text)) == written


def test_when_two_events_fit_the_date_decides_or_the_coach_stays_silent():
    # the talks of 2022 and of 2025 were both in Istanbul: a year that fits neither is not guessed at
    talks = "The Istanbul talks between the Russian and Ukrainian delegations took place in {}."
    assert _flags(coach.review(talks.format("May 2025"))) == []
    assert _flags(coach.review(talks.format("2023"))) == []
    (finding,) = coach.review(talks.format("March 2025")).of_kind("fact")
    assert finding.expected == "2025-05-16"
    # and an event the tables do not hold stays silent
    assert _flags(coach.review("The Cuban missile crisis of 1961 and Stalin's death in 1952 shaped Soviet caution.")) \
        == []


def test_the_source_shown_is_the_rows_best():
    from course.learner.coach import sources

    cell = "https://someone.blogspot.com/2008/08/war ; https://www.nato.int/docu/pr/2008/p08-049e.html"
    assert sources.best(cell) == "https://www.nato.int/docu/pr/2008/p08-049e.html"
    (finding,) = coach.review("The Russo-Georgian war broke out in August 2009.").of_kind("fact")
    assert "blogspot" not in finding.source and "wikipedia" in finding.source
    for row in data.load("events").itertuples():
        parts = [p.strip() for p in row.source.split(" ; ")]
        if any(sources.rank(p) == 0 for p in parts):
            assert sources.rank(sources.best(row.source)) == 0, row.event_id


def test_rubric_notes_fit_the_question_asked():
    answer = "The Soviet Union was a cautious power in Europe, and it avoided war with the United States."
    cold_war = " ".join(f.message for f in coach.review(answer, question_id="css-2011-ir-q7").findings)
    assert "1979" in cold_war or "1975" in cold_war
    assert not re.search(r"2022|Imran|Bucharest|Mearsheimer", cold_war)
    ukraine = " ".join(f.message for f in coach.review(answer, question_id="css-2022-ca-q2").findings)
    assert "2022" in ukraine
    theories = " ".join(f.message for f in coach.review(answer, question_id="css-2023-ir1-q2").findings)
    assert "constructivism and realism" in theories


@pytest.mark.parametrize("text,says", [
    ("", "nothing to check"),
    ("روس نے 2014 میں کریمیا پر قبضہ کیا اور مغرب سے تعلقات ٹوٹ گئے۔ " * 40, "could not check this one"),
    (" ".join([BASE] * 40), "first 5,000"),
])
def test_bad_input_says_what_it_can_and_cannot_check(text, says):
    shown = str(coach.review(text))
    assert says in shown and "cannot check" in shown


def test_a_1500_word_answer_is_reviewed_quickly():
    import time

    text = "\n\n".join([BASE] + [t for _, t, _ in TUNING])
    while len(text.split()) < 1500:
        text += "\n\n" + BASE
    coach.review(BASE)  # tables loaded and patterns compiled once, as in a notebook
    start = time.perf_counter()
    coach.review(" ".join(text.split(" ")[:1500]))
    assert time.perf_counter() - start < 3  # generous: under a second on a laptop
