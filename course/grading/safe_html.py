"""Student content made inert before a browser shows it: formgrader's submission page and the feedback pages.

Why: formgrader renders a student's notebook as HTML inside the instructor's logged-in Jupyter server, so a
`<img onerror>` in an essay or a `display(HTML(...))` output would run as the instructor: it can write files
through the contents API and start a kernel (stock nbgrader has this hole). Feedback pages, opened from disk
or a course site, are no better. Two layers, either of which stops the vectors on its own:

1. **`SanitizeStudentContent`**, an nbconvert preprocessor (the public seam: the exporter's `preprocessors`
   list, configured in the class's nbgrader_config.py). A Markdown cell (an essay) is rendered here with
   nbconvert's own Markdown renderer, cleaned by nh3 (text, lists, tables, links to http/https/mailto only;
   raw HTML a student typed shows as text, which is also the evidence an instructor wants to see), and put
   back as one HTML block that the template's renderer passes through unchanged. Cleaning the rendered HTML,
   not the Markdown, is what stops a `javascript:` link whose scheme is spelled with entities. Raw cells
   lose every tag. Outputs keep only what cannot run: plain text, PNG/JPEG with a
   well-formed base64 body, the course's Plotly charts as data (drawn by the course's own script, never the
   student's), and HTML (pandas tables) cleaned by nh3 with a short list of table and text tags and no
   attributes that can run code. SVG, JavaScript, widget and any unknown output type are dropped. nh3 is
   chosen because it is the maintained sanitiser of the Python world (ammonia, in Rust; bleach, which
   nbconvert's own SanitizeHTML uses, is in security-fix-only mode).
2. **A Content-Security-Policy** in the page's head (`csp_head`, a template filter): scripts run only if
   they come from the server itself or carry the page's nonce, a random value drawn per page by the
   preprocessor, after the student's notebook was written, so no student content can know it.
   formgrader's two inline handlers (show/hide names) are allowed by their hashes.

`configure_pages(c)` sets both pages up in an nbgrader configuration: the class's nbgrader_config.py calls
it, and so does the hub instructors' (deploy/instructor/nbgrader_config.py), because formgrader started in a
home folder never reads the class's file. tests/test_safe_html.py renders every known vector through both;
tests/test_formgrader_browser.py opens them in a browser.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
from pathlib import Path

import nh3

from course.content.plotly_output import MIME as PLOTLY_MIME

#: Output types shown as they are: the template escapes text, and images are checked below.
KEPT = {"text/plain", "image/png", "image/jpeg", PLOTLY_MIME}
#: Tags a pandas table or a formatted printout needs; nothing that loads, embeds or runs anything.
HTML_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "div", "span",
             "p", "br", "hr", "b", "i", "em", "strong", "u", "sub", "sup", "small", "code", "pre", "blockquote",
             "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"}
HTML_ATTRIBUTES = {"*": {"class", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
#: A `<` that could open a tag, a comment, a declaration or a processing instruction.
TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
BASE64 = re.compile(r"^[A-Za-z0-9+/=\s]*$")
#: formgrader's own inline event handlers (formgrade_macros.html.j2, the name toggle), allowed by hash.
FORMGRADER_HANDLERS = ("toggle_name(true);", "toggle_name(false);")


def formgrader_inline_scripts() -> list[str]:
    """The inline scripts in formgrader's page body (its nav's tooltips), read from nbgrader's own macros, to be
    allowed by hash. A later nbgrader that changes them loses its tooltips, never its safety."""
    import nbgrader

    macros = (Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates" / "formgrade"
              / "formgrade_macros.html.j2")
    text = macros.read_text(encoding="utf-8") if macros.is_file() else ""
    nav = text[text.find("macro nav("):]
    return [s for s in re.findall(r"<script[^>]*>(.*?)</script>", nav, flags=re.S) if "{" + "{" not in s]


#: What rendered Markdown may keep: text structure, tables, code and links; no ids (a heading's id could
#: shadow a global the page's own scripts read) and no images (an essay has none).
MARKDOWN_TAGS = HTML_TAGS | {"a"}
MARKDOWN_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan", "align"}, "th": {"colspan", "rowspan", "align"},
                       "code": {"class"}, "span": {"class"}}
#: A blank line would end an HTML block in the template's Markdown pass; inside <pre> a zero-width space keeps
#: the line visually empty and the block whole.
BLANK_LINE = re.compile(r"\n[ \t]*\n")


def markdown_as_safe_html(source: str) -> str:
    """Markdown rendered and cleaned, as one HTML block that a second Markdown pass leaves as it is."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    cleaned = nh3.clean(markdown2html_mistune(source), tags=MARKDOWN_TAGS, attributes=MARKDOWN_ATTRIBUTES,
                        clean_content_tags={"script", "style"}, url_schemes={"http", "https", "mailto"},
                        link_rel="noopener noreferrer nofollow").strip()
    while BLANK_LINE.search(cleaned):
        cleaned = BLANK_LINE.sub("\n\u200b\n", cleaned)
    return f'<div class="course-markdown">\n{cleaned}\n</div>'


def escape_tags(text: str) -> str:
    """Markdown with every raw HTML tag shown as text: `<img onerror=...>` becomes `&lt;img onerror=...>`."""
    return TAG_START.sub("&lt;", text)


def clean_html(text: str) -> str:
    """An HTML output (a pandas table, say) with only inert tags; script and style go with their content."""
    return nh3.clean(text, tags=HTML_TAGS, attributes=HTML_ATTRIBUTES, clean_content_tags={"script", "style"},
                     url_schemes=set(), link_rel=None)


def _valid_image(body) -> bool:
    if not isinstance(body, str) or not BASE64.match(body):
        return False
    try:
        base64.b64decode("".join(body.split()), validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _number_or_none(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def clean_output(output: dict) -> dict:
    """One cell output, made inert (in place; returned for convenience)."""
    if output.get("output_type") not in ("display_data", "execute_result"):
        return output  # stream and error: text, escaped by every template
    data = output.get("data", {})
    for key in list(data):
        value = data[key]
        if key == "text/html":
            data[key] = clean_html(value if isinstance(value, str) else "".join(value))
        elif key == "text/markdown":
            data[key] = markdown_as_safe_html(value if isinstance(value, str) else "".join(value))
        elif key not in KEPT:
            del data[key]
        elif key in ("image/png", "image/jpeg") and not _valid_image(value):
            del data[key]
        elif key == PLOTLY_MIME and not isinstance(value, dict):
            del data[key]
        elif key == "text/plain" and not isinstance(value, str):
            data[key] = "".join(value) if isinstance(value, list) else str(value)
    if not data:
        data["text/plain"] = "(an output that cannot be shown safely was removed)"
    metadata = output.get("metadata", {})
    safe = {}
    for mime in ("image/png", "image/jpeg"):
        sizes = metadata.get(mime) if isinstance(metadata.get(mime), dict) else {}
        sizes = {k: v for k in ("width", "height") if (v := _number_or_none(sizes.get(k))) is not None}
        if sizes:
            safe[mime] = sizes
    output["metadata"] = safe
    return output


#: nbgrader's own rule for a grade id (its CheckCellMetadata); nbgrader's templates write it into attributes.
GRADE_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def clean_cell(cell) -> None:
    """One cell, made inert in place: tags in Markdown and raw cells shown as text, outputs cleaned, and an
    nbgrader grade id that could break out of an HTML attribute replaced (a student can add a cell with any
    metadata; nbgrader's templates write the id unescaped)."""
    nbgrader = (cell.get("metadata") or {}).get("nbgrader")
    if isinstance(nbgrader, dict) and "grade_id" in nbgrader and not GRADE_ID.match(str(nbgrader["grade_id"])):
        nbgrader["grade_id"] = "invalid-grade-id"
    if cell.get("cell_type") == "markdown":
        cell["source"] = markdown_as_safe_html(cell.get("source", ""))
    elif cell.get("cell_type") == "raw":
        cell["source"] = escape_tags(cell.get("source", ""))
    if cell.get("cell_type") in ("markdown", "raw"):
        attachments = cell.get("attachments") or {}
        for name in list(attachments):
            bundle = attachments[name]
            kept = {m: v for m, v in bundle.items() if m in ("image/png", "image/jpeg") and _valid_image(v)}
            if kept:
                attachments[name] = kept
            else:
                del attachments[name]
    for output in cell.get("outputs", []):
        clean_output(output)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def policy(nonce: str, page: str) -> str:
    """The Content-Security-Policy of a page: 'formgrader' (served by Jupyter) or 'feedback' (a file)."""
    if page == "formgrader":
        hashes = [_sha256(h) for h in (*FORMGRADER_HANDLERS, *formgrader_inline_scripts())]
        scripts = f"'self' 'nonce-{nonce}' 'unsafe-hashes' " + " ".join(hashes)
        return (f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
                "frame-src 'none'; base-uri 'none'; form-action 'self'")
    return (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'")


def add_nonce(html: str, nonce: str) -> str:
    """Every `<script` of trusted template text, given the page's nonce."""
    return re.sub(r"<script\b", f'<script nonce="{nonce}"', html)


def csp_head(html: str, resources: dict, page: str = "formgrader") -> str:
    """Template filter: the page's head with its policy first and its own scripts carrying the nonce.

    Applied to the template's head block only (never to cell content). Fails closed: without the nonce that
    `SanitizeStudentContent` draws, the student content was not sanitised, and the page is not rendered.
    """
    nonce = resources.get("csp_nonce") if isinstance(resources, dict) else None
    if not nonce:
        raise RuntimeError("student content was not sanitised: add course.grading.safe_html.SanitizeStudentContent "
                           "to the exporter's preprocessors (see assignments/nbgrader_config.py)")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(nonce, page)}">'
    html = add_nonce(str(html), nonce)
    head = re.search(r"<head[^>]*>", html, flags=re.I)
    return html[:head.end()] + "\n" + meta + html[head.end():] if head else meta + "\n" + html


def configure_pages(c) -> None:
    """formgrader's page and the feedback page, each with its own template, both cleaned and under a policy.

    formgrader's template is set on every HTMLExporter (formgrader makes a bare one), feedback's only on the one
    GenerateFeedback makes (traitlets' nested config, `GenerateFeedback.HTMLExporter`), so formgrader,
    `nbgrader generate_feedback` and `course feedback` each render with their own. Feedback keeps nbgrader's
    two default preprocessors and adds the course's PlotlyToHTML, which draws the charts offline, and
    MarkingState, which names each question and says what is not marked yet (so formgrader's own feedback
    button and plain `nbgrader generate_feedback` make the same page as `course feedback`).
    """
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import GetGrades

    from course.content.plotly_output import PlotlyToHTML, feedback_template_dirs
    from course.grading.feedback_page import MarkingState

    c.HTMLExporter.preprocessors = [SanitizeStudentContent]
    c.HTMLExporter.filters = {"csp_head": csp_head}
    c.HTMLExporter.template_name = "formgrade_safe"
    c.HTMLExporter.template_file = "page.html.j2"
    c.HTMLExporter.extra_template_basedirs = feedback_template_dirs()
    c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, PlotlyToHTML, MarkingState]
    c.GenerateFeedback.HTMLExporter.template_name = "feedback_offline"
    c.GenerateFeedback.HTMLExporter.template_file = "page.html.j2"
    c.GenerateFeedback.HTMLExporter.extra_template_basedirs = feedback_template_dirs()


def _preprocessor_class():
    from nbconvert.preprocessors import Preprocessor
    from traitlets import Bool

    class SanitizeStudentContent(Preprocessor):
        """Every cell made inert, and the page's script nonce drawn (resources["csp_nonce"])."""

        enabled = Bool(True, help="On when listed; nbgrader registers preprocessors without enabling them.").tag(
            config=True)

        def preprocess(self, nb, resources):
            for cell in nb.cells:
                clean_cell(cell)
            resources["csp_nonce"] = secrets.token_urlsafe(18)
            return nb, resources

    SanitizeStudentContent.__module__ = __name__
    return SanitizeStudentContent


SanitizeStudentContent = _preprocessor_class()
