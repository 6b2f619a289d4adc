"""Scored practice on the site: the lessons' self-check banks and the timed MCQ drill, as one data script.

A phone has no JupyterLab, so the site marks answers itself: `assets/practice-data.js` carries every
self-check bank (the same `NN.json` the lessons ask from, read through `course.content.banks`) and the
drill's pool, every MCQ of those banks and every item of `mcq_bank.csv`. Each drill item names the lesson
section to reread: the section of its lesson whose words overlap most with the item's question, answer and
explanation, found here at build time so the page needs no search. A script, not JSON, because a page
opened from disk (file://) may not fetch a JSON file.

What a learner does with them is kept on the device by `assets/record.js`, in the record format of
`course.learner.record` (see `course/templates/site/progress.html.j2` for export and import).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from course.content.banks import BANKS, load_bank
from course.content.data import load

#: Which lesson teaches which drill pool (an article, or `synthesis`); lessons 00 and 00a teach no article.
POOL_LESSONS = {"kimmage_lipman": "01", "ruxit": "02", "snegovaya_whitmore": "03", "synthesis": "04"}
POOL_NAMES = {"kimmage_lipman": "Kimmage & Lipman", "ruxit": "Polianskii (Ruxit)",
              "snegovaya_whitmore": "Snegovaya & Whitmore", "synthesis": "Synthesis (lesson 04)"}
#: The exam hall's Part I: 20 MCQs in 30 minutes.
DRILL_SIZE, DRILL_MINUTES = 20, 30
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
#: Sections that teach nothing an item asks about.
_NOT_TO_REREAD = re.compile(r"self-check|setting up|learning objectives|further reading|^next$", re.I)
_COMMON = set("that this with from were which their have they been what when into than them also about after "
              "would there these those only other most more does because while answer question right".split())


def banks() -> dict[str, list[dict]]:
    """Every self-check bank, lesson -> its questions as the page needs them (no formulas)."""
    out = {}
    for path in sorted(BANKS.glob("*.json")):
        out[path.stem] = [{"number": q.number, "kind": q.kind, "question": q.question, "options": q.options,
                           "answer": q.answer, "tolerance": q.tolerance, "unit": q.unit,
                           "explanation": q.explanation} for q in load_bank(path.stem)]
    return out


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _COMMON}


def reread(text: str, lesson, sections: list[dict]) -> dict:
    """The section of `lesson` to reread for an item about `text`: most words in common, the first on a tie;
    the lesson itself when no section shares a word."""
    words = _words(text)
    best, score = None, 0
    for s in sections:
        if _NOT_TO_REREAD.search(s["heading"]):
            continue
        common = len(words & _words(s["heading"] + " " + s["text"]))
        if common > score:
            best, score = s, common
    if best is None:
        return {"href": lesson.href, "title": f"Lesson {lesson.number}: {lesson.title}"}
    return {"href": f"{lesson.href}#{best['id']}", "title": f"Lesson {lesson.number}, {best['heading']}"}


def drill_pool(bank_questions: dict[str, list[dict]], lesson_pages) -> list[dict]:
    """Every MCQ a drill may ask: {id, lesson, pool, question, options, answer, explanation, shuffle, reread}.

    A bank's options keep their letters and order (explanations may name a letter); an `mcq_bank.csv`
    item's options are shuffled when drawn (its explanations never name one), its answer first here."""
    from course.site.search import lesson_sections

    pages = {lesson.number: (lesson, lesson_sections(html)) for lesson, html in lesson_pages}
    lesson_pools = {number: pool for pool, number in POOL_LESSONS.items()}
    items = []
    for number, questions in bank_questions.items():
        if number not in pages:
            continue
        lesson, sections = pages[number]
        for q in questions:
            if q["kind"] != "mcq":
                continue
            letters = sorted(q["options"])
            items.append({"id": f"bank:{number}:{q['number']}", "lesson": number, "pool": lesson_pools.get(number, ""),
                          "question": q["question"], "options": [q["options"][k] for k in letters],
                          "answer": letters.index(q["answer"]), "explanation": q["explanation"], "shuffle": False,
                          "reread": reread(f"{q['question']} {q['options'][q['answer']]} {q['explanation']}",
                                           lesson, sections)})
    for row in load("mcq_bank").itertuples():
        number = POOL_LESSONS.get(str(row.pool), "")
        if number not in pages:
            continue
        lesson, sections = pages[number]
        items.append({"id": f"mcq:{row.item_id}", "lesson": number, "pool": str(row.pool),
                      "question": row.question, "options": [row.answer, row.wrong_1, row.wrong_2, row.wrong_3],
                      "answer": 0, "explanation": row.explanation, "shuffle": True,
                      "reread": reread(f"{row.question} {row.answer} {row.explanation}", lesson, sections)})
    return items


def write(assets: Path, lesson_pages) -> tuple[Path, dict]:
    """Write `assets/practice-data.js` (window.COURSE_PRACTICE); return its path and what the drill page
    lists: the pools and lessons with how many items each, and the mixed drill's total, the items of the
    articles' pools (lessons 00 and 00a teach the course's tools, not the paper, so they are drilled only by
    lesson)."""
    bank_questions = banks()
    items = drill_pool(bank_questions, lesson_pages)
    titles = {lesson.number: lesson.title for lesson, _ in lesson_pages}
    data = {"banks": bank_questions, "drill": items, "size": DRILL_SIZE, "minutes": DRILL_MINUTES}
    path = assets / "practice-data.js"
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    path.write_text(f"window.COURSE_PRACTICE={payload};\n", encoding="utf-8")
    choices = {
        "pools": [{"key": k, "name": v, "count": sum(i["pool"] == k for i in items)} for k, v in POOL_NAMES.items()],
        "lessons": [{"number": n, "title": titles[n], "count": sum(i["lesson"] == n for i in items)}
                    for n in sorted({i["lesson"] for i in items})],
        "total": sum(bool(i["pool"]) for i in items), "size": DRILL_SIZE, "minutes": DRILL_MINUTES,
    }
    return path, choices
