"""Dollar amounts stay text in JupyterLab: no `$...$` pair that MathJax would typeset as maths.

JupyterLab typesets `$...$` as inline maths in Markdown cells and in HTML outputs, so "$34 billion of
imports ... $200 billion of goods" in a lesson, or two dollar amounts in one table note, come out as
italic run-together maths. The course writes no maths: a lesson escapes its dollars (`\\$60`), a table cell
says `USD 100`. This test finds the pairs the way JupyterLab's Markdown renderer does (code spans and code
blocks are left alone, `\\$` is a plain dollar, a pair never spans a blank line, and MathJax never joins
text from two table cells), and fails on any pair whose content is not maths.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from course.content import data
from course.content.schemas import TABLES

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "assignments" / "source").glob("*/*.ipynb"))
BANKS = sorted((ROOT / "course" / "content" / "banks").glob("*.json"))

_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.S)
_COMMAND = re.compile(r"\\[A-Za-z]+")


def _is_maths(content: str) -> bool:
    """TeX, not prose: a command, a superscript, a subscript or an equation, and no word outside commands."""
    words = re.findall(r"[A-Za-z]{3,}", _COMMAND.sub("", content))
    return bool(re.search(r"\\[A-Za-z]+|[\^_=]", content)) and not words


def dollar_pairs(text: str) -> list[str]:
    """The contents of the `$...$` (and `$$...$$`) pairs MathJax would typeset in `text`, prose or not."""
    pairs = []
    for paragraph in re.split(r"\n[ \t]*\n", _CODE.sub(" ", text)):
        tokens = re.split(r"(?<!\\)(\$\$?)", paragraph.replace("\\\\", "  "))
        opened = None
        for token in tokens:
            if token in ("$", "$$"):
                if opened is None:
                    opened, content = token, ""
                elif token == opened:
                    pairs.append(content)
                    opened = None
                else:
                    content += token
            elif opened is not None:
                content += token
    return pairs


def _prose_pairs(text: str) -> list[str]:
    return [f"${pair}$" for pair in dollar_pairs(text) if not _is_maths(pair)]


def test_the_scanner_finds_prose_between_dollars_and_leaves_maths_and_escapes_alone():
    assert _prose_pairs("tariffs on $34 billion of imports; China bought $200 billion") == ["$34 billion of imports; China bought $"]
    assert _prose_pairs("tariffs on \\$34 billion of imports; China bought \\$200 billion") == []
    assert _prose_pairs("one $60 cap\n\nand a $45 cap in the next paragraph") == []
    assert _prose_pairs("code `$x` and `$y` is not rendered") == []
    assert _prose_pairs("the swing is $x_{2025} - x_{2022}$ points") == []
    assert _prose_pairs("caps of $100 and $45") == ["$100 and $"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_markdown_cell_turns_dollar_amounts_into_maths(path):
    nb = nbformat.read(path, as_version=4)
    found = [f"cell {i} ({cell.get('id')}): {pair}" for i, cell in enumerate(nb.cells)
             if cell.cell_type == "markdown" for pair in _prose_pairs(cell.source)]
    assert not found, f"{path.relative_to(ROOT)}: write \\$ for a dollar: {found}"


@pytest.mark.parametrize("name", list(TABLES))
def test_no_table_cell_turns_dollar_amounts_into_maths(name):
    """A lesson shows a table as HTML, which JupyterLab typesets too; each cell is typeset on its own."""
    table = data.load(name)
    found = [f"{name}.csv row {row + 2}, column {column!r}: {pair}"
             for column in table.columns if table[column].dtype == object
             for row, value in enumerate(table[column]) if isinstance(value, str)
             for pair in _prose_pairs(value)]
    assert not found, f"write USD 100, not $100, where a cell has two amounts: {found}"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_no_self_check_text_turns_dollar_amounts_into_maths(path):
    bank = json.loads(path.read_text(encoding="utf-8"))
    texts = [text for q in bank["questions"]
             for text in (q["question"], q.get("explanation", ""), *(q.get("options") or {}).values())]
    found = [pair for text in texts for pair in _prose_pairs(text)]
    assert not found, f"{path.name}: {found}"
