"""Dated claims about events the course's tables know, checked against the events table.

An answer names an event in many ways ("annexation of Crimea", "Crimea was annexed", "the Munich speech").
`ALIASES` lists the usual names and points each at rows of `data/events.csv`; the dates and sources always
come from the table, never from here. Names are found with rapidfuzz (a small, well-kept C++ library for
fuzzy string matching), so "Bucharest sumit" or "Munich speach" still count, and a date is paired with the
nearest event named in the same clause.

Precision over recall: a claim is flagged only when the date cannot be right at the precision the answer
wrote it. A year that bounds a period ("since 2014") or an event the table cannot settle is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from course.coach.text import Date, dates_in

#: name (lowercase, as candidates write it) -> (event_id, ...), and optionally the coarsest precision the
#: name allows a check at ("year" for a war of several months) or a window of right days (first, last),
#: taken from the events and episodes tables where one name covers several rows.
ALIASES: dict[str, tuple] = {
    # ruptures 2007-2014
    "munich speech": ("2007-putins-munich-security-conference",),
    "speech in munich": ("2007-putins-munich-security-conference",),
    "munich security conference speech": ("2007-putins-munich-security-conference",),
    "bucharest summit": ("2008-nato-bucharest-summit-declares",),
    "summit in bucharest": ("2008-nato-bucharest-summit-declares",),
    "bucharest declaration": ("2008-nato-bucharest-summit-declares",),
    # the Georgia war: fighting 7/8-12 Aug 2008 (episodes table, 2008-georgia-war)
    "georgia war": ("2008-russo-georgian-war-fighting", "window", "2008-08-07", "2008-08-12"),
    "georgian war": ("2008-russo-georgian-war-fighting", "window", "2008-08-07", "2008-08-12"),
    "russo-georgian war": ("2008-russo-georgian-war-fighting", "window", "2008-08-07", "2008-08-12"),
    "war in georgia": ("2008-russo-georgian-war-fighting", "window", "2008-08-07", "2008-08-12"),
    "war with georgia": ("2008-russo-georgian-war-fighting", "window", "2008-08-07", "2008-08-12"),
    "war against georgia": ("2008-russo-georgian-war-fighting", "window", "2008-08-07", "2008-08-12"),
    "invasion of georgia": ("2008-russo-georgian-war-fighting", "window", "2008-08-07", "2008-08-12"),
    "invaded georgia": ("2008-russo-georgian-war-fighting", "window", "2008-08-07", "2008-08-12"),
    # Crimea: armed takeover from 27 Feb, annexation announced 18 Mar, formalised 21 Mar 2014 (episodes
    # table, 2014-maidan-crimea)
    "annexation of crimea": ("2014-putin-announces-russia-will", "window", "2014-02-27", "2014-03-21"),
    "annexed crimea": ("2014-putin-announces-russia-will", "window", "2014-02-27", "2014-03-21"),
    "crimea was annexed": ("2014-putin-announces-russia-will", "window", "2014-02-27", "2014-03-21"),
    "crimea's annexation": ("2014-putin-announces-russia-will", "window", "2014-02-27", "2014-03-21"),
    "crimean annexation": ("2014-putin-announces-russia-will", "window", "2014-02-27", "2014-03-21"),
    "seizure of crimea": ("2014-putin-announces-russia-will", "window", "2014-02-27", "2014-03-21"),
    "seized crimea": ("2014-putin-announces-russia-will", "window", "2014-02-27", "2014-03-21"),
    "took crimea": ("2014-putin-announces-russia-will", "window", "2014-02-27", "2014-03-21"),
    "removal of yanukovych": ("2014-ukraines-parliament-removes-president",),
    "yanukovych was removed": ("2014-ukraines-parliament-removes-president",),
    "fall of yanukovych": ("2014-ukraines-parliament-removes-president",),
    "yanukovych's fall": ("2014-ukraines-parliament-removes-president",),
    "ousting of yanukovych": ("2014-ukraines-parliament-removes-president",),
    "yanukovych was ousted": ("2014-ukraines-parliament-removes-president",),
    "maidan protests began": ("2013-kyiv-suspends-preparations-eu",),
    "suspended from the g8": ("2014-g7-leaders-hague-declaration",),
    "suspension from the g8": ("2014-g7-leaders-hague-declaration",),
    "g8 was suspended": ("2014-g7-leaders-hague-declaration",),
    "expelled from the g8": ("2014-g7-leaders-hague-declaration",),
    "mh17": ("2014-malaysia-airlines-flight-mh17",),
    "minsk protocol": ("2014-minsk-protocol-ceasefire-minsk",),
    "minsk i agreement": ("2014-minsk-protocol-ceasefire-minsk",),
    "minsk ii": ("2015-minsk-ii-package-measures",),
    # 2015-2021
    "intervention in syria": ("2015-russia-begins-air-campaign",),
    "intervened in syria": ("2015-russia-begins-air-campaign",),
    "air campaign in syria": ("2015-russia-begins-air-campaign",),
    "su-24": ("2015-turkish-f-16-shoots",),
    "skripal": ("2018-sergei-yulia-skripal-poisoned",),
    "khasham": ("2018-battle-khasham-deir-ez", "window", "2018-02-07", "2018-02-08"),
    "al-watiya": ("2020-forces-libyas-government-national",),
    "withdrawal from the inf": ("2019-us-withdrawal-inf-treaty",),
    "inf treaty ended": ("2019-us-withdrawal-inf-treaty",),
    "geneva summit": ("2021-biden-putin-summit-geneva",),
    # 2022 onwards
    "full-scale invasion": ("2022-russia-launches-full-scale",),
    "invasion of ukraine": ("2022-russia-launches-full-scale",),
    "invaded ukraine": ("2022-russia-launches-full-scale",),
    "special military operation": ("2022-russia-launches-full-scale",),
    "recognised donetsk and luhansk": ("2022-putin-recognizes-donetsk-luhansk",),
    "recognized donetsk and luhansk": ("2022-putin-recognizes-donetsk-luhansk",),
    "imran khan's visit to moscow": ("2022-imran-khan-meets-putin", "window", "2022-02-23", "2022-02-24"),
    "imran khan met putin": ("2022-imran-khan-meets-putin", "window", "2022-02-23", "2022-02-24"),
    "imran khan visited moscow": ("2022-imran-khan-meets-putin", "window", "2022-02-23", "2022-02-24"),
    "expelled from the council of europe": ("2022-council-europe-committee-ministers",),
    "expulsion from the council of europe": ("2022-council-europe-committee-ministers",),
    "joined the council of europe": ("1996-russia-accedes-council-europe",),
    "partial mobilization": ("2022-putin-announces-partial-mobilization",),
    "partial mobilisation": ("2022-putin-announces-partial-mobilization",),
    "nord stream pipelines were damaged": ("2022-nord-stream-pipelines-damaged",),
    "suspended new start": ("2023-putin-announces-suspension-russias", "window", "2023-02-21", "2023-02-28"),
    "suspension of new start": ("2023-putin-announces-suspension-russias", "window", "2023-02-21", "2023-02-28"),
    "arrest warrant for putin": ("2023-international-criminal-court-issues",),
    "icc warrant": ("2023-international-criminal-court-issues",),
    "finland joined nato": ("2023-finland-becomes-natos-31st",),
    "finland became nato's 31st": ("2023-finland-becomes-natos-31st",),
    "sweden joined nato": ("2024-sweden-becomes-natos-32nd",),
    "wagner mutiny": ("2023-wagner-mutiny",),
    "prigozhin's mutiny": ("2023-wagner-mutiny",),
    "navalny died": ("2024-navalny-dies-penal-colony",),
    "death of navalny": ("2024-navalny-dies-penal-colony",),
    "navalny's death": ("2024-navalny-dies-penal-colony",),
    # history
    "fall of the berlin wall": ("1989-fall-berlin-wall",),
    "berlin wall fell": ("1989-fall-berlin-wall",),
    "helsinki final act": ("1975-helsinki-final-act-signed",),
    "helsinki accords": ("1975-helsinki-final-act-signed",),
    "founding act": ("1997-nato-russia-founding-act",),
    "charter of paris": ("1990-charter-paris-new-europe",),
    "dissolution of the soviet union": ("1991-ussr-formally-dissolved-declaration", "finest", "month"),
    "collapse of the soviet union": ("1991-ussr-formally-dissolved-declaration", "finest", "month"),
    "soviet union collapsed": ("1991-ussr-formally-dissolved-declaration", "finest", "month"),
    "ussr dissolved": ("1991-ussr-formally-dissolved-declaration", "finest", "month"),
    "secret speech": ("1956-khrushchevs-secret-speech-20th",),
    "yalta conference": ("1945-yalta-conference-4-11", "window", "1945-02-04", "1945-02-11"),
    "holy alliance": ("1815-holy-alliance-signed-paris",),
    "napoleon invaded russia": ("1812-napoleon-invades-russia-occupies", "finest", "year"),
    "napoleon's invasion": ("1812-napoleon-invades-russia-occupies", "finest", "year"),
    "soviet invasion of afghanistan": ("1979-soviet-invasion-afghanistan-begins",),
    "founded saint petersburg": ("1703-peter-founds-saint-petersburg", "finest", "year"),
    "founded st petersburg": ("1703-peter-founds-saint-petersburg", "finest", "year"),
    "joined the wto": ("2012-russia-becomes-156th-member",),
    "wto accession": ("2012-russia-becomes-156th-member",),
}

FUZZY_CUTOFF = 90  # rapidfuzz partial_ratio, 0-100: one typo in a ten-letter name still matches
_CLAUSE_BREAK = re.compile(r"[;:—]|,(?!\s*\d)|\b(?:while|whereas|"
                           r"but|although|after|before|until|following|then)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Known:
    """What the table says about an event name: the row, its date and source, and what counts as right."""

    event_id: str
    label: str  # the date as the table writes it
    precision: str
    event: str
    source: str
    first: tuple[int, int, int]
    last: tuple[int, int, int]
    finest: str = "day"


@lru_cache(maxsize=1)
def known_events() -> dict[str, Known]:
    """ALIASES resolved against the events table; names whose row is missing or unverified are dropped."""
    from course.coach.tables import tables

    events = {row["event_id"]: row for row in tables()["events"]}
    known = {}
    for name, spec in ALIASES.items():
        event_id = spec[0]
        if event_id not in events or not events[event_id]["verified"]:
            continue
        row = events[event_id]
        label, precision = row["date_label"], row["precision"]
        first = last = _triple(label)
        finest = precision
        if len(spec) > 1 and spec[1] == "window":
            first, last = _triple(spec[2]), _triple(spec[3])
        if len(spec) > 1 and spec[1] == "finest":
            finest = spec[2]
        known[name] = Known(event_id, label, precision, row["event"], row["source"], first, last, finest)
    return known


def _triple(label: str) -> tuple[int, int, int]:
    parts = [int(p) for p in label.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


_ORDER = {"year": 0, "month": 1, "day": 2}


def consistent(date: Date, known: Known) -> bool:
    """Could the written date be right? Compared at the coarser of the two precisions."""
    level = min(_ORDER[date.precision], _ORDER[known.precision], _ORDER[known.finest])
    claim = (date.year, date.month or 0, date.day or 0)[: level + 1]
    low, high = known.first[: level + 1], known.last[: level + 1]
    return low <= claim <= high


@lru_cache(maxsize=None)
def _exact_tokens(name: str) -> tuple[str, ...]:
    """Short or numbered words of a name (inf, g8, mh17, ii) that a fuzzy match may not change."""
    return tuple(t for t in re.findall(r"[\w'-]+", name) if len(t) <= 4 and t not in ("the", "of", "in", "was",
                                                                                  "with", "from", "for", "met"))


@dataclass
class Mention:
    name: str
    start: int
    end: int


def mentions(clause: str) -> list[Mention]:
    """Event names in a clause (fuzzy), longest first where two overlap ("minsk ii" over "minsk i")."""
    from rapidfuzz import fuzz, process

    lowered = clause.lower()
    names = list(known_events())
    hits = process.extract(lowered, names, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_CUTOFF, limit=None)
    found: list[Mention] = []
    for name, _score, _ in sorted(hits, key=lambda h: (-len(h[0]), -h[1])):
        where = lowered.find(name)
        if where >= 0:
            start, end = where, where + len(name)
        else:
            align = fuzz.partial_ratio_alignment(name, lowered)
            start, end = align.dest_start, align.dest_end
            while start < end and not lowered[start].isalnum():
                start += 1
            while start > 0 and lowered[start - 1].isalnum() and start > align.dest_start - 3:
                start -= 1  # the alignment may begin a letter or two inside the word
            while end < len(lowered) and lowered[end - 1].isalnum() and lowered[end].isalnum():
                end += 1
            words, found_words = name.split(), lowered[start:end].split()
            if len(words) != len(found_words) or (words[0] != found_words[0] and words[-1] != found_words[-1]):
                continue  # a typo is forgiven in one word of the name, not a different phrase
        if not re.match(r"\w", lowered[start:start + 1] or " ") or (start and lowered[start - 1].isalnum()):
            continue  # a match inside a word ("crimean" for "crimea") is not a mention
        if not all(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", lowered) for t in _exact_tokens(name)):
            continue  # "withdrawal from the cfe" is not "withdrawal from the inf"
        if any(start < m.end and m.start < end for m in found):
            continue
        found.append(Mention(name, start, end))
    return found


def clauses(sentence: str) -> list[tuple[int, str]]:
    """The sentence cut at clause boundaries, with each clause's offset."""
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    return [(a, sentence[a:b]) for a, b in zip(cuts, cuts[1:]) if sentence[a:b].strip()]


FAR = 10_000


def _gap(date: Date, m: Mention, base: int, clause: str = "") -> int:
    """Characters between a date and a name; a date before the name across an "and" counts as far away."""
    local = date.start - base
    between = clause[local + len(date.text):m.start] if local < m.start else clause[m.end:local]
    if re.search(r"\b(and|or)\b", between):
        return FAR
    return max(m.start - (local + len(date.text)), local - m.end, 0)


def check_sentence(sentence: str, offset: int) -> list[dict]:
    """Wrong dates in one sentence: each a dict with span, written date and what the table holds."""
    problems = []
    for start, clause in clauses(sentence):
        named = mentions(clause)
        if not named:
            continue
        dates = dates_in(clause, offset + start)
        if not dates:
            continue
        # each name claims the date written nearest to it; a date no name claims is not checked
        claims: dict[int, list[Mention]] = {}
        for m in named:
            nearest = min(range(len(dates)), key=lambda i: _gap(dates[i], m, offset + start, clause))
            if _gap(dates[nearest], m, offset + start, clause) >= FAR:
                continue  # every date belongs to another part of a list ("... in June 1815 and the Holy Alliance")
            claims.setdefault(nearest, []).append(m)
        for i, owners in claims.items():
            date = dates[i]
            if any(consistent(date, known_events()[m.name]) for m in owners):
                continue
            owner = min(owners, key=lambda m: _gap(date, m, offset + start, clause))
            problems.append({"span": (date.start, date.end), "written": date.text, "name": owner.name,
                             "known": known_events()[owner.name]})
    return problems
