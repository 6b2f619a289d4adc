"""More of the essay coach's tuning set: short answers in wordings unlike the events table's, with planted
errors and traps (right dates in other words, two events in one sentence, events the tables do not hold,
years that bound a period). Same form as `tests/coach_answers.py`: (name, text, {"flags": [written, ...]}).

These are tuned on; the held-out set (`tests/coach_heldout.py`) is not, and is never read to write these.
"""

TUNING = [
    # the Cold War and its end, in other words
    ("gorbachev rise", "Mikhail Gorbachev rose to power in 1987 and soon launched glasnost and perestroika, "
                       "which realists read as a retreat forced by economic decline.", {"flags": ["1987"]}),
    ("gorbachev right, appositive", "Gorbachev, the last Soviet leader, became General Secretary in March 1985; "
                                    "his reforms ended in the collapse of the state.", {"flags": []}),
    ("soviet end in words", "The Soviet state was formally dissolved on the twenty-sixth of December 1990, a day "
                            "after Gorbachev resigned.", {"flags": ["the twenty-sixth of December 1990"]}),
    ("afghanistan, relative clause", "Moscow's war in Afghanistan, which began in 1980, drained the USSR for a decade.",
     {"flags": ["1980"]}),
    ("afghanistan right, withdrawal trap", "Soviet troops entered Afghanistan in December 1979 and left in 1989; the "
                                           "withdrawal of 1989 is not the invasion.", {"flags": []}),
    ("helsinki and yalta", "The Yalta summit of February 1946 divided Europe, and the Helsinki Accords of 1975 froze "
                           "that division in law.", {"flags": ["February 1946"]}),
    ("cold war events the tables lack", "The Cuban missile crisis of 1962, Stalin's death in 1953 and the founding of "
                                        "NATO in 1949 shaped Soviet caution.", {"flags": []}),
    ("wall in words", "When the Berlin Wall came down on the 9th of November 1990, the bipolar order ended.",
     {"flags": ["the 9th of November 1990"]}),
    # the 1990s and 2000s
    ("budapest memorandum", "Under the Budapest Memorandum, signed on 5 December 1995, Ukraine gave up the nuclear "
                            "weapons it had inherited.", {"flags": ["5 December 1995"]}),
    ("budapest right, summit trap", "The Budapest Memorandum of 5 December 1994 was signed at the CSCE summit in "
                                    "Budapest, where the OSCE was also born.", {"flags": []}),
    ("enlargement waves", "Poland, Hungary and the Czech Republic joined NATO in 1998, and the Baltic states followed "
                          "in 2004.", {"flags": ["1998"]}),
    ("putin took office", "Putin took office as acting president when Yeltsin resigned on 31 December 2000.",
     {"flags": ["31 December 2000"]}),
    ("putin third term trap", "Putin returned to the presidency for a third term in 2012, after four years as prime "
                              "minister.", {"flags": []}),
    # ruptures
    ("georgia five-day war", "The five-day war of August 2009 showed that Russia would use force in its "
                             "neighbourhood.", {"flags": ["August 2009"]}),
    ("crimea in a season", "Russia seized the Crimean peninsula in the spring of 2015, after Yanukovych fled Kyiv.",
     {"flags": ["the spring of 2015"]}),
    ("catherine trap", "Catherine the Great annexed Crimea in 1783, so Russians see the peninsula as historically "
                       "theirs.", {"flags": []}),
    ("two events, one wrong", "Finland joined NATO on 4 April 2023 and Sweden on 7 March 2023, doubling Russia's "
                              "border with the alliance.", {"flags": ["7 March 2023"]}),
    ("two events, both right", "Finland joined NATO on 4 April 2023 and Sweden on 7 March 2024.", {"flags": []}),
    ("apply vs join", "Finland and Sweden applied to join NATO in May 2022, and Finland became the 31st member in "
                      "April 2024.", {"flags": ["April 2024"]}),
    ("invasion in other words", "Russian troops crossed into Ukraine on the 24th of February 2021, and Imran Khan was "
                                "in Moscow that very day.", {"flags": ["the 24th of February 2021"]}),
    ("invasion right, 2014 trap", "Russia first invaded Ukraine in 2014, when it took Crimea, and launched its "
                                  "full-scale invasion on 24 February 2022.", {"flags": []}),
    ("expulsion council of europe", "Russia was thrown out of the Council of Europe in April 2022.",
     {"flags": ["April 2022"]}),
    ("inf long name", "The Intermediate-Range Nuclear Forces Treaty ended when Washington withdrew in August 2020.",
     {"flags": ["August 2020"]}),
    ("open skies both", "The US left Open Skies on 22 November 2020 and Russia followed in December 2021.",
     {"flags": []}),
    ("wagner and navalny", "Prigozhin's rebellion of June 2023 and Navalny's death in February 2023 showed a regime "
                           "both brittle and ruthless.", {"flags": ["February 2023"]}),
    # figures
    ("tally in words", "At the UN General Assembly on 2 March 2022 the resolution deploring the aggression passed with "
                       "141 in favour, 5 against and 38 abstentions.",
     {"flags": ["141 in favour, 5 against and 38 abstentions"]}),
    ("two tallies, both right", "The General Assembly suspended Russia from the Human Rights Council by 93-24-58, and "
                                "on the first anniversary of the invasion it passed 141-7-32.", {"flags": []}),
    ("security council trap", "In February 2025 Pakistan voted for Security Council resolution 2774, adopted 10-0-5.",
     {"flags": []}),
    ("poll by year", "A Levada poll in 2015 found that 59% of Russians opposed sending troops to Syria.",
     {"flags": ["59%"]}),
    ("poll, the other answer's figure", "Only 31% of Russians viewed the US negatively in February 2022, according "
                                        "to Levada.", {"flags": ["31%"]}),
    ("poll right, the answer named", "Levada found that 14% of Russians backed sending troops to Syria in September "
                                     "2015.", {"flags": []}),
    ("pakistan supported", "Pakistan supported the General Assembly resolution of 2 March 2022, breaking with its "
                           "usual caution.", {"flags": ["Pakistan supported the General Assembly resolution"]}),
    ("tally in nations", "The General Assembly resolution ES-11/1 was backed by 143 nations.", {"flags": ["143 nations"]}),
    ("approximate tally trap", "More than 140 countries backed the General Assembly resolution of 2 March 2022.",
     {"flags": []}),
    # more events in other words
    ("invasion of a date", "Russia's invasion of 24 February 2021 ended the post-Cold War settlement.",
     {"flags": ["24 February 2021"]}),
    ("pakistan abstentions by month", "Pakistan abstained in the UN General Assembly vote of 3 March 2022 and again "
                                      "on the annexations in October 2022.", {"flags": ["3 March 2022"]}),
    ("year before its clause", "Two decades later, in 2015, Russia annexed Crimea.", {"flags": ["2015"]}),
    ("istanbul talks ambiguous", "The Istanbul talks between the Russian and Ukrainian delegations took place in 2023.",
     {"flags": []}),
    ("one subject, two verbs", "Russia joined the G8 in 1997 and was suspended from it in 2014; it joined the Council "
                               "of Europe in 1996 and left it in 2022.", {"flags": []}),
    ("a list of verbs", "New START was signed in 2010, extended in 2021 and suspended by Russia in February 2023.",
     {"flags": []}),
    ("the Wall, unnamed", "When the Wall fell in 1988, the division of Europe ended.", {"flags": ["1988"]}),
    ("gorbachev chosen", "Gorbachev was chosen as General Secretary in 1986.", {"flags": ["1986"]}),
    ("finland member", "Finland became a NATO member in 2024, Sweden a year later.", {"flags": ["2024"]}),
    ("other founding traps", "NATO was founded in 1949 and the Warsaw Pact in 1955; Stalin died in 1953.",
     {"flags": []}),
    ("present tense", "In 1987 Gorbachev comes to power; in 1990 the Soviet Union breaks up.",
     {"flags": ["1987", "1990"]}),
    ("opening date", "In July 2015, MH17 was shot down over the Donbas.", {"flags": ["July 2015"]}),
    ("opening date, right", "On 3 April 2008, at Bucharest, NATO promised that Ukraine and Georgia would join.",
     {"flags": []}),
    ("subject in the sentence before", "The Soviet Union invaded Afghanistan in December 1979. It collapsed in 1990, "
                                       "exhausted.", {"flags": ["1990"]}),
    ("pronoun, another event", "Russia annexed Crimea in 2014. It intervened in Syria in 2015 and in Libya later.",
     {"flags": []}),
    ("citation date trap", 'The Nation reported it as "Pakistan abstains from UN vote on Ukraine war", 25 February 2023.',
     {"flags": []}),
]
