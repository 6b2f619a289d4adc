"""The site's progress page: what a reader has opened and knows on this device, and the study plan.

The plan is the one `course progress` prints, computed here at build time by `course.learner.plan` from
the lessons' own times and the assignments' header cells (title and "Allow about two hours" only; no
answer or test is read), so the page shows it as plain HTML with JavaScript off. Which lessons were
opened and how many flashcards are known live in the browser's localStorage (`assets/progress.js`,
`assets/flashcards.js`): nothing leaves the device, and the page works offline from disk.
"""

from __future__ import annotations

from pathlib import Path

from course.content import paths
from course.learner import plan

#: The plan lengths a reader can choose between (as `course progress --weeks`); the first shown is DEFAULT.
WEEK_CHOICES = (2, 3, 4)
DEFAULT_WEEKS = 3


def study_plans(notebooks: Path, assignments: Path, lessons) -> list[dict]:
    """One plan per choice of weeks: each week's steps, with a link to the lesson page where there is one."""
    steps = plan.order(plan.lessons(notebooks), plan.assignments(assignments))
    pages = {lesson.number: lesson.href for lesson in lessons}
    out = []
    for count in WEEK_CHOICES:
        weeks = []
        for number, week in enumerate(plan.weeks(steps, count), start=1):
            minutes = sum(s.minutes or 0 for s in week)
            weeks.append({"number": number, "time": plan.duration(minutes) or "a few hours", "steps": [
                {"kind": s.kind, "name": s.name, "title": s.title, "time": plan.duration(s.minutes),
                 "href": pages.get(s.name, "") if s.kind == "lesson" else ""} for s in week]})
        out.append({"weeks": count, "id": f"plan-{count}", "plan": weeks})
    return out


def write(site: Path, env, lessons, card_ids: list[str], notebooks: Path = paths.NOTEBOOKS,
          assignments: Path = paths.ASSIGNMENTS / "source") -> Path:
    """Write progress.html into `site`. `card_ids` are the flashcards' ids, so the page counts only cards
    that still exist among those a reader marked known."""
    html = env.get_template("progress.html.j2").render(
        title="My progress", description="", nav_active="progress.html", body_class="progress",
        lessons=lessons, plans=study_plans(notebooks, assignments, lessons), default_weeks=DEFAULT_WEEKS,
        card_ids=card_ids)
    page = site / "progress.html"
    page.write_text(html, encoding="utf-8")
    return page
