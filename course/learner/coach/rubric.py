"""The examiner's rubric for a 20-mark answer, as the course's assignments mark it, and question fit.

Outline before the answer; an introduction that answers; body sections; a theory tied to a dated event in
the same paragraph; a counter-argument; a Pakistan angle with a dated fact; a conclusion; length. These are
notes on what is present, never a score. Their examples fit the question asked (`PROFILES`): its period and
its terms, so a Cold War question is not advised about 2022.
"""

from __future__ import annotations

import re

from course.learner.coach.text import Document, dates_in

THEORIES = re.compile(r"\b(neo-?realis[mt]|realis[mt]|offensive realism|defensive realism|neo-?liberal|liberalism|"
                      r"liberal institutionalism|liberal internationalism|constructivis[mt]|balance of power|"
                      r"security dilemma|democratic peace|interdependence|hegemonic stability)\w*", re.I)
COUNTER = re.compile(r"\b(counter-?argument|critics|on the other hand|others argue|opponents|however|yet it can be|"
                     r"it may be argued|one could argue|skeptics|sceptics|the opposing view|admittedly)\b", re.I)
CONCLUSION = re.compile(r"^\W*(in conclusion|to conclude|conclusion|in sum|to sum up|overall|in the final analysis)",
                        re.I)
OUTLINE = re.compile(r"\boutline\b", re.I)
#: Words per 20-mark answer: the course's own model answers (assignments/source, lesson 04) run to about
#: 320-1,100 words, written in the about 35 minutes per question that toppers advise (course reference notes).
SHORT, LONG = 250, 1800


def _paragraph_has_date(text: str) -> bool:
    return bool(dates_in(text))


def check(doc: Document, question: dict | None) -> list[tuple[str, str]]:
    """(kind, message) notes for the rubric parts an answer misses."""
    notes = []
    prose = doc.prose()
    words = doc.words()
    first_prose = next((i for i, b in enumerate(doc.blocks) if b.kind == "paragraph" and len(b.text.split()) >= 25),
                       len(doc.blocks))
    outline_before = any(b.kind == "list" and b.items >= 3 for b in doc.blocks[:first_prose])
    if not outline_before:
        notes.append(("structure", "Start with an outline: a numbered list of about 10 to 14 headings before your "
                      "answer, in the question's own words. Examiners read it first to see your plan."))
    if prose:
        intro = prose[0].text
        if len(intro.split()) < 25:
            notes.append(("structure", "Your introduction is very short. In two or three sentences, answer the "
                          "question directly and state your thesis, so the examiner knows your position at once."))
    if len(prose) < 4 and words >= 150:
        notes.append(("structure", "Break the body into sections (a bold heading or a new paragraph per point): "
                      "evidence, analysis, counter-argument, Pakistan angle, each in its own paragraph."))
    theory_paragraphs = [b for b in prose if THEORIES.search(b.text)]
    examples = examples_for(question)
    if not theory_paragraphs:
        notes.append(("theory", f"Name {examples['theories']} and apply it: say which event it explains and why, "
                      f"{examples['theory']}."))
    elif not any(_paragraph_has_date(b.text) for b in theory_paragraphs):
        name = THEORIES.search(theory_paragraphs[0].text).group(0).lower()
        notes.append(("theory", f"You name {name} but do not tie it to a dated event. In the same paragraph, "
                      "apply it to one event with its date, so the theory explains evidence instead of floating "
                      "beside it."))
    if not any(COUNTER.search(b.text) for b in doc.blocks if b.kind in ("paragraph", "heading")):
        notes.append(("counter_argument", "Add a counter-argument: state the strongest opposing view fairly "
                      f"({examples['counter']}), then answer it."))
    pakistan = [b for b in prose if re.search(r"\bpakistan", b.text, re.I)]
    if not pakistan:
        notes.append(("pakistan", "Add a Pakistan angle: what this means for Pakistan's interests or policy, with a "
                      f"dated fact, {examples['pakistan']}."))
    elif not any(_paragraph_has_date(b.text) for b in pakistan):
        notes.append(("pakistan", "Your Pakistan angle has no dated fact. Add one from the course tables, "
                      f"{examples['pakistan']}."))
    last = prose[-1].text if prose else ""
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    if prose and not (CONCLUSION.search(last) or any(CONCLUSION.search(h.lstrip("# ")) for h in headings[-1:])):
        notes.append(("structure", "End with a conclusion (\"In conclusion, ...\" or a bold **Conclusion.**) that "
                      "answers the question in a sentence and looks ahead, with no new material."))
    if words < SHORT:
        notes.append(("structure", f"At about {words} words this is short for a 20-mark answer: the course's model "
                      "answers run to about 320-1,100 words. Add dated evidence and analysis to each section."))
    elif words > LONG:
        notes.append(("structure", f"At about {words} words this is longer than you can write in the 35 minutes a "
                      "20-mark answer allows. Cut repetition; keep one dated fact per point."))
    if question:
        notes.extend(_fit(doc.text, question))
    return notes


#: The terms a question is about, where its wording alone does not say. The course's transcription of CA
#: 2022 Q7 starts mid-question; the full question opens with the US-China trade war since 2018
#: (https://cssprepforum.com/cold-war-20-and-future-world-order, and csspmstimes.com, which numbers it Q.8).
QUESTION_TERMS = {
    "css-2022-ca-q7": (("trade war", "tariff"), ("china", "chinese"), ("second cold war", "cold war"),
                       ("world order", "order"), ("united states", "the us", "u.s.", "america", "washington")),
    "css-2022-ca-q2": (("pakistan",), ("foreign policy", "policy options", "options"), ("24 february 2022", "invasion")),
    "css-2022-ca-q4": (("new start",), ("deterrence",), ("2021", "extension", "extended")),
    "css-2022-ir-russian-objectives": (("objective", "aims", "goals"), ("sanction",)),
    "css-2023-ir2-q2": (("mearsheimer",), ("empirical", "evidence", "example")),
    "css-2023-ir1-q2": (("constructivis",), ("realis",)),
}
_STOP = set("the a an of and or in on to for with its it is be as by this that which what how do does their from "
            "are was were may well main such has have been can you your critically evaluate discuss explain "
            "examine give analysis analyses analyse analyze support answer argued argue concrete examples during "
            "elaborate reference facts role light ongoing whether considered".split())


#: Examples for the rubric notes, by what a question is about: its own period and terms, never a stock list
#: (a Cold War question gets no advice about 2022). Every dated example is a row of the course's tables.
#: Checked in order; the first whose pattern the question's wording matches is used.
PROFILES = (
    ("after the cold war", re.compile(r"demise of (?:the )?soviet|after the cold war|post-cold war|collapse of the "
                                      r"soviet|end of the cold war", re.I), {
        "theory": "for example the balance of power and NATO's enlargements of 1999 and 2004 after the dissolution "
                  "of the USSR in December 1991",
        "counter": "for example that the Charter of Paris of 21 November 1990 and the NATO-Russia Founding Act of "
                   "27 May 1997 tried a cooperative order instead",
        "pakistan": "such as Pakistan and India joining the SCO on 9 June 2017"}),
    ("cold war", re.compile(r"(?<!second )(?<!new )\bcold war\b(?! 2)|soviet|bipolar|d[eé]tente", re.I), {
        "theory": "for example realism and the Soviet invasion of Afghanistan in December 1979, or the Helsinki "
                  "Final Act of 1 August 1975 as a limit on rivalry",
        "counter": "for example that the Helsinki Final Act of 1975 shows cooperation was possible, or that ideology "
                   "rather than power drove the rivalry",
        "pakistan": "such as Pakistan's place in the Afghan war after the Soviet invasion of December 1979"}),
    ("theory", re.compile(r"constructivis|neo-?realis|realis[mt]|liberal|democratic countries|theor", re.I), {
        "theory": "for example each theory on the same dated event, such as NATO's Bucharest summit of 3 April 2008 "
                  "or the Helsinki Final Act of 1 August 1975, and what each says caused it",
        "counter": "the case the other theory makes on the same event",
        "pakistan": "such as Pakistan and India joining the SCO on 9 June 2017, read through the theories compared"}),
    ("arms control", re.compile(r"new start|deterren|nuclear|arms control", re.I), {
        "theory": "for example deterrence theory and Russia's suspension of New START on 21 February 2023",
        "counter": "for example that arms control survived worse crises, such as the Biden-Putin summit in Geneva "
                   "on 16 June 2021 after years of tension",
        "pakistan": "such as what the end of New START on 5 February 2026 means for deterrence in South Asia"}),
    ("energy", re.compile(r"energy|gas|oil|pipeline", re.I), {
        "theory": "for example interdependence and the Nord Stream explosions of 26 September 2022",
        "counter": "for example that Russian gas still reached Europe until transit through Ukraine stopped on "
                   "1 January 2025",
        "pakistan": "such as the first cargo of Russian crude at Karachi on 11 June 2023"}),
    ("sanctions", re.compile(r"sanction", re.I), {
        "theory": "for example liberal interdependence and the EU crude embargo with the price cap of 5 December 2022",
        "counter": "for example that Russia's trade turned to China and India, so sanctions slowed rather than "
                   "stopped the war",
        "pakistan": "such as the first cargo of discounted Russian crude at Karachi on 11 June 2023"}),
    ("world order", re.compile(r"world order|trade war|power structure|multipolar|big powers|china|superpower",
                               re.I), {
        "theory": "for example realism and the Russia-China 'no limits' statement of 4 February 2022",
        "counter": "for example that the blocs leak: trade continues and many states abstain",
        "pakistan": "such as Pakistan and India joining the SCO on 9 June 2017"}),
    ("ukraine war", re.compile(r"ukrain|invasion|mearsheimer|russia", re.I), {
        "theory": "for example realism and NATO's Bucharest summit of 3 April 2008",
        "counter": "for example Mearsheimer's realist case, or that the break could be reversed",
        "pakistan": "such as Pakistan's abstention on UNGA resolution ES-11/1 on 2 March 2022 or Imran Khan's "
                    "Moscow visit on 24 February 2022"}),
)
GENERAL = {
    "theory": "with one event from the question's own period and its date",
    "counter": "the best case against your thesis, with its evidence",
    "pakistan": "from the question's own period, with its date",
}


def examples_for(question: dict | None) -> dict[str, str]:
    """The rubric notes' examples for this question (its period and terms); general advice without one."""
    chosen = dict(GENERAL)
    if question:
        wording = question.get("wording", "")
        chosen = next((dict(ex) for _name, pattern, ex in PROFILES if pattern.search(wording)), chosen)
        named = sorted({m.group(0).lower() for m in THEORIES.finditer(wording)})
        chosen["theories"] = " and ".join(named) if named else "an IR theory (realism, liberalism or constructivism)"
    else:
        chosen["theories"] = "an IR theory (realism, liberalism or constructivism)"
    return chosen


def _fit(text: str, question: dict) -> list[tuple[str, str]]:
    lowered = text.lower()
    groups = QUESTION_TERMS.get(question["question_id"])
    if groups is None:
        words = [w for w in re.findall(r"[a-z][a-z-]{3,}", question["wording"].lower()) if w not in _STOP]
        groups = tuple((w,) for w in dict.fromkeys(words))
    missing = [g[0] for g in groups if not any(term in lowered for term in g)]
    if not missing or len(missing) * 3 < len(groups):
        return []
    return [("question_fit", f"The question ({question['question_id']}: \"{question['wording'][:120]}\") is "
             f"about {', '.join(repr(m) for m in missing)}, which your answer does not mention. Use the "
             "question's own terms in your outline and introduction, and answer each part.")]
