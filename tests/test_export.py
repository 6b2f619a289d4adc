"""Offline display: the kernel publishes the Plotly mime bundle only (without importing nbformat), and the
exported HTML draws every chart with plotly.js included once and nothing fetched from the network."""

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from traitlets import TraitError

import plotly
from course.display import MIME
from course.export import PLOTLY_JS, PlotlyToHTML, plotly_js_version

BUNDLE_HEADER = "plotly.js (basic - minified) v"
KERNEL_PROBE = "import sys; print(json.dumps({m: m in sys.modules for m in PROBED}))"
PROBED = ["nbformat", "jsonschema", "plotly.io._renderers"]


@pytest.fixture(scope="module")
def executed():
    """A small notebook that imports course.charts and shows two charts, run by a real kernel."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Charts\n\nInline math such as $x^2$ stays as written."),
        nbformat.v4.new_code_cell("import json\nfrom course import charts, data\ncharts.opinion_trend(data.load('polls'))"),
        nbformat.v4.new_code_cell("fig = charts.episodes(data.load('episodes'))\ndisplay(fig)"),
        nbformat.v4.new_code_cell(f"PROBED = {PROBED!r}\n{KERNEL_PROBE}"),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    return nb


def export(nb, **traits):
    exporter = HTMLExporter()
    exporter.register_preprocessor(PlotlyToHTML(**traits), enabled=True)
    html, _ = exporter.from_notebook_node(nbformat.from_dict(json.loads(json.dumps(nb))))
    return html


def remote_refs(html: str) -> list[str]:
    tags = re.findall(r"<(?:script|link)\b[^>]*>", html, flags=re.I)
    refs = [m for tag in tags for m in re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", tag, flags=re.I)]
    return [r for r in refs if re.match(r"^(https?:)?//", r)]


def test_kernel_publishes_only_the_plotly_bundle(executed):
    for cell in executed.cells[1:3]:
        outputs = [o for o in cell.outputs if o.output_type in ("display_data", "execute_result")]
        assert len(outputs) == 1
        assert set(outputs[0].data) == {MIME, "text/plain"}
        bundle = outputs[0].data[MIME]
        assert bundle["data"] and bundle["layout"]["template"]["layout"]["colorway"]
        assert bundle["config"]["responsive"] is True
        assert outputs[0].data["text/plain"].startswith("<Figure: ")


def test_kernel_display_does_not_import_nbformat(executed):
    loaded = json.loads(executed.cells[3].outputs[0].text)
    assert loaded == {name: False for name in PROBED}


def test_exported_html_draws_each_chart_with_plotly_js_inlined_once(executed):
    html = export(executed)
    assert html.count('class="course-chart"') == 2
    assert html.count("Plotly.newPlot(") == 2
    assert html.count(BUNDLE_HEADER) == 1
    assert html.index(BUNDLE_HEADER) < html.index('id="course-chart-1"')
    assert remote_refs(html) == []
    assert "cdnjs" not in html  # nbconvert's default require.js and MathJax addresses are gone


def test_site_export_loads_plotly_js_from_one_relative_url(executed):
    html = export(executed, plotly_js="../assets/plotly-basic.min.js")
    assert html.count('src="../assets/plotly-basic.min.js"') == 1
    assert BUNDLE_HEADER not in html
    assert html.count("Plotly.newPlot(") == 2
    assert remote_refs(html) == []


def test_plotly_js_must_be_inline_or_relative():
    for remote in ("https://cdn.plot.ly/plotly-latest.min.js", "//cdn.example.org/plotly.js"):
        with pytest.raises(TraitError):
            PlotlyToHTML(plotly_js=remote)


def test_vendored_bundle_matches_the_installed_plotly():
    package = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    ours, theirs = plotly_js_version(PLOTLY_JS), plotly_js_version(package)
    assert ours.split(".")[:2] == theirs.split(".")[:2], (
        f"re-vendor plotly.js-basic-dist-min@{theirs} into course/assets/ (it is {ours})")
    assert PLOTLY_JS.stat().st_size < package.stat().st_size / 2
    assert "MIT" in (PLOTLY_JS.parent / "plotly-basic.LICENSE.txt").read_text()


def test_nbgrader_feedback_is_offline_with_the_documented_config(executed, tmp_path):
    """GenerateFeedback registers each entry of its `preprocessors` List on its HTMLExporter without
    enabling it; PlotlyToHTML is enabled by default, so the documented config lines are all it takes."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import GetGrades
    from traitlets.config import Config

    from course.export import feedback_template_dirs

    assert GenerateFeedback.class_traits()["preprocessors"].default() == [GetGrades, CSSHTMLHeaderPreprocessor]
    c = Config()  # the lines documented in course/export.py, as assignments/nbgrader_config.py has them
    c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, PlotlyToHTML]
    c.HTMLExporter.template_name = "feedback_offline"
    c.HTMLExporter.extra_template_basedirs = feedback_template_dirs()
    feedback = GenerateFeedback(coursedir=CourseDirectory(root=str(tmp_path)), config=c)
    assert feedback.preprocessors == [GetGrades, CSSHTMLHeaderPreprocessor, PlotlyToHTML]
    # What GenerateFeedback.start() does, less GetGrades (which needs a gradebook; these are its resources).
    exporter = feedback.exporter_class(parent=feedback, config=feedback.config)
    for preprocessor in feedback.preprocessors[1:]:
        exporter.register_preprocessor(preprocessor)
    nb = nbformat.from_dict(json.loads(json.dumps(executed)))
    resources = {"nbgrader": {"notebook": "charts", "score": 1, "max_score": 1, "late_penalty": 0}}
    html, _ = exporter.from_notebook_node(nb, resources=resources)
    assert "charts (Score: 1.0 / 1.0)" in html  # nbgrader's feedback page
    assert html.count("Plotly.newPlot(") == 2 and html.count(BUNDLE_HEADER) == 1
    assert remote_refs(html) == []
