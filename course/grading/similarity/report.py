"""The similarity report: one offline HTML file, pairs strongest first, shared passages side by side.

Every student-written string goes through `html.escape` (essays are hostile: a `<script>` in an essay is
shown as text). As a second guard the page's Content-Security-Policy forbids scripts and every remote
load, so even a mistake here could not run code or call out when the report is opened.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone

from course.grading.similarity.compare import Match
from course.grading.similarity.texts import MAX_CHARS, Problem, Text, words_of

CSS = """
:root { --ink: #1d2430; --muted: #5b6472; --line: #d9dde3; --mark: #fff1b8; --bg: #f7f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--bg); }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 0; }
.nowrap { white-space: nowrap; }
.lead, .meta { color: var(--muted); } .meta { font-size: .9rem; }
.note .changed { text-decoration: underline dotted #b4442f; }
.note { background: #fff; border-left: 4px solid #3a6ea5; padding: .6rem .9rem; margin: 1rem 0; }
table.index { border-collapse: collapse; width: 100%; background: #fff; margin: 1rem 0; }
table.index th, table.index td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line);
                                 vertical-align: top; overflow-wrap: break-word; }
section.pair { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 1.25rem 0;
               padding: 1rem; }
.strength { font-variant-numeric: tabular-nums; font-weight: 700; }
.bar { height: .5rem; background: var(--line); border-radius: 3px; margin: .4rem 0 .8rem; }
.bar span { display: block; height: 100%; background: #b4442f; border-radius: 3px; }
.passage { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; border-top: 1px solid var(--line);
           padding: .6rem 0; }
.passage blockquote { margin: 0; padding: .5rem .7rem; background: var(--mark); border-radius: 4px;
                      overflow-wrap: anywhere; white-space: pre-wrap; min-width: 0; }
.passage .changed { background: #fff; text-decoration: underline dotted #b4442f; }
.passage .who { display: block; font-size: .8rem; color: var(--muted); margin-bottom: .2rem; }
.passage .score { grid-column: 1 / -1; font-size: .8rem; color: var(--muted); }
@media (max-width: 640px) { .passage { grid-template-columns: 1fr; } main { padding: 1rem .6rem 2rem; }
  table.index { font-size: .9rem; } table.index th, table.index td { padding: .35rem .3rem; }
  table.index td { overflow-wrap: anywhere; }
  table.index .hide-narrow { display: none; } }
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'"


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _describer(texts: list[Text]):
    """Labels for the report: a student's essay names its question only when the assignment has several."""
    several = len({t.question for t in texts if t.kind == "student"}) > 1

    def describe(text: Text) -> str:
        return f"{text.label} ({text.question})" if several and text.kind == "student" and text.question else text.label
    return describe


def _joined(text: Text, indices: list[int]) -> str:
    """The passage's sentences; a line of an outline (no full stop) keeps its own line."""
    out = ""
    for i in indices:
        sentence = text.sentences[i].text
        out += ("" if not out else " " if out[-1] in ".!?" else "\n") + sentence
    return out


def _marked(passage: str, other: str) -> str:
    """Escaped passage with the words the other side does not have marked: what a paraphrase changed."""
    theirs = set(words_of(other))
    return "".join(f'<span class="changed">{_e(token)}</span>' if words_of(token) and not set(words_of(token)) <= theirs
                   else _e(token) for token in re.split(r"(\s+)", passage))


def _passage(texts: list[Text], match: Match, passage, describe) -> str:
    a, b = texts[match.first], texts[match.second]
    left, right = _joined(a, passage.left), _joined(b, passage.right)
    return (f'<div class="passage"><blockquote><span class="who">{_e(describe(a))}</span>{_marked(left, right)}'
            f'</blockquote><blockquote><span class="who">{_e(describe(b))}</span>{_marked(right, left)}</blockquote>'
            f'<div class="score">{len(passage.left)} sentence(s), {passage.score:.0f}% alike</div></div>')


def render(assignment: str, texts: list[Text], matches: list[Match], problems: list[Problem],
           threshold: float, essays: int) -> str:
    rows, sections, _describe = [], [], _describer(texts)
    for n, match in enumerate(matches, 1):
        a, b = texts[match.first], texts[match.second]
        pct = round(match.strength * 100)
        rows.append(f'<tr><td><a href="#pair{n}">{n}</a></td><td class="strength">{pct}%</td>'
                    f'<td>{_e(_describe(a))}</td><td>{_e(_describe(b))}</td>'
                    f'<td class="hide-narrow">{match.shared_words}</td></tr>')
        sections.append(
            f'<section class="pair" id="pair{n}"><h2>{n}. {_e(_describe(a))} &harr; {_e(_describe(b))}</h2>'
            f'<p class="meta"><span class="strength">{pct}%</span> of the '
            f'{"essay" if b.kind != "student" else "more-copied essay"} lies in shared passages; '
            f'{match.shared_words} words of {_e(a.label)}\'s essay in {len(match.passages)} passage(s).</p>'
            f'<div class="bar" aria-hidden="true"><span style="width:{pct}%"></span></div>'
            + "".join(_passage(texts, match, p, _describe) for p in match.passages) + "</section>")
    problem_rows = "".join(f"<tr><td>{_e(p.student)}</td><td>{_e(p.file or '-')}</td><td>{_e(p.reason)}</td></tr>"
                           for p in problems)
    index = ('<table class="index"><thead><tr><th>#</th><th>share</th><th>essay</th><th>shares passages with'
             '</th><th class="hide-narrow">words shared</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
             if rows else f"<p>No pair reaches {round(threshold * 100)}%.</p>")
    problem_block = ('<h2 id="problems">Submissions without a readable essay</h2><table class="index"><thead><tr>'
                     '<th>student</th><th>file</th><th>what is wrong</th></tr></thead><tbody>'
                     + problem_rows + "</tbody></table>") if problems else ""
    cut = [t for t in texts if t.cut and t.kind == "student"]
    if cut:
        problem_block += (f'<h2 id="cut">Essays cut at {MAX_CHARS:,} characters</h2><p>Longer than any real essay: '
                          "only their beginning was compared.</p><ul>"
                          + "".join(f"<li>{_e(_describe(t))}: {t.cut:,} characters not read</li>" for t in cut)
                          + "</ul>")
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Essay similarity: {_e(assignment)}</title><style>{CSS}</style></head>
<body><main>
<h1>Essay similarity: {_e(assignment)}</h1>
<p class="lead">{essays} essay(s) compared with each other, with the model answers and with the lessons' own text;
{len(matches)} pair(s) at or above {round(threshold * 100)}%. Made <span class="nowrap">{when}</span>.</p>
<p class="note">A shared passage is a reason to talk to the student, not a verdict: read both texts in full
before deciding anything. The stub of the essay cell and the question's own wording are not counted. In a
passage, <span class="changed">underlined</span> words are those the other side does not have.</p>
{index}
{problem_block}
{"".join(sections)}
</main></body></html>
"""
