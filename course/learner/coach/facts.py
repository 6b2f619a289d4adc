"""Dated claims about events the course's tables know, checked against the events table.

An answer names an event in many ways ("annexation of Crimea", "Crimea was annexed", "Russia seized the
peninsula of Crimea"). Two kinds of names point at rows of `data/events.csv`: `ALIASES`, fixed names found
with rapidfuzz (a small C++ library for fuzzy matching), so "Bucharest sumit" still counts; and the
`lexicon` of key terms and actors, so "Gorbachev came to power" or "Soviet troops entered Afghanistan" is
found in any word order. The dates and sources always come from the table.

Event first, then date: each dated claim is matched to the event named nearest it in its own clause (two
events in one sentence never borrow each other's dates). If several events fit, a date that fits any of them
is right; if none fits and the events are equally near, the coach stays silent unless only one of them
agrees with the written date's year. A year that bounds a period ("since 2014") is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from course.learner.coach.text import Date, dates_in

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
_CLAUSE_BREAK = re.compile(r"[;:—]|(?<=[a-z0-9])\.\s+(?=[A-Z])|,(?!\s*\d)|\b(?:while|whereas|which|who|when|where|"
                           r"but|although|though|after|before|until|following|then|because|since|as well as)\b",
                           re.IGNORECASE)
#: How far from its anchor (in characters) the other key terms of an event may be written.
REACH = 110


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
    also: tuple = ()  # another window of right dates ((first, last)), where a wording fits two events


def _known(row: dict, window=None, finest=None, also=None) -> Known:
    from course.learner.coach.sources import best

    label, precision = row["date_label"], row["precision"]
    first = last = _triple(label)
    if window:
        first, last = _triple(window[0]), _triple(window[1], end=True)
    extra = ((_triple(also[0]), _triple(also[1], end=True)),) if also else ()
    return Known(row["event_id"], label, precision, row["event"], best(row["source"]), first, last,
                 finest or precision, extra)


@lru_cache(maxsize=1)
def _rows() -> dict[str, dict]:
    from course.learner.coach.tables import tables

    return {row["event_id"]: row for row in tables()["events"] if row["verified"] in (True, "yes", "True", 1)}


@lru_cache(maxsize=1)
def known_events() -> dict[str, Known]:
    """ALIASES resolved against the events table; names whose row is missing or unverified are dropped."""
    events = _rows()
    known = {}
    for name, spec in ALIASES.items():
        if spec[0] not in events:
            continue
        window = spec[2:4] if len(spec) > 1 and spec[1] == "window" else None
        finest = spec[2] if len(spec) > 1 and spec[1] == "finest" else None
        known[name] = _known(events[spec[0]], window, finest)
    return known


def _triple(label: str, end: bool = False) -> tuple[int, int, int]:
    parts = [int(p) for p in label.split("-")]
    if end:  # the last right date of "1998" is 31 December, of "2015-10" the 31st
        parts += [12, 31][len(parts) - 1:] if len(parts) < 3 else []
    parts += [0, 0]
    return parts[0], parts[1], parts[2]


_ORDER = {"year": 0, "month": 1, "day": 2}


def consistent(date: Date, known: Known, level: int | None = None) -> bool:
    """Could the written date be right? Compared at the coarser of the two precisions (or at `level`)."""
    if level is None:
        level = min(_ORDER[date.precision], _ORDER[known.precision], _ORDER[known.finest])
    claim = (date.year, date.month or 0, date.day or 0)[: level + 1]
    return any(low[: level + 1] <= claim <= high[: level + 1] for low, high in ((known.first, known.last),) + known.also)


@lru_cache(maxsize=None)
def _exact_tokens(name: str) -> tuple[str, ...]:
    """Short or numbered words of a name (inf, g8, mh17, ii) that a fuzzy match may not change."""
    return tuple(t for t in re.findall(r"[\w'-]+", name) if len(t) <= 4 and t not in ("the", "of", "in", "was",
                                                                                  "with", "from", "for", "met"))


@lru_cache(maxsize=None)
def _token_pattern(token: str) -> re.Pattern:
    """Compiled once: a pattern built per call would be compiled again and again (and push pysbd's own
    patterns out of the `re` module's cache, which made a 1,500-word answer take twice as long)."""
    return re.compile(rf"(?<!\w){re.escape(token)}(?!\w)")


#: A clause that is only a date with its preposition, once the date is taken out ("In July 2015,").
_OPENING = re.compile(r"\W*(?:in|on|at|during)\s+\W*", re.I)


@dataclass
class Mention:
    """An event named in a sentence: `start`-`end` is its anchor (the name, or the event's actor)."""

    name: str
    start: int
    end: int
    known: Known | None = None
    terms: tuple = ()  # (start, end) of every key term found, the anchor's included
    weight: int = 0  # how much of the event's description was found: more wins a tie

    def __post_init__(self):
        if self.known is None:
            self.known = known_events()[self.name]
            self.terms = ((self.start, self.end),)
            self.weight = 3


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
        if not all(_token_pattern(t).search(lowered) for t in _exact_tokens(name)):
            continue  # "withdrawal from the cfe" is not "withdrawal from the inf"
        if any(start < m.end and m.start < end for m in found):
            continue
        found.append(Mention(name, start, end))
    return found


def _term(term: str) -> str:
    if term.strip().startswith("~"):  # a regular expression, for optional words ("became (the )?leader")
        return term.strip()[1:]
    if term.strip().startswith("="):  # "=US": this case only (the country, not the pronoun)
        return "(?-i:" + re.escape(term.strip()[1:]) + ")"
    out = re.escape(term.strip()).replace(r"\*", r"\w*").replace(r"\?", "[sz]").replace(r"\ ", r"[\s-]+")
    return out.replace(r"\-", r"[\s-]?")


def _group(terms: str) -> re.Pattern:
    alts = sorted((_term(t) for t in re.split(r",\s+", terms) if t.strip()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class _Entry:
    known: Known
    groups: tuple
    unless: re.Pattern | None
    keys: tuple  # plain lowercase beginnings of the anchor's words: an entry none of whose keys is in the
    #              sentence is passed over without running its patterns (empty: always run)


def _keys(anchor_terms: str) -> tuple[str, ...]:
    keys = []
    for term in re.split(r",\s+", anchor_terms):
        term = term.strip().lstrip("=").lower()
        if term.startswith("~"):
            return ()
        key = re.split(r"[*?\s'-]", term)[0]
        if len(key) < 2:
            return ()
        keys.append(key)
    return tuple(keys)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[_Entry, ...]:
    from course.learner.coach.lexicon import LEXICON

    events, out = _rows(), []
    for event_id, terms, options in LEXICON:
        if event_id not in events:
            continue  # a row removed or unverified: its names say nothing
        known = _known(events[event_id], options.get("window"), options.get("finest"), options.get("also"))
        parts = re.split(r"\s\|\s", terms)
        groups = tuple(_group(g) for g in parts)
        unless = _group(options["not"]) if options.get("not") else None
        out.append(_Entry(known, groups, unless, _keys(parts[0])))
    return tuple(out)


@lru_cache(maxsize=1)
def _prefilter() -> re.Pattern:
    """Every anchor of the lexicon in one pattern, so a sentence naming none is passed over at once."""
    return re.compile("|".join(f"(?:{e.groups[0].pattern})" for e in _lexicon()), re.IGNORECASE)


def described(sentence: str) -> list[Mention]:
    """Events a sentence describes by their key terms: an anchor with every other group within REACH."""
    if not _prefilter().search(sentence):
        return []
    found, lowered = [], sentence.lower()
    for entry in _lexicon():
        if entry.keys and not any(k in lowered for k in entry.keys):
            continue
        for anchor in entry.groups[0].finditer(sentence):
            terms, ok = [anchor.span()], True
            low, high = max(0, anchor.start() - REACH), anchor.end() + REACH
            if entry.unless and entry.unless.search(sentence, low, min(high, len(sentence))):
                continue  # words near it that mean another event ("Catherine" with Crimea)
            for group in entry.groups[1:]:
                near = [m.span() for m in group.finditer(sentence, low, min(high, len(sentence)))
                        if not (m.start() < anchor.end() and anchor.start() < m.end())]
                if not near:
                    ok = False
                    break
                terms += sorted(near, key=lambda t: abs(t[0] - anchor.start()))
            if ok:
                weight = len(entry.groups) + min(len(terms), 9) / 100
                found.append(Mention(entry.known.event_id, *anchor.span(), entry.known, tuple(terms), weight))
    return found


def _vetoed(m: Mention, sentence: str) -> bool:
    """A fixed name with words near it that the lexicon says mean another event."""
    low, high = max(0, m.start - REACH), min(len(sentence), m.end + REACH)
    return any(e.unless and e.known.event_id == m.known.event_id and e.unless.search(sentence, low, high)
               for e in _lexicon())


def clauses(sentence: str) -> list[tuple[int, str]]:
    """The sentence cut at clause boundaries, with each clause's offset."""
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    cuts = [c for i, c in enumerate(cuts) if i == 0 or i == len(cuts) - 1 or re.search(r"\w", sentence[c:cuts[i + 1]])]
    return [(a, sentence[a:b]) for a, b in zip(cuts, cuts[1:]) if sentence[a:b].strip()]


FAR = 10_000
#: A date straight after a quoted title is a citation's ('"Pakistan abstains from UN vote", 25 February 2023').
_CITED = re.compile(r"[\"”’']\s*,?\s*$")
#: A clause that continues the one before it: a relative clause or a participle ("..., signed on 5 December").
_ATTACHED = re.compile(r"\W*(?:which|who|that|\w+ed|\w+ing|held|known|begun|made|won|fought|taken|seen|"
                       r"built|drawn|struck|shot|undertaken|agreed)\b", re.I)


def _gap(date: Date, m: Mention, sentence: str) -> int:
    """Characters between a date and an event's anchor; across an "and" (another item of a list), far away."""
    local_start, local_end = date.start, date.end
    # an "and" inside the event's own description ("talks between the Russian and Ukrainian delegations") is no
    # boundary: only the words between that description and the date are looked at
    first, last = min(t[0] for t in m.terms), max(t[1] for t in m.terms)
    if local_end <= m.start:
        between = sentence[local_end:m.start if first < local_end else first]
    else:
        between = sentence[m.end if last > local_start else last:local_start]
    if re.search(r"\b(and|or|with|as)\b", between):
        return FAR
    return max(m.start - local_end, local_start - m.end, 0)


#: A verb, roughly: a past form or a common irregular one ("joined", "was suspended", "fell", "left").
_VERB = re.compile(r"\b(?:(?-i:[a-z]{2,}ed)|began|begun|fell|left|took|became|came|won|made|met|broke|went|sent|gave|"
                   r"led|held|struck|shot|fought|drew|rose|ran|quit|signs|joins|falls|ends)\b", re.I)
_SEGMENT_BREAK = re.compile(r"\b(?:and|or|but|while|whereas)\b|[,;:]|(?<=[a-z0-9])\.\s+(?=[A-Z])", re.I)


def _segment(sentence: str, pos: int) -> tuple[int, int]:
    """The stretch of the sentence around `pos` between the nearest "and", "but" or punctuation either side."""
    low, high = 0, len(sentence)
    for m in _SEGMENT_BREAK.finditer(sentence):
        if m.end() <= pos:
            low = m.end()
        elif m.start() > pos:
            high = m.start()
            break
    return low, high


def _clause_of(cuts: list[tuple[int, str]], pos: int) -> tuple[int, int]:
    for a, c in cuts:
        if a <= pos < a + len(c):
            return a, a + len(c)
    return 0, 0


#: A sentence whose subject is the last one's ("It collapsed in 1990", "They joined NATO in 2003").
_PRONOUN = re.compile(r"\W*(?:it|they|he|she|this|the treaty|the agreement|the summit|the alliance|the war)\s+"
                      r"(?!was\s+(?:also\s+)?(?:in|on)\b)", re.I)


def check_sentence(sentence: str, offset: int, previous: str | None = None) -> list[dict]:
    """Wrong dates in one sentence: each a dict with span, written date and what the table holds. A sentence
    that opens with "It" or "They" and names no event of its own is read with the `previous` one, whose event
    it continues; only its own dates are checked."""
    if previous and _PRONOUN.match(sentence) and not _named(sentence):
        joined = previous + " " + sentence
        shift = len(previous) + 1
        return [dict(p, span=(p["span"][0] - shift, p["span"][1] - shift))
                for p in _check(joined, offset) if p["span"][0] - offset >= shift]
    return _check(sentence, offset)


def _named(sentence: str) -> bool:
    return bool(mentions(sentence)) or bool(_prefilter().search(sentence) and described(sentence))


def _check(sentence: str, offset: int) -> list[dict]:
    dates = [d for d in dates_in(sentence) if not _CITED.search(sentence[max(0, d.start - 4):d.start])]
    if not dates or re.search(r"https?://|www\.", sentence):
        return []  # no dates, or a citation: its dates are of the source, not of the event
    named = [m for m in mentions(sentence) if not _vetoed(m, sentence)] + described(sentence)
    if not named:
        return []
    cuts = clauses(sentence)
    anchors = [_clause_of(cuts, m.start) for m in named]

    def eligible(i: int, date: Date) -> bool:
        """The event is written in the date's clause: its anchor, or (no other event's anchor being there)
        one of its key terms ("Gorbachev, a reformer, came to power in 1987")."""
        clause = _clause_of(cuts, date.start)
        if anchors[i] == clause:
            # the anchor's clause: with one of the event's other key terms, or elliptical ("and Sweden in 2024")
            return (len(named[i].terms) == 1 or any(clause[0] <= s < clause[1] for s, _ in named[i].terms[1:])
                    or len(sentence[clause[0]:clause[1]].split()) <= 7)
        if any(anchors[j] == clause for j in range(len(named))):
            return False
        if any(clause[0] <= s < clause[1] for s, _ in named[i].terms):
            return True
        text = sentence[clause[0]:clause[1]]
        if anchors[i] == _clause_of(cuts, clause[0] - 1) and (_ATTACHED.match(text) or len(text.split()) <= 6):
            return True  # "the war in Afghanistan, which began in 1980"; "the Memorandum, signed on ..."
        if _OPENING.fullmatch(text.replace(date.text, "", 1)) and \
                sentence[clause[1]:clause[1] + 1] == ",":
            return True  # "In July 2015, MH17 was shot down": a date that opens the sentence is the whole sentence's
        if anchors[i] == _clause_of(cuts, clause[1]) and re.fullmatch(r",\s*(?:in|on)\s+[^,]{4,30}", text.strip()) \
                and sentence[clause[1]:clause[1] + 1] == ",":
            return True  # "Two decades later, in 2015, Russia annexed Crimea"
        return False

    def own_verb(i: int, date: Date) -> bool:
        """The date's part of the sentence (between "and", "but", commas) has a verb of its own but none of the
        event's words: "Russia joined the G8 in 1997 and was suspended in 2014" gives 1997 to joining, not to
        the suspension; "Finland joined NATO in 2023 and Sweden in 2024" (no verb of its own) keeps Sweden's."""
        m = named[i]
        if len(m.terms) == 1:
            return False
        low, high = _segment(sentence, date.start)
        if any(low <= s < high for s, _ in m.terms[1:]):
            return False  # the event's own words
        text = sentence[low:high]
        if re.match(r"\W*(?:which|who|that)\b", text, re.I):
            return False  # "the war in Afghanistan, which began in 1980": about the noun before it
        if _ATTACHED.match(text) and low > 1:
            before = _segment(sentence, max(0, low - 2))
            if not _VERB.search(sentence, *before):
                return False  # "the Memorandum, signed on ...": a participle after a noun, not after a verb
        return bool(_VERB.search(sentence, low, high))

    # each event claims the date written nearest to it; a date no event claims is not checked
    claims: dict[int, list[tuple[int, Mention]]] = {}
    for i, m in enumerate(named):
        options = [(_gap(d, m, sentence), k) for k, d in enumerate(dates) if eligible(i, d) and not own_verb(i, d)]
        options = [o for o in options if o[0] < FAR]
        if options:
            gap, k = min(options)
            claims.setdefault(k, []).append((gap, m))
    problems = []
    for k, owners in claims.items():
        date = dates[k]
        if any(consistent(date, m.known) for _, m in owners):
            continue  # the date fits one of the events it may be about
        nearest = min(g for g, _ in owners)
        close = [m for g, m in owners if g <= nearest + 12]
        ids = {m.known.event_id for m in close}
        if len(ids) > 1:
            best = max(m.weight for m in close)
            close = [m for m in close if m.weight >= best - 0.5]
            ids = {m.known.event_id for m in close}
        if len(ids) > 1:  # equally near and equally described: the one whose month, or year, the date matches
            for level in (1, 0) if date.month else (0,):
                same = {m.known.event_id: m for m in close if consistent(date, m.known, level=level)}
                if len(same) == 1:
                    close = list(same.values())
                    break
            else:
                continue  # ambiguous: the tables cannot say which event the date is about
        owner = close[0]
        problems.append({"span": (offset + date.start, offset + date.end), "written": date.text,
                         "name": owner.name, "known": owner.known})
    return problems
