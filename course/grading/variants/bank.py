"""The MCQ bank a variant draws from: the course's own, already checked MCQs, plus new and private items.

One source of truth: the lesson self-checks (`course/content/banks/NN.json`) and the practice assignments'
own MCQs (`assignments/source/*/*.ipynb`) are read when a variant is made, never copied, so a correction
there reaches the next variant. Items the course adds for variants only live in `data/mcq_bank.csv`
(schema in `course/content/schemas.py`: each with its source and an explanation). An instructor's private items
come from `bank.csv` in the class folder, in the same format: the public bank rewards looking things
up, a private one does not.

An item is stored with its right option and three wrong ones as text, not letters, so that a variant
can shuffle them.
"""

from __future__ import annotations

import ast
import json
import math
import random
import re
from dataclasses import dataclass
from pathlib import Path

from course.content import paths

#: Which bank a source belongs to: the article it teaches, or "synthesis" (lesson 04), or "mock".
SELFCHECK_POOLS = {"01": "kimmage_lipman", "02": "ruxit", "03": "snegovaya_whitmore", "04": "synthesis"}
ASSIGNMENT_POOLS = {"a1_westernization": "kimmage_lipman", "a2_dissociation": "ruxit",
                    "a3_escalation": "snegovaya_whitmore", "mock_exam": "mock"}
#: The banks each assignment draws its MCQs from.
DRAWS_FROM = {"a1_westernization": ("kimmage_lipman",), "a2_dissociation": ("ruxit",),
              "a3_escalation": ("snegovaya_whitmore",),
              "mock_exam": ("kimmage_lipman", "ruxit", "snegovaya_whitmore", "synthesis", "mock")}

#: Items that ask for the same fact in two places (a self-check and an assignment): a variant asks at
#: most one of each group, and they count once towards the bank's size.
SAME_FACT = (
    ("selfcheck-01-3", "a1_westernization-q3"),                    # Nicholas II's cousins
    ("selfcheck-01-5", "a1_westernization-q2", "mock_exam-q12"),   # Petrograd, Leningrad, St Petersburg
    ("selfcheck-01-6", "a1_westernization-q5"),                    # the ICC warrant of 17 March 2023
    ("selfcheck-01-4", "mock_exam-q11"),                           # the Holy Alliance
    ("selfcheck-02-1", "selfcheck-04-2", "a2_dissociation-q1"),    # what "dissociation" means
    ("selfcheck-02-4", "a2_dissociation-q5"),                      # why the post-2014 strategy backfired
    ("selfcheck-02-5", "a2_dissociation-q4", "selfcheck-04-9"),    # Kyiv's new government: 2014, not 2013
    ("selfcheck-02-6", "a2_dissociation-q3", "mock_exam-q14"),     # Russia and the OECD
    ("selfcheck-02-7", "mock_exam-q13", "bank-rx-council-of-europe-accession"),  # Council of Europe
    ("bank-rx-nato-1999", "bank-rx-nato-2004"),                    # NATO's enlargements
    ("selfcheck-03-1", "selfcheck-04-3"),                          # Snegovaya and Whitmore's claim
    ("selfcheck-03-3", "a3_escalation-q4"),                        # the Syria polls of 2015
    ("selfcheck-03-4", "a3_escalation-q3"),                        # Khasham
    ("selfcheck-03-5", "a3_escalation-q2"),                        # al-Watiya
    ("selfcheck-03-9", "mock_exam-q1"),                            # Mariupol
    ("a3_escalation-q1", "mock_exam-q17"),                         # the Su-24 of November 2015
    ("selfcheck-04-4", "mock_exam-q19"),                           # Pakistan's vote on ES-11/1
    ("mock_exam-q3", "bank-kl-sweden-joins-nato"),                 # Finland 31st, Sweden 32nd
    ("mock_exam-q2", "bank-syn-new-start-suspended"),              # New START
    ("mock_exam-q6", "bank-syn-cfe-withdrawal"),                   # INF and CFE dates side by side
    ("mock_exam-q8", "bank-rx-bucharest-summit"),                  # Bucharest 2008
)

_OPTION_LINE = re.compile(r"^\(([A-D])\)\s*(.+?)\s*$")
_ANSWER_LINE = re.compile(r"""^answer_q\d+\s*=\s*["']([A-D])["']\s*$""", re.M)
#: Options that point at other options ("both A and B"), or a stem or explanation that names an option by
#: its letter ("free choice of alliances (B) was..."), would be wrong once the options are shuffled.
_REFERS_TO_OPTIONS = re.compile(r"\b(all|none|both) of (the )?(above|these)\b|\b[A-D] and [A-D]\b", re.I)
_NAMES_A_LETTER = re.compile(r"\([A-D]\)|\b[Oo]ptions? [A-D]\b|\b[A-D] is\b")


class BankError(ValueError):
    """An MCQ bank (the course's or a class's) cannot be used; the message names the file and the item."""


@dataclass(frozen=True)
class Item:
    item_id: str
    pool: str
    stem: str
    answer: str                  # the right option, as text
    wrong: tuple[str, str, str]  # the three wrong options, as text
    explanation: str
    source: str


def _shufflable(item: Item) -> bool:
    if any(_REFERS_TO_OPTIONS.search(text) for text in (item.answer, *item.wrong)):
        return False
    return not any(_NAMES_A_LETTER.search(text) for text in (item.stem, item.explanation))


def from_selfchecks(banks: Path | None = None) -> list[Item]:
    from course.content.banks import BANKS

    banks = Path(banks) if banks else BANKS
    items = []
    for lesson, pool in SELFCHECK_POOLS.items():
        path = banks / f"{lesson}.json"
        for q in json.loads(path.read_text(encoding="utf-8"))["questions"]:
            if q.get("kind") != "mcq" or len(q.get("options") or {}) != 4:
                continue
            options = q["options"]
            wrong = tuple(text for letter, text in sorted(options.items()) if letter != q["answer"])
            items.append(Item(f"selfcheck-{lesson}-{q['number']}", pool, q["question"], options[q["answer"]],
                              wrong, q["explanation"], f"course/learner/selfcheck/{lesson}.json, question {q['number']}"))
    return items


def _cells(notebook: Path) -> dict[str, str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    out = {}
    for cell in nb["cells"]:
        grade_id = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
        if grade_id:
            out[grade_id] = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    return out


def _explanation(check_source: str) -> str:
    """The `_why = "..."` a practice assignment's hidden test explains its key with."""
    code = "\n".join(line for line in check_source.splitlines() if not line.startswith("###"))
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "_why" for t in node.targets):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                return node.value.value
    return ""


def parse_mcq(question_md: str) -> tuple[str, dict[str, str]]:
    """Stem and options of a question cell written as `**Q1.** stem` then `(A) option` lines."""
    stem_lines, options = [], {}
    for line in question_md.splitlines():
        match = _OPTION_LINE.match(line.strip())
        if match:
            options[match.group(1)] = match.group(2)
        elif not options and not line.strip().startswith("*("):
            stem_lines.append(line)
    stem = re.sub(r"^\*\*Q\d+[a-z]?\.\*\*\s*", "", "\n".join(stem_lines).strip())
    return stem, options


def from_assignments(source: Path | None = None) -> list[Item]:
    source = Path(source) if source else paths.ASSIGNMENTS / "source"
    items = []
    for name, pool in ASSIGNMENT_POOLS.items():
        cells = _cells(source / name / f"{name}.ipynb")
        for grade_id, text in cells.items():
            number = grade_id.removesuffix("_answer")
            if not grade_id.endswith("_answer") or f"{number}_question" not in cells:
                continue
            key = _ANSWER_LINE.search(text)
            if not key:
                continue  # a data or written question
            stem, options = parse_mcq(cells[f"{number}_question"])
            if sorted(options) != ["A", "B", "C", "D"] or key.group(1) not in options:
                raise BankError(f"{name}.ipynb, {number}: expected options (A) to (D) and a key among them")
            wrong = tuple(t for letter, t in sorted(options.items()) if letter != key.group(1))
            items.append(Item(f"{name}-{number}", pool, stem, options[key.group(1)], wrong,
                              _explanation(cells.get(f"{number}_check", "")),
                              f"assignments/source/{name}/{name}.ipynb, {number}"))
    return items


def from_csv(path: Path, prefix: str) -> list[Item]:
    """Items from a bank CSV (the course's data/mcq_bank.csv, or a class's bank.csv), validated on load."""
    from course.content import data

    try:
        table = data.load_file(path, "mcq_bank")
    except data.DataError as error:
        raise BankError(str(error)) from None
    items = []
    for row in table.itertuples():
        options = (row.answer, row.wrong_1, row.wrong_2, row.wrong_3)
        if len(set(options)) != 4:
            raise BankError(f"{path}: item {row.item_id}: the four options must differ")
        items.append(Item(f"{prefix}-{row.item_id}", str(row.pool), row.question, row.answer,
                          (row.wrong_1, row.wrong_2, row.wrong_3), row.explanation, row.source))
    return items


def course_bank() -> list[Item]:
    """Every public item that can be shuffled, read now from the files that hold them."""
    items = from_selfchecks() + from_assignments() + from_csv(paths.DATA / "mcq_bank.csv", "bank")
    return [item for item in items if _shufflable(item)]


def class_bank(class_dir: Path) -> list[Item]:
    """The class's private items (`bank.csv` in the class folder), if it has any."""
    path = Path(class_dir) / "bank.csv"
    return from_csv(path, "private") if path.exists() else []


def units(items: list[Item]) -> list[tuple[Item, ...]]:
    """Items grouped so that a group asks one fact: a draw takes one item of a group at most."""
    by_id = {item.item_id: item for item in items}
    grouped, seen = [], set()
    for group in SAME_FACT:
        members = tuple(by_id[i] for i in group if i in by_id)
        if members:
            grouped.append(members)
            seen.update(m.item_id for m in members)
    grouped += [(item,) for item in items if item.item_id not in seen]
    return sorted(grouped, key=lambda g: g[0].item_id)


def pool_for(assignment: str, items: list[Item]) -> list[tuple[Item, ...]]:
    wanted = DRAWS_FROM[assignment]
    return units([item for item in items if item.pool in wanted])


def draw(assignment: str, items: list[Item], count: int, rng: random.Random,
         letters_rng: random.Random | None = None) -> list[tuple[Item, dict[str, str], str]]:
    """`count` items, each with its options shuffled: (item, {letter: text}, right letter).

    Private items of the class come first (they are the ones a search cannot answer), then public ones.
    `letters_rng` (default: `rng`) draws the moves that keep the keys' letters balanced (`balance`): a
    stream of its own, so that balancing never changes what `rng` draws next (the data questions).
    """
    pool = pool_for(assignment, items)
    if len(pool) < count:
        raise BankError(f"{assignment}: the bank has {len(pool)} distinct MCQs, fewer than the {count} it asks")
    private = [g for g in pool if g[0].item_id.startswith("private-")]
    public = [g for g in pool if not g[0].item_id.startswith("private-")]
    chosen = rng.sample(private, min(count, len(private)))
    chosen += rng.sample(public, count - len(chosen))
    rng.shuffle(chosen)
    drawn = []
    for group in chosen:
        item = rng.choice(group)
        texts = [item.answer, *item.wrong]
        rng.shuffle(texts)
        options = dict(zip("ABCD", texts))
        drawn.append((item, options, "ABCD"[texts.index(item.answer)]))
    return balance(drawn, letters_rng or rng)


def letter_cap(count: int) -> int:
    """The most keys one letter may have among `count` MCQs: two in five (ceil(2n/5)).

    Why: a shuffle alone puts all five keys on one letter once in 256 draws, and three or more on one in four
    draws out of ten; a student who marks "A" everywhere should not pass, and a teacher should not have to
    check the key by eye before release."""
    return max(1, math.ceil(2 * count / 5))


def balance(drawn: list[tuple[Item, dict[str, str], str]], rng: random.Random) -> list:
    """The same items, with the options of some of them permuted again so that no letter passes the cap.

    Only the order of options changes, never an item or its texts; a draw already within the cap is
    returned as it is (so, for most seeds, the variant is the one the plain shuffle gave), and the moves
    are drawn from `rng`, seeded from the class's seed, so the same seed still gives the same variant."""
    cap = letter_cap(len(drawn))
    drawn = [(item, dict(options), letter) for item, options, letter in drawn]
    while True:
        counts = {x: sum(d[2] == x for d in drawn) for x in "ABCD"}
        over = [x for x in "ABCD" if counts[x] > cap]
        if not over:
            return drawn
        index = rng.choice([i for i, d in enumerate(drawn) if d[2] == over[0]])
        target = rng.choice([x for x in "ABCD" if counts[x] < cap])  # 4 * cap >= len(drawn): one exists
        item, options, letter = drawn[index]
        options[letter], options[target] = options[target], options[letter]
        drawn[index] = (item, options, target)
