"""Class variants: a class's own version of an assignment, for marks (`course variant`).

The practice assignments are open: their keys are in the public repository, and their hashed visible
checks say right or wrong, so their autograded marks are practice, not assessment. A variant draws,
from the class's seed, its own MCQs (from a bank at least three times larger, options shuffled), its own
data questions (templates with parameters drawn per class, keys computed from the course tables) and its
own essay question, and writes them into the class folder's `source/`, ready for `course release`. Its
visible checks only check the form of an answer; correctness is judged at grading by hidden tests that
nbgrader strips from the student version.

The key exists only in the class folder: the instructor's source (`source/ASSIGNMENT/`) and a record of
what was drawn (`variants/ASSIGNMENT.json`). The seed is part of the key (anyone with the code and the
seed can make the variant again), so it is never written into what students receive.
"""

from __future__ import annotations

import json
import random
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from course.content import paths
from course.grading.variants import bank, essays, notebook, templates

ASSIGNMENTS = ("a1_westernization", "a2_dissociation", "a3_escalation", "mock_exam")
#: Below this a seed could be found by trying seeds against the questions a student can see.
SAFE_SEED = 10 ** 12


class VariantError(RuntimeError):
    """A variant cannot be made; the message is one line, for the command line."""


@dataclass
class Result:
    notebook: Path
    record: Path
    seed: int
    lines: list[str]


def parse_seed(text: str | None) -> int:
    if text is None:
        return secrets.randbits(62)
    try:
        seed = int(text)
    except ValueError:
        raise VariantError(f"--seed must be a whole number, not {text!r}") from None
    if seed < 0:
        raise VariantError(f"--seed must be zero or more, not {seed}")
    return seed


def released_where(class_dir: Path, assignment: str) -> str | None:
    """Where the class shows that `assignment` has been released, or None if nowhere."""
    class_dir = Path(class_dir)
    if (class_dir / "release" / assignment).exists():
        return str(class_dir / "release" / assignment)
    for step in ("submitted", "autograded", "feedback"):
        found = sorted((class_dir / step).glob(f"*/{assignment}"))
        if found:
            return str(found[0])
    from course.grading import gradebook

    db = gradebook.url(class_dir)  # the class's own, as nbgrader decides it: SQLite or PostgreSQL
    if gradebook.knows_assignment(db, assignment):
        return f"{gradebook.redacted(db)} (assignment {assignment})"
    outbound = _exchange(class_dir) / "outbound" / assignment
    return str(outbound) if outbound.exists() else None


def _exchange(class_dir: Path) -> Path:
    """The class's exchange folder for its course id, as its nbgrader_config.py (or nbgrader's default) sets it."""
    from nbgrader.exchange.default.exchange import Exchange
    from traitlets.config.loader import PyFileConfigLoader

    root, course_id = Exchange.root.default_value, "russia-and-the-west"
    config_file = Path(class_dir) / "nbgrader_config.py"
    if config_file.exists():
        try:
            config = PyFileConfigLoader(config_file.name, path=str(config_file.parent)).load_config()
            root = config.Exchange.get("root", root)
            course_id = config.CourseDirectory.get("course_id", course_id)
        except Exception:  # an unreadable config: nbgrader itself will say why at release
            pass
    return Path(root) / course_id


def make(assignment: str, class_dir: Path, seed: int, name: str | None = None,
         course_source: Path | None = None) -> Result:
    """Write the class's variant of `assignment` into `class_dir/source/NAME/` (NAME: the assignment's own)."""
    name = name or assignment
    course_source = Path(course_source) if course_source else paths.ASSIGNMENTS / "source"
    class_dir = Path(class_dir)
    if assignment not in ASSIGNMENTS:
        raise VariantError(f"no assignment {assignment!r} to make a variant of; choose one of {', '.join(ASSIGNMENTS)}")
    if not class_dir.is_dir():
        raise VariantError(f"no class folder {class_dir}: create it first (it holds the class's source, "
                           f"submissions and gradebook)")
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise VariantError(f"--name must be letters, digits, - and _ only, not {name!r}")
    if class_dir.resolve() == paths.ASSIGNMENTS.resolve():
        raise VariantError(f"{class_dir} is the course's own assignments folder, which is public (every learner "
                           f"builds from it): make the variant in a class folder of its own")
    where = released_where(class_dir, name)
    if where:
        raise VariantError(f"{name} has already been released to this class ({where}): its source is not "
                           f"replaced. For a new variant, give it a new name, e.g. `course variant "
                           f"{assignment} --class {class_dir} --name {assignment}_v2`")
    return _write(assignment, name, class_dir, seed, course_source, [])


def letters_rng(assignment: str, seed: int) -> random.Random:
    """The stream that balances the MCQ keys' letters (bank.balance), apart from the draw's own."""
    return random.Random(f"{assignment}:{seed}:letters")


def _write(assignment: str, name: str, class_dir: Path, seed: int, course_source: Path, lines: list) -> Result:
    rng = random.Random(f"{assignment}:{seed}")  # a str seed is hashed the same way on every platform
    source_nb = course_source / assignment / f"{assignment}.ipynb"
    mcq_slots, data_slots, essay_slots = notebook.slots(source_nb)
    try:
        items = bank.course_bank() + bank.class_bank(class_dir)
        mcqs = bank.draw(assignment, items, len(mcq_slots), rng, letters_rng(assignment, seed))
        data = templates.draw_questions(assignment, len(data_slots), rng)
        drawn_essays = essays.draw(assignment, len(essay_slots), rng)
    except (bank.BankError, templates.TemplateError, essays.EssayError) as error:
        raise VariantError(" ".join(str(error).split())) from None  # one line, for the command line
    nb = notebook.build(source_nb, mcqs, data, drawn_essays, keep_charts=(assignment == "mock_exam"))
    target = class_dir / "source" / name
    replaced = target.exists()
    if replaced:
        shutil.rmtree(target)
    target.mkdir(parents=True)
    out = target / f"{name}.ipynb"
    out.write_text(notebook.dumps(nb), encoding="utf-8")
    record = class_dir / "variants" / f"{name}.json"
    record.parent.mkdir(exist_ok=True)
    keys = [{"question": notebook.label(slot), "item": item.item_id, "answer": letter}
            for slot, (item, _, letter) in zip(mcq_slots, mcqs)]
    keys += [{"question": notebook.label(slot), "template": q.template, "params": [list(p) for p in q.params],
              "answer": q.key} for (slot, _), q in zip(data_slots, data)]
    record.write_text(json.dumps({"assignment": assignment, "name": name, "seed": seed, "keys": keys,
                                  "essays": [e["question_id"] for e in drawn_essays]}, indent=1) + "\n")
    lines.append(f"{'replaced' if replaced else 'wrote'} the variant of {assignment} (seed {seed}) in {out}")
    lines.append(f"its key: {out} and {record}; keep both out of students' reach")
    if seed < SAFE_SEED:
        lines.append(f"note: seed {seed} is small enough to be found by trying seeds; for marks, leave out --seed "
                     f"(a random one is drawn and recorded)")
    lines.append(f"next: course release {name} --course {class_dir}")
    return Result(out, record, seed, lines)
