"""Figures the course's tables hold: Levada poll percentages, UN General Assembly tallies, Pakistan's votes.

A figure is checked only when the sentence says which wave or which vote it is about (pollster or topic
and month, or resolution, subject or month); a figure the tables cannot place is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from course.coach.text import MONTHS, dates_in

#: words in a sentence -> poll series of `data/polls.csv` (Levada's "How do you feel about ...?" and the
#: Syria questions the Snegovaya & Whitmore article quotes)
POLL_TOPICS = (
    (re.compile(r"\b(troops|ground forces|direct military (support|assistance|aid))\b", re.I), "levada_syria_troops"),
    (re.compile(r"\b(air ?strikes|air campaign|bombing campaign|bombing)\b", re.I), "levada_syria_airstrikes"),
    (re.compile(r"\b(USA|US|U\.S\.|[Uu]nited [Ss]tates|America|Americans)\b"), "levada_usa"),
    (re.compile(r"\b(the )?(eu|european union)\b", re.I), "levada_eu"),
    (re.compile(r"\bukraine\b", re.I), "levada_ukraine"),
)
_MONTH_WORD = re.compile(r"\b(?:" + "|".join(m.title() for m in MONTHS) + r")\b")
_POLL_CONTEXT = re.compile(r"\b(levada|poll|polls|polled|survey|surveyed|russians|respondents|public opinion)\b",
                           re.I)
_PERCENT = re.compile(r"\b(\d{1,3}(?:\.\d)?)\s*(?:%|per ?cent\b)", re.I)
_UN_CONTEXT = re.compile(r"\b(general assembly|unga|resolution|es-11/\d)\b", re.I)
_COUNT = re.compile(r"\b(\d{1,3})\s*(?P<kind>votes? (?:in favour|in favor|for)|in favour|in favor|for\b|"
                    r"(?:votes? )?against|votes?\b|to\b|abstentions?|abstained|abstaining|countries (?:voted )?"
                    r"(?:in favour|for)|states (?:voted )?(?:in favour|for)|member states|countries|states)", re.I)
_TALLY = re.compile(r"\b(\d{1,3})\s*[-–]\s*(\d{1,2})\s*[-–]\s*(\d{1,2})\b")
_SUBJECTS = (
    (re.compile(r"human rights council", re.I), "ES-11/3"),
    (re.compile(r"annex|territorial integrity|referend", re.I), "ES-11/4"),
    (re.compile(r"anniversary|just and lasting peace|comprehensive", re.I), "ES-11/6"),
    # before "aggression": both texts name it in their titles
    (re.compile(r"humanitarian", re.I), "ES-11/2"),
    (re.compile(r"reparation|remedy|register of damage", re.I), "ES-11/5"),
    (re.compile(r"aggression|deplor|withdraw|demand", re.I), "ES-11/1"),
)
_PAKISTAN_VOTE = re.compile(r"pakistan\b[^.]{0,40}?\bvot(?:ed|es|ing)\s+(?P<way>in favou?r|for|against|yes|no)\b",
                            re.I)
_WAY = {"in favour": "yes", "in favor": "yes", "for": "yes", "yes": "yes", "against": "no", "no": "no"}


@lru_cache(maxsize=1)
def _polls() -> list[dict]:
    from course.coach.tables import tables

    return [row for row in tables()["polls"] if row["answer_kind"] == "main"]


@lru_cache(maxsize=1)
def _votes() -> dict[str, dict]:
    from course.coach.tables import tables

    return {row["resolution"]: row for row in tables()["un_votes"]}


def check_polls(sentence: str, offset: int) -> list[dict]:
    """Poll percentages that the named Levada wave does not hold."""
    if not _POLL_CONTEXT.search(sentence):
        return []
    percents = list(_PERCENT.finditer(sentence))
    if not percents:
        return []
    from course.coach.facts import clauses

    months = [d for d in dates_in(sentence, periods=True) if d.month]
    if not months or len(_MONTH_WORD.findall(sentence)) > len(months):
        return []  # "between February and March 2022": which figure belongs to which wave is not written
    polls = _polls()
    problems = []
    for m in percents:
        # the topic named nearest the figure in its clause ("the EU ... 37%"), and the month nearest to it
        begin, clause = next((a, c) for a, c in reversed(clauses(sentence)) if a <= m.start())
        topics = [(abs(begin + t.start() - m.start()), series) for pattern, series in POLL_TOPICS
                  for t in pattern.finditer(clause)]
        if not topics:
            continue
        series = min(topics)[1]
        inside = [d for d in months if begin <= d.start < begin + len(clause)]
        rivals = [p for p in percents if begin <= p.start() < begin + len(clause)] if inside else percents
        date = min(inside or months, key=lambda d: abs(d.start - m.end()))
        if abs(date.start - m.end()) > 60 and abs(m.start() - date.end) > 60:
            continue  # no month written near the figure: its wave is not said
        owner = min(rivals, key=lambda p: min(abs(date.start - p.end()), abs(p.start() - date.end)))
        if owner is not m:
            continue  # the month is written beside another figure ("75% (April 1990) to 14%")
        label = f"{date.year}-{date.month:02d}"
        wave = [r for r in polls if r["series"] == series and r["field_date_label"] == label]
        if not wave:
            continue  # the table holds no such wave: it cannot settle the figure
        value = float(m.group(1))
        if any(r["percent"] == value for r in wave):
            continue
        shown = ", ".join(f"{r['answer']} {r['percent']:g}%" for r in wave)
        first = wave[0]
        problems.append({"span": (offset + m.start(), offset + m.end()), "written": m.group(0),
                         "expected": f"{first['pollster']}, {MONTHS[date.month - 1].title()} {date.year}: {shown}",
                         "source": first["source"], "what": f"'{first['question']}'",
                         "advice": "Quote the figure as the pollster prints it, with the month of the poll."})
    return problems


def _resolution(sentence: str) -> str | None:
    named = re.search(r"es-11/(\d)", sentence, re.I)
    votes = _votes()
    if named:
        key = f"ES-11/{named.group(1)}"
        return key if key in votes else None
    for pattern, key in _SUBJECTS:
        if pattern.search(sentence):
            return key
    for date in dates_in(sentence):
        if date.month:
            same = [r for r, v in votes.items() if v["date_label"].startswith(f"{date.year}-{date.month:02d}")]
            if len(same) == 1:
                return same[0]
    return None


def check_votes(sentence: str, offset: int) -> list[dict]:
    """UNGA tallies and Pakistan's vote, against the un_votes table."""
    if not _UN_CONTEXT.search(sentence) and not re.search(r"\bun vote|united nations", sentence, re.I):
        return []
    key = _resolution(sentence)
    if not key:
        return []
    row = _votes()[key]
    tally = f"{key} ({row['date_label']}, {row['subject']}): {row['yes']} in favour, {row['no']} against, " \
            f"{row['abstained']} abstentions; Pakistan {row['pakistan']}"
    problems = []

    def flag(m, written, advice="Give the tally as the UN recorded it: in favour, against, abstentions."):
        problems.append({"span": (offset + m.start(), offset + m.end()), "written": written, "expected": tally,
                         "source": row["source"], "what": f"the General Assembly vote on {key}", "advice": advice})

    for m in _TALLY.finditer(sentence):
        if (int(m.group(1)), int(m.group(2)), int(m.group(3))) != (row["yes"], row["no"], row["abstained"]):
            flag(m, m.group(0))
    if not problems:
        for m in _COUNT.finditer(sentence):
            kind, n = m.group("kind").lower(), int(m.group(1))
            if kind.startswith("to"):
                ok = n == row["yes"]
            elif "against" in kind:
                ok = n == row["no"]
            elif "abst" in kind:
                ok = n == row["abstained"]
            elif kind in ("countries", "states", "member states"):
                ok = n in (row["yes"], row["no"], row["abstained"])
            else:
                ok = n == row["yes"]
            if not ok:
                flag(m, m.group(0))
    for m in _PAKISTAN_VOTE.finditer(sentence):
        way = _WAY[m.group("way").lower()]
        if way != row["pakistan"]:
            flag(m, m.group(0), f"Write that Pakistan {row['pakistan']} on {key} ({row['date_label']}), and say why: "
                                "that choice is the heart of a Pakistan angle.")
    return problems
