"""Where the coach finds essays (a markdown file, a learner's workspace, a class's submissions) and the
instructor's per-class report: one offline HTML page of notes beside each essay, never a score."""

from __future__ import annotations

import html
import re
from pathlib import Path

from course.grading.submission_files import read_regular
from course.learner.coach import Review, review, to_html

MAX_FILE_BYTES = 200 << 20  # a notebook with plots can be tens of MB; past this it is not a submission

_ID = re.compile(r"\b((?:css|kppsc|ppsc|fpsc)-[a-z0-9-]+)\b")


def essays_in(notebook: Path) -> list[tuple[str, str, str | None]]:
    """(grade id, answer text, question id) for each written answer cell of an assignment notebook.

    A written answer is a markdown cell that nbgrader marks as a solution; its question id is the last id
    from the questions table named in the cells above it.
    """
    import nbformat

    from course.learner.coach import _questions

    # a class's notebook is a student's file: a FIFO or a device would hold the report up for good
    nb = nbformat.reads(read_regular(notebook, MAX_FILE_BYTES).decode("utf-8"), as_version=4)
    known = _questions()
    essays, question = [], None
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "markdown" and meta.get("solution"):
            essays.append((meta.get("grade_id", "answer"), cell.source, question))
        else:
            ids = [i for i in _ID.findall(cell.source) if i in known]
            question = ids[-1] if ids else question
    return essays


def review_file(path: Path, question_id: str | None = None) -> list[tuple[str, Review]]:
    """A markdown or text file is one answer; a notebook holds one per essay cell."""
    if path.suffix == ".ipynb":
        return [(f"{path.name} {gid}", review(text, question_id or qid)) for gid, text, qid in essays_in(path)]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="utf-8", errors="replace")
    return [(path.name, review(text, question_id))]


def workspace_notebooks(workspace: Path, assignment: str) -> list[Path]:
    folder = Path(workspace) / "assignments" / assignment
    return sorted(p for p in folder.glob("*.ipynb") if ".updated-" not in p.name)


def class_report(course: Path, assignment: str, out: Path) -> Path:
    """Write OUT/ASSIGNMENT.html: every submitted essay, escaped, with the coach's notes beside it."""
    rows = []
    for notebook in sorted(Path(course).glob(f"submitted/*/{assignment}/*.ipynb")):
        student = notebook.parent.parent.name
        try:
            essays = essays_in(notebook)
        except Exception as error:  # a broken submission is reported, never stops the others
            rows.append(f"<section><h2>{html.escape(student)}</h2><p>Could not read {html.escape(notebook.name)}: "
                        f"{html.escape(str(error))}</p></section>")
            continue
        for grade_id, text, question_id in essays:
            r = review(text, question_id)
            rows.append(f"<section><h2>{html.escape(student)}: {html.escape(grade_id)}</h2><div class='pair'>"
                        f"<pre class='essay'>{html.escape(text)}</pre>{to_html(r)}</div></section>")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    page = out / f"{assignment}.html"
    body = "".join(rows) or f"<p>No submissions of {html.escape(assignment)} found (submitted/*/{html.escape(assignment)}/).</p>"
    page.write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Essay coach notes: {html.escape(assignment)}</title><style>"
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}"
        ".pair{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}"
        ".essay{white-space:pre-wrap;background:#f6f6f6;padding:1em;font-family:inherit}"
        "h2{font-size:1.1em;border-top:1px solid #ccc;padding-top:1em}</style></head><body>"
        f"<h1>Essay coach notes: {html.escape(assignment)}</h1><p>The coach's notes on each essay, to read beside "
        "it when marking. They are notes on facts and structure, not a score: the mark is yours.</p>"
        f"{body}</body></html>", encoding="utf-8")
    return page
