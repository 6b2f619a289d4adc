"""Formgrader as an instructor uses it, in a real browser, on a class folder seeded by `course release` (the
course's own nbgrader_config.py): Manual grading → the assignment → a submission shows the essay; a mark and a
comment typed there are saved in the gradebook and appear in the grade export. A hostile submission (raw HTML
in its essay; HTML, JavaScript, Markdown and SVG outputs made by its code at grading time) opens just as well,
and nothing of it runs: no request reaches the Jupyter API from the page, no file appears, no global is set.
"""

from __future__ import annotations

import csv
import json
import textwrap
from pathlib import Path

import pytest

from course import cli, grading
from course.grading import gradebook
from nbgrader_course import answer, released, solutions, submit
from support import labrun

pytestmark = pytest.mark.browser

A1 = "a1_westernization"
ESSAY = "essay_answer"
HONEST_ESSAY = ("## Outline\n\n1. Introduction\n2. Peter the Great's westernisation\n\n"
                "Russia's turn from Europe was *gradual*, as the article argues.")
#: each would reach the instructor's Jupyter server if it ran: a file through the contents API, or a global
ATTACKS_MARKDOWN = textwrap.dedent("""\
    My essay on Russia and the West.

    <img src=x onerror="fetch('../api/contents/pwned-img.txt',{method:'PUT',headers:{'Content-Type':'application/json'},body:JSON.stringify({type:'file',format:'text',content:'x'})})">
    <svg onload="window.pwned='svg'"></svg>
    <details open ontoggle="window.pwned='details'">more</details>
    <script>window.pwned='script'</script>
    [read more](java&#115;cript:window.pwned='link')
    """)
ATTACKS_CODE = textwrap.dedent("""\
    from IPython.display import HTML, Javascript, Markdown, SVG, display
    display(HTML("<img src=x onerror=\\"window.pwned='html'; fetch('../api/kernels',{method:'POST'})\\">"))
    display(Javascript("window.pwned='javascript'"))
    display(Markdown("<img src=x onerror=\\"window.pwned='markdown'\\">"))
    display(SVG("<svg xmlns='http://www.w3.org/2000/svg'><script>window.pwned='svg-output'</script></svg>"))
    answer_q1 = "B"
    """)


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """A class folder as `course release` seeds it, two submissions graded by `course grade` (sandboxed)."""
    root = tmp_path_factory.mktemp("formgrader")
    course = root / "class"
    course.mkdir()
    assert cli.main(["release", A1, "--course", str(course)]) == 0
    release, sol = released(course, A1), solutions(A1)
    submit(course, "s2026-001", A1, answer(release, sol | {ESSAY: HONEST_ESSAY}))
    submit(course, "s2026-002", A1, answer(release, {ESSAY: ATTACKS_MARKDOWN, "q1_answer": ATTACKS_CODE}))
    summary = grading.grade(course, A1, jobs=2, progress=lambda _: None)
    assert not summary.failed, summary.lines()
    return course


@pytest.fixture(scope="module")
def formgrader(graded_class, tmp_path_factory):
    """JupyterLab started in the class folder, as an instructor starts it there; formgrader is on."""
    state = tmp_path_factory.mktemp("lab-state")
    env = labrun.isolated_environment(state)
    env.pop("JUPYTER_CONFIG_PATH", None)  # the instructor's lab: not the learner's, which hides formgrader
    port = labrun.free_port()
    with labrun.running(labrun.bare_command(graded_class, port), env, port, cwd=graded_class) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    from support.browser import chromium

    with chromium() as b:
        yield b


def _submission_id(course: Path, student: str) -> str:
    from nbgrader.api import Gradebook

    with Gradebook(gradebook.default_url(course), "russia-and-the-west") as gb:
        return gb.find_submission_notebook(A1, A1, student).id


def _watch(page) -> dict[str, list[str]]:
    """Requests the page makes to the Jupyter API (what a script run as the instructor would use)."""
    seen = {"api": [], "errors": []}
    page.on("request", lambda r: seen["api"].append(f"{r.method} {r.url}") if "/api/" in r.url
            and "/formgrader/api/" not in r.url else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


def _open_submission(page, server, submission: str) -> None:
    """Formgrader → Manual Grading → the assignment → the notebook → the submission, by clicks."""
    page.goto(server.url("formgrader/gradebook"), wait_until="networkidle")
    page.get_by_role("link", name=A1).first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name=A1).first.click()
    page.wait_for_load_state("networkidle")
    page.locator(f"a[href*='/formgrader/submissions/{submission}']").first.click()
    page.wait_for_load_state("networkidle")
    page.locator(f"#{ESSAY}").wait_for(timeout=30_000)


def test_an_instructor_marks_an_essay_in_formgrader_and_the_export_has_it(graded_class, formgrader, browser,
                                                                           tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    submission = _submission_id(graded_class, "s2026-001")
    _open_submission(page, formgrader, submission)
    body = page.locator("body").inner_text()
    assert "Russia's turn from Europe was gradual" in body  # the essay, rendered
    assert page.locator("#notebook-container h2", has_text="Outline").count() == 1
    page.locator("#notebook-container h2", has_text="Outline").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "formgrader-honest.png"))

    page.locator(f"#{ESSAY}").fill("15")
    page.locator(f"#{ESSAY}-comment").fill("A clear outline; add a Pakistan angle.")
    page.locator(f"#{ESSAY}-comment").press("Tab")  # formgrader saves a field when it loses focus
    page.wait_for_timeout(1_500)

    from nbgrader.api import Gradebook

    with Gradebook(gradebook.default_url(graded_class), "russia-and-the-west") as gb:
        grade = gb.find_grade(ESSAY, A1, A1, "s2026-001")
        comment = gb.find_comment(ESSAY, A1, A1, "s2026-001")
        assert grade.manual_score == 15.0
        assert comment.manual_comment == "A clear outline; add a Pakistan angle."
        total = gb.find_submission(A1, "s2026-001").score

    page.reload(wait_until="networkidle")  # what the next visit shows: the saved mark and comment
    page.locator(f"#{ESSAY}").wait_for()
    assert page.locator(f"#{ESSAY}").input_value() == "15"
    assert page.locator(f"#{ESSAY}-comment").input_value() == "A clear outline; add a Pakistan angle."
    assert seen["errors"] == [], seen["errors"]
    page.close()

    out = tmp_path / "grades.csv"
    assert cli.main(["export", "--course", str(graded_class), "--out", str(out)]) == 0
    rows = [r for r in csv.DictReader(out.open(encoding="utf-8")) if r.get("student_id") == "s2026-001"
            and r.get("assignment", A1) == A1]
    assert rows and float(rows[0].get("score") or rows[0].get("total")) == pytest.approx(total)
    assert total >= 15.0


def test_a_hostile_submission_opens_in_formgrader_and_nothing_of_it_runs(graded_class, formgrader, browser,
                                                                         tmp_path):
    before = sorted(p.relative_to(graded_class) for p in graded_class.rglob("*"))
    autograded = json.loads((graded_class / "autograded" / "s2026-002" / A1 / f"{A1}.ipynb").read_text())
    kinds = {k for c in autograded["cells"] for o in c.get("outputs", []) for k in o.get("data", {})}
    assert {"text/html", "application/javascript", "text/markdown", "image/svg+xml"} <= kinds  # the attack ran

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    _open_submission(page, formgrader, _submission_id(graded_class, "s2026-002"))
    if page.locator("details").count():  # a toggle handler would need the element: there must be none
        page.locator("details").first.click()
    page.mouse.move(200, 300)
    page.wait_for_timeout(2_000)
    page.get_by_text("My essay on Russia and the West.").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "formgrader-hostile.png"))

    assert "My essay on Russia and the West." in page.locator("body").inner_text()
    assert page.evaluate("() => window.pwned === undefined"), page.evaluate("() => String(window.pwned)")
    assert seen["api"] == [], seen["api"]
    assert page.locator("#notebook-container script:not([nonce]), #notebook-container svg, "
                        "#notebook-container iframe, #notebook-container [onerror]").count() == 0
    # formgrader itself still works on that page: its mark box is there and saves
    page.locator(f"#{ESSAY}").fill("0")
    page.locator(f"#{ESSAY}").press("Tab")
    page.wait_for_timeout(1_000)
    from nbgrader.api import Gradebook

    with Gradebook(gradebook.default_url(graded_class), "russia-and-the-west") as gb:
        assert gb.find_grade(ESSAY, A1, A1, "s2026-002").manual_score == 0.0
    page.close()
    after = sorted(p.relative_to(graded_class) for p in graded_class.rglob("*"))
    assert [p for p in after if p not in before and "pwned" in str(p)] == []
    assert not list(graded_class.rglob("pwned*"))
