"""An answer as the coach reads it: blocks (headings, lists, paragraphs), sentences, and the dates in them.

Libraries, and why:
- markdown-it-py (the CommonMark parser JupyterLab's own toolchain uses) splits a markdown answer into
  blocks with line numbers, so headings, numbered outlines, tables, code and HTML are told apart without
  hand-written rules, and every finding can point at the characters it is about.
- pysbd (rule-based sentence boundaries, no model to download) splits paragraphs into sentences and keeps
  "Feb." or "U.S." inside one sentence, with character spans.
- A date is read from its words here ("24 Feb 2022", "March 24, 2022", "the twenty-fourth of February 2022",
  "spring of 2014", "2022-02-24"): the regular expression finds where it is written and names its parts,
  so day, month and year are taken from the text at the precision it was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
#: Month names in full or as the usual abbreviations ("marked 2014" is not March).
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?")
#: Days as essays write them: "24", "24th", or in words ("the twenty-fourth of February 2022").
ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
ORDINALS.update({f"twenty{sep}{w}": 20 + i for w, i in list(ORDINALS.items())[:9] for sep in ("-", " ")})
ORDINALS.update({"thirtieth": 30, "thirty-first": 31, "thirty first": 31})
_WORD_DAY = "|".join(sorted((re.escape(w) for w in ORDINALS), key=len, reverse=True))
_DAY = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|{_WORD_DAY})"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
#: Seasons name a year, not a month ("spring of 2014"); "fall" is left out ("the fall of 1989" may be the Wall's).
_SEASON = r"(?:spring|summer|autumn|winter)"
#: Where a date is written. Longest forms first, so "24 February 2022" is not read as "February 2022".
DATE_RE = re.compile(
    rf"\b(?:(?P<iso>{_YEAR}-[01]\d-[0-3]\d)|(?P<dmy>(?:the\s+)?{_DAY}\s+(?:day\s+)?(?:of\s+)?{_MONTH},?\s+(?:of\s+)?{_YEAR})"
    rf"|(?P<mdy>{_MONTH}\s+(?:the\s+)?{_DAY},?\s+{_YEAR})|(?P<my>{_MONTH},?\s+(?:of\s+)?{_YEAR})"
    rf"|(?P<season>(?:the\s+)?{_SEASON}\s+(?:of\s+)?{_YEAR})|(?P<y>{_YEAR}))\b(?![-–/]\d)(?!s\b)",
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

    # blocks only: the coach reads no inline markup, and markdown-it's link labels take time quadratic in a
    # run of "[" (50,000 of them took 13 s)
    return MarkdownIt("commonmark").enable("table").disable("inline")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


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
        for sent, start in _sentences(block.text):
            chunk = sent.strip()
            if chunk:
                begin = offset + start + (len(sent) - len(sent.lstrip()))
                doc.sentences.append(Sentence(begin, begin + len(chunk), chunk, index))
    return doc


#: how far past the end of one sentence the next is looked for (the whitespace between them)
_GAP = 1000
#: pysbd is given a paragraph in pieces of at most this many characters: its abbreviation pass rewrites the
#: whole text once per abbreviation found ("Mr. " x 5,000 took 10 s), so its time grows with the square of
#: what it is given. A longer paragraph is cut after a sentence (or a line, or a word) within each piece.
_PIECE = 5000


def _pieces(text: str):
    start = 0
    while len(text) - start > _PIECE:
        end = start + _PIECE
        cut = max(text.rfind(". ", start, end), text.rfind("\n", start, end))
        if cut <= start:
            cut = text.rfind(" ", start, end)
        cut = cut + 1 if cut > start else end
        yield text[start:cut]
        start = cut
    yield text[start:]


def _sentences(text: str) -> list[tuple[str, int]]:
    """(sentence, start) for each of pysbd's sentences of `text`. pysbd's own character spans
    (`char_span=True`) look for every sentence from the start of the text, a time quadratic in the number
    of sentences (5,000 lines of one word took a minute); here each is looked for just after the one before."""
    if not text:
        return []
    out, pos = [], 0
    for sent in (sent for piece in _pieces(text) for sent in _segmenter().processor(piece).process()):
        start = text.find(sent, pos, pos + _GAP + len(sent)) if sent else -1
        if start < 0:
            continue
        end = start + len(sent)
        while end < len(text) and text[end].isspace():
            end += 1
        out.append((text[start:end], start))
        pos = end
    return out


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
    text = m.group(0)
    start, end = offset + m.start(), offset + m.end()
    if m.group("y"):
        return Date(start, end, text, int(text))
    if m.group("season"):
        return Date(start, end, text, int(text[-4:]))
    if m.group("iso"):
        year, month, day = (int(p) for p in text.split("-"))
        return Date(start, end, text, year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    words = re.sub(r"\b(?:the|of|day)\b", " ", text.lower()).replace(",", " ").replace(".", " ").split()
    month = next((i + 1 for i, name in enumerate(MONTHS) if any(w[:3] == name[:3] for w in words)), None)
    year = int(words[-1])
    day = None
    if m.group("dmy") or m.group("mdy"):
        rest = " ".join(w for w in words[:-1] if w[:3] != MONTHS[month - 1][:3]) if month else ""
        digits = re.match(r"\d+", rest)
        day = int(digits.group(0)) if digits else ORDINALS.get(rest)
        if not day or day > 31:
            return None
    if not month:
        return None
    return Date(start, end, text, year, month, day)
