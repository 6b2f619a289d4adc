"""The site's search: an index of every lesson section, glossary term, timeline event and past paper,
written at build time into `assets/search-docs.js` and searched in the browser with MiniSearch.

MiniSearch (npm `minisearch`, MIT, vendored as `assets/minisearch.js` with its licence) was chosen over
hand-written matching because it ranks by BM25, matches prefixes and small typos, and is one 86 KB file
with no dependencies. The documents are a script, not JSON, because a page opened from disk (file://)
may not fetch a JSON file; nothing is fetched at run time. Each result links to the page and the
element id of its section, row or term, so it opens where the match is.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from course.site_pages import plain, shorten

#: Characters of text kept per document: enough to find a section by its words, small enough to ship.
TEXT_LIMIT = 700
HEADINGS = ("h1", "h2", "h3")


class _Sections(HTMLParser):
    """A rendered lesson split at its headings: (id, heading, text) for each, code and outputs left out."""

    SKIP = ("script", "style", "pre", "details", "svg")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections: list[dict] = []
        self._skip = 0
        self._heading: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.SKIP:
            self._skip += 1
        elif tag in HEADINGS and a.get("id") and not self._skip:
            self._heading = tag
            self.sections.append({"id": a["id"], "heading": "", "text": ""})

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == self._heading:
            self._heading = None

    def handle_data(self, data):
        if self._skip or not self.sections:
            return
        key = "heading" if self._heading else "text"
        self.sections[-1][key] += data


def lesson_sections(html: str) -> list[dict]:
    """The headed sections of a rendered lesson page, with their ids, in page order."""
    parser = _Sections()
    parser.feed(html)
    out = []
    for s in parser.sections:
        heading = " ".join(s["heading"].replace("¶", "").split())
        if heading:
            out.append({"id": s["id"], "heading": heading, "text": " ".join(s["text"].split())})
    return out


def documents(lesson_pages: list[tuple], glossary: pd.DataFrame, events: pd.DataFrame,
              questions: pd.DataFrame) -> list[dict]:
    """Every searchable piece of the site: {id, kind, title, text, url}. `lesson_pages` is (Lesson, html)."""
    docs = []
    for lesson, html in lesson_pages:
        for s in lesson_sections(html):
            docs.append({"kind": f"Lesson {lesson.number}", "title": s["heading"],
                         "text": s["text"][:TEXT_LIMIT], "url": f"{lesson.href}#{s['id']}"})
    for row in glossary.itertuples():
        docs.append({"kind": "Glossary", "title": row.term, "text": plain(str(row.definition)),
                     "url": f"glossary.html#{row.anchor}"})
    for row in events.itertuples():
        docs.append({"kind": f"Timeline {row.date_label}", "title": shorten(str(row.event), 90),
                     "text": str(row.event), "url": f"timeline.html#{row.event_id}"})
    for row in questions.itertuples():
        docs.append({"kind": f"{row.exam} {row.year} {row.paper} {row.number}", "title": shorten(str(row.wording), 90),
                     "text": str(row.wording), "url": f"questions.html#{row.question_id}"})
    for i, doc in enumerate(docs):
        doc["id"] = i
    return docs


def write(assets: Path, docs: list[dict]) -> Path:
    """Write the documents as `assets/search-docs.js` (a script that sets window.COURSE_SEARCH_DOCS)."""
    path = assets / "search-docs.js"
    payload = json.dumps(docs, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    path.write_text(f"window.COURSE_SEARCH_DOCS={payload};\n", encoding="utf-8")
    return path
