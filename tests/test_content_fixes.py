"""Corrections from the course's fact-check stay corrected, and the MCQs cannot be passed by guessing.

Two kinds of test:

* a search of everything a learner reads (tables, lessons, self-check banks, assignments, docs) for the
  wordings and dates the fact-check found wrong, so that a later edit or a copy from an old file cannot bring
  them back; the data-level facts (how a tie or an episode is coded) are checked on the tables themselves;
* the balance of every MCQ set (each self-check bank, each assignment, and all of them pooled): no answer
  letter may hold more than 35% of the keys, and the right option may be the longest one in at most 35%.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from course.data import load

ROOT = Path(__file__).resolve().parents[1]
BANKS = sorted((ROOT / "course" / "selfcheck").glob("*.json"))
ASSIGNMENTS = sorted((ROOT / "assignments" / "source").glob("*/*.ipynb"))
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _flat(text: str) -> str:
    """One line per text: blockquote markers and line breaks gone, so a wording split over lines is found."""
    return re.sub(r"\s+", " ", re.sub(r"\n>\s?", " ", text))


def _readable_texts() -> dict[str, str]:
    texts = {}
    for path in LESSONS + ASSIGNMENTS:
        nb = nbformat.read(path, as_version=4)
        texts[str(path.relative_to(ROOT))] = _flat("\n\n".join(c.source for c in nb.cells))
    for path in [*BANKS, *(ROOT / "data").glob("*.csv"), *(ROOT / "docs").glob("*.md"), ROOT / "README.md",
                 ROOT / "data" / "README.md", *(ROOT / "course").glob("*.py")]:
        texts[str(path.relative_to(ROOT))] = _flat(path.read_text(encoding="utf-8"))
    return texts


TEXTS = _readable_texts()

# Each pattern is a wording the fact-check found wrong; the comment says what is right instead.
FORBIDDEN = {
    # CA 2022 Q7 begins with the US-China trade war; the truncated wording made it a Ukraine-war question.
    "Q7 truncated": r"[…>\"] ?…? ?it has been argued that this conflict",
    "Q7 as a Ukraine-war question": r"whether the Ukraine war is a \"?Second Cold",
    # CA 2022 Q4 has a second sentence on Pakistan's nuclear programme.
    "Q4 truncated": r"New START Treaty of 2021\?…",
    "Q4 said to be cut": r"[Cc]ut after (its|the) first sentence",
    # NATO suspended practical cooperation on 1 April 2014; the Council stayed open for dialogue.
    "NRC as suspended in 2014": r"\(the NATO-Russia Council and Partnership for Peace\)|nato-russia-council, partnership-for-peace",
    # Kimmage & Lipman write "For 300 years"; "three centuries" is the course's paraphrase, never a quote.
    "three centuries as a quotation": r"['\"“‘]three centuries['\"”’]",
    # Snegovaya & Whitmore: "there wasn't even a rhetorical response"; "resolve", not "resolved".
    "Khasham misquoted": r"['\"“‘]not even a rhetorical response",
    "Golunov misquoted": r"['\"“‘]resolved['\"”’]",
    # Nawaz Sharif's Moscow visit was 19-21 April 1999.
    "Sharif visit in March": r"Sharif[^.]{0,80}March 1999|March 1999[^.]{0,80}Sharif",
    # After 5 June 2022 the UK announced M270 (6 June) and HIMARS arrived (23 June); only longer-range missiles waited.
    "weapons after 5 June unverified": r"British deliveries after 5 Jun|that Britain delivered longer-range weapons",
    # The 2005 benefit reform stayed; the government made concessions.
    "2005 reform retracted": r"retreat on replacing in-kind",
    # The grain-deal exit is coded mixed: no escalation against shipping was found.
    "grain exit as escalation on shipping": r"Black Sea shipping|shipping in the Black Sea",
    # After the exit Russian strikes did hit some civilian ships in Ukrainian ports (Kmax Ruler, 8 Nov 2023).
    "grain warning as never carried out": r"not carried out against the ships",
    # The FPSC calls it the MCQ-Based Preliminary Test; English Essay has no MCQs.
    "MPT misnamed": r"Mandatory Preliminary Test",
    "every paper has MCQs": r"\*\*Each written paper\*\* lasts",
    # The IR question on Russian objectives has a disputed year.
    "disputed year as CSS 2022": r"\*CSS 2022, International Relations",
    # Mock Q10 asked for the theory that "best fits" a model drawing on two theories.
    "ambiguous mock Q10": r"best fits Polianskii's explanation",
}


@pytest.mark.parametrize("label", FORBIDDEN)
def test_corrected_wording_does_not_come_back(label):
    pattern = re.compile(FORBIDDEN[label])
    found = [f"{name}: …{m.group(0)}…" for name, text in TEXTS.items() for m in pattern.finditer(text)]
    assert not found, f"{label}: {found}"


def test_the_pattern_search_sees_the_files_it_guards():
    assert any(name.startswith("notebooks/") for name in TEXTS) and any(n.endswith("questions.csv") for n in TEXTS)
    sample = _flat('> "…it has been argued that this conflict\n> may as well be"')
    assert re.search(FORBIDDEN["Q7 truncated"], sample)
    assert re.search(FORBIDDEN["three centuries as a quotation"], "the article's 'three centuries' rest")
    assert not re.search(FORBIDDEN["three centuries as a quotation"], "three centuries in dialogue with Europe")


def test_ca_2022_q4_and_q7_are_quoted_in_full_wherever_they_appear():
    questions = load("questions").set_index("question_id")["wording"]
    q7, q4 = questions["css-2022-ca-q7"], questions["css-2022-ca-q4"]
    assert q7.startswith("The US and China have been in an ongoing trade war since 2018.")
    assert "implications on Pakistan" in q4
    for name, text in TEXTS.items():
        if "may as well be the Second Cold War" in text and not name.endswith(".py"):
            assert "ongoing trade war since 2018. In academic circles, it has been argued" in text, name
        if "enforcement of the New START Treaty of 2021?" in text:
            assert "Treaty of 2021? What could be the treaty" in text, name


def test_nato_russia_council_and_practical_cooperation_are_coded_apart():
    ties = load("institutions").set_index("tie_id")
    practical, council = ties.loc["nato-russia-practical-cooperation"], ties.loc["nato-russia-council"]
    assert practical["suspended_date_label"] == "2014-04-01"
    assert council["suspended_date"].year > 2014, "the Council met until 12 January 2022"
    assert "12 Jan 2022" in council["note"]
    glossary = load("glossary").set_index("term")["definition"]
    assert "political dialogue" in glossary["NATO-Russia Council"]


def test_episode_codings_the_fact_check_questioned():
    episodes = load("episodes").set_index("episode_id")
    assert episodes.loc["2023-07-grain-deal-exit", "outcome"] == "mixed"
    crimea = episodes.loc["2014-maidan-crimea"]
    assert crimea["outcome"] == "escalated" and "self-deterrence" in crimea["note"]
    weapons = episodes.loc["2022-06-longer-range-weapons", "note"]
    assert "M270" in weapons and "23 Jun 2022" in weapons


# ------------------------------------------------------------------------------------- MCQ balance

MAX_SHARE = 0.35
_OPTION = re.compile(r"^\(([A-D])\) (.*?)\s*$", re.M)


def _bank_mcqs(path: Path) -> list[tuple[str, dict[str, str], str]]:
    bank = json.loads(path.read_text(encoding="utf-8"))
    return [(f"{path.name} Q{q['number']}", q["options"], q["answer"]) for q in bank["questions"]
            if q["kind"] == "mcq"]


def _assignment_mcqs(path: Path) -> list[tuple[str, dict[str, str], str]]:
    """Options from the question cell, the key from the solution cell (`answer_qN = "X"` on its own line)."""
    cells = {c.get("id"): c for c in nbformat.read(path, as_version=4).cells}
    found = []
    for cell_id, cell in cells.items():
        number = re.fullmatch(r"q(\d+)-question", cell_id or "")
        options = dict(_OPTION.findall(cell.source))
        if not number or len(options) != 4:
            continue
        n = number.group(1)
        key = re.search(rf'^answer_q{n} = "([A-D])"$', cells[f"q{n}-answer"].source, re.M)
        found.append((f"{path.stem} Q{n}", options, key.group(1)))
    return found


def _right_is_longest(options: dict[str, str], answer: str) -> bool:
    """Strictly longest: when options tie for length, picking the longest gives a guesser no edge."""
    return all(len(options[answer]) > len(text) for letter, text in options.items() if letter != answer)


SETS = {p.name: _bank_mcqs(p) for p in BANKS} | {p.stem: _assignment_mcqs(p) for p in ASSIGNMENTS}
SETS["all self-check banks"] = [q for p in BANKS for q in _bank_mcqs(p)]
SETS["all assignments"] = [q for p in ASSIGNMENTS for q in _assignment_mcqs(p)]


def _letter_cap(n: int) -> int:
    """35% of the keys, but never below an even spread: 5 keys over 4 letters must put 2 on one letter."""
    return max(math.floor(MAX_SHARE * n), math.ceil(n / 4))


@pytest.mark.parametrize("name", SETS)
def test_no_answer_letter_dominates(name):
    mcqs = SETS[name]
    assert mcqs, f"{name}: no MCQs found (has the format changed?)"
    letters = Counter(answer for _, _, answer in mcqs)
    assert max(letters.values()) <= _letter_cap(len(mcqs)), f"{name}: {dict(letters)} over {len(mcqs)} keys"


@pytest.mark.parametrize("name", SETS)
def test_the_longest_option_is_rarely_the_answer(name):
    mcqs = SETS[name]
    longest = [q for q, options, answer in mcqs if _right_is_longest(options, answer)]
    assert len(longest) <= math.floor(MAX_SHARE * len(mcqs)), f"{name}: the longest option is right in {longest}"


def test_the_balance_readers_find_every_mcq():
    assert len(SETS["all self-check banks"]) == sum(
        1 for p in BANKS for q in json.loads(p.read_text())["questions"] if q["kind"] == "mcq")
    assert {name: len(SETS[name]) for name in ("a1_westernization", "mock_exam")} == {
        "a1_westernization": 5, "mock_exam": 20}
    assert _right_is_longest({"A": "short", "B": "a longer one"}, "B")
    assert not _right_is_longest({"A": "same", "B": "size"}, "B")
    assert _letter_cap(5) == 2 and _letter_cap(20) == 7
