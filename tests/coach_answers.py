"""The essay coach's test set: answers written for the test, in the course's own words, with the findings
each should get. `BASE` is a sound answer to CSS 2022 CA Q7; the other cases change one sentence or drop
one part, so each case tests one thing.

A case is (name, text, expected): `expected["flags"]` lists what a fact or figure finding must have as
`written` (empty: nothing may be flagged); `expected["kinds"]` lists rubric kinds that must be present and
`expected["absent"]` kinds that must not; `expected["article_errors"]` counts article-error findings.
"""

OUTLINE = """**Outline**

1. Introduction: a Russia-West rupture, not a new bipolar Cold War
2. The rupture, 2007 to 2024
3. Society: what the polls show
4. China and the US-China trade war
5. Theory: realism
6. Counter-argument: the break could be reversed
7. Pakistan angle
8. Conclusion
"""

INTRO = ("**Introduction.** The US-China trade war since 2018 and the war in Ukraine have led some to speak of a "
         "Second Cold War. This answer argues that the Russia-West break is deep and likely to last, but that the "
         "world order is becoming multipolar rather than a contest of two blocs, with China as the main rival of "
         "the United States.")

EVIDENCE = ("**The rupture.** Putin's Munich speech of 10 February 2007 set out Russia's grievances. NATO's "
            "Bucharest summit on 3 April 2008 promised Ukraine and Georgia membership, and the war with Georgia "
            "followed in August 2008. Russia annexed Crimea in March 2014 and was suspended from the G8 on 24 March "
            "2014. The full-scale invasion of Ukraine began on 24 February 2022; Finland joined NATO on 4 April 2023.")

POLLS = ("**Society.** Levada Center polls show that 69% of Russians opposed sending troops to Syria in September "
         "2015, and in February 2022 only 31% of Russians felt positive about the USA.")

THEORY = ("**Theory.** Realism explains the alignment of Russia and China against US primacy: after the Bucharest "
          "summit of 3 April 2008, Moscow treated NATO's promise to Ukraine as a threat to its security.")

COUNTER = ("**Counter-argument.** Critics argue that Russia was integrated before and that a new leadership could "
           "seek reconciliation. However, the anti-Western turn predates the war and would be hard to undo.")

PAKISTAN = ("**Pakistan angle.** Pakistan abstained on General Assembly resolution ES-11/1 on 2 March 2022, which "
            "passed by 141 votes to 5 with 35 abstentions. A multipolar order rewards such balanced diplomacy "
            "between the US, China and Russia.")

CONCLUSION = ("**Conclusion.** The Russia-West relationship looks like a cold war, but the world order does not: "
              "the US-China rivalry is its main axis, and Pakistan should keep its options open.")

PARTS = [OUTLINE, INTRO, EVIDENCE, POLLS, THEORY, COUNTER, PAKISTAN, CONCLUSION]
BASE = "\n\n".join(PARTS)
RUBRIC = {"structure", "theory", "pakistan", "counter_argument"}


def swap(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new)


def without(part: str) -> str:
    return "\n\n".join(p for p in PARTS if p is not part)


def plus(sentence: str) -> str:
    return BASE.replace(CONCLUSION, f"{sentence}\n\n{CONCLUSION}")


CASES = [
    ("good answer", BASE, {"flags": [], "absent": RUBRIC}),
    # planted wrong dates
    ("crimea 2013", swap("annexed Crimea in March 2014", "annexed Crimea in 2013"), {"flags": ["2013"]}),
    ("munich speech 2008", swap("Munich speech of 10 February 2007", "Munich speech of 10 February 2008"),
     {"flags": ["10 February 2008"]}),
    ("bucharest 2009", swap("Bucharest summit on 3 April 2008", "Bucharest summit on 3 April 2009"),
     {"flags": ["3 April 2009"]}),
    ("georgia war 2009", swap("the war with Georgia followed in August 2008", "the war with Georgia followed in "
                              "August 2009"), {"flags": ["August 2009"]}),
    ("invasion 2021", swap("began on 24 February 2022", "began on 24 February 2021"), {"flags": ["24 February 2021"]}),
    ("finland 2022", swap("Finland joined NATO on 4 April 2023", "Finland joined NATO on 4 April 2022"),
     {"flags": ["4 April 2022"]}),
    ("g8 2015", swap("suspended from the G8 on 24 March 2014", "suspended from the G8 on 24 March 2015"),
     {"flags": ["24 March 2015"]}),
    ("typo in the name", plus("The Bucharest sumit was in 2009, a turning point."), {"flags": ["2009"]}),
    ("the 2009 war", plus("The 2009 war in Georgia showed Russia's readiness to use force."), {"flags": ["2009"]}),
    ("mh17 in words", plus("Flight MH17 was shot down over Donbas on July 17, 2015."), {"flags": ["July 17, 2015"]}),
    ("two wrong dates", plus("Crimea was annexed in 2015, and the Skripal poisoning came in March 2017."),
     {"flags": ["2015", "March 2017"]}),
    ("wall and ussr", plus("The fall of the Berlin Wall in 1990 and the dissolution of the Soviet Union in 1992 "
                           "ended the bipolar order."), {"flags": ["1990", "1992"]}),
    # right dates in other words: nothing flagged
    ("right dates, other words", plus("The annexation of Crimea on 18 March 2014 followed the removal of Yanukovych "
                                      "on 22 February 2014, and the 2008 war in Georgia came after the Bucharest "
                                      "summit."), {"flags": []}),
    ("right dates, us style", plus("Russia invaded Ukraine on February 24, 2022, eight years after it seized "
                                   "Crimea in February 2014."), {"flags": []}),
    ("periods are not dates", plus("Since 2014 the annexation of Crimea has shaped sanctions, and from 2022 the "
                                   "invasion of Ukraine widened them until 2024."), {"flags": []}),
    ("claims the tables cannot settle", plus("Russia joined the G8 in 1998 and the OSCE summit met in Istanbul in "
                                             "1999, while Open Skies ended in 2021."), {"flags": []}),
    # figures
    ("poll figure wrong", swap("69% of Russians opposed", "59% of Russians opposed"), {"flags": ["59%"]}),
    ("usa poll wrong", swap("only 31% of Russians felt positive", "only 41% of Russians felt positive"),
     {"flags": ["41%"]}),
    ("air campaign right", plus("By October 2015, 72% of Russians in a Levada poll backed the air campaign in "
                                "Syria."), {"flags": []}),
    ("air campaign wrong", plus("By October 2015, 82 per cent of Russians in a Levada poll backed the air "
                                "campaign in Syria."), {"flags": ["82 per cent"]}),
    ("unga tally wrong", swap("passed by 141 votes to 5", "passed by 140 votes to 5"),
     {"flags": ["140 votes to 5 with 35 abstentions"]}),
    ("unga tally dashes", plus("The annexation resolution ES-11/4 of October 2022 passed 143-5-35."), {"flags": []}),
    ("unga tally dashes wrong", plus("The annexation resolution ES-11/4 of October 2022 passed 141-5-35."),
     {"flags": ["141-5-35"]}),
    ("unga humanitarian text right", plus("The General Assembly's humanitarian resolution of 24 March 2022 passed "
                                          "140-5-38."), {"flags": []}),
    ("unga reparation text wrong", plus("The General Assembly resolution on reparation for the aggression passed "
                                        "141-5-35 in November 2022."), {"flags": ["141-5-35"]}),
    ("pakistan vote wrong", plus("In April 2022 Pakistan voted against the General Assembly resolution suspending "
                                 "Russia from the Human Rights Council."), {"flags": ["Pakistan voted against"]}),
    ("poll wave not in the table", plus("A Levada poll in June 2016 found 30% of Russians positive about the EU."),
     {"flags": []}),
    # the articles' errors
    ("cousins", plus("Nicholas II was a first cousin of Kaiser Wilhelm II, so the First World War was a family "
                     "quarrel."), {"flags": [], "article_errors": 1}),
    ("cousins corrected", plus("Nicholas II and Wilhelm II were not first cousins, though each was a first cousin "
                               "of George V."), {"flags": [], "article_errors": 0}),
    ("switzerland", plus("Even neutral Switzerland provided military aid to Ukraine."), {"article_errors": 1}),
    ("switzerland corrected", plus("Switzerland refused to let Germany re-export Swiss arms to Ukraine, citing "
                                   "its neutrality."), {"article_errors": 0}),
    ("oecd", plus("Russia was a member of the OECD until 2022."), {"article_errors": 1}),
    ("khasham", plus("At Khasham in northern Syria, US strikes killed Russian mercenaries."), {"article_errors": 1}),
    # rubric parts missing
    ("no outline", without(OUTLINE), {"kinds": {"structure"}, "flags": []}),
    ("no counter-argument", without(COUNTER), {"kinds": {"counter_argument"}, "flags": []}),
    ("no pakistan", without(PAKISTAN), {"kinds": {"pakistan"}, "flags": []}),
    ("pakistan without a date", swap(PAKISTAN, "**Pakistan angle.** Pakistan should keep balanced ties with the "
                                     "US, China and Russia and avoid joining any bloc."), {"kinds": {"pakistan"}}),
    ("no theory", without(THEORY), {"kinds": {"theory"}, "flags": []}),
    ("theory without a date", swap(THEORY, "**Theory.** Realism explains the alignment of Russia and China "
                                   "against US primacy and the balance of power."), {"kinds": {"theory"}}),
    ("no conclusion", without(CONCLUSION), {"kinds": {"structure"}}),
    ("too short", "Russia and the West are in a new Cold War. Realism explains it. Pakistan must be careful.",
     {"kinds": {"structure", "counter_argument"}, "flags": []}),
]

#: question fit: (name, text, question_id, expect a question_fit finding)
FIT = [
    ("fits css-2022-ca-q7", BASE, "css-2022-ca-q7", False),
    ("misses the trade war", BASE.replace("The US-China trade war since 2018 and the war", "The war")
     .replace("China and the US-China trade war", "Russia's neighbours").replace("Russia and China", "Russia")
     .replace("the US-China rivalry is its main axis", "Europe is its main axis").replace("China", "Europe"),
     "css-2022-ca-q7", True),
]
