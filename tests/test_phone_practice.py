"""Practice on a phone with only the offline site: scored self-checks that write the learner's record in the
format `course progress` reads, a timed 20-question drill, the record moved between devices as a file, and
the site installed as an app that works with no connection and survives an update. All at 360 px in
Debian's Chromium; the site is built once for the module."""

from __future__ import annotations

import copy
import functools
import http.server
import json
import re
import threading
import zipfile
from html import escape
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from course.content import paths
from course.content.banks import load_bank

LESSON = "01_westernization_and_rupture"
#: The budget of a page beyond the assets every page shares (the site's rule for new pages).
PAGE_BUDGET = 300_000


@pytest.fixture(scope="module")
def site(tmp_path_factory, executed_lessons) -> Path:
    """`course site`'s build from the session's lesson runs (tests/conftest.py), as tests/test_site.py does."""
    from course.site import build as site_module

    def execute(notebook: Path, work: Path, timeout: int = 600):
        return copy.deepcopy(executed_lessons.notebook(notebook))

    out = tmp_path_factory.mktemp("practice") / "_site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_module, "execute", execute)
        site_module.build(out, notebooks=paths.NOTEBOOKS, work=tmp_path_factory.mktemp("practice-run"),
                          log=lambda *_: None)
    return out


@pytest.fixture(scope="module")
def browser():
    from support.browser import chromium, ensure_chromium

    ensure_chromium()
    with chromium() as b:
        yield b


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture()
def served(site):
    """The site on a loopback port (a school server, or a laptop's `python -m http.server`); stoppable, so a
    test can take the network away for real."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _page(context, url):
    from support.browser import guard

    page = context.new_page()
    seen = guard(page)
    page.goto(url, wait_until="load")
    return page, seen


def _record(page) -> list[dict]:
    return page.evaluate("JSON.parse(localStorage.getItem('course-record') || '[]')")


def _wide(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.browser
def test_a_self_check_answered_wrong_then_right_is_in_the_record_course_progress_reads(site, browser, tmp_path):
    from course.learner import record, summary
    from support.browser import PHONE

    bank = {q.number: q for q in load_bank("01")}
    mcq = next(q for q in bank.values() if q.kind == "mcq")
    numeric = next(q for q in bank.values() if q.kind == "numeric")
    context = browser.new_context(viewport=PHONE)
    page, seen = _page(context, (site / f"{LESSON}.html").as_uri())
    box = page.locator(f".selfcheck-q[data-question='{mcq.number}']").first
    wrong = next(letter for letter in mcq.options if letter != mcq.answer)
    assert not box.locator("details.answer").is_visible(), "the answer shows before any try"
    box.locator(f"button.sc-option[data-letter='{wrong}']").click()
    assert "Not quite" in box.locator(".sc-status").inner_text()
    assert not box.locator("details.answer").is_visible(), "a first wrong try gives the answer away"
    box.locator(f"button.sc-option[data-letter='{mcq.answer}']").click()
    assert box.locator(".sc-status").inner_text() == "Right."
    assert mcq.explanation[:60] in box.locator("details.answer").inner_text()

    num = page.locator(f".selfcheck-q[data-question='{numeric.number}']").first
    num.locator("input").fill("forty")
    num.locator("button", has_text="Check").click()
    assert "not a number" in num.locator(".sc-status").inner_text()  # not counted
    num.locator("button.sc-reveal").click()
    num.locator("input").fill(f"{numeric.answer:g}")
    num.locator("button", has_text="Check").click()
    assert "recorded as revealed" in num.locator(".sc-status").inner_text()
    page.screenshot(path=str(tmp_path / "selfcheck-360.png"), full_page=False)
    assert _wide(page) <= PHONE["width"]

    events = _record(page)
    assert [(e["kind"], e["question"], e.get("right"), e.get("attempt"), e.get("revealed")) for e in events] == [
        ("selfcheck", mcq.number, False, 1, None), ("selfcheck", mcq.number, True, 2, None),
        ("reveal", numeric.number, None, None, None), ("selfcheck", numeric.number, True, 1, True)]
    assert all(e["lesson"] == "01" and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", e["at"]) for e in events)

    # The page's events, as a workspace's record file, are read by `course progress` as written.
    workspace = tmp_path / "ws"
    (workspace / ".course").mkdir(parents=True)
    (workspace / record.MARKER).write_text("{}")
    text = page.evaluate("CourseRecord.text()")
    (workspace / ".course" / "record.jsonl").write_text(text, encoding="utf-8")
    read = record.read(workspace)
    assert read.problems == [] and read.events == events
    state = next(s for s in summary.gather(workspace, notebooks=paths.NOTEBOOKS).lessons if s.step.name == "01")
    assert state.right == {mcq.number} and state.revealed == {numeric.number}
    assert state.first_wrong == [mcq.number]
    context.close()
    assert seen["console"] == [] and seen["pageerror"] == [] and seen["blocked"] == [], seen


def _answer_drill(page, right: int) -> list[str]:
    """Answer the drill on the page: the first `right` questions rightly, the rest wrongly. Returns the ids."""
    ids = page.locator("#drill-questions > li").evaluate_all("lis => lis.map(li => li.dataset.id)")
    answers = page.evaluate("Object.fromEntries(COURSE_PRACTICE.drill.map(i => [i.id, i.answer]))")
    for n, item in enumerate(ids):
        choice = answers[item] if n < right else (answers[item] + 1) % 4
        page.locator("#drill-questions > li").nth(n).locator(f"input[value='{choice}']").check()
    return ids


@pytest.mark.browser
def test_a_timed_drill_of_twenty_is_scored_with_explanations_and_never_repeats(site, browser, tmp_path):
    from support.browser import PHONE

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    start = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    page.clock.install(time=start)
    page.goto((site / "drill.html").as_uri())
    page.clock.pause_at(start + timedelta(seconds=5))  # the page's time moves only when the test says so
    assert page.locator("#drill-choice option").count() >= 1 + 4 + 6 and _wide(page) <= PHONE["width"]
    page.locator("#drill-start").click()
    clock = page.locator("#drill-clock")
    assert clock.inner_text() == "30:00 left" and clock.is_visible()
    assert page.locator("#drill-questions > li").count() == 20
    first = _answer_drill(page, right=15)
    page.clock.run_for(12 * 60 * 1000)
    assert clock.inner_text() == "18:00 left"
    page.locator("#drill-questions > li").nth(19).scroll_into_view_if_needed()
    assert clock.is_visible(), "the clock scrolls out of sight"
    assert page.locator("#drill-answered").inner_text() == "20 of 20 answered"
    page.screenshot(path=str(tmp_path / "drill-run-360.png"))
    page.locator("#drill-finish").click()
    assert page.locator("#drill-score").inner_text() == "You scored 15 of 20"
    assert "Time used: 12:00 of 30:00" in page.locator("#drill-time").inner_text()
    review = page.locator("#drill-review > li")
    assert review.count() == 20 and page.locator("#drill-review > li.is-wrong").count() == 5
    assert "The answer:" in review.first.locator(".drill-verdict").inner_text()  # the wrong ones come first
    for n in range(20):
        href = review.nth(n).locator(".drill-reread a").get_attribute("href")
        target = href.split("#")
        html = (site / target[0]).read_text(encoding="utf-8")
        assert len(target) == 1 or f'id="{escape(target[1], quote=False)}"' in html, f"{href} names no section"
        assert review.nth(n).locator(".drill-why").inner_text().strip()
    page.screenshot(path=str(tmp_path / "drill-result-360.png"), full_page=True)
    assert _wide(page) <= PHONE["width"]

    # A second drill asks none of the first's questions; left to run out, it is scored when time is up.
    page.locator("#drill-again").click()
    page.locator("#drill-start").click()
    second = page.locator("#drill-questions > li").evaluate_all("lis => lis.map(li => li.dataset.id)")
    assert not set(first) & set(second)
    _answer_drill(page, right=20)
    page.reload()  # a reload resumes the drill under way, clock still running from its start
    assert page.locator("#drill-answered").inner_text() == "20 of 20 answered"
    page.clock.run_for(30 * 60 * 1000)
    assert page.locator("#drill-score").inner_text() == "You scored 20 of 20"
    assert "Time was up" in page.locator("#drill-time").inner_text()
    assert page.locator("#drill-trend > li").count() == 2
    assert "against 75% on average" in page.locator("#drill-trend-note").inner_text()
    history = page.evaluate("JSON.parse(localStorage.getItem('course-drills'))")
    assert [(d["right"], d["total"], len(d["wrong"])) for d in history] == [(15, 20, 5), (20, 20, 0)]
    context.close()


@pytest.mark.browser
def test_the_record_moves_as_a_file_and_both_sides_tries_are_kept(site, browser, tmp_path):
    from support.browser import PHONE

    def answer(context, question: int, letter: str):
        page = context.new_page()
        page.goto((site / f"{LESSON}.html").as_uri(), wait_until="domcontentloaded")
        page.locator(f".selfcheck-q[data-question='{question}'] button[data-letter='{letter}']").click()
        page.close()

    bank = [q for q in load_bank("01") if q.kind == "mcq"]
    phone, laptop = browser.new_context(viewport=PHONE), browser.new_context(viewport=PHONE)
    answer(phone, bank[0].number, bank[0].answer)
    answer(laptop, bank[1].number, next(k for k in bank[1].options if k != bank[1].answer))
    answer(laptop, bank[1].number, bank[1].answer)

    page = phone.new_page()
    page.goto((site / "progress.html").as_uri())
    with page.expect_download() as download:
        page.locator("#record-export").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name == "course-record.jsonl" and len(exported.read_text().splitlines()) == 1

    other = laptop.new_page()
    other.goto((site / "progress.html").as_uri())
    bad = tmp_path / "broken.jsonl"
    bad.write_text(exported.read_text() + '{"kind": "selfcheck", "lesson": "01"\n')
    other.locator("#record-import").set_input_files(str(bad))
    status = other.locator("#record-status")
    status.filter(has_text="Imported").wait_for()
    assert "1 new events" in status.inner_text() and "broken.jsonl, line 2: not a complete JSON line" in status.inner_text()
    merged = _record(other)
    assert sorted((e["question"], e["right"]) for e in merged) == sorted(
        [(bank[0].number, True), (bank[1].number, False), (bank[1].number, True)])
    other.locator("#record-import").set_input_files(str(exported))
    status.filter(has_text="0 new events").wait_for()
    assert len(_record(other)) == 3, "an event on both sides is kept once"
    assert "3 self-check tries" in other.locator("#record-summary").inner_text()
    assert "2 of" in other.locator(".progress-lessons li[data-lesson='01'] .record-status").inner_text()
    other.screenshot(path=str(tmp_path / "progress-record-360.png"), full_page=True)
    assert _wide(other) <= PHONE["width"]
    phone.close()
    laptop.close()


def _wait_controlled(page):
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)


@pytest.mark.browser
def test_installed_site_works_offline_and_an_update_keeps_the_record(site, served, browser):
    from support.browser import PHONE

    manifest = json.loads((site / "manifest.webmanifest").read_text())
    assert manifest["display"] == "standalone" and all((site / i["src"]).is_file() for i in manifest["icons"])
    base = _url(served)
    context = browser.new_context(viewport=PHONE)
    page, seen = _page(context, f"{base}/index.html")
    _wait_controlled(page)
    assert page.evaluate("document.querySelector('link[rel=manifest]').href").endswith("/manifest.webmanifest")
    page.goto(f"{base}/{LESSON}.html", wait_until="domcontentloaded")
    q = next(q for q in load_bank("01") if q.kind == "mcq")
    page.locator(f".selfcheck-q[data-question='{q.number}'] button[data-letter='{q.answer}']").click()
    assert len(_record(page)) == 1

    # A new build is served: the page says so, and updating keeps the record.
    worker = site / "sw.js"
    original = worker.read_text()
    try:
        worker.write_text(re.sub(r'VERSION = "(\w+)"', r'VERSION = "\1-next"', original, count=1))
        page.evaluate("courseServiceWorker.update()")
        banner = page.locator("#update-banner")
        banner.wait_for(timeout=30_000)
        assert "new version of the course" in banner.inner_text()
        with page.expect_navigation():
            banner.get_by_role("button", name="Update now").click()
        _wait_controlled(page)
        version = re.search(r'VERSION = "(\w+)"', original)[1]
        assert page.evaluate("caches.keys()") == [f"course-site-{version}-next"]
        assert len(_record(page)) == 1, "the update lost the record"
    finally:
        worker.write_text(original)

    # No network at all: the server is stopped and the browser offline; every page and the drill still work.
    served.shutdown()
    context.set_offline(True)
    names = [p.name for p in sorted(site.glob("*.html"))]
    for name in names:
        page.goto(f"{base}/{name}", wait_until="domcontentloaded")
        assert page.locator("main h1").count() >= 1, f"{name} did not open offline"
    page.goto(f"{base}/drill.html")
    page.locator("#drill-start").click()
    _answer_drill(page, right=20)
    page.locator("#drill-finish").click()
    assert page.locator("#drill-score").inner_text() == "You scored 20 of 20"
    page.reload()
    assert page.locator("#drill-trend > li").count() == 1
    context.close()
    assert seen["pageerror"] == [] and seen["blocked"] == [], seen


def test_new_pages_keep_within_the_weight_budget_and_the_zip_holds_the_whole_site(site):
    from course.site.build import zip_path

    pages = sorted(site.glob("*.html"))
    loads = {p.name: set(re.findall(r'(?:src|href)="(assets/[^"#]+)"', p.read_text(encoding="utf-8"))) for p in pages}
    shared = {a for a in set().union(*loads.values()) if sum(a in used for used in loads.values()) > 1}
    for name in ("drill.html", "flashcards.html", "progress.html", "index.html", f"{LESSON}.html"):
        own = (site / name).stat().st_size + sum((site / a).stat().st_size for a in loads[name] - shared)
        assert own <= PAGE_BUDGET, f"{name} weighs {own} bytes beyond the shared assets"
    data = (site / "assets" / "practice-data.js").stat().st_size
    assert data <= PAGE_BUDGET, f"the practice data is {data} bytes"

    archive = zip_path(site)
    assert archive == site.parent / "_site.zip"
    with zipfile.ZipFile(archive) as z:
        names = set(z.namelist())
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != ".course-site"}
    assert names == {f"russia-and-the-west/{f}" for f in files}
    worker = (site / "sw.js").read_text()
    listed = set(json.loads(re.search(r"var FILES = (\[.*?\]);", worker)[1]))
    assert listed == (files - {"sw.js"}) | {"./"}, "the offline copy misses files of the site"


@pytest.mark.browser
def test_flashcards_rated_one_at_a_time_come_back_when_fsrs_says(site, browser, tmp_path):
    """The due dates the page keeps after a run of ratings are those of the FSRS project's Python scheduler
    (`fsrs`, no fuzzing, as on the page) for the same card history."""
    from fsrs import Card, Rating, Scheduler

    from support.browser import PHONE

    ratings = ["good", "good", "again", "good", "easy", "hard", "good"]
    context = browser.new_context(viewport=PHONE, timezone_id="UTC")
    page = context.new_page()
    when = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    dues, card_id = [], None
    for n, rating in enumerate(ratings):
        page.clock.set_fixed_time(when)
        page.goto((site / "flashcards.html").as_uri())
        front = page.locator("#review-front").inner_text()
        card_id = card_id or page.evaluate("COURSE_CARDS[0].id")
        assert front == page.evaluate("id => COURSE_CARDS.find(c => c.id === id).front", card_id)
        assert not page.locator("#review-rate").is_visible(), "a card can be rated before it is turned"
        page.locator("#review-show").click()
        assert page.locator("#review-back").is_visible()
        if n == 0:
            assert page.locator("#review-rate button[data-rating=good] .when").inner_text() == "10 min"
            page.screenshot(path=str(tmp_path / "flashcard-360.png"))
            assert _wide(page) <= PHONE["width"]
        page.locator(f"#review-rate button[data-rating={rating}]").click()
        due = page.evaluate("id => JSON.parse(localStorage.getItem('course-cards'))[id].due", card_id)
        when = datetime.fromisoformat(due.replace("Z", "+00:00"))
        dues.append(when)
        if n == 0:
            page.goto((site / "index.html").as_uri())
            assert page.locator("#due-today .count").inner_text() == "20"
            assert "1 to review and 19 new" in page.locator("#due-today").inner_text()

    scheduler, card = Scheduler(enable_fuzzing=False), Card(due=datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc))
    expected, at = [], card.due
    for rating in ratings:
        card, _ = scheduler.review_card(card, Rating[rating.capitalize()], review_datetime=at)
        expected.append(card.due)
        at = card.due
    assert [d.replace(microsecond=0) for d in dues] == [d.replace(microsecond=0) for d in expected]
    assert dues[-1] - dues[0] > timedelta(days=20), "the intervals did not grow"
    log = page.evaluate("JSON.parse(localStorage.getItem('course-cards-log'))")
    assert [r["rating"] for r in log] == ratings
    context.close()
