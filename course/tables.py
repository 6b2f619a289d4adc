"""How pandas shows the course's tables: whole text in every cell, set once for every lesson.

pandas cuts a cell's text at 50 characters by default (`display.max_colwidth`), which cuts glossary
definitions, past-paper wordings and event descriptions mid-word, in JupyterLab, in the executed lessons
on the site and in print. `course.data` calls `show_whole_text()` when it is imported, so every lesson,
assignment and site build that loads a table gets the setting without a line of its own. Long text wraps
inside its cell; a table wider than the screen scrolls sideways (JupyterLab's output area and the site's
CSS both scroll it).
"""

from __future__ import annotations

#: pandas display options the course sets (option name -> value).
OPTIONS = {
    "display.max_colwidth": None,  # never cut a cell's text
    "display.max_columns": 50,  # every column of the course's tables (the widest has fewer)
    "display.width": 120,  # plain-text tables (terminal, print of text output) wrap at a readable width
}


def show_whole_text() -> None:
    """Apply `OPTIONS` to pandas in this process."""
    import pandas as pd

    for name, value in OPTIONS.items():
        pd.set_option(name, value)
