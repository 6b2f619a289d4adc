"""A hostile submission rendered as formgrader and the feedback page render it, with the course's configuration:
every vector a review used (raw HTML in an essay, HTML, JavaScript, Markdown and SVG outputs, a forged grade
id) comes out inert, the page carries a Content-Security-Policy, and only the page's own scripts may run.

The same vectors are opened in a real browser in tests/test_formgrader_browser.py.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

import nbformat
import pytest
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from course.content.plotly_output import MIME as PLOTLY
from nbgrader_course import COURSE

#: What each vector would do if it ran; none of these may survive as markup.
VECTORS_MARKDOWN = (
    'My essay. <img src=x onerror="fetch(\'/api/contents/pwned-1\',{method:\'PUT\'})"> '
    '<svg onload="window.pwned=2"></svg> <details open ontoggle="window.pwned=3">more</details> '
    '<script>window.pwned=4</script> [a link](java&#115;cript:window.pwned=5) '
    '<a href="javascript:window.pwned=6">x</a> <iframe src="javascript:window.pwned=7"></iframe>\n\n'
    "> A quotation, kept as a quotation.\n\n| year | event |\n| --- | --- |\n| 1991 | dissolution |\n"
)


def hostile_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    essay = nbformat.v4.new_markdown_cell(VECTORS_MARKDOWN)
    essay.metadata["nbgrader"] = {"grade_id": "q9_essay", "solution": True, "grade": True, "points": 20,
                                  "schema_version": 3}
    forged = nbformat.v4.new_markdown_cell("A cell of the student's own.")
    forged.metadata["nbgrader"] = {"grade_id": 'x"><script>window.pwned=10</script>', "solution": True,
                                   "grade": True, "points": 1, "schema_version": 3}
    outputs = [
        nbformat.v4.new_output("display_data", data={
            "text/html": "<b>bold</b><img src=x onerror='window.pwned=11'><style>body{display:none}</style>"
                         "<table><tr><td>1991</td></tr></table>",
            "application/javascript": "window.pwned=12",
            "image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg' onload='window.pwned=13'/>",
            "text/plain": "<IPython.core.display.HTML object>"}),
        nbformat.v4.new_output("display_data", data={"text/markdown": "<img src=x onerror='window.pwned=14'> **md**",
                                                     "text/plain": "md"}),
        nbformat.v4.new_output("display_data", data={"image/png": 'iVBOR"><script>window.pwned=15</script>',
                                                     "text/plain": "img"}),
        nbformat.v4.new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"},
                                                     "text/plain": "widget"}),
    ]
    code = nbformat.v4.new_code_cell("display(...)", outputs=outputs)
    return nbformat.from_dict(json.loads(json.dumps({**nb, "cells": [essay, forged, code]})))


class Markup(HTMLParser):
    """Every start tag with its attributes, and every script with its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self._in_script = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append([dict(attrs), ""])

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def parse(html: str) -> Markup:
    parser = Markup()
    parser.feed(html)
    return parser


def course_config(**top) -> Config:
    config = Config()
    for section, values in top.items():
        for key, value in values.items():
            setattr(config[section], key, value)
    config.merge(PyFileConfigLoader("nbgrader_config.py", path=str(COURSE)).load_config())
    return config


def assert_inert(html: str, page: str) -> Markup:
    markup = parse(html)
    policy = [a for t, a in markup.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(policy) == 1, f"{page}: one Content-Security-Policy in the head"
    content = policy[0]["content"]
    assert "'unsafe-inline'" not in content.split("script-src", 1)[1].split(";", 1)[0]
    nonce = content.split("'nonce-", 1)[1].split("'", 1)[0]
    assert len(nonce) >= 16
    first_script = html.lower().find("<script")
    assert html.index("Content-Security-Policy") < html.lower().index("</head>")
    assert first_script == -1 or html.index("Content-Security-Policy") < first_script
    for tag, attrs in markup.tags:
        handlers = [name for name in attrs if name.startswith("on")]
        assert not handlers or attrs[handlers[0]] in ("toggle_name(true);", "toggle_name(false);"), (tag, attrs)
        for name in ("href", "src", "action", "formaction", "data"):
            assert not str(attrs.get(name) or "").strip().lower().startswith(("javascript:", "vbscript:")), (tag, attrs)
        assert tag not in ("svg", "iframe", "object", "embed", "details", "base", "form"), (tag, attrs)
    for _attrs, text in markup.scripts:
        assert "pwned" not in text, f"{page}: a student's script survived: {text[:200]}"
    assert "window.pwned" not in "".join(a.get("src", "") for t, a in markup.tags)
    return markup


def test_formgrader_page_with_the_course_config_is_inert_and_shows_the_essay():
    from nbconvert import HTMLExporter

    # formgrader's own extra config first (nbgrader's FormgradeExtension.build_extra_config), then the file's
    config = course_config(HTMLExporter={"template_name": "formgrade"})
    exporter = HTMLExporter(config=config)
    resources = {"base_url": "/user/teacher", "submission_id": "abc", "notebook_id": "a1", "assignment_id": "a1",
                 "index": 0, "total": 1, "student": "s2026-001", "last_name": "", "first_name": "",
                 "notebook_path": "autograded/s2026-001/a1/a1.ipynb"}
    html, _ = exporter.from_notebook_node(hostile_notebook(), resources=resources)
    markup = assert_inert(html, "formgrader")
    nonce = next(a for t, a in markup.tags if t == "meta" and a.get("http-equiv"))["content"].split("'nonce-")[1][:6]
    own = [attrs for attrs, _ in markup.scripts]
    assert own and all(a.get("nonce", "").startswith(nonce) or "nonce" not in a for a in own)
    assert any("formgrade.js" in a.get("src", "") and a.get("nonce") for a in own)  # formgrader's own UI runs
    assert 'class="score tabbable" id="q9_essay"' in html or 'id="q9_essay"' in html  # the mark box is there
    assert "My essay." in html and "<blockquote>" in html and "<td>1991</td>" in html
    assert "<b>bold</b>" in html  # a pandas-style HTML output keeps its harmless markup
    assert "invalid-grade-id" in html


def test_feedback_page_with_the_course_config_is_inert_and_draws_charts(tmp_path):
    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory

    config = course_config()
    feedback = GenerateFeedback(coursedir=CourseDirectory(root=str(tmp_path)), config=config)
    exporter = feedback.exporter_class(parent=feedback, config=feedback.config)
    assert exporter.template_name == "feedback_offline"
    for preprocessor in feedback.preprocessors[1:]:  # GetGrades needs a gradebook; its resources are below
        exporter.register_preprocessor(preprocessor)
    nb = hostile_notebook()
    nb.cells[2].outputs.append(nbformat.v4.new_output("display_data", data={
        PLOTLY: {"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {"title": {"text": "</script>x"}}},
        "text/plain": "<Figure>"}))
    for cell in nb.cells:
        cell.metadata.setdefault("nbgrader", {}).update(score=0, points=cell.metadata.get("nbgrader", {}).get("points", 0))
    resources = {"nbgrader": {"notebook": "a1", "score": 1, "max_score": 34, "late_penalty": 0}}
    html, _ = exporter.from_notebook_node(nb, resources=resources)
    markup = assert_inert(html, "feedback")
    assert "connect-src" not in html or "default-src 'none'" in html  # a file page reaches nothing
    charts = [text for attrs, text in markup.scripts if "Plotly.newPlot" in text]
    assert charts and all(attrs.get("nonce") for attrs, text in markup.scripts)
    assert "My essay." in html and "<blockquote>" in html


@pytest.mark.parametrize("page", ["formgrader", "feedback"])
def test_a_page_whose_content_was_not_sanitised_is_not_rendered(page):
    """The head filter fails closed: a configuration that lost the sanitiser renders nothing."""
    from course.grading.safe_html import csp_head

    with pytest.raises(RuntimeError, match="not sanitised"):
        csp_head("<html><head></head>", {}, page)
