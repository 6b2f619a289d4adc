"""Figures the course's tables hold: Levada poll percentages, UN General Assembly tallies, Pakistan's votes.

A figure is checked only when the sentence says which wave or which vote it is about (pollster or topic
and month, or resolution, subject or month); a figure the tables cannot place is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from course.learner.coach.text import MONTHS, dates_in

#: words in a sentence -> poll series of `data/polls.csv` (Levada's "How do you feel about ...?" and the
#: Syria questions the Snegovaya & Whitmore article quotes)
POLL_TOPICS = (
    (re.compile(r"\b(troops|ground forces|direct military (support|assistance|aid))\b", re.I), "levada_syria_troops"),
    (re.compile(r"\b(air ?strikes|air campaign|bombing campaign|bombing)\b", re.I), "levada_syria_airstrikes"),
    (re.compile(r"\b(USA|US|U\.S\.|[Uu]nited [Ss]tates|America|Americans)\b"), "levada_usa"),
    (re.compile(r"\b(the )?(eu|european union)\b", re.I), "levada_eu"),
    (re.compile(r"\bukraine\b", re.I), "levada_ukraine"),
    (re.compile(r"\bchina\b", re.I), "levada_china"),
    (re.compile(r"\bgeorgia\b", re.I), "levada_georgia"),
)
_MONTH_WORD = re.compile(r"\b(?:" + "|".join(m.title() for m in MONTHS) + r")\b")
_POLL_CONTEXT = re.compile(r"\b(levada|poll|polls|polled|survey|surveyed|russians|respondents|public opinion)\b",
                           re.I)
_PERCENT = re.compile(r"\b(\d{1,3}(?:\.\d)?)\s*(?:%|per ?cent\b)", re.I)
_UN_CONTEXT = re.compile(r"\b(general assembly|unga|resolution|es-11/\d)\b", re.I)
_COUNT = re.compile(r"\b(\d{1,3})\s*(?P<kind>votes? (?:in favour|in favor|for)|in favour|in favor|for\b|"
                    r"(?:votes? )?against|votes?\b|to\b|abstentions?|abstained|abstaining|countries (?:voted )?"
                    r"(?:in favour|for)|states (?:voted )?(?:in favour|for)|yes votes?|member states|countries|states|nations)", re.I)
_TALLY = re.compile(r"\b(\d{1,3})\s*[-–]\s*(\d{1,2})\s*[-–]\s*(\d{1,2})\b")
_SUBJECTS = (
    (re.compile(r"human rights council|\bhrc\b", re.I), "ES-11/3"),
    (re.compile(r"annex|territorial integrity|referend|four regions", re.I), "ES-11/4"),
    (re.compile(r"anniversary|lasting peace|just peace|comprehensive", re.I), "ES-11/6"),
    (re.compile(r"humanitarian", re.I), "ES-11/2"),
    (re.compile(r"reparation|remedy|register of damage|compensation", re.I), "ES-11/5"),
    # generic words: several texts use them, so they name ES-11/1 only where nothing more specific is written
    (re.compile(r"aggression|deplor|condemn|withdraw|demand", re.I), "ES-11/1"),
)
_PAKISTAN_VOTE = re.compile(r"pakistan\b[^.]{0,40}?\b(?:vot(?:ed|es|ing)\s+(?P<way>in favou?r|for|against|yes|no)\b|"
                            r"(?P<verb>supported|backed|endorsed|opposed|rejected)\s+(?:the\s+)?(?:\w+\s+){0,4}?"
                            r"(?:resolution|text|motion)\b)", re.I)
_WAY = {"in favour": "yes", "in favor": "yes", "for": "yes", "yes": "yes", "against": "no", "no": "no",
        "supported": "yes", "backed": "yes", "endorsed": "yes", "opposed": "no", "rejected": "no"}


@lru_cache(maxsize=1)
def _polls() -> list[dict]:
    from course.learner.coach.tables import tables

    return [row for row in tables()["polls"] if row["answer_kind"] == "main"]


@lru_cache(maxsize=1)
def _votes() -> dict[str, dict]:
    from course.learner.coach.tables import tables

    return {row["resolution"]: row for row in tables()["un_votes"]}


def check_polls(sentence: str, offset: int) -> list[dict]:
    """Poll percentages that the named Levada wave does not hold."""
    if not _POLL_CONTEXT.search(sentence):
        return []
    percents = list(_PERCENT.finditer(sentence))
    if not percents:
        return []
    from course.learner.coach.facts import clauses

    from course.learner.coach.sources import best

    written = dates_in(sentence, periods=True)
    months = [d for d in written if d.month] or written  # a year alone names a wave where the year has one
    if not months or len(_MONTH_WORD.findall(sentence)) > len([d for d in written if d.month]):
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
        label = f"{date.year}-{date.month:02d}" if date.month else str(date.year)
        wave = [r for r in polls if r["series"] == series and r["field_date_label"].startswith(label)]
        if not wave or len({r["field_date_label"] for r in wave}) > 1:
            continue  # the table holds no such wave (or several that year): it cannot settle the figure
        value = float(m.group(1))
        side = _side(clause, m.start() - begin)
        same_side = [r for r in wave if side and _POLARITY[side].search(r["answer"])
                     and not _POLARITY[_OTHER[side]].search(r["answer"])]
        if any(r["percent"] == value for r in (same_side or wave)):
            continue  # the figure of the answer the sentence names (or, if it names none, of any answer)
        shown = ", ".join(f"{r['answer']} {r['percent']:g}%" for r in wave)
        first = wave[0]
        problems.append({"span": (offset + m.start(), offset + m.end()), "written": m.group(0),
                         "expected": f"{first['pollster']}, {_month_label(first['field_date_label'])}: {shown}",
                         "source": best(first["source"]), "what": f"'{first['question']}'",
                         "advice": "Quote the figure as the pollster prints it, with the month of the poll."})
    return problems


#: Tallies as essays write them: "141-5-35", "141 to 5 with 35 abstentions", "141 in favour, 5 against and 35
#: abstentions", "141 for, 5 against, 35 abstaining".
_TALLY_FORMS = (
    re.compile(r"(?<![\d/.-])(\d{1,3})\s*[-–—:/]\s*(\d{1,3})\s*[-–—:/]\s*(\d{1,3})(?![\d/-])"),
    re.compile(r"\b(\d{1,3})\s+(?:votes?\s+|countries\s+|states\s+|members\s+)?(?:in\s+favou?r|for|yes|to)\b"
               r"[^.;\d]{0,25}?\b(\d{1,3})\s*(?:votes?\s+|countries\s+|states\s+)?(?:against|no)?\b"
               r"[^.;\d]{0,30}?\b(\d{1,3})\s+(?:abstentions?|abstaining|abstained|abstain|countries\s+abstain\w*|"
               r"states\s+abstain\w*|members\s+abstain\w*)", re.I),
)
_ROUGH = re.compile(r"(?:more than|over|nearly|almost|about|around|some|roughly|approximately|at least|fewer than|"
                    r"less than|under|close to|just over|just under)\s*$", re.I)
_SECURITY_COUNCIL = re.compile(r"security council|\bunsc\b|\b2774\b", re.I)
_GENERIC = "ES-11/1"  # "aggression", "withdraw", "condemn": words several texts use; named only when no other is


def _cues(sentence: str) -> list[tuple[int, str, bool]]:
    """(position, resolution, generic) for every word or date in the sentence that names one resolution."""
    votes = _votes()
    found = []
    for m in re.finditer(r"es-11/(\d)", sentence, re.I):
        key = f"ES-11/{m.group(1)}"
        if key in votes:
            found.append((m.start(), key, False))
    for pattern, key in _SUBJECTS:
        for m in pattern.finditer(sentence):
            found.append((m.start(), key, key == _GENERIC))
    for date in dates_in(sentence, periods=True):
        if date.month:
            prefix = f"{date.year}-{date.month:02d}" + (f"-{date.day:02d}" if date.day else "")
            same = [r for r, v in votes.items() if v["date_label"].startswith(prefix)]
            if len(same) == 1:
                found.append((date.start, same[0], False))
    return found


#: Which answer a sentence gives a figure for: "31% felt positive", "69% opposed".
_POLARITY = {
    "good": re.compile(r"positiv|favou?rab|good|warm|support|in favou?r|backed|approv|\bfor\b|\byes\b|confidence", re.I),
    "bad": re.compile(r"negativ|unfavou?rab|\bbad|hostil|cold|oppos|against|disapprov|\bno\b|do not support|"
                      r"little or no", re.I),
}
_OTHER = {"good": "bad", "bad": "good"}


def _side(clause: str, pos: int) -> str | None:
    """The answer side named nearest the figure in its clause, if any."""
    best = None
    for side, pattern in _POLARITY.items():
        for m in pattern.finditer(clause):
            gap = abs(m.start() - pos)
            if gap < 60 and (best is None or gap < best[0]):
                best = (gap, side)
    return best[1] if best else None


def _month_label(label: str) -> str:
    year, _, month = label.partition("-")
    return f"{MONTHS[int(month) - 1].title()} {year}" if month else year


def _resolution_at(sentence: str, pos: int) -> tuple[str | None, set[str]]:
    """The resolution a figure at `pos` is about: the nearest cue in its clause (a specific subject before a
    generic word), else the sentence's one resolution; and every resolution the clause or sentence names."""
    from course.learner.coach.facts import clauses

    cues = _cues(sentence)
    begin, clause = next(((a, c) for a, c in reversed(clauses(sentence)) if a <= pos), (0, sentence))
    inside = [c for c in cues if begin <= c[0] < begin + len(clause)]
    pool = inside or cues
    specific = [c for c in pool if not c[2]] or pool
    named = {c[1] for c in specific}
    if not specific:
        return None, named
    if not inside and len({c[1] for c in specific}) > 1:
        return None, named  # the sentence names two texts and the figure's clause neither
    between = lambda c: sentence[min(c[0], pos):max(c[0], pos)]  # noqa: E731
    key = min(specific, key=lambda c: (bool(re.search(r"\band\b", between(c))), abs(c[0] - pos)))[1]
    return key, named


def _years_agree(sentence: str, pos: int, key: str) -> bool:
    """No year written in the figure's clause (or, if none, the sentence) contradicts the resolution's."""
    from course.learner.coach.facts import clauses

    begin, clause = next(((a, c) for a, c in reversed(clauses(sentence)) if a <= pos), (0, sentence))
    years = {d.year for d in dates_in(clause, periods=True)} or {d.year for d in dates_in(sentence, periods=True)}
    return not years or int(_votes()[key]["date_label"][:4]) in years


def check_votes(sentence: str, offset: int) -> list[dict]:
    """UNGA tallies and Pakistan's vote, against the un_votes table, each figure against its own resolution."""
    from course.learner.coach.sources import best

    if not _UN_CONTEXT.search(sentence) and not re.search(r"\bun vote|united nations|\bUN\b", sentence):
        return []
    if _SECURITY_COUNCIL.search(sentence) and not re.search(r"human rights council", sentence, re.I):
        return []  # the Security Council's votes are not in the table
    votes = _votes()
    every = {(v["yes"], v["no"], v["abstained"]) for v in votes.values()}
    problems, covered = [], []

    def flag(start, end, written, key, advice="Give the tally as the UN recorded it: in favour, against, abstentions."):
        row = votes[key]
        tally = f"{key} ({row['date_label']}, {row['subject']}): {row['yes']} in favour, {row['no']} against, " \
                f"{row['abstained']} abstentions; Pakistan {row['pakistan']}"
        problems.append({"span": (offset + start, offset + end), "written": written, "expected": tally,
                         "source": best(row["source"]), "what": f"the General Assembly vote on {key}",
                         "advice": advice})

    for form in _TALLY_FORMS:
        for m in form.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in covered):
                continue
            covered.append(m.span())
            triple = tuple(int(g) for g in m.groups())
            key, named = _resolution_at(sentence, m.start())
            if not key or triple[0] < 20:
                continue
            if any((votes[k]["yes"], votes[k]["no"], votes[k]["abstained"]) == triple for k in named):
                continue  # the figures of one of the texts the sentence is about
            if triple in every and not any(k == key for k in named):
                continue
            if not _years_agree(sentence, m.start(), key):
                continue  # another year's vote (the 2025 anniversary text is not in the table)
            flag(m.start(), m.end(), m.group(0), key)
    for m in _COUNT.finditer(sentence):
        if any(m.start() < e and s < m.end() for s, e in covered) or _ROUGH.search(sentence[:m.start()]):
            continue
        kind, n = m.group("kind").lower(), int(m.group(1))
        if n in (193, 15) or n < 3:
            continue  # the UN's membership, the Security Council's size
        key, named = _resolution_at(sentence, m.start())
        if not key or not _years_agree(sentence, m.start(), key):
            continue
        rows = [votes[k] for k in named] or [votes[key]]
        if kind.startswith("to") or kind.startswith("vote") and "against" not in kind:
            ok = any(n == r["yes"] for r in rows)
        elif "against" in kind:
            ok = any(n == r["no"] for r in rows)
        elif "abst" in kind:
            ok = any(n == r["abstained"] for r in rows)
        elif kind in ("countries", "states", "member states", "nations"):
            ok = any(n in (r["yes"], r["no"], r["abstained"]) for r in rows)
        else:
            ok = any(n == r["yes"] for r in rows)
        if not ok:
            flag(m.start(), m.end(), m.group(0), key)
    for m in _PAKISTAN_VOTE.finditer(sentence):
        key, named = _resolution_at(sentence, m.start())
        if not key or not _years_agree(sentence, m.start(), key):
            continue
        way = _WAY[(m.group("way") or m.group("verb")).lower()]
        if all(way != votes[k]["pakistan"] for k in (named or {key})):
            row = votes[key]
            flag(m.start(), m.end(), m.group(0), key,
                 f"Write that Pakistan {row['pakistan']} on {key} ({row['date_label']}), and say why: that choice is "
                 "the heart of a Pakistan angle.")
    return problems
