"""Revision pages of the offline site: a one-page summary of each article, a key-dates sheet, flashcards.

Nothing here is typed twice: each summary is cut from its lesson's rendered page (the steps of "The
argument in our own words", the points of "Read critically" and "Pakistan angle") and from the course
tables (the article's events, the glossary's theory terms, the past papers the lesson serves). The
flashcards are the glossary's terms and the timeline's dates; which ones a reader knows is kept in the
browser's localStorage by `assets/flashcards.js`, on the device only.
"""

from __future__ import annotations

import re
from html import unescape

import pandas as pd

from course.site_pages import shorten

#: Which lesson teaches which article (the table at the top of lesson 04 says the same).
ARTICLE_LESSONS = {"kimmage_lipman": "01", "ruxit": "02", "snegovaya_whitmore": "03"}
#: The lesson sections a summary is cut from, by the start of their heading.
PARTS = {"argument": "The argument", "corrections": "Read critically", "pakistan": "Pakistan angle"}
#: Categories of the events that count as turns in a summary's key dates.
TURNS = ("institution_join", "institution_exit", "sanctions", "war", "crisis", "pakistan")
_TAG = re.compile(r"<[^>]+>")


def _text(html: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", html.replace("¶", ""))).split()).replace(" ,", ",").replace(" .", ".")


def section(html: str, heading_start: str) -> str:
    """The HTML of the h2 section whose heading starts with `heading_start`, up to the next h2."""
    match = re.search(r'<h2 id="[^"]*"[^>]*>\s*' + re.escape(heading_start), html)
    if not match:
        return ""
    end = html.find("<h2", match.end())
    return html[match.start(): end if end != -1 else len(html)]


def points(chunk: str, limit: int = 8) -> list[str]:
    """A section's points: its h3 headings if it has some, else the first sentence of each list item or
    paragraph (code and outputs left out), shortened for a one-page summary."""
    chunk = re.sub(r'<details class="code">.*?</details>', "", chunk, flags=re.S)
    chunk = re.sub(r'<div class="jp-OutputArea.*?</div>\s*</div>', "", chunk, flags=re.S)
    heads = [_text(h) for h in re.findall(r"<h3[^>]*>(.*?)</h3>", chunk, re.S)]
    if len(heads) >= 2:
        return [re.sub(r"^\d+\.\s*", "", h) for h in heads][:limit]
    items = [_text(li) for li in re.findall(r"<li>(.*?)</li>", chunk, re.S)]
    if not items:
        items = [_text(p) for p in re.findall(r"<p>(.*?)</p>", chunk, re.S)]
    return [shorten(i, 200) for i in items if i][:limit]


def summaries(lesson_pages, events: pd.DataFrame, glossary: pd.DataFrame, questions: pd.DataFrame,
              citations: dict[str, str]) -> list[dict]:
    """One summary per article: its citation, lesson, argument, key dates, corrections, theory, Pakistan
    angle and past papers."""
    pages = {lesson.number: (lesson, html) for lesson, html in lesson_pages}
    out = []
    for key, number in ARTICLE_LESSONS.items():
        if number not in pages:
            continue
        lesson, html = pages[number]
        mine = events[events["articles"].fillna("").str.split(";").map(lambda ks, key=key: key in ks)]
        turns = mine[mine["category"].astype(str).isin(TURNS)].sort_values("date")
        theory = glossary[(glossary["lesson"].astype(str) == number) & glossary["theory"].notna()]
        papers = questions[questions["lesson"].astype(str) == number].sort_values("year")
        parts = {name: points(section(html, start)) for name, start in PARTS.items()}
        out.append({
            "key": key, "citation": citations[key], "lesson": lesson,
            "argument": parts["argument"], "corrections": parts["corrections"], "pakistan": parts["pakistan"],
            "dates": [{"date": as_written(r.date_label), "event": r.event, "id": r.event_id} for r in turns.itertuples()],
            "theory": [{"term": r.term, "theory": r.theory, "anchor": r.anchor} for r in theory.itertuples()],
            "papers": [{"id": r.question_id, "label": f"{r.exam} {r.year} {r.paper} {r.number}",
                        "wording": r.wording} for r in papers.itertuples()],
        })
    return out


def as_written(label: str) -> str:
    """'2014-03-18' -> '18 Mar 2014', '2014-03' -> 'Mar 2014', '1812' -> '1812': a date at its own precision."""
    if len(label) == 10:
        return pd.Timestamp(label).strftime("%-d %b %Y")
    if len(label) == 7:
        return pd.Timestamp(label + "-01").strftime("%b %Y")
    return label


def flashcards(glossary: pd.DataFrame, events: pd.DataFrame) -> list[dict]:
    """Cards: every glossary term (front the term, back its definition) and every dated event since 1990
    (front the event, back its date as written), each with an id that stays the same between builds."""
    cards = [{"id": f"term:{r.anchor}", "kind": "Term", "front": r.term, "back": r.definition}
             for r in glossary.sort_values("term").itertuples()]
    recent = events[events["date"].dt.year >= 1990].sort_values("date")
    cards += [{"id": f"date:{r.event_id}", "kind": "When?", "front": r.event, "back": as_written(r.date_label)}
              for r in recent.itertuples()]
    return cards
