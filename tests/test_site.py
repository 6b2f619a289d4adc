"""The offline course website: built from the executed lessons, every page loads in a real browser with no
console error and no request leaving the site, every chart draws, and a 360 px phone screen shows it well.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import http.server
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from course.content import paths
from course.content.data import load


LESSONS = [p.stem for p in sorted(paths.NOTEBOOKS.glob("*.ipynb"))]
PAGES = ["index", "timeline", "glossary", "questions", "revision", "keydates", "flashcards", "progress", "drill", *LESSONS]
CHART_PAGES = {"timeline", *LESSONS}


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.ipynb"))}


@pytest.fixture(scope="module")
def site(tmp_path_factory, executed_lessons) -> Path:
    """`course site`'s build, its lessons' runs taken from the session's (tests/conftest.py): the same
    `execute` on the same notebooks, which test_lessons checks, so no lesson runs twice."""
    from course.site import build as site_module
    from course.site.build import build

    def execute(notebook: Path, work: Path, timeout: int = 600):
        assert notebook.parent == paths.NOTEBOOKS
        return copy.deepcopy(executed_lessons.notebook(notebook))  # the build may not alter test_lessons' copy

    before = _digests(paths.NOTEBOOKS)
    out = tmp_path_factory.mktemp("site") / "_site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_module, "execute", execute)
        build(out, notebooks=paths.NOTEBOOKS, work=tmp_path_factory.mktemp("site-run"), log=lambda *_: None)
    assert _digests(paths.NOTEBOOKS) == before, "building the site changed notebooks/"
    return out


@pytest.fixture(scope="session")
def chromium_present():
    """Debian's chromium (installed before the suite by tests/support/system-packages.sh; else skipped)."""
    from support.browser import ensure_chromium

    return ensure_chromium()


@pytest.fixture(scope="module")
def browser(chromium_present):
    from support.browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def screens(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screens")


class _Refs(HTMLParser):
    """Every URL a page would load by itself: script src, link href, img/source/iframe src."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio", "embed") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href"):
            self.loads.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def _refs(page: Path) -> _Refs:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_page_and_the_shared_assets_are_there(site):
    assert sorted(p.stem for p in site.glob("*.html")) == sorted(PAGES)
    scripts = sorted(p.name for p in (site / "assets").glob("*.js"))
    assert [s for s in scripts if s.startswith("plotly")] == ["plotly-basic.min.js"]


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_nothing_from_outside_and_links_resolve(site, name):
    page = site / f"{name}.html"
    refs = _refs(page)
    remote = [u for u in refs.loads if re.match(r"^([a-z][a-z0-9+.-]*:)?//", u, re.I) and not u.startswith("data:")]
    assert remote == [], f"{name} loads from the network: {remote}"
    for url in refs.loads + [u for u in refs.links if not re.match(r"^[a-z]+:", u) and not u.startswith("#")]:
        assert (site / url.split("#")[0]).exists(), f"{name} points to a missing file {url}"
    text = page.read_text(encoding="utf-8")
    assert "plotly.js (basic" not in text, "plotly.js is inlined instead of shared"


def test_stylesheet_fetches_no_font_or_image_from_outside(site):
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", css)


def test_no_assignment_or_solution_is_published(site):
    everything = [p for p in site.rglob("*") if p.is_file()]
    assert not any("assignment" in p.name.lower() for p in everything)
    for p in everything:
        if p.suffix in (".html", ".js", ".css"):
            text = p.read_text(encoding="utf-8")
            assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, p.name


def test_tables_are_published_whole(site):
    timeline = (site / "timeline.html").read_text(encoding="utf-8")
    assert all(f'id="{e}"' in timeline for e in load("events")["event_id"])
    questions = (site / "questions.html").read_text(encoding="utf-8")
    assert all(f'id="{q}"' in questions for q in load("questions")["question_id"])
    glossary = (site / "glossary.html").read_text(encoding="utf-8")
    assert glossary.count("<dt ") == len(load("glossary"))


def _open(browser, url: str, viewport: dict):
    from support.browser import guard

    page = browser.new_page(viewport=viewport)
    seen = guard(page)
    page.goto(url, wait_until="load")
    page.wait_for_function("document.fonts ? document.fonts.status === 'loaded' : true")
    return page, seen


def _check_charts(page, name: str) -> int:
    charts = page.locator(".course-chart")
    count = charts.count()
    for i in range(count):
        charts.nth(i).locator("svg.main-svg").first.wait_for(state="attached", timeout=15_000)
    if name in CHART_PAGES:
        assert count >= 1, f"{name} shows no chart"
    return count


@pytest.mark.parametrize("name", PAGES)
def test_page_in_a_phone_browser(site, browser, screens, name):
    from support.browser import PHONE

    page, seen = _open(browser, (site / f"{name}.html").as_uri(), PHONE)
    try:
        _check_charts(page, name)
        page.screenshot(path=str(screens / f"{name}-360.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} scrolls sideways at 360 px ({width} px wide)"
        unhinted = page.evaluate("""() => Array.from(document.querySelectorAll('main *')).filter(el => {
            const style = getComputedStyle(el);
            if (!['auto', 'scroll'].includes(style.overflowX) || el.closest('details:not([open])')) return false;
            if (el.offsetParent === null || el.scrollWidth <= el.clientWidth + 2) return false;
            const hint = el.previousElementSibling;
            return !(el.classList.contains('scrolls-x') && hint && hint.classList.contains('scroll-hint')
                     && hint.offsetParent !== null);
        }).map(el => el.tagName + '.' + el.className)""")
        assert unhinted == [], f"{name}: parts scroll sideways with no hint: {unhinted}"
        clipped = page.evaluate("""() => Array.from(document.querySelectorAll('.course-chart')).map(chart => {
            const svg = chart.querySelector('svg.main-svg'), title = chart.querySelector('.gtitle');
            if (!svg || !title) return null;
            const box = title.getBoundingClientRect(), frame = svg.getBoundingClientRect();
            return box.left >= frame.left - 1 && box.right <= frame.right + 1 ? null : title.textContent;
        }).filter(Boolean)""")
        assert clipped == [], f"{name}: chart titles wider than their chart: {clipped}"
        nav = page.locator("nav.mainnav a")
        assert nav.count() == 4 and all(nav.nth(i).bounding_box()["height"] >= 44 for i in range(4))
    finally:
        page.close()
    assert seen["blocked"] == [], f"requests leaving the site: {seen['blocked']}"
    assert seen["console"] == [] and seen["pageerror"] == [], seen
    assert seen["failed"] == [], seen["failed"]


def test_timeline_table_filters(site, browser):
    from support.browser import PHONE

    page, _ = _open(browser, (site / "timeline.html").as_uri(), PHONE)
    try:
        rows = page.locator("#event-table tbody tr")
        total = rows.count()
        page.select_option("#event-category", "pakistan")
        shown = page.locator("#event-table tbody tr:not([hidden])").count()
        assert 0 < shown < total
        assert page.locator("#event-count").inner_text() == f"{shown} event" + ("" if shown == 1 else "s")
    finally:
        page.close()


def test_lesson_prints_as_revision_notes(site, browser):
    from support.browser import DESKTOP

    name = LESSONS[-1]
    page, _ = _open(browser, (site / f"{name}.html").as_uri(), DESKTOP)
    try:
        page.emulate_media(media="print")
        assert not page.locator("nav.mainnav").is_visible()
        assert not page.locator("details.code pre").first.is_visible()
        assert page.locator(".course-chart svg.main-svg").first.is_visible()
    finally:
        page.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(site):
    """The site served from its folder on a loopback port, as a teacher's laptop or a school server would."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("name", ["index", LESSONS[0] if LESSONS else "index", "timeline"])
def test_page_served_from_a_folder(served, browser, name):
    from support.browser import DESKTOP

    page, seen = _open(browser, f"{served}/{name}.html", DESKTOP)
    try:
        _check_charts(page, name)
    finally:
        page.close()
    assert seen["blocked"] == [] and seen["console"] == [] and seen["pageerror"] == [] and seen["failed"] == [], seen


def test_build_refuses_to_replace_a_folder_it_did_not_build(tmp_path):
    from course.site.build import build

    (tmp_path / "notes.txt").write_text("a learner's own file")
    with pytest.raises(FileExistsError):
        build(tmp_path, log=lambda *_: None)
    assert (tmp_path / "notes.txt").exists()


@pytest.mark.parametrize("word", ["Minsk", "Budapest"])
def test_search_from_the_index_on_a_phone_opens_the_matching_section(site, browser, word):
    from support.browser import PHONE

    page, seen = _open(browser, (site / "index.html").as_uri(), PHONE)
    try:
        page.fill("#search-box", word)
        results = page.locator("#search-results a")
        results.first.wait_for(timeout=5_000)
        assert word.lower() in results.first.inner_text().lower()
        href = results.first.get_attribute("href")
        target = href.split("#", 1)[1]
        results.first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith(href)
        element = page.locator(f"[id='{target}']")
        assert element.count() == 1 and word.lower() in page.content().lower()
        top = element.bounding_box()["y"]
        assert -2 <= top < PHONE["height"], f"{href} opened {top:.0f} px from the top"
    finally:
        page.close()
    assert seen["console"] == [] and seen["pageerror"] == [] and seen["blocked"] == [], seen


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_contents_links_jump_to_their_sections_and_back(site, browser, screens, name):
    from support.browser import PHONE

    page, _ = _open(browser, (site / f"{name}.html").as_uri(), PHONE)
    try:
        links = page.locator("nav.contents a")
        assert links.count() >= 2, f"{name} has no contents list"
        for i in (0, links.count() - 1):
            if not page.locator("#contents").evaluate("d => d.open"):
                page.locator("#contents summary").click()
            href = links.nth(i).get_attribute("href")
            links.nth(i).click()
            heading = page.locator(f"[id='{href[1:]}']")
            page.wait_for_function("h => Math.abs(document.getElementById(h).getBoundingClientRect().top) < 60",
                                   arg=href[1:])
            assert heading.evaluate("h => h.tagName") == "H2"
            back = page.locator("a.to-contents")
            assert back.is_visible()
            covered = page.evaluate("""() => Array.from(document.querySelectorAll('nav.mainnav a')).filter(a => {
                const r = a.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2,
                                                                                   r.top + r.height / 2);
                return !(hit && a.contains(hit));
            }).map(a => a.textContent)""")
            assert covered == [], f"{name}: the Contents button covers the tabs {covered} at 360 px"
            page.screenshot(path=str(screens / f"{name}-contents-{i}-360.png"))
            back.click()
            page.wait_for_function("() => document.getElementById('contents').getBoundingClientRect().top < 200")
            assert page.locator("#contents").evaluate("d => d.open")
    finally:
        page.close()


def test_a_flashcard_marked_known_stays_known_after_a_reload_offline(site, browser):
    from support.browser import PHONE

    page, seen = _open(browser, (site / "flashcards.html").as_uri(), PHONE)
    try:
        page.context.set_offline(True)
        card = page.locator(".flashcard").nth(2)
        card_id = card.get_attribute("data-card")
        card.locator("summary").click()
        assert card.locator("details p").is_visible()
        card.locator("button.known").click()
        assert "is-known" in card.get_attribute("class")
        page.reload(wait_until="load")
        again = page.locator(f".flashcard[data-card='{card_id}']")
        assert "is-known" in again.get_attribute("class")
        assert again.locator("button.known").get_attribute("aria-pressed") == "true"
        assert page.locator(".flashcard.is-known").count() == 1
        assert page.locator("#card-count").inner_text().startswith("1 of ")
        page.check("#hide-known")
        assert again.is_hidden()
    finally:
        page.context.set_offline(False)
        page.close()
    assert seen["console"] == [] and seen["pageerror"] == [], seen


def test_revision_pages_are_made_from_the_lessons_and_tables(site):
    from course.site.revision import ARTICLE_LESSONS

    summaries = (site / "revision.html").read_text(encoding="utf-8")
    for key in ARTICLE_LESSONS:
        assert f'id="{key}"' in summaries
    for heading in ("The argument", "Key dates", "What it gets wrong", "Pakistan angle", "Past papers it serves"):
        assert summaries.count(f"<h3>{heading}") == len(ARTICLE_LESSONS), heading
    questions = load("questions")
    for q in questions[questions["lesson"].astype(str).isin(ARTICLE_LESSONS.values())]["question_id"]:
        assert f'questions.html#{q}"' in summaries
    keydates = (site / "keydates.html").read_text(encoding="utf-8")
    assert keydates.count("<tr><td") == len(load("events"))
    cards = (site / "flashcards.html").read_text(encoding="utf-8")
    assert cards.count('class="flashcard"') >= len(load("glossary"))


def test_lesson_pages_speak_to_a_reader_not_a_notebook_user(site):
    for name in LESSONS:
        text = (site / f"{name}.html").read_text(encoding="utf-8")
        assert not re.search(r"np\.(float|int)\d*\(|np\.(True|False)_", text), f"{name} shows a numpy repr"
        assert "Run the next cell once" not in text, f"{name} keeps a notebook-only instruction"
        shown = re.sub(r"<script.*?</script>", "", text, flags=re.S)
        for prompt in ("Try changing this", "answer with a letter", "answer with a number", "Run it with",
                       "It prints nothing", "Click into the cell", "Run them one at a time", "Run the cell", "run the cell again", "Before you run it"):
            assert prompt not in shown, f"{name} keeps the notebook-only prompt {prompt!r}"
        assert not re.search(r"<td>(NaN|NaT|None)</td>", shown), f"{name} shows a missing value as NaN"
        labels = re.findall(r"<th>([a-z0-9]+(?:[-_][a-z0-9]+){3,})</th>", shown)
        assert labels == [], f"{name} labels table rows with long ids: {labels[:3]}"
    assert "decide on yours first" in (site / f"{LESSONS[1]}.html").read_text(encoding="utf-8")


def test_progress_page_shows_the_study_plan_of_course_progress(site):
    from course.learner import plan
    from course.site.progress import WEEK_CHOICES

    steps = plan.order(plan.lessons(paths.NOTEBOOKS), plan.assignments(paths.ASSIGNMENTS / "source"))
    text = (site / "progress.html").read_text(encoding="utf-8")
    for count in WEEK_CHOICES:
        start = text.index(f'<section class="plan" id="plan-{count}"')
        section = text[start:text.index("</section>", start)]
        weeks = plan.weeks(steps, count)
        assert section.count("<h4>Week ") == count
        for number, week in enumerate(weeks, start=1):
            chunk = section.split(f"<h4>Week {number} ")[1].split("<h4>")[0]
            assert chunk.count("<li ") == len(week), (count, number)
            for step in week:
                assert step.title.replace('"', "&#34;") in chunk, (count, number, step.title)
        assert "Revision:" in section.split(f"<h4>Week {count} ")[1]
    for name in LESSONS:
        assert f'href="{name}.html"' in text
    assert 'href="progress.html"' in (site / "index.html").read_text(encoding="utf-8")


def test_progress_page_escapes_what_it_shows(tmp_path):
    from course.site.build import Lesson
    from course.site.pages import environment
    from course.site.progress import write

    lesson = Lesson("01_x", "01", "<script>alert(1)</script> & co", "", 30)
    page = write(tmp_path, environment(), [lesson], ['x"</script><b>'])
    text = page.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text
    assert "</script><b>" not in text


def _progress_state(page) -> dict:
    return page.evaluate("""() => ({
        opened: Array.from(document.querySelectorAll('.progress-lessons li.is-opened')).map(li => li.dataset.lesson),
        lessons: document.getElementById('lessons-opened').textContent,
        cards: document.getElementById('cards-known').textContent,
        plans: Array.from(document.querySelectorAll('section.plan')).filter(s => !s.hidden).map(s => s.id)})""")


def test_progress_page_shows_the_lessons_opened_on_this_device_and_resets(site, browser, screens):
    from support.browser import PHONE, guard

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    seen = guard(page)
    try:
        context.set_offline(True)
        opened = [LESSONS[1], LESSONS[-1]]
        for name in opened:
            page.goto((site / f"{name}.html").as_uri(), wait_until="load")
        page.goto((site / "flashcards.html").as_uri(), wait_until="load")
        page.locator(".flashcard button.known").first.click()
        page.goto((site / "progress.html").as_uri(), wait_until="load")
        state = _progress_state(page)
        assert state["opened"] == [name.split("_")[0] for name in opened]
        assert state["lessons"] == f"You have opened 2 of {len(LESSONS)} lessons on this device."
        assert state["cards"].startswith("You know 1 of ")
        assert state["plans"] == ["plan-3"]
        assert page.locator("section.plan:not([hidden]) .plan-steps li.is-opened").count() == 2
        assert page.get_by_role("heading", name="My progress", level=1).is_visible()

        page.get_by_role("radio", name="2 weeks").check()
        page.reload(wait_until="load")
        assert _progress_state(page)["plans"] == ["plan-2"]

        page.screenshot(path=str(screens / "progress-used-360.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"progress scrolls sideways at 360 px ({width} px wide)"

        reset = page.get_by_role("button", name="Reset my progress on this device")
        page.once("dialog", lambda dialog: dialog.dismiss())
        reset.click()
        assert _progress_state(page)["opened"] == [name.split("_")[0] for name in opened]
        page.once("dialog", lambda dialog: dialog.accept())
        reset.click()
        state = _progress_state(page)
        assert state["opened"] == [] and state["lessons"].startswith("You have opened 0 of ")
        assert state["cards"].startswith("You know 0 of ")
        assert page.get_by_role("status").inner_text() == "Your progress on this device was reset."
        page.reload(wait_until="load")
        assert _progress_state(page)["opened"] == []
    finally:
        context.close()
    assert seen["console"] == [] and seen["pageerror"] == [] and seen["blocked"] == [], seen


def test_progress_page_without_javascript_shows_every_plan_and_no_dead_button(site, browser):
    from support.browser import PHONE

    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto((site / "progress.html").as_uri(), wait_until="load")
        assert [page.locator(f"#plan-{n}").is_visible() for n in (2, 3, 4)] == [True, True, True]
        assert page.locator("#plan-jump a").count() == 3 and page.locator("#plan-jump").is_visible()
        assert page.locator("#progress-nojs").is_visible()
        assert not page.locator("#reset-progress").is_visible()
        assert not page.locator("#plan-choice").is_visible()
    finally:
        context.close()
