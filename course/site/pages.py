"""The site's own pages, made from the data tables: index, timeline explorer, glossary, past papers.

They are rendered from Jinja templates in `course/templates/site/` that share the lessons' frame, so a
reader moves between a lesson and the glossary without noticing a seam. Text from the tables is escaped;
sources that are web addresses become links a reader can follow when back online.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from course.content.data import load
from course.content.schemas import ARTICLES

from course.content.paths import TEMPLATES
_URL = re.compile(r"https?://[^\s;,<>\"]+[^\s;,<>\".)]")
_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")
ARTICLE_NAMES = {"kimmage_lipman": "Kimmage & Lipman", "ruxit": "Polianskii (Ruxit)",
                 "snegovaya_whitmore": "Snegovaya & Whitmore"}


def plain(markdown: str) -> str:
    """Markdown inline text as plain text: links keep their words, emphasis marks and (addresses) go."""
    text = re.sub(r"\s*\(https?://[^)\s]*\)", "", markdown)
    return re.sub(r"\s+", " ", _MARKUP.sub(lambda m: m.group(1) or "", text)).strip()


def shorten(text: str, limit: int = 170) -> str:
    """At most `limit` characters, cut at a word with an ellipsis: an index card, not the whole paragraph."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def sources(text: str) -> Markup:
    """A source cell as HTML: escaped, with each web address made a link."""
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(escape(text[last:match.start()]))
        url = match.group(0)
        out.append(Markup('<a href="{0}" rel="noopener">{0}</a>').format(url))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES / "site"), autoescape=True, trim_blocks=False)
    env.filters["sources"] = sources
    return env


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in row.items()}
            for row in df.to_dict("records")]


def _groups(df: pd.DataFrame, lessons, sort: list[str]) -> list[dict]:
    titles = {lesson.number: lesson for lesson in lessons}
    groups = []
    for number, rows in df.sort_values(["lesson", *sort]).groupby("lesson", observed=True, sort=True):
        lesson = titles.get(str(number))
        groups.append({"number": str(number), "title": lesson.title if lesson else "",
                       "href": lesson.href if lesson else "", "rows": _records(rows)})
    return groups


def _anchor(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def timeline_chart(events: pd.DataFrame, plotly_js: str) -> str:
    """course.content.charts.timeline as an HTML fragment drawn by the site's shared plotly.js."""
    from course.content.charts import timeline
    from course.content.plotly_output import bundle
    from course.content.plotly_output import figure_html, plotly_loader

    return plotly_loader(plotly_js) + "\n" + figure_html(bundle(timeline(events)), "timeline-chart")


def write_all(site: Path, lessons, plotly_js: str, lesson_pages=()) -> list[Path]:
    """Write index.html, timeline.html, glossary.html, questions.html, the revision pages, the drill and its
    data (`course.site.practice`), progress.html (`course.site.progress`) into `site`, and the search
    documents (`course.site.search`) for those pages and `lesson_pages`, (Lesson, html) pairs."""
    from course.site import search as site_search

    env = environment()
    events, glossary, questions = load("events"), load("glossary"), load("questions")
    glossary["anchor"] = glossary["term"].map(_anchor)
    pages = {
        "index.html": ("home.html.j2", "Lessons", {
            "lessons": lessons, "articles": list(ARTICLES.values()),
            "counts": {"events": len(events), "terms": len(glossary), "questions": len(questions)}}),
        "timeline.html": ("timeline.html.j2", "Timeline explorer", {
            "chart": Markup(timeline_chart(events, plotly_js)),
            "rows": _records(events.sort_values("date")),
            "categories": [str(c) for c in events["category"].cat.categories if (events["category"] == c).any()],
            "articles": list(ARTICLE_NAMES.items())}),
        "glossary.html": ("glossary.html.j2", "Glossary", {"groups": _groups(glossary, lessons, ["term"])}),
        "questions.html": ("questions.html.j2", "Past papers", {
            "groups": _groups(questions, lessons, ["year", "question_id"])}),
    }
    from course.site import progress as site_progress
    from course.site import revision as site_revision

    cards = site_revision.flashcards(glossary, events)
    from course.site import practice as site_practice

    _, drill_choices = site_practice.write(site / "assets", list(lesson_pages))
    from course.site import cards as site_cards

    review = site_cards.deck(cards, glossary, events)
    site_cards.write(site / "assets", review)
    pages["index.html"][2]["counts"]["cards"] = len(review)  # for "due today" (assets/cards-due.js)
    decks = {"lessons": [{"number": lesson.number, "title": lesson.title} for lesson in lessons
                         if any(c["lesson"] == lesson.number for c in review)],
             "articles": [{"key": k, "name": v} for k, v in site_practice.POOL_NAMES.items()
                          if any(c["article"] == k for c in review)]}

    keydates = [{"date": site_revision.as_written(r["date_label"]), "event": r["event"], "event_id": r["event_id"],
                 "kind": str(r["category"]).replace("_", " ")} for r in _records(events.sort_values("date"))]
    pages.update({
        "revision.html": ("revision.html.j2", "Article summaries", {"summaries": site_revision.summaries(
            list(lesson_pages), events, glossary, questions, ARTICLES)}),
        "keydates.html": ("keydates.html.j2", "Key dates", {"rows": keydates}),
        "flashcards.html": ("flashcards.html.j2", "Flashcards", {"cards": cards, "decks": decks}),
        "drill.html": ("drill.html.j2", "Timed MCQ drill", {"choices": drill_choices}),
    })
    written = []
    for name, (template, title, context) in pages.items():
        html = env.get_template(template).render(
            title=title, description="", nav_active=name, body_class=name.removesuffix(".html"), **context)
        (site / name).write_text(html, encoding="utf-8")
        written.append(site / name)
    written.append(site_progress.write(site, env, lessons, [c["id"] for c in cards]))
    docs = site_search.documents(list(lesson_pages), glossary, events, questions)
    written.append(site_search.write(site / "assets", docs))
    return written
