"""Tables show their whole text: the course's pandas setting applies as soon as a lesson loads a table."""

import subprocess
import sys


def test_loading_a_table_sets_whole_text_and_a_long_definition_is_shown_whole():
    code = ("from course.data import load\n"
            "g = load('glossary').head(10)\n"
            "longest = max(g['definition'], key=len)\n"
            "assert len(longest) > 50\n"
            "import html\n"
            "assert html.escape(longest, quote=False) in g._repr_html_(), 'cut in HTML'\n"
            "import pandas as pd\n"
            "print(pd.get_option('display.max_colwidth'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "None"
