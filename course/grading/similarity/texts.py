"""Essays and the texts they are compared with, read from a class folder and the course.

Everything read from `submitted/` is a student's upload and is treated as hostile: a file that is not a
notebook, a notebook without the essay cell, or an essay left as the stub is recorded as a `Problem` and
reading goes on. The stub an essay cell starts with, and the question's own wording, are removed before
any comparison (`Boilerplate`), so two students who only left the stub, or only restated the question,
share nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from course.grading.submission_files import kind, read_regular

SOLUTION = re.compile(r"^\s*#*\s*BEGIN SOLUTION\s*$(.*?)^\s*#*\s*END SOLUTION\s*$", re.M | re.S)
PLACEHOLDER = "YOUR ANSWER HERE"  # what nbgrader puts in a released solution cell
MIN_WORDS = 6  # shorter sentences ("Introduction.", "1. Theory") are not evidence of anything
#: a submission's essays are read up to this many characters in all (cells beyond it are cut), before any
#: regular expression sees them: an essay longer than any real one (a 3,000-word essay is about 20,000) is
#: cut here, and the report says so. Comparing two essays costs up to the product of their lengths.
MAX_CHARS = 50_000
MAX_SENTENCE_WORDS = 120  # a longer "sentence" (no full stop) is compared in pieces of this many words
MAX_FILE_BYTES = 200 * 2**20  # a notebook with plots can be tens of MB; past this it is not a submission
BOILERPLATE_SCORE = 90  # a sentence this close to the stub or the question is the stub or the question
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.U)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_NEW_LINE = re.compile(r"^\s*(?:[-+*]\s|\d+[.)]\s|#|>|\|)")
# emphasis, code and table marks anywhere; quote, heading and list marks at a line's start; links keep their text
# (a link's text stops at the next bracket and its address at the next bracket or ")", so every scan ends
# where the next one starts: time linear in the line, where "[" x 60,000 took a quadratic 37 s)
_MARKUP = re.compile(r"[*_`|]+|!?\[([^\[\]\n]*)\]\([^)\[\]\n]*\)|^\s*(?:[>#]+\s*|(?:[-+]|\d+[.)])\s+)", re.M)


@dataclass
class Sentence:
    text: str  # as written (markup stripped), shown in the report
    key: str  # lower-case words joined by single spaces: what is compared
    words: int


@dataclass
class Text:
    """One essay, model answer or lesson, split into sentences and paragraphs."""

    label: str  # who or what: a student id, "model answer (essay_answer)", "lesson 01_..."
    kind: str  # "student", "model" or "lesson"
    question: str = ""  # the essay cell's grade_id (students and model answers)
    sentences: list[Sentence] = field(default_factory=list)
    paragraphs: list[list[int]] = field(default_factory=list)  # sentence indices, in order
    cut: int = 0  # characters past MAX_CHARS, not read

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)


@dataclass
class Problem:
    student: str
    file: str
    reason: str


# Cyrillic and Greek letters drawn like Latin ones: a copy typed with them ("Russiа" with a Cyrillic а)
# would share no word with the original. A dozen letters, so a table here rather than a confusables library.
_LOOKALIKES = str.maketrans("аеорсухіјѕԁмнтвкАЕОРСУХІЈЅМНТВКαορτυνικΑΒΕΗΙΚΜΝΟΡΤΥΧ",
                            "aeopcyxijsdmhtbkAEOPCYXIJSMHTBKaoptuvikABEHIKMNOPTYX")


def _plain(text: str, limit: int | None = None) -> str:
    """Text as a reader sees it: compatibility forms folded (NFKC: fullwidth letters, ligatures), invisible
    format characters dropped (zero-width spaces and joiners, soft hyphens: they would split every word of
    a copy in two), lookalike letters made Latin."""
    text = unicodedata.normalize("NFKC", text)[:limit]  # cut once normalised: NFKC can make one character 18
    return "".join(c for c in text if unicodedata.category(c) != "Cf").translate(_LOOKALIKES)


def words_of(text: str, limit: int | None = None) -> list[str]:
    """The words of `text` (of its first `limit` characters once normalised), lower case."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(_plain(text, limit))]


def split(markdown: str) -> list[list[str]]:
    """Paragraphs (blank-line separated) of sentences, markup stripped."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", markdown.replace("\r\n", "\n")):
        parts: list[list[str]] = []  # a markdown line break is a soft wrap, except before a list item or heading
        for line in block.split("\n"):
            if parts and not _NEW_LINE.match(line):
                parts[-1].append(line.strip())  # joined once below: adding to a string each time is quadratic
            else:
                parts.append([line])
        lines = [" ".join(part) for part in parts]
        sentences = [s.strip() for line in lines for s in _SENTENCE_END.split(_MARKUP.sub(lambda m: m.group(1) or "", line))
                     if s.strip()]
        if sentences:
            paragraphs.append(sentences)
    return paragraphs


class Boilerplate:
    """The stub and the question's wording: sentences of an essay that match them are dropped."""

    def __init__(self, texts: list[str]):
        keys = {" ".join(words_of(s)) for t in texts for p in split(t) for s in p}
        self.keys = sorted(k for k in keys if k)

    def __contains__(self, key: str) -> bool:
        return bool(self.keys) and process.extractOne(key, self.keys, scorer=fuzz.ratio,
                                                      score_cutoff=BOILERPLATE_SCORE) is not None


def _pieces(sentence: str) -> list[str]:
    """A sentence, or an over-long one (an essay with no full stop) in pieces of MAX_SENTENCE_WORDS tokens:
    sentences are compared two by two, at a cost that grows with the product of their lengths."""
    tokens = sentence.split()
    if len(tokens) <= MAX_SENTENCE_WORDS:
        return [sentence]
    return [" ".join(tokens[i:i + MAX_SENTENCE_WORDS]) for i in range(0, len(tokens), MAX_SENTENCE_WORDS)]


def make_text(label: str, kind: str, markdown: str, boilerplate: Boilerplate | None = None,
              question: str = "", limit: int | None = MAX_CHARS) -> Text:
    """The text of `markdown`: its first `limit` characters only (None: all), and no more than `limit`
    characters of compared words either (NFKC can make one character eighteen); `cut` counts the characters
    left out. Every comparison's cost is then bounded by `limit`, whatever a student writes."""
    text = Text(label, kind, question, cut=max(0, len(markdown) - limit) if limit is not None else 0)
    room = limit if limit is not None else len(markdown) * 20 + 1
    for paragraph in split(markdown[:limit] if limit is not None else markdown):
        indices = []
        for sentence in (piece for whole in paragraph for piece in _pieces(whole)):
            if room <= 0:
                text.cut += len(sentence)
                continue
            words = words_of(sentence, room)
            key = " ".join(words)[:room]
            room -= len(key) + 1
            if not words or (boilerplate is not None and key in boilerplate):
                continue
            indices.append(len(text.sentences))
            text.sentences.append(Sentence(sentence, key, len(words)))
        if indices:
            text.paragraphs.append(indices)
    return text


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(str(line) for line in source) if isinstance(source, list) else str(source)


def _grade_id(cell) -> str:
    return str(_nbgrader(cell).get("grade_id", ""))


def _nbgrader(cell) -> dict:
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    meta = meta.get("nbgrader") if isinstance(meta, dict) else None
    return meta if isinstance(meta, dict) else {}


def is_essay(cell) -> bool:
    """An nbgrader essay: a markdown cell that is both an answer (solution) and graded."""
    meta = _nbgrader(cell)
    return cell.get("cell_type") == "markdown" and bool(meta.get("solution")) and bool(meta.get("grade"))


def _cells(path: Path) -> list[dict]:
    """The cells of a notebook file; ValueError with a plain reason when it is not one."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(f"larger than {MAX_FILE_BYTES // 2**20} MB, not read")
        # a FIFO or a device would hold the report up for good: checked on the descriptor, never read
        nb = json.loads(read_regular(path, MAX_FILE_BYTES).decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not a text file (not UTF-8)") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"not a valid notebook (JSON error at line {error.lineno})") from None
    except OSError as error:
        raise ValueError(f"cannot be read ({error.strerror or error})") from None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        raise ValueError("not a notebook (no list of cells)")
    return [c for c in cells if isinstance(c, dict)]


@dataclass
class Assignment:
    """What the class's source says about an assignment: its essay questions, model answers and stub."""

    essays: dict[str, str]  # grade_id -> model answer (the solution region)
    boilerplate: Boilerplate


def read_source(folder: Path) -> Assignment:
    essays, stub = {}, [PLACEHOLDER]
    for path in sorted(folder.glob("*.ipynb")):
        for cell in _cells(path):
            source = _source(cell)
            if is_essay(cell):
                found = SOLUTION.search(source)
                essays[_grade_id(cell) or f"essay{len(essays) + 1}"] = (
                    found.group(1) if found else source)
                stub.append(SOLUTION.sub("", source))
            elif cell.get("cell_type") == "markdown" and not _nbgrader(cell).get("solution"):
                stub.append(source)  # the question's wording and its instructions
    return Assignment(essays, Boilerplate(stub))


def read_submissions(class_dir: Path, assignment: str, source: Assignment) -> tuple[list[Text], list[Problem]]:
    """Every essay under submitted/<student>/<assignment>/*.ipynb, and every submission that has none."""
    essays, problems = [], []
    for folder in sorted(p for p in (class_dir / "submitted").glob(f"*/{assignment}") if p.is_dir()):
        student = folder.parent.name
        found_files = sorted(folder.glob("*.ipynb"))
        notebooks = [p for p in found_files if p.is_file() and not p.is_symlink()]
        problems += [Problem(student, p.name, "a symbolic link, not a file: not read") for p in found_files
                     if p.is_symlink()]
        problems += [Problem(student, p.name, f"a {kind(p.lstat().st_mode)}, not a file: not read")
                     for p in found_files if not p.is_symlink() and not p.is_file() and not p.is_dir()]
        if not found_files:
            problems.append(Problem(student, "", "no notebook in the submission"))
        left = MAX_CHARS  # for all of this student's essays
        for path in notebooks:
            try:
                cells = _cells(path)
            except ValueError as error:
                problems.append(Problem(student, path.name, str(error)))
                continue
            found = [c for c in cells if is_essay(c) or _grade_id(c) in source.essays
                     and c.get("cell_type") == "markdown"]
            if not found:
                problems.append(Problem(student, path.name, "no essay cell (nbgrader markdown answer)"))
            written = []
            for cell in found:
                essay = _source(cell)
                written.append(make_text(student, "student", essay, source.boilerplate, _grade_id(cell), left))
                left = max(0, left - len(essay))
            written = [text for text in written if text.words or text.cut]
            essays += written
            if found and not written:  # a question left unanswered beside an answered one (a choice) is fine
                which = f"essay {_grade_id(found[0]) or '(unnamed)'} is" if len(found) == 1 else "every essay is"
                problems.append(Problem(student, path.name, f"{which} empty or only the stub"))
    return essays, problems


def read_lessons(notebooks: Path) -> list[Text]:
    """Each lesson's own text (its markdown, worked answers included), one Text per lesson."""
    lessons = []
    for path in sorted(notebooks.glob("*.ipynb")):
        markdown = "\n\n".join(_source(c) for c in _cells(path) if c.get("cell_type") == "markdown")
        lessons.append(make_text(f"lesson {path.stem}", "lesson", markdown, limit=None))  # the course's own
    return lessons
