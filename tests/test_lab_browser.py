"""JupyterLab as `make lab` opens it, driven in a real browser: the start page opens with nothing covering
it, Run All works and draws a Plotly chart, nbgrader's Validate button answers on an assignment, and
`course update` merges a changed lesson into lessons JupyterLab has opened and autosaved.
"""

from __future__ import annotations

import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest

from course import cli, paths
from support import labrun

START = paths.START_PAGE


def _start_lab(root: Path):
    # autosave every second instead of JupyterLab's 120 s, so a test waits for a real autosave, only sooner
    settings = root / "state" / "settings" / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"autosaveInterval": 1}))
    return labrun.start_course_lab(root / "workspace", root / "state")


@pytest.fixture(scope="module")
def labs(tmp_path_factory):
    """Two JupyterLabs on fresh workspaces, started the way `course start` starts it, side by side (each
    start is a process of its own that mostly waits on one core); both stopped afterwards."""
    roots = [tmp_path_factory.mktemp("lab"), tmp_path_factory.mktemp("fresh-lab")]
    with ExitStack() as stack, ThreadPoolExecutor(max_workers=len(roots)) as pool:
        starting = [pool.submit(lambda root=root: stack.enter_context(_start_lab(root))) for root in roots]
        servers = [future.result() for future in starting]
        yield {"lab": (servers[0], roots[0] / "workspace"), "fresh": (servers[1], roots[1] / "workspace")}


@pytest.fixture(scope="module")
def lab(labs):
    """JupyterLab on a fresh workspace, shared by the tests that look at the start page and assignments."""
    return labs["lab"]


@pytest.fixture(scope="module")
def fresh_lab(labs):
    """Another JupyterLab on a workspace of its own, as on a learner's first day (no tabs to restore):
    only the update test opens it."""
    return labs["fresh"]


@pytest.fixture(scope="session")
def chromium_present():
    """Debian's chromium (installed before the suite by tests/support/system-packages.sh; else skipped)."""
    from support.browser import ensure_chromium

    return ensure_chromium()


@pytest.fixture(scope="module")
def page(chromium_present, lab):
    from support.browser import DESKTOP, chromium, guard

    with chromium() as browser:
        p = browser.new_page(viewport=DESKTOP)
        p.seen = guard(p)
        yield p
        p.close()


@pytest.fixture(scope="module")
def screens(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lab-screens")


def test_start_page_opens_with_nothing_covering_it(lab, page, screens):
    server, _ = lab
    labrun.open_notebook(page, server.url(""))
    assert page.url.split("?")[0].endswith(f"/lab/tree/{START}")
    page.wait_for_timeout(2_000)  # a news prompt or dialog appears shortly after start-up, if at all
    page.screenshot(path=str(screens / "start-page.png"))
    assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").first.inner_text()
    assert page.get_by_text("Jupyter news").count() == 0
    toasts = page.locator(".jp-toast-message, .Toastify__toast")
    assert toasts.count() == 0, [toasts.nth(i).inner_text() for i in range(toasts.count())]
    assert page.seen["blocked"] == [], f"JupyterLab reached outside the machine: {page.seen['blocked']}"


def test_the_learners_lab_hides_instructor_tools_and_keeps_the_terminal_quiet(lab, page):
    server, _ = lab
    page.wait_for_timeout(1_000)
    assert page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text="Nbgrader").count() <= 1
    text = page.locator("body").inner_text()
    assert "Formgrader" not in text and "Create Assignment" not in text
    assert page.locator("#create_assignment, .nbgrader-CreateAssignmentWidget").count() == 0
    # a kernel is running (the start page's): no encryption warning, no info lines, only the address block
    assert not [line for line in server.log if "without encryption" in line]
    assert not [line for line in server.log if line.startswith(("[I ", "[W "))], server.log
    assert any(server.url("").split("?")[0].rstrip("/") in line for line in server.log)


def test_run_all_draws_a_chart(lab, page, screens):
    labrun.run_all(page)
    labrun.first_chart(page)
    page.locator(labrun.CHART).first.scroll_into_view_if_needed()
    page.wait_for_timeout(1_000)
    page.screenshot(path=str(screens / "start-page-chart.png"))
    assert page.seen["blocked"] == []


def _assignment(workspace: Path) -> str:
    """The first assignment notebook `course start` placed in the workspace, as a learner finds it."""
    found = sorted(workspace.glob("assignments/*/*.ipynb"))
    assert found, "course start puts the student versions of the assignments in the workspace"
    return found[0].relative_to(workspace).as_posix()


def test_validate_button_reports_on_an_assignment(lab, page, screens):
    server, workspace = lab
    notebook = _assignment(workspace)
    labrun.open_notebook(page, server.url(f"lab/tree/{notebook}"))
    page.locator(f"{labrun.NOTEBOOK} .validate-button").first.click()
    dialog = page.locator(".jp-Dialog", has_text="Validation Results")
    dialog.wait_for(timeout=180_000)
    page.screenshot(path=str(screens / "validate.png"))
    body = dialog.locator(".validation-success, .validation-failed")
    assert body.count() == 1, dialog.inner_text()
    # the learner has answered nothing yet: Validate must say so (about this notebook), not report success
    assert dialog.locator(".validation-failed").count() == 1, dialog.inner_text()
    assert "answer_q1" in dialog.inner_text()


def _wait_for_change(page, path: Path, before: bytes, timeout: float = 90, containing: str = "") -> None:
    """Wait for JupyterLab to write `path` (with `containing` in it, if given), in the page's own time (its
    request handlers run while it waits). An autosave may write before or after Control+S: either counts."""
    deadline = time.monotonic() + timeout
    while (now := path.read_bytes()) == before or containing.encode() not in now:
        assert time.monotonic() < deadline, f"JupyterLab never saved {path.name}"
        page.wait_for_timeout(500)


def test_update_merges_a_changed_lesson_into_opened_lessons(fresh_lab, page, screens, tmp_path, monkeypatch,
                                                            capsys):
    server, workspace = fresh_lab
    lessons = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
    for lesson in lessons:  # open every lesson; JupyterLab marks each dirty and autosaves it
        mine = workspace / "notebooks" / lesson.name
        delivered = lesson.read_bytes()
        labrun.open_notebook(page, server.url(f"lab/tree/notebooks/{lesson.name}"))
        _wait_for_change(page, mine, delivered)
    target = lessons[1].name
    labrun.open_notebook(page, server.url(f"lab/tree/notebooks/{target}"))
    mine = workspace / "notebooks" / target
    before = mine.read_bytes()
    page.locator(f"{labrun.NOTEBOOK} .jp-Cell").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")  # a new cell below, as a learner adds one
    page.keyboard.press("Enter")
    page.keyboard.type("# my own note on the article")
    page.keyboard.press("Control+s")
    _wait_for_change(page, mine, before, containing="my own note on the article")
    assert "my own note on the article" in mine.read_text()
    page.screenshot(path=str(screens / "own-cell.png"))
    page.goto("about:blank")  # the learner closes the browser before updating

    course = tmp_path / "notebooks"  # the course's next version: one paragraph of that lesson corrected
    shutil.copytree(paths.NOTEBOOKS, course)
    nb = json.loads((course / target).read_text())
    changed = next(c for c in nb["cells"] if c["cell_type"] == "markdown" and c is not nb["cells"][0])
    changed["source"] = "".join(changed["source"]) + "\n\nA corrected paragraph."
    (course / target).write_text(json.dumps(nb, indent=1))
    monkeypatch.setattr(paths, "NOTEBOOKS", course)
    capsys.readouterr()
    assert cli.main(["update", "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    merged = json.loads(mine.read_text())
    sources = {c["id"]: "".join(c["source"]) for c in merged["cells"]}
    assert sources[changed["id"]].endswith("A corrected paragraph.")
    assert any("my own note on the article" in text for text in sources.values())
    assert "Course update" not in mine.read_text()  # no conflict: the learner never touched that paragraph
    assert out.strip().splitlines() == [f"updated notebooks/{target}: the course's changes are in, "
                                        "your own cells and answers are kept"], out
    assert list(workspace.rglob("*.updated-*")) == []
