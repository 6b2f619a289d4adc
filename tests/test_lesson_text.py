"""Each lesson has a text twin (notebooks/text/NAME.md, MyST Markdown written by jupytext), kept current, so
that a change to a lesson reads as text in a diff. The .ipynb stays what learners open; `make lessons-text`
brings the twins up to date (jupytext --sync, which pairs them both ways)."""

from pathlib import Path

import jupytext
import pytest

from course.content import paths

FORMATS = "ipynb,text//md:myst"
LESSONS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


def twin(lesson: Path) -> Path:
    return lesson.parent / "text" / (lesson.stem + ".md")


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_each_lesson_is_paired_with_a_current_text_twin(lesson):
    nb = jupytext.read(lesson)
    assert nb.metadata.get("jupytext", {}).get("formats") == FORMATS, f"{lesson.name}: run `make lessons-text`"
    assert twin(lesson).is_file(), f"{twin(lesson)} is missing: run `make lessons-text`"
    assert jupytext.writes(nb, fmt="md:myst") == twin(lesson).read_text(encoding="utf-8"), \
        f"{twin(lesson).name} is older than {lesson.name}: run `make lessons-text`"


def test_every_twin_has_its_lesson():
    """A lesson deleted or renamed leaves no orphan twin behind."""
    lessons = {p.stem for p in LESSONS}
    assert LESSONS and {p.stem for p in (paths.NOTEBOOKS / "text").glob("*.md")} == lessons
