"""JupyterLab as `make lab` opens it, driven in a real browser: the start page opens with nothing covering
it, Run All works and draws a Plotly chart, and nbgrader's Validate button answers on an assignment.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course import paths
from support import labrun

START = paths.START_PAGE


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a fresh workspace, started the way `course start` starts it; stopped afterwards."""
    root = tmp_path_factory.mktemp("lab")
    with labrun.start_course_lab(root / "workspace", root / "state") as server:
        yield server, root / "workspace"


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
