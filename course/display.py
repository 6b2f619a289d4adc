"""Show Plotly figures in a Jupyter kernel as the offline Plotly mime type, and nothing else.

JupyterLab 4 renders `application/vnd.plotly.v1+json` with the jupyterlab-plotly extension that ships
inside the plotly package: offline, and even in an untrusted notebook. Plotly's own display path
(`plotly.io.show`) would do the same but imports nbformat, whose jsonschema import costs about a second
at the first chart; this formatter serialises the figure and publishes the bundle directly. The stored
output is the same bundle, which `course.export.PlotlyToHTML` turns into HTML for feedback and the site.
"""

from __future__ import annotations

import json
import sys

from course.theme import CONFIG, title_of

MIME = "application/vnd.plotly.v1+json"


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
