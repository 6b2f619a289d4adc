"""The shell of the learner's HTML pages: one file, offline, nothing fetched, everything the learner wrote escaped.

Course text (questions, rubrics, model answers) is markdown: markdown-it-py renders it (already the essay
coach's parser) with raw HTML turned off, so a stray tag shows as text, and its link check refuses
`javascript:` links. A learner's own answer is shown as escaped plain text. A table of class `stack` turns
each row into a small card of labelled lines on a narrow screen (CSS only), so a phone never scrolls sideways.
"""

from __future__ import annotations

import html

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;padding:1em;max-width:60em;line-height:1.5;color:#222}
h1{font-size:1.5em} h2{font-size:1.2em;border-top:1px solid #ccc;padding-top:.8em;margin-top:1.5em}
.right{color:#007a5a} .wrong{color:#b34700} .unanswered{color:#555} .note{color:#555;font-size:.95em}
.answer{white-space:pre-wrap;background:#f4f4f4;padding:.7em;border-radius:4px;font-family:inherit;overflow-wrap:anywhere}
details{margin:.6em 0} summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;margin:.5em 0;display:block;overflow-x:auto} td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
code{background:#f4f4f4;padding:0 .2em}
table.stack{display:table;width:100%} .stack td{overflow-wrap:anywhere}
@media (max-width:40em){
 .stack,.stack tbody,.stack tr,.stack td{display:block;width:auto} .stack thead{display:none}
 .stack tr{border:1px solid #ccc;border-radius:4px;margin:.6em 0;padding:.3em .5em} .stack td{border:0;padding:.1em 0}
 .stack td::before{content:attr(data-label) ": ";font-weight:600}
}
"""


def markdown(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text or "")


def escape(text) -> str:
    return html.escape(str(text), quote=True)


def document(title: str, body: str) -> str:
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>\n")
