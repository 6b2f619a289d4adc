"""An answer as the coach reads it: blocks (headings, lists, paragraphs), sentences, and the dates in them.

Libraries, and why:
- markdown-it-py (the CommonMark parser JupyterLab's own toolchain uses) splits a markdown answer into
  blocks with line numbers, so headings, numbered outlines, tables, code and HTML are told apart without
  hand-written rules, and every finding can point at the characters it is about.
- pysbd (rule-based sentence boundaries, no model to download) splits paragraphs into sentences and keeps
  "Feb." or "U.S." inside one sentence, with character spans.
- python-dateutil (already a pandas dependency) turns a date written in words ("24 Feb 2022", "March 24,
  2022") into a date; the regular expression below only finds where such a date is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
#: Where a date is written. Longest forms first, so "24 February 2022" is not read as "February 2022".
DATE_RE = re.compile(
    rf"\b(?:(?P<dmy>{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR})|(?P<mdy>{_MONTH}\s+{_DAY},?\s+{_YEAR})"
    rf"|(?P<my>{_MONTH},?\s+{_YEAR})|(?P<y>{_YEAR}))\b(?![-–/]\d)(?!s\b)",
    re.IGNORECASE,
)
#: Words before a date that make it a boundary of a period ("since 2014"), not the date of an event.
_PERIOD_WORDS = re.compile(r"(?:since|from|until|till|by|before|after|between|to|through|and|or|c\.|circa|"
                           r"around|about|early|late|mid|[-–/])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Date:
    """A date written in the answer: the value at the precision it was written (year, month or day)."""

    start: int
    end: int
    text: str
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"


@dataclass
class Block:
    """One markdown block: kind is heading, list, paragraph, table, code or html; start/end index the answer."""

    kind: str
    start: int
    end: int
    text: str
    items: int = 0  # list items, for outlines


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    block: int  # index into Document.blocks


@dataclass
class Document:
    text: str
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def prose(self) -> list[Block]:
        """Paragraphs of the answer itself (not a bold label such as "**Outline**" on its own)."""
        return [b for b in self.blocks if b.kind == "paragraph" and len(b.text.split()) >= 4]

    def words(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks if b.kind in ("paragraph", "list", "heading"))


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


_KINDS = {"heading_open": "heading", "bullet_list_open": "list", "ordered_list_open": "list",
          "paragraph_open": "paragraph", "table_open": "table", "fence": "code", "code_block": "code",
          "html_block": "html", "blockquote_open": "quote"}


def parse(text: str) -> Document:
    """Blocks and sentences of a markdown answer, each with its character span in `text`."""
    doc = Document(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)] + [len(text)]
    for token in _markdown().parse(text):
        kind = _KINDS.get(token.type)
        if kind and token.map and token.level == 0:
            first, last = token.map
            start, end = line_starts[first], line_starts[min(last, len(line_starts) - 1)]
            doc.blocks.append(Block(kind, start, end, text[start:end].strip()))
        elif token.type == "list_item_open" and token.level == 1 and doc.blocks and doc.blocks[-1].kind == "list":
            doc.blocks[-1].items += 1
    for index, block in enumerate(doc.blocks):
        if block.kind not in ("paragraph", "list", "heading", "quote"):
            continue
        offset = text.index(block.text, block.start) if block.text else block.start
        for span in _segmenter().segment(block.text):
            chunk = span.sent.strip()
            if chunk:
                begin = offset + span.start + (len(span.sent) - len(span.sent.lstrip()))
                doc.sentences.append(Sentence(begin, begin + len(chunk), chunk, index))
    return doc


def dates_in(sentence: str, offset: int = 0, periods: bool = False) -> list[Date]:
    """Dates written in one sentence, except (unless `periods`) years that bound a period ("since 2014")."""
    found = []
    for m in DATE_RE.finditer(sentence):
        if not periods and _PERIOD_WORDS.search(sentence[max(0, m.start() - 12):m.start()]):
            continue
        if m.start() > 0 and sentence[m.start() - 1] in "-–/":
            continue
        date = _parse(m, offset)
        if date:
            found.append(date)
    return found


def _parse(m: re.Match, offset: int) -> Date | None:
    from dateutil import parser

    text = m.group(0)
    start, end = offset + m.start(), offset + m.end()
    if m.group("y"):
        return Date(start, end, text, int(text))
    try:
        value = parser.parse(text.replace(" of ", " "), default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    has_day = bool(m.group("dmy") or m.group("mdy"))
    return Date(start, end, text, value.year, value.month, value.day if has_day else None)
