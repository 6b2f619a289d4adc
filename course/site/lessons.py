"""Render an executed lesson as a page of the offline site.

nbconvert's stock HTML templates load MathJax and require.js from a CDN and inline about 270 KB of
JupyterLab CSS into every page; a phone reading offline gets neither the scripts nor the patience. The
site template (`course/templates/site/`) keeps lab's cell markup, links the site's one stylesheet, and
folds code away behind <details>. Plotly outputs become HTML through `course.content.plotly_output.PlotlyToHTML`,
pointed at the one shared copy of plotly.js in the site's `assets/`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from markupsafe import escape
from nbconvert.preprocessors import Preprocessor

from course.content.banks import TAG, load_bank

from course.content.paths import TEMPLATES


class DropStderr(Preprocessor):
    """Warnings a kernel printed while the site was built are noise for a reader; the lesson text is not."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
        return cell, resources


#: A numpy scalar's repr (`np.float64(61.0)`, `np.int64(3)`, `np.True_`): on a page, the number or word.
_NUMPY_REPR = re.compile(r"\bnp\.(?:float|int|uint)\d*\(([^()]*)\)|\bnp\.(True|False)_|\bnp\.str_\(([^()]*)\)")
#: Notebook-only instructions in a self-check's introduction, and what the site offers instead.
_RUN_INSTRUCTIONS = re.compile(r"^Run the next cell once\b.*?(?=\n\n|\Z)", re.S | re.M)
SITE_SELFCHECK = ("On this page, decide on yours first, then tap or type your answer: it is marked at once, a wrong "
                  "first try gets a second, then the explanation follows. Your tries go into your record on this "
                  "device (**My progress**), as they do in JupyterLab. Without JavaScript, open **Answer**.")
#: Prompts that only make sense in JupyterLab, where the code can be changed and run: on the site the code has
#: already run. A "Try changing this." paragraph (or a "Mobile or slow laptop?" note) is left out whole;
#: a run-this-cell sentence is left out or says what the page shows instead.
_NOTEBOOK_PARAGRAPHS = re.compile(r"^(?:\*\*Try changing this\.\*\*|> \*\*(?:Mobile or slow laptop|On a phone)\?\*\*)"
                                  r".*?(?:\n\s*\n|\Z)", re.S | re.M)
_RUN_SENTENCES = [
    (re.compile(r"\s*Run it with \*\*Shift \+ Enter\*\*\."), ""),
    (re.compile(r"\s*It prints nothing(?:; that means it worked| when it works)\."), ""),
    (re.compile(r"Before you run it, predict:"), "Before you read the result, predict:"),
    (re.compile(r"\s*Click into the cell and press \*\*Shift \+ Enter\*\*\."), ""),
    (re.compile(r"Run the cell below to\s+see"), "The cell below shows"),
    (re.compile(r"Run the cells and read the results"), "Read the results"),
]
#: A self-check question's heading in the notebook ("**Question 3.** MCQ: answer with a letter."): the site's
#: question block already numbers the question and asks for the answer, so only a hint in brackets is kept.
_QUESTION_HEADING = re.compile(r"\*\*Question (\d+)\.\*\*\s+(?:MCQ|Numeric):[^\n]*?(?:\(([^()\n]*)\))?\.?\s*\Z")
#: A table cell pandas writes for a missing value: on a page for readers, an empty cell.
_MISSING_CELL = re.compile(r"<td>(?:NaN|NaT|None|&lt;NA&gt;)</td>")
#: A table whose row labels are a long identifier (`event_id`, `episode_id`): a machine's key, on a 360 px
#: screen wider than the row it labels. The page leaves that label column out.
_ID_INDEX = re.compile(r"<tr>\s*<th>[a-z_]*_id</th>(?:\s*<th></th>)*\s*</tr>")
#: Cells a lesson marks with this tag (cell metadata) are for JupyterLab only and are left off the site.
NOTEBOOK_ONLY = "notebook-only"
SITE_NOTE = ('<p class="site-note">On this site the code has already run: every result and chart is shown, and '
             "<strong>Show code</strong> opens the code that made it. To change and rerun it, open the lesson in "
             "JupyterLab.</p>")


class ForReaders(Preprocessor):
    """The site is read, not run: cells tagged `notebook-only` are dropped, a self-check's "Run the next
    cell once..." becomes what the page offers instead, and a bare numpy repr in a result reads as the
    number it is, so a printed page shows 61.0, not np.float64(61.0)."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if NOTEBOOK_ONLY not in c.get("metadata", {}).get("tags", [])]
        kept = []
        for i, cell in enumerate(nb.cells):
            following = nb.cells[i + 1] if i + 1 < len(nb.cells) else None
            if cell.cell_type == "markdown":
                if following is not None and is_self_check(following) and "SelfCheck(" in following.source:
                    cell.source = _RUN_INSTRUCTIONS.sub(SITE_SELFCHECK, cell.source)
                heading = _QUESTION_HEADING.match(cell.source.strip())
                if heading and following is not None and is_self_check(following):
                    if not heading.group(2):
                        continue
                    cell.source = f"*{heading.group(2)[0].upper()}{heading.group(2)[1:]}.*"
                cell.source = for_readers(cell.source)
            if cell.cell_type == "code":
                for out in cell.outputs:
                    data = out.get("data", {})
                    if out.output_type == "execute_result" and "text/plain" in data:
                        data["text/plain"] = readable(data["text/plain"])
                    if "text/html" in data and 'class="dataframe"' in data["text/html"]:
                        data["text/html"] = readable_table(data["text/html"])
            kept.append(cell)
        nb.cells = kept
        return nb, resources


def for_readers(markdown: str) -> str:
    """A markdown cell without the prompts to change or run code (the site's code has already run)."""
    text = _NOTEBOOK_PARAGRAPHS.sub("", markdown)
    for pattern, replacement in _RUN_SENTENCES:
        text = pattern.sub(replacement, text)
    return text.rstrip() + "\n" if text.strip() else ""


def readable_table(html: str) -> str:
    """A pandas table as HTML with missing values as empty cells and no column of long identifiers as
    row labels (the first <th> of every row, and the header row naming the index, are left out)."""
    html = _MISSING_CELL.sub("<td></td>", html)
    if not _ID_INDEX.search(html):
        return html
    html = _ID_INDEX.sub("", html, count=1)
    return re.sub(r"(<tr[^>]*>\s*)<th[^>]*>.*?</th>", r"\1", html, flags=re.S)


def is_self_check(cell) -> bool:
    """A cell the lesson tags as a self-check (tools/tag_selfcheck_cells.py sets the tag)."""
    return cell.cell_type == "code" and TAG in cell.get("metadata", {}).get("tags", [])


def readable(text: str) -> str:
    """A result's plain text with numpy scalar reprs replaced by their values."""
    return _NUMPY_REPR.sub(lambda m: next(g for g in m.groups() if g is not None), text)


class SelfCheckAnswers(Preprocessor):
    """A self-check cell (tagged `self-check`) says "no answer yet, run the cell again" when executed unanswered: true in
    JupyterLab, useless on a static page. On the site it shows the question with its answer and
    explanation behind <details> instead, with no code to edit, and the score cell is dropped."""

    def preprocess(self, nb, resources):
        bank, inline, lesson = {}, False, ""
        for cell in nb.cells:
            if not is_self_check(cell):
                continue
            made = re.search(r"SelfCheck\(\s*[\"']([0-9a-z]+)[\"']", cell.source)
            if made:
                lesson = made.group(1)
                bank = {q.number: q for q in selfcheck(lesson)}
                if bank:  # the code that starts the quiz in a kernel: nothing a reader of the page can use
                    cell.metadata["transient"] = {**cell.metadata.get("transient", {}), "remove_source": True}
            asked = [int(n) for n in re.findall(r"\.(?:show|check)\(\s*(\d+)", cell.source)]
            if bank and asked and asked[0] in bank:
                cell.outputs = [nbformat.v4.new_output("display_data", {"text/html": question_html(bank[asked[0]], lesson)})]
                # its code ("put your letter between the quotes, then run the cell again") is for JupyterLab
                cell.metadata["transient"] = {**cell.metadata.get("transient", {}), "remove_source": True}
                inline = True
            elif bank and re.search(r"\.score\(\)", cell.source):
                cell.outputs = []
        if inline:
            resources["site"]["selfcheck"] = []
        return nb, resources


def question_html(q, lesson: str) -> str:
    """One self-check question of `lesson` as HTML, its answer and explanation folded behind <details>;
    `assets/selfcheck.js` turns it into a scored question (by its data-lesson and data-question)."""
    options = "".join(f"<li>{escape(text)}</li>" for text in (q.options or {}).values())
    unit = f" {q.unit}" if q.unit else ""
    return (f'<div class="selfcheck-q" data-lesson="{escape(lesson)}" data-question="{q.number}">'
            f'<p><strong>Q{q.number}.</strong> {escape(q.question)}</p>'
            + (f'<ol class="options" type="A">{options}</ol>' if options else "")
            + f'<details class="answer"><summary>Answer</summary><p><strong>{escape(str(q.answer))}{escape(unit)}.'
            f"</strong> {escape(q.explanation)}</p></details></div>")


def copy_plotly(assets: Path) -> str:
    """Copy the course's plotly.js bundle (and its licence) into the site's `assets/` once; return its URL."""
    from course.content.plotly_output import PLOTLY_JS

    for path in [PLOTLY_JS, *PLOTLY_JS.parent.glob(PLOTLY_JS.name.split(".")[0] + ".LICENSE*")]:
        shutil.copyfile(path, assets / path.name)
    return f"assets/{PLOTLY_JS.name}"


def exporter(plotly_js: str) -> HTMLExporter:
    """An HTMLExporter with the site template, no prompts, and Plotly turned into HTML with a shared script."""
    from course.content.plotly_output import PlotlyToHTML

    html = HTMLExporter(
        template_name="site",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    html.register_preprocessor(DropStderr(), enabled=True)
    html.register_preprocessor(ForReaders(), enabled=True)
    html.register_preprocessor(SelfCheckAnswers(), enabled=True)
    html.register_preprocessor(PlotlyToHTML(plotly_js=plotly_js), enabled=True)
    return html


def selfcheck(number: str) -> list:
    """The lesson's self-check questions, if it has a bank; the site shows answers behind <details>."""
    try:
        return load_bank(number)
    except FileNotFoundError:
        return []


def render(nb: nbformat.NotebookNode, lesson, neighbours, plotly_js: str) -> str:
    """The lesson page's HTML. `neighbours` is (previous, next) Lesson or None, for the pager."""
    prev, nxt = neighbours
    site = {
        "title": lesson.title,
        "number": lesson.number,
        "description": lesson.summary,
        "prev": prev,
        "next": nxt,
        "selfcheck": selfcheck(lesson.number),
    }
    body, _ = exporter(plotly_js).from_notebook_node(nb, resources={"site": site})
    return with_contents(body)


_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)


def with_contents(body: str) -> str:
    """Insert a collapsible contents list of the lesson's sections (its h2 headings) after the h1, and a
    "Contents" link that stays in a corner of the screen, so a reader 50 screens down can get back.
    Done on the rendered page, so the ids are the ones nbconvert gave the headings."""
    sections = [(anchor, re.sub(r"<[^>]+>|¶", "", text).strip()) for anchor, text in _H2.findall(body)]
    if len(sections) < 2:
        return body
    items = "".join(f'<li><a href="#{anchor}">{escape(text)}</a></li>' for anchor, text in sections)
    contents = (f'<nav class="contents" aria-label="In this lesson"><details id="contents">'
                f"<summary>Contents ({len(sections)} sections)</summary><ol>{items}</ol></details></nav>")
    head = body.find("</h1>")
    if head == -1:
        return body
    body = body[: head + 5] + contents + SITE_NOTE + body[head + 5:]
    back = '<a class="to-contents" href="#contents">&uarr; Contents</a>'
    return body.replace("</main>", back + "\n</main>", 1)
