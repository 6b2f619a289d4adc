"""`course feedback`: a page only for students whose marking is done, and a page a student can read on a phone.

One class (assignment 1 released in a temporary folder) with three students: the essay marked, the essay not
marked yet, and the essay left untouched (scored 0 by nbgrader, so autograded only). Graded once per module.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil

import pytest
from nbgrader.api import Gradebook

from course import cli, grading
from course.grading import gradebook
from nbgrader_course import answer, copy_course, released, solutions, submit

A1 = "a1_westernization"
ESSAY = ("## My outline\n\n1. first point\n2. second point\n\n- a list item\n\nA paragraph with a "
         "very_long_unbroken_word_" + "x" * 120 + "\n\n```\n" + "a_long_line_of_code = " + "1 + " * 60 + "1\n```\n")
COMMENT = "A clear outline. **Evidence**: add dates to your second point."


def course_feedback(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["feedback", A1, *args])
    return code, out.getvalue()


def mark_essay(course, student: str, score: float, comment: str = "") -> None:
    with Gradebook(gradebook.default_url(course), "russia-and-the-west") as gb:
        gb.find_grade("essay_answer", A1, A1, student).manual_score = score
        if comment:
            gb.find_comment("essay_answer", A1, A1, student).manual_comment = comment
        gb.db.commit()


def page(course, student: str) -> str:
    return (course / "feedback" / student / A1 / f"{A1}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("feedback") / "class", "c.Execute.timeout = 20")
    assert cli.main(["release", A1, "--course", str(course)]) == 0
    student_version, key = released(course, A1), solutions(A1)
    with_essay = key | {"essay_answer": ESSAY, "q1_answer": 'answer_q1 = "A"'}  # Q1 wrong on purpose
    submit(course, "essay-marked", A1, answer(student_version, with_essay))
    submit(course, "essay-unmarked", A1, answer(student_version, with_essay))
    submit(course, "auto-only", A1, answer(student_version, {k: v for k, v in key.items() if k != "essay_answer"}))
    summary = grading.grade(course, A1, jobs=2, progress=lambda _: None)
    assert {o.student for o in summary.outcomes if o.status == "graded"} == {"essay-marked", "essay-unmarked",
                                                                               "auto-only"}
    mark_essay(course, "essay-marked", 14.0, COMMENT)
    return course


@pytest.fixture(scope="module")
def held(graded):
    """The first run: only finished marking is returned."""
    code, out = course_feedback("--course", str(graded))
    pages = {p.parent.parent.name for p in (graded / "feedback").glob(f"*/{A1}/{A1}.html")}
    return code, out, pages


@pytest.fixture(scope="module")
def unfinished(held, graded):
    """A second run with --unfinished: the waiting student gets a page that says so."""
    code, out = course_feedback("--course", str(graded), "--unfinished")
    return code, out, page(graded, "essay-unmarked")


def test_only_students_whose_marking_is_done_get_feedback(held):
    code, out, pages = held
    assert code == 0
    assert pages == {"essay-marked", "auto-only"}
    assert "essay-unmarked: Q9" in out  # who waits, and for which question
    assert "2 returned, 1 waiting for marking" in out.splitlines()[-1]


def test_unfinished_pages_say_what_is_still_to_be_marked(graded, unfinished):
    code, out, html = unfinished
    assert code == 0 and "1 waiting for marking" in out
    notice = re.search(r'<div class="fb-unfinished"[^>]*>(.*?)</div>', html, re.S)
    assert notice and "Marking is not finished" in notice.group(1) and "Q9" in notice.group(1)
    assert html.index("Marking is not finished") < html.index('id="notebook"')  # at the top, before the cells
    assert "not marked yet" in html and "Score so far" in html
    assert "Marking is not finished" not in page(graded, "essay-marked")


def test_the_page_shows_scores_messages_and_the_essay_not_the_tests(graded, held):
    html = page(graded, "essay-marked")
    assert re.search(r'<meta (?=[^>]*name="viewport")[^>]*content="width=device-width, initial-scale=1"', html)
    assert "BEGIN HIDDEN TESTS" not in html and "assert " not in html and "sha1(" not in html
    summary = html[html.index('<header class="fb-summary">'):html.index("</header>")]
    assert re.search(r"Q1</a>.*?0 / 1", summary, re.S) and re.search(r"Q9</a>.*?14 / 20", summary, re.S)
    assert "Q2: right, (D)." in html  # the MCQ check's message: the key and the reason
    assert "value of answer_q1 is not correct" in html  # a failed check's AssertionError message
    essay = html[html.index('id="essay_answer"'):]
    assert "<h2>My outline" in essay and "<li>first point</li>" in essay and "<li>a list item</li>" in essay
    assert "Your instructor's comment" in essay and "<strong>Evidence</strong>" in essay
    assert essay.index("Your instructor's comment") < essay.index("My outline")  # the mark first, then the essay


def test_a_page_returned_unfinished_is_written_again_once_marked(graded, unfinished):
    mark_essay(graded, "essay-unmarked", 11.0)
    code, out = course_feedback("--course", str(graded))
    assert code == 0 and "3 returned, 0 waiting for marking" in out
    html = page(graded, "essay-unmarked")
    assert "Marking is not finished" not in html and re.search(r"Q9</a>.*?11 / 20", html, re.S)


@pytest.fixture(scope="module")
def chromium_present():
    """Debian's chromium (installed before the suite by tests/support/system-packages.sh; else skipped)."""
    from support.browser import ensure_chromium

    return ensure_chromium()


@pytest.mark.browser
def test_the_page_reads_on_a_360_px_phone(graded, held, chromium_present, tmp_path):
    from support.browser import PHONE, chromium, guard

    shutil.copy(graded / "feedback" / "essay-marked" / A1 / f"{A1}.html", tmp_path / "feedback.html")
    with chromium() as browser:
        tab = browser.new_page(viewport=PHONE)
        seen = guard(tab)
        tab.goto((tmp_path / "feedback.html").as_uri())
        tab.wait_for_selector(".course-chart .main-svg")  # the chart's script ran under the page's policy
        width = tab.evaluate("document.scrollingElement.scrollWidth")
        font = tab.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        essay_font = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('.fb-essay p')).fontSize)")
        tab.screenshot(path=str(tmp_path / "feedback-360.png"), full_page=True)
        tab.locator("#essay_answer").scroll_into_view_if_needed()
        tab.screenshot(path=str(tmp_path / "feedback-360-essay.png"))
    assert width <= PHONE["width"] + 1, "no sideways scroll on a phone"
    assert font >= 15 and essay_font >= 15
    assert seen["pageerror"] == [] and seen["blocked"] == []
    assert (tmp_path / "feedback-360.png").stat().st_size > 10_000
