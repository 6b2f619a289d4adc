"""`course similarity`: which submitted essays share passages with each other, a model answer or a lesson.

An instructor-side tool, a package of its own beside `course.grading` rather than inside it: it never runs a
notebook and needs nothing from the grading pipeline, only the class folder's files. `texts` reads the essays
and the texts they are compared with, `compare` finds the pairs, `report` writes the HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from course.content import paths
from course.grading.similarity import compare, report, texts

DEFAULT_THRESHOLD = 0.3


class SimilarityError(Exception):
    """Bad input (no such class folder or assignment): one line for the user, nothing written."""


@dataclass
class Result:
    assignment: str
    essays: int
    matches: list[compare.Match]
    problems: list[texts.Problem]
    texts: list[texts.Text]
    threshold: float
    out: Path

    def summary(self) -> str:
        line = (f"{self.assignment}: {self.essays} essay(s) compared, {len(self.matches)} pair(s) at or above "
                f"{round(self.threshold * 100)}%")
        if self.matches:
            top = self.matches[0]
            line += (f" (strongest {round(top.strength * 100)}%: {_printable(self.texts[top.first].label)} and "
                     f"{_printable(self.texts[top.second].label)})")
        if self.problems:
            line += f"; {len(self.problems)} submission(s) without a readable essay"
        cut = sorted({_printable(t.label) for t in self.texts if t.cut and t.kind == "student"})
        if cut:
            line += (f"; essays cut at {texts.MAX_CHARS:,} characters, only their beginning compared: "
                     f"{', '.join(cut)}")
        return line + f"; report: {self.out}"


def _printable(label: str) -> str:
    """A student's folder name for the terminal: control characters (escape sequences) become '?'."""
    return "".join(c if c.isprintable() else "?" for c in label)


def source_folder(class_dir: Path, assignment: str) -> Path:
    """The class's own source of the assignment (a class variant) or else the course's."""
    for folder in (class_dir / "source" / assignment, paths.ASSIGNMENTS / "source" / assignment):
        if folder.is_dir() and any(folder.glob("*.ipynb")):
            return folder
    raise SimilarityError(f"no assignment {assignment!r}: neither {class_dir / 'source' / assignment} nor the "
                          "course's assignments/source has its notebook")


def run(class_dir: Path, assignment: str, threshold: float = DEFAULT_THRESHOLD, out: Path | None = None,
        lessons: Path = paths.NOTEBOOKS) -> Result:
    class_dir = Path(class_dir)
    if not 0 < threshold <= 1:
        raise SimilarityError(f"--threshold must be between 0 and 1 (a share of an essay), not {threshold}")
    if not class_dir.is_dir():
        raise SimilarityError(f"no class folder {class_dir}")
    if not (class_dir / "submitted").is_dir():
        raise SimilarityError(f"{class_dir} has no submitted/ folder: collect the submissions first")
    try:
        source = texts.read_source(source_folder(class_dir, assignment))
    except ValueError as error:
        raise SimilarityError(f"the source notebook of {assignment} is unreadable: {error}") from None
    essays, problems = texts.read_submissions(class_dir, assignment, source)
    models = [texts.make_text(f"model answer ({q})", "model", answer, limit=None) for q, answer in source.essays.items()]
    try:
        everything = essays + models + texts.read_lessons(lessons)
    except ValueError as error:
        raise SimilarityError(f"a lesson in {lessons} is unreadable: {error}") from None
    matches = compare.find(everything, threshold)
    out = Path(out) if out else class_dir / "reports" / f"{assignment}-similarity.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report.render(assignment, everything, matches, problems, threshold, len(essays)),
                   encoding="utf-8")
    return Result(assignment, len(essays), matches, problems, everything, threshold, out)
