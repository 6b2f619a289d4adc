"""The flashcards' review deck for spaced repetition on the site: every card with its lesson and article.

The cards are the glossary's terms and the timeline's dates since 1990 (`course.site.revision.flashcards`,
ids unchanged, so a card known in the list is the same card here) and the articles' errors with their
corrections (`article_errors.csv`); the MCQs a learner got wrong are added in the browser from the drill
and the record. They are written as `assets/cards-data.js` for `assets/cards.js`, which shows them one at
a time and schedules them with FSRS (`ts-fsrs`, vendored as `assets/ts-fsrs.umd.js` with its licence),
keeping each card's state on the device.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from course.content.data import load
from course.site.practice import POOL_LESSONS, POOL_NAMES

LESSON_POOLS = {number: pool for pool, number in POOL_LESSONS.items()}


def deck(cards: list[dict], glossary: pd.DataFrame, events: pd.DataFrame) -> list[dict]:
    """`cards` (the list page's) with their lesson and article, and a card for each error an article makes."""
    term_lessons = {f"term:{r.anchor}": str(r.lesson) for r in glossary.itertuples()}
    event_articles = {f"date:{r.event_id}": str(r.articles).split(";")[0] if isinstance(r.articles, str) else ""
                      for r in events.itertuples()}
    out = []
    for card in cards:
        lesson = term_lessons.get(card["id"], "")
        article = LESSON_POOLS.get(lesson, "") if lesson else event_articles.get(card["id"], "")
        out.append({**card, "lesson": lesson or POOL_LESSONS.get(article, ""), "article": article})
    for r in load("article_errors").itertuples():
        out.append({"id": f"error:{r.error_id}", "kind": f"What is wrong? ({POOL_NAMES.get(str(r.article), r.article)})",
                    "front": r.claim, "back": r.correction, "lesson": str(r.lesson), "article": str(r.article)})
    return out


def write(assets: Path, cards: list[dict]) -> Path:
    path = assets / "cards-data.js"
    payload = json.dumps(cards, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    path.write_text(f"window.COURSE_CARDS={payload};\n", encoding="utf-8")
    return path
