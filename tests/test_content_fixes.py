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

from course.content.data import load

ROOT = Path(__file__).resolve().parents[1]
BANKS = sorted((ROOT / "course" / "content" / "banks").glob("*.json"))
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
                 ROOT / "data" / "README.md", *(ROOT / "course").rglob("*.py")]:
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
    # `course update` merges cell by cell and writes no ".updated-" copy beside an edited lesson.
    "update writes a copy beside": r"new version is (saved|written) beside it",
    # The checks accept pandas' numbers as they are; int() and float() only make them easier to read.
    # In Rosstat's revised series 2016 grew (+0.3); growth was negative in 2015 and 2022.
    "negative in 2015-16": r"negative in 2015 ?[-–] ?16",
    # Pakistan voted for UNSC resolution 2774 on 24 Feb 2025; it abstained on the six GA resolutions of 2022-23.
    "Pakistan abstains on everything": r"abstain(s|ed)? on (every|all) (the )?(Ukraine )?resolutions?\b(?! of 2022)|abstained on every resolution the course checked",
    # The emergency session also held recorded procedural votes: six *resolutions*, not six votes.
    "six emergency-session votes": r"six UNGA emergency-session votes",
    # ES-11/2 and ES-11/5 are verified abstentions too.
    "three abstentions only": r"as it did on ES-11/3, ES-11/4 and ES-11/6",
    # Polianskii gets one date wrong (2013 for 2014), not several.
    "Polianskii dates wrong in places": r"dates wrong in places",
    # The Concept's official English text says "a unique country-civilization"; "original" is a translation.
    "original country-civilization quoted": r"original \"?country-civilization",
    # Kimmage & Lipman write that Russia *can* increase trade with China, India and Turkey: a forecast.
    "K&L report trade already turned": r"trade turning to\s+China|redirected trade towards China",
    # The NATO-Russia Council's end rests on Poland's foreign minister's word; no NATO text was found.
    "NRC declared dissolved": r"declared dissolved in December 2025",
    # Studying alone, a learner marks their own work with `course check`; no academy marks it.
    "academy marks your work": r"Your academy or teacher releases them",
    # JupyterLab 4 has no Insert menu.
    "Insert menu": r"Insert ▸",
    "checker needs a plain number": r"checker expects a plain Python number|plain Python number the checker compares",
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


def _bank_item(bank: str, number: int) -> dict:
    questions = json.loads((ROOT / "course" / "content" / "banks" / f"{bank}.json").read_text(encoding="utf-8"))
    return next(q for q in questions["questions"] if q["number"] == number)


def test_self_check_keys_the_fact_check_found_without_a_right_option():
    update = _bank_item("00", 6)
    assert update["options"][update["answer"]].startswith("Untouched cells take the new version")
    assert "cell by cell" in update["explanation"] and ".updated-" not in update["explanation"]
    numbers = _bank_item("00a", 7)
    assert "accepts pandas' numbers either way" in numbers["options"][numbers["answer"]]
    assert "accept them as they are" in numbers["explanation"]


TRUE_SENTENCES_THE_LESSONS_TEACH = [
    "The first HIMARS arrived in Ukraine on 23 June 2022, after Putin's threat of 5 June.",
    "Despite Putin's threat, Britain sent long-range rockets (M270) in June 2022.",
    "Britain first sent Storm Shadow missiles in May 2023, despite the threat.",
]


@pytest.mark.parametrize("sentence", TRUE_SENTENCES_THE_LESSONS_TEACH)
def test_article_error_rules_leave_true_sentences_alone(sentence):
    from course.learner import coach
    assert not coach.review(sentence).of_kind("article_error"), sentence


def test_the_himars_correction_says_what_came_after_the_threat():
    from course.learner import coach
    correction = load("article_errors").set_index("error_id").loc["himars-after-threat", "correction"]
    assert all(fact in correction for fact in ("M270", "6 June 2022", "23 June 2022", "May 2023", "17 November 2024"))
    found = coach.review("Despite Putin's threat of 5 June, the West sent Ukraine long-range missiles at once.")
    assert [f.expected for f in found.of_kind("article_error")] == [correction]


def test_growth_rows_are_the_latest_release_found():
    """Rosstat's revision of 29 Dec 2023 (2021, 2022) and its later series (2015, 2016) replace older vintages."""
    growth = load("economy").query("series == 'gdp_growth'").set_index("year")
    assert growth.loc[[2015, 2016, 2021, 2022], "value"].tolist() == [-2.0, 0.3, 5.9, -1.2]
    assert "29 Dec 2023" in growth.loc[2022, "source"] and "-2.1" in growth.loc[2022, "note"]
    assert growth.loc[2016, "value"] > 0 > growth.loc[2015, "value"]


def test_pakistan_security_council_vote_of_2025_is_taught():
    events = load("events").set_index("event_id")
    vote = events.loc["2025-unsc-2774-pakistan-votes-for"]
    assert vote["date_label"] == "2025-02-24" and vote["category"] == "pakistan" and "10 votes to 0" in vote["event"]
    assert "dpa" in vote["source"]
    lesson = TEXTS["notebooks/04_synthesis_and_exam_practice.ipynb"]
    assert "resolution 2774" in lesson and "six General Assembly resolutions of 2022-23" in lesson
    assert re.search(FORBIDDEN["Pakistan abstains on everything"], "Pakistan abstains on every Ukraine resolution")


ARTICLE_ERRORS_THE_LESSONS_TEACH = {
    # one sentence repeating each error the lessons' "Read critically" sections correct (lessons 01 and 03)
    "al-watiya-turkish-forces-wagner": "Turkish forces attacked al-Watiya, where Wagner mercenaries were based.",
    "turkey-sanctions-insignificant": "Russia's sanctions against Turkey in 2015 were insignificant.",
    "stalin-socialism-one-country-1928": "Having consolidated power around 1928, Stalin turned to socialism in one country.",
    "leningrad-without-petrograd": "St Petersburg was renamed Leningrad in 1924.",
    "holy-alliance-after-1812": "In 1812 Russia defeated Napoleon and then joined the Holy Alliance with Prussia and Austria.",
}


@pytest.mark.parametrize("error_id", ARTICLE_ERRORS_THE_LESSONS_TEACH)
def test_the_coach_knows_every_article_error_the_lessons_correct(error_id):
    from course.learner import coach
    correction = load("article_errors").set_index("error_id").loc[error_id, "correction"]
    found = coach.review(ARTICLE_ERRORS_THE_LESSONS_TEACH[error_id]).of_kind("article_error")
    assert [f.expected for f in found] == [correction]


def test_items_about_events_after_an_article_are_not_in_its_pool():
    """Snegovaya and Whitmore wrote on 8 July 2022: the mutiny and the grain deal's end (2023) are synthesis items.

    The Kerch bridge response (October 2022) stays with a3: lesson 03's episodes table tests the article on it,
    and a3's bank must hold three times the five MCQs it asks."""
    pools = load("mcq_bank").set_index("item_id")["pool"]
    assert set(pools[["sw-wagner-mutiny", "sw-grain-deal-expires"]]) == {"synthesis"}


JUPYTERLAB_MENUS = {"File", "Edit", "View", "Run", "Kernel", "Tabs", "Settings", "Help"}


def test_every_menu_a_lesson_names_is_a_jupyterlab_4_menu():
    named = {m.group(1) for name, text in TEXTS.items() if name.startswith("notebooks/")
             for m in re.finditer(r"menu \*\*([A-Z][a-z]+) ▸", text)}
    assert named and named <= JUPYTERLAB_MENUS, named - JUPYTERLAB_MENUS


def test_lesson_00_says_how_work_is_marked_updated_and_kernels_shut_down():
    lesson = TEXTS["notebooks/00_start_here.ipynb"]
    assert "`course check a1`" in lesson and "--mark q9=14" in lesson and "runs only the visible checks" in lesson
    assert "cell by cell" in lesson and "Shut Down All Kernels" in lesson and "Running Terminals and Kernels" in lesson


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


def _mcq_bank() -> list[tuple[str, dict[str, str], str]]:
    """data/mcq_bank.csv: the right option is `answer`; variants shuffle the letters, so only length can cue."""
    return [(row.item_id, {"A": row.answer, "B": row.wrong_1, "C": row.wrong_2, "D": row.wrong_3}, "A")
            for row in load("mcq_bank").itertuples()]


def test_the_longest_option_is_rarely_the_answer_in_the_variants_bank():
    mcqs = _mcq_bank()
    longest = [q for q, options, answer in mcqs if _right_is_longest(options, answer)]
    assert len(longest) <= math.floor(MAX_SHARE * len(mcqs)), f"mcq_bank: the longest option is right in {longest}"


def _stems_and_wrong_options():
    for name, mcqs in [*((p.name, _bank_mcqs(p)) for p in BANKS), ("mcq_bank", _mcq_bank())]:
        stems = ({q["number"]: q["question"] for q in json.loads((ROOT / "course/content/banks" / name).read_text())
                  ["questions"]} if name.endswith(".json") else load("mcq_bank").set_index("item_id")["question"])
        for label, options, answer in mcqs:
            key = int(label.rsplit("Q", 1)[1]) if name.endswith(".json") else label
            yield label, stems[key], [text for letter, text in options.items() if letter != answer]
    for path in ASSIGNMENTS:
        stems = {c.get("id"): c.source.split("\n(A)")[0] for c in nbformat.read(path, as_version=4).cells}
        for label, options, answer in _assignment_mcqs(path):
            stem = stems[f"q{label.rsplit('Q', 1)[1]}-question"]
            yield label, stem, [text for letter, text in options.items() if letter != answer]


def test_no_wrong_option_is_given_away_by_its_stem():
    """A date or a phrase the stem states is a distractor a guesser strikes out; single words ("Against") may recur."""
    found = [f"{label}: {text!r}" for label, stem, wrong in _stems_and_wrong_options() for text in wrong
             if (re.search(r"\d", text) or " " in text.strip()) and re.search(rf"\b{re.escape(text.strip())}\b", stem, re.I)]
    assert not found, found


def test_the_balance_readers_find_every_mcq():
    assert len(SETS["all self-check banks"]) == sum(
        1 for p in BANKS for q in json.loads(p.read_text())["questions"] if q["kind"] == "mcq")
    assert {name: len(SETS[name]) for name in ("a1_westernization", "mock_exam")} == {
        "a1_westernization": 5, "mock_exam": 20}
    assert _right_is_longest({"A": "short", "B": "a longer one"}, "B")
    assert not _right_is_longest({"A": "same", "B": "size"}, "B")
    assert _letter_cap(5) == 2 and _letter_cap(20) == 7
    assert len(_mcq_bank()) == len(load("mcq_bank")) >= 33
    assert sum(len(wrong) for _, _, wrong in _stems_and_wrong_options()) == 3 * (len(SETS["all self-check banks"]) + len(SETS["all assignments"]) + len(_mcq_bank()))
