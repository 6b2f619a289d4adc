"""Plotly figures out of the course, offline: in a Jupyter kernel, and in exported HTML. One mime type.

**In a notebook.** JupyterLab 4 renders `application/vnd.plotly.v1+json` (`MIME`) with the jupyterlab-plotly
extension that ships inside the plotly package: offline, and even in an untrusted notebook. Plotly's own
display path (`plotly.io.show`) would do the same but imports nbformat, whose jsonschema import costs about a
second at the first chart; `register()` routes figures through `publish`, which serialises the figure and
publishes the bundle directly.

**In exported HTML** (nbgrader feedback, the site). A notebook stores a chart as that same bundle, which only
JupyterLab can draw. `PlotlyToHTML` adds a `text/html` version of each such output (a div and a
`Plotly.newPlot` call) and makes plotly.js available once per document:

- `plotly_js = "inline"` (default) puts the bundle inside the first chart's output, for a feedback file
  that a student opens on its own, offline;
- `plotly_js = "../assets/plotly-basic.min.js"` (any relative URL) loads it from a file the site ships
  once for all pages (copy `PLOTLY_JS` there).

The bundle is plotly.js "basic" (scatter, bar, pie: all the course's charts need), vendored in
`course/assets/` from the npm package plotly.js-basic-dist-min (MIT) at the plotly.js version that the
installed plotly package was built against: about 1.2 MB instead of 4.8 MB for the full bundle.

With `offline_head = True` (default) the preprocessor also points every remote `*_url` the exporter puts
in `resources` (require.js, MathJax, mermaid: CDN addresses by default, read from there by the lab and
classic templates) at an empty script, so the page asks nothing of the network. Math in Markdown then
stays as written.

nbgrader: `GenerateFeedback.preprocessors` (a List trait in nbgrader/converters/generate_feedback.py,
default `[GetGrades, CSSHTMLHeaderPreprocessor]`) is registered on its HTMLExporter one by one, without
enabling them (so `enabled` defaults to True here). Keep the two defaults and append this class; give
classes, not dotted strings (nbgrader's config listing calls `class_traits()` on each entry).
nbgrader's feedback template also loads MathJax from a CDN through a fixed URL that no preprocessor
reaches; the template "feedback_offline" in course/templates is nbgrader's own with that one macro
shadowed. In assignments/nbgrader_config.py::

    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import GetGrades
    from course.content.plotly_output import PlotlyToHTML, feedback_template_dirs
    c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, PlotlyToHTML]
    c.GenerateFeedback.HTMLExporter.template_name = "feedback_offline"
    c.GenerateFeedback.HTMLExporter.extra_template_basedirs = feedback_template_dirs()

(scoped to GenerateFeedback's own exporter, so that formgrader keeps its page; the class's file also sets the
sanitiser and the Content-Security-Policy, course/grading/safe_html.py). Where the page has a policy
(`resources["csp_nonce"]`), the chart scripts carry its nonce.

The site: `HTMLExporter(preprocessors=[PlotlyToHTML(plotly_js="../assets/plotly-basic.min.js")])`.
"""

from __future__ import annotations

import html
import json
import functools
import re
import sys
from pathlib import Path

from course.content.paths import PLOTLY_JS, TEMPLATES
from course.content.theme import CONFIG, HEIGHT, title_of

MIME = "application/vnd.plotly.v1+json"
#: An empty script: what remote require.js / MathJax URLs are replaced with.
NO_SCRIPT = "data:text/javascript,"


def bundle(fig) -> dict:
    """The figure as a JSON-ready mime bundle body: data, layout and the course's config."""
    body = json.loads(fig.to_json())
    body["config"] = {**CONFIG, **body.get("config", {})}
    return body


def _plain(fig) -> str:
    return f"<Figure: {title_of(fig) or 'untitled'}>"


def publish(fig) -> None:
    """Display one figure (the formatter IPython calls for every Plotly figure once registered)."""
    from IPython.display import publish_display_data

    publish_display_data({MIME: bundle(fig), "text/plain": _plain(fig)})


def register() -> bool:
    """Route Plotly figures through `publish` in the running IPython kernel; False outside one.

    The ipython_display formatter is the one IPython consults first, before the figure's own
    `_ipython_display_` (which would call plotly.io.show).
    """
    if "IPython" not in sys.modules:  # not in a kernel or shell: nothing to register, nothing imported
        return False
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    from plotly.graph_objects import Figure  # not FigureWidget: a widget keeps its own display

    shell.display_formatter.ipython_display_formatter.for_type(Figure, publish)
    return True


def plotly_js_version(path: Path = PLOTLY_JS) -> str:
    """The plotly.js version stated in a bundle's header comment, e.g. '4.1.1'."""
    head = path.read_text(encoding="utf-8")[:300]
    return re.search(r"plotly\.js[^\n]*? v(\d+\.\d+\.\d+)", head).group(1)


def feedback_template_dirs() -> list[str]:
    """Template base folders for "feedback_offline": the course's, then nbgrader's (which it extends).

    Setting `HTMLExporter.extra_template_basedirs` stops nbgrader adding its own, hence both here.
    """
    import nbgrader

    return [str(TEMPLATES), str(Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates")]


def figure_html(figure: dict, div_id: str) -> str:
    """A div and the script that draws `figure` (a plotly mime bundle body: data, layout, config) in it."""
    height = (figure.get("layout") or {}).get("height") or HEIGHT
    config = {**CONFIG, **(figure.get("config") or {})}
    payload = json.dumps({"data": figure.get("data", []), "layout": figure.get("layout", {}), "config": config})
    payload = payload.replace("</", "<\\/")  # a "</script>" inside a title must not end the script
    return (
        f'<div id="{div_id}" class="course-chart" style="width:100%;height:{int(height)}px;"></div>\n'
        f'<script type="text/javascript">(function () {{ var f = {payload};\n'
        f'Plotly.newPlot("{div_id}", f.data, f.layout, f.config); }})();</script>'
    )


def plotly_loader(plotly_js: str = "inline") -> str:
    """The one script tag that makes `Plotly` available: the bundle inline, or a relative URL."""
    if plotly_js == "inline":
        return f'<script type="text/javascript">{PLOTLY_JS.read_text(encoding="utf-8")}</script>'
    return f'<script type="text/javascript" src="{html.escape(plotly_js, quote=True)}"></script>'


@functools.cache
def _plotly_to_html() -> type:
    """The preprocessor class, made on first use: nbconvert's import (nbformat's jsonschema with it) takes
    seconds, which a lesson's first chart must not pay for a class only exports use."""
    from nbconvert.preprocessors import Preprocessor
    from traitlets import Bool, TraitError, Unicode, validate

    class PlotlyToHTML(Preprocessor):
        """Give every Plotly output an offline `text/html` version; plotly.js once per document."""

        enabled = Bool(True, help="On when registered; nbgrader registers preprocessors without enabling them.").tag(
            config=True)
        plotly_js = Unicode("inline", help='"inline", or a relative URL to plotly-basic.min.js.').tag(config=True)
        offline_head = Bool(True, help="Replace remote require.js and MathJax URLs with an empty script.").tag(
            config=True)

        @validate("plotly_js")
        def _local_only(self, proposal):
            value = proposal["value"]
            if re.match(r"^([a-z][a-z0-9+.-]*:)?//", value, re.I):
                raise TraitError(f"plotly_js must be 'inline' or a relative URL, not {value!r}: the course works offline")
            return value

        def preprocess(self, nb, resources):
            count = 0
            for cell in nb.cells:
                for output in cell.get("outputs", []):
                    if output.get("output_type") in ("display_data", "execute_result") and MIME in output.get("data", {}):
                        count += 1
                        chart = figure_html(output["data"][MIME], f"course-chart-{count}")
                        if count == 1:
                            chart = plotly_loader(self.plotly_js) + "\n" + chart
                        if resources.get("csp_nonce"):  # a page with a Content-Security-Policy: trusted scripts
                            chart = chart.replace("<script", f'<script nonce="{resources["csp_nonce"]}"')
                        output["data"]["text/html"] = chart
            if self.offline_head:
                for key, value in list(resources.items()):
                    if key.endswith("_url") and re.match(r"^(https?:)?//", str(value or "")):
                        resources[key] = NO_SCRIPT
            return nb, resources

    PlotlyToHTML.__module__, PlotlyToHTML.__qualname__ = __name__, "PlotlyToHTML"
    return PlotlyToHTML


def __getattr__(name: str):
    """`PlotlyToHTML`, importable as any class (`from course.content.plotly_output import PlotlyToHTML`)."""
    if name == "PlotlyToHTML":
        return _plotly_to_html()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
