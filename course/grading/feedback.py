"""`course feedback`: nbgrader's HTML feedback, returned to a student only when their marking is finished.

Why held: a page written while an essay waits for its mark reads "Score: 0.0 / 20.0", and a student who
reads that has been told something false. So a student gets a page only when every manually graded cell of
theirs has a manual score in the gradebook (`feedback_page.unmarked`); the others are listed, with the
questions still to mark, and skipped. `unfinished=True` returns them anyway, each page saying at the top that
marking is not finished and which questions wait (course/templates/feedback_offline/).

The pages are nbgrader's own `generate_feedback`, run once in this process with `--student '*'` and
`CourseDirectory.student_id_exclude` (nbgrader's `student_id` is a single file glob, so a list of students is
"everyone but these"), and with `feedback_page.MarkingState` appended to the class's configured
GenerateFeedback preprocessors for this run. nbgrader writes feedback/<student>/<assignment>/; a page
written earlier as unfinished is written again once that student's marking is done.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from course.grading import gradebook, nbgrader_app
from course.grading.feedback_page import MarkingState, question_labels, unmarked

#: The head tag of a page written before marking was finished (the template writes it; nbgrader re-serialises
#: the page, so attributes may come in any order). Student text is escaped, so it cannot forge a tag.
UNFINISHED_MARK = re.compile(r'<meta(?=[^>]*name="course-feedback")[^>]*content="marking-unfinished"', re.I)


@dataclass
class Marking:
    """Who is ready for feedback and who waits (student -> labels of the questions still to mark)."""

    ready: list[str] = field(default_factory=list)
    waiting: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Returned:
    returned: list[str]
    waiting: dict[str, list[str]]
    unfinished: bool
    folder: Path

    def lines(self) -> list[str]:
        out = []
        if self.waiting:
            verb = "returned anyway, each page says so" if self.unfinished else "no feedback until marked"
            out.append(f"Waiting for marking ({verb}):")
            out += [f"  {student}: {', '.join(questions)}" for student, questions in sorted(self.waiting.items())]
        tail = " (--unfinished: their pages say marking is not finished)" if self.unfinished and self.waiting else ""
        out.append(f"{len(self.returned)} returned, {len(self.waiting)} waiting for marking{tail}. "
                   f"Feedback is in {self.folder}")
        return out


def _source_labels(course_dir: Path, assignment: str, notebook: str) -> dict[str, str]:
    """Question labels from the instructor's source notebook (trusted text, not the student's copy)."""
    import nbformat

    path = Path(course_dir) / "source" / assignment / f"{notebook}.ipynb"
    try:
        return question_labels(nbformat.read(path, as_version=4).cells)
    except (OSError, ValueError):
        return {}


def marking(course_dir: Path, assignment: str, db: str) -> Marking:
    """Every graded submission of `assignment` in the gradebook, sorted into ready and waiting."""
    from nbgrader.api import Gradebook

    state, labels = Marking(), {}
    with Gradebook(db, gradebook.course_id(gradebook.course_config(course_dir, db))) as gb:
        for submission in gb.assignment_submissions(assignment):
            missing = []
            for notebook in submission.notebooks:
                if notebook.name not in labels:
                    labels[notebook.name] = _source_labels(course_dir, assignment, notebook.name)
                prefix = f"{notebook.name}: " if len(submission.notebooks) > 1 else ""
                missing += [prefix + labels[notebook.name].get(g, g) for g in unmarked(notebook.grades)]
            if missing:
                state.waiting[submission.student_id] = missing
            else:
                state.ready.append(submission.student_id)
    state.ready.sort()
    return state


def _configured_preprocessors(course_dir: Path) -> list:
    """GenerateFeedback's preprocessors as nbgrader will read them for this course folder (the Jupyter config
    folders, then the course's nbgrader_config.py), else nbgrader's default."""
    from jupyter_core.paths import jupyter_config_path
    from nbgrader.converters import GenerateFeedback
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    for folder in [*reversed(jupyter_config_path()), str(course_dir)]:
        if (Path(folder) / "nbgrader_config.py").exists():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config())
    if "preprocessors" in config.GenerateFeedback:
        return list(config.GenerateFeedback.preprocessors)
    return list(GenerateFeedback.class_traits()["preprocessors"].default())


def _dotted(item) -> str:
    return item if isinstance(item, str) else f"{item.__module__}.{item.__qualname__}"


def _preprocessor_options(course_dir: Path) -> list[str]:
    names = [_dotted(p) for p in _configured_preprocessors(course_dir)]
    mine = _dotted(MarkingState)
    return [f"--GenerateFeedback.preprocessors={name}" for name in [*names, *([mine] if mine not in names else [])]]


def _page_dirs(course_dir: Path, assignment: str, students) -> list[Path]:
    """feedback/<student>/<assignment> of each student, only where that is inside feedback/ (an id is a name)."""
    root = (Path(course_dir) / "feedback").resolve()
    folders = [root / s / assignment for s in students]
    return [f for f in folders if f.resolve().parent.parent == root]


def generate(course_dir: Path, assignment: str, db: str | None = None, force: bool = False,
             unfinished: bool = False) -> Returned:
    """Feedback for every student whose marking is finished (and, with `unfinished`, the others too)."""
    course_dir = Path(course_dir).resolve()
    db = gradebook.url(course_dir, db)
    gradebook.released_notebooks(db, gradebook.course_id(gradebook.course_config(course_dir, db)), assignment)
    state = marking(course_dir, assignment, db)
    chosen = state.ready + (sorted(state.waiting) if unfinished else [])
    graded = sorted(p.parent.name for p in (course_dir / "autograded").glob(f"*/{assignment}") if p.is_dir())
    left_out = [s for s in graded if s not in chosen]
    if any("," in s for s in left_out):  # nbgrader splits its exclude list on commas
        raise nbgrader_app.NbgraderError(
            f"student id {next(s for s in left_out if ',' in s)!r} (autograded/) contains a comma, so it cannot "
            "be held back from feedback exactly: rename the student's folders and gradebook entry first")
    if chosen:
        # A page written before marking was finished is written again (nbgrader would keep it as it is).
        # nbgrader keeps a student's folder as it is unless it is gone, as its own --force does.
        for folder in _page_dirs(course_dir, assignment, chosen):
            pages = list(folder.glob("*.html")) if folder.is_dir() and not folder.is_symlink() else []
            if any(UNFINISHED_MARK.search(p.read_text(encoding="utf-8", errors="replace")) for p in pages):
                shutil.rmtree(folder)
        args = ["generate_feedback", assignment, "--student=*", *_preprocessor_options(course_dir)]
        if left_out:
            args.append(f"--CourseDirectory.student_id_exclude={','.join(left_out)}")
        nbgrader_app.run(args + (["--force"] if force else []), course_dir, db=db)
    returned = [s for s in state.ready if list((course_dir / "feedback" / s / assignment).glob("*.html"))]
    return Returned(returned=returned, waiting=state.waiting, unfinished=unfinished, folder=course_dir / "feedback")
