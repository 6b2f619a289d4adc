"""The essay coach's held-out set: held out, never tuned on.

Written by an independent reviewer who did not read the coach's matching code (its facts, figures, text and
rubric modules), so that neither the answers' wordings nor their planted errors follow the coach's patterns.
They are answer fragments to past questions of `data/questions.csv` in the style real candidates write:
an outline line or two, the subject and event in their own words, compound sentences, two events in one
sentence, dates in words, a year alone, percentages, vote tallies and trade figures.

**Rule: never change the coach's code with this file in view.** It measures how the coach does on answers
it was not tuned on; a pattern added to make one of these cases pass makes the measure worthless. Improve
the coach on its own test set (`tests/coach_answers.py`), then run this set to see whether the change
generalises (`tests/test_coach_heldout.py` prints the figures).

A case is (name, text, expected, question_id), the test set's (name, text, expected) with the past question
it answers:

- `expected["flags"]`: each planted error, as the shortest substring of the answer that holds the wrong
  figure with its own date or number expression ("1987", "25 December 1990", "spring of 2015", "143 votes",
  "85%", "$260 billion"); each occurs exactly once in its answer. Empty: nothing may be flagged.
- `expected["right"]`: the correct dated claims and figures, which must not be flagged (counted, and
  checked to occur in the answer, but scored only through false alarms).

**How a finding is matched to an expected flag.** Only findings of kind `fact` or `figure` count, as in
`tests/test_coach.py`. A finding matches an expected flag when its `written` text equals the flag (the
test set's rule) or when its `span` in the answer overlaps the flag's place in the answer (so a finding
that reports "24 February 2021" for the flag "February 2021", or "143 votes to 5" for "143 votes", is the
same catch). Each expected flag is matched at most once; a finding that matches no flag is a false alarm;
a flag that no finding matches is a miss.

Besides planted errors and right claims, several answers carry claims the tables cannot settle (events the
tables do not hold, such as the Cuban missile crisis of 1962 or Stalin's death in 1953): the coach must stay
silent on them, so a finding there counts as a false alarm.

Sources: every planted error and right claim was checked against the course's tables; the comment above
each case names, for each, the table and row (`events` by `event_id`, `un_votes` by `resolution`, `polls`
by series/field date/answer, `economy` by series/year, `institutions` by `tie_id`, `episodes` by
`episode_id`) and the value the table holds.
"""

CASES = [
    # --- css-2022-ca-q2: Pakistan's foreign policy options after the invasion -----------------------------
    # flag "143 votes": un_votes ES-11/1 (141 for, 5 against, 35 abstained)
    # flag "June 2024": events 2023-first-russian-crude-karachi (2023-06-11)
    # right "23 February 2022": events 2022-imran-khan-meets-putin (arrived 23 Feb, met Putin 24 Feb 2022)
    # right "2 March 2022": un_votes ES-11/1 (2022-03-02); right "October 2022", "143-5-35": un_votes ES-11/4
    # right "23 February 2023": un_votes ES-11/6 (2023-02-23); right "28 May 2021": events
    # 2021-pakistan-stream-gas-pipeline; right "2017": events 2017-pakistan-india-join-sco (2017-06-09)
    ("pakistan options: abstentions and oil", """**Outline:** (1) the shock of February 2022; (2) Pakistan's record so far; (3) three options; (4) recommendation.

The Russian invasion of Ukraine caught Islamabad off guard. Prime Minister Imran Khan had landed in Moscow on 23 February 2022 and was sitting with Putin in the Kremlin on the day the Russian columns crossed the border, so Western capitals read the visit as an endorsement, whatever its economic purpose.

Pakistan's first answer was to abstain. When the General Assembly adopted resolution ES-11/1 on 2 March 2022, it was carried by 143 votes to 5, with 35 abstentions, and Pakistan was among the abstainers alongside China and India. It abstained again when the Assembly condemned the annexation of four Ukrainian regions in October 2022, a resolution adopted 143-5-35, and once more on 23 February 2023, on the eve of the first anniversary.

**Option one: principled neutrality.** Islamabad can keep saying that sovereignty and territorial integrity matter everywhere, Kashmir included, while refusing to join sanctions.

**Option two: a tilt to the West.** The United States remains Pakistan's largest single export market and the key vote at the IMF.

**Option three: a tilt to Moscow.** Cheap energy is the lure: the first cargo of discounted Russian crude reached Karachi in June 2024, and the Pakistan Stream gas pipeline protocol was signed in Moscow on 28 May 2021.

**Recommendation.** Pakistan, a full member of the Shanghai Cooperation Organisation since 2017, should combine the first and third options: trade with Russia where it pays, but never at the price of its Western markets.""",
     {"flags": ["143 votes", "June 2024"],
      "right": ["23 February 2022", "2 March 2022", "October 2022", "143-5-35", "23 February 2023", "28 May 2021",
                "2017"]},
     "css-2022-ca-q2"),

    # clean.
    # right "7 April 2022", "93-24-58": un_votes ES-11/3 (2022-04-07, 93/24/58, Pakistan abstained)
    # right "24 February 2025", "93 to 18, with 65 abstentions": events 2025-unga-vote-us-against
    # right "July 2024": events 2024-shehbaz-putin-astana (2024-07-03); right "October 2024": events
    # 2024-mishustin-islamabad-sco (2024-10-16); right "September 2025": events 2025-shehbaz-putin-beijing
    # (2025-09-02); right "the fourteenth of November 2022": un_votes ES-11/5 (2022-11-14)
    ("pakistan options: the later record, clean", """**Outline:** Pakistan's interests; the UN record; the bilateral track; the choice.

Pakistan's options must be read against what it has actually done since the war began. In the General Assembly it has abstained on every Ukraine resolution it faced in 2022, including the vote of 7 April 2022 that suspended Russia from the Human Rights Council, which passed 93-24-58, and the register-of-damage resolution adopted on the fourteenth of November 2022.

The landscape then shifted in a way few candidates expected. On 24 February 2025, the third anniversary of the invasion, the Assembly adopted a Ukrainian-European text demanding Russia's withdrawal by 93 to 18, with 65 abstentions, and the United States voted against it alongside Russia. When Washington itself wavers, Islamabad's caution looks less isolated.

The bilateral track with Moscow has quietly thickened. Prime Minister Shehbaz Sharif met Putin in Astana in July 2024 on the sidelines of the SCO summit; Russia's prime minister Mikhail Mishustin came to Islamabad in October 2024 and Pakistan thanked him for backing its BRICS bid; and the two leaders met again in Beijing in September 2025.

The choice, then, is not between blocs. Pakistan should keep abstaining where great powers quarrel, deepen trade where it pays, and use the SCO as its meeting ground with Moscow and Beijing, while protecting its economic lifeline to the West. A foreign policy of many doors suits a state that cannot afford to close any.""",
     {"flags": [],
      "right": ["7 April 2022", "93-24-58", "fourteenth of November 2022", "24 February 2025",
                "93 to 18, with 65 abstentions", "July 2024", "October 2024", "September 2025"]},
     "css-2022-ca-q2"),

    # --- css-2022-ca-q4: New START and deterrence --------------------------------------------------------
    # flag "April 2011": events 2010-us-russia-sign-new (signed 2010-04-08; in force 5 Feb 2011)
    # flag "21 February 2022": events 2023-putin-announces-suspension-russias (2023-02-21)
    # flag "2 August 2018": events 2019-us-withdrawal-inf-treaty (2019-08-02)
    # right "5 February 2011": institutions new-start (in force 5 Feb 2011); right "February 2021":
    # institutions new-start (extended in Feb 2021); right "December 1987": institutions inf-treaty (1987-12-08)
    # silent: SALT I in 1972 (not in the tables)
    ("new start: signature, suspension, inf", """**Outline:** 1. What New START did; 2. the extension of 2021; 3. erosion of arms control; 4. implications for Pakistan.

Arms control between Washington and Moscow has a long pedigree, from SALT I in 1972 to the treaty the question names. New START was signed in Prague in April 2011 by Obama and Medvedev and entered into force on 5 February 2011; it capped each side's deployed strategic warheads and kept intrusive inspections alive.

The "2021" of the question is the extension: in February 2021 the two sides prolonged the treaty for five years, the one piece of strategic business Biden and Putin agreed quickly. Deterrence thus remained transparent, since each side could count the other's launchers.

That transparency did not survive the war. Putin announced that Russia was suspending its participation on 21 February 2022, blaming Western support for Ukraine, and inspections never resumed. The wider architecture had already frayed: the INF Treaty, signed by Reagan and Gorbachev in December 1987, died on 2 August 2018 when the American withdrawal took effect.

For Pakistan the lesson is that bilateral restraint between the superpowers no longer anchors the global regime. When the largest arsenals shed their limits, pressure on smaller nuclear states to accept caps weakens, but so does the diplomatic cover for their programmes. Pakistan's credible minimum deterrence should therefore rest on its own doctrine and on regional confidence-building with India, not on expectations of a revived superpower treaty system.""",
     {"flags": ["April 2011", "21 February 2022", "2 August 2018"],
      "right": ["5 February 2011", "February 2021", "December 1987"]},
     "css-2022-ca-q4"),

    # flag "December 2022": events 2021-russias-withdrawal-open-skies (2021-12); institutions open-skies
    # (ended 2021-12-18)
    # flag "November 2021": events 2023-russia-revokes-ctbt-ratification (2023-11-02)
    # right "November 2020": events 2020-us-withdrawal-open-skies (2020-11-22); right "5 February 2026":
    # events 2026-new-start-expires; right "7 November 2023": events 2023-russia-completes-withdrawal-cfe;
    # right "nineteenth of November 2024": events 2024-russia-updates-nuclear-doctrine (2024-11-19);
    # right "21 November 2024": events 2024-oreshnik-strike-dnipro
    ("new start: the treaties that fell", """**Outline:** the end of an architecture; doctrine; Pakistan.

The nature of US-Russia deterrence changed less because of New START's extension than because everything around it collapsed. The Open Skies Treaty went first: the United States left it in November 2020 and Russia followed in December 2022, ending the overflights that had let even small states watch troop movements.

Other pillars fell in turn. Putin revoked Russia's ratification of the Comprehensive Nuclear-Test-Ban Treaty in November 2021, saying he was only matching the United States, which had never ratified it, and Russia completed its withdrawal from the CFE Treaty on 7 November 2023. Doctrine followed treaty: on the nineteenth of November 2024 Putin approved a revised nuclear doctrine that treats aggression by a non-nuclear state backed by a nuclear power as a joint attack, and on 21 November 2024 Russia fired the new Oreshnik missile at Dnipro.

When New START itself expired on 5 February 2026, Moscow declared the parties no longer bound by its limits. For the first time since the 1970s, the two largest arsenals are unconstrained by any treaty.

For Pakistan, this is a warning and an opening. A world without superpower limits gives Islamabad an argument against discriminatory pressure on its own programme, but an arms race in delivery systems, hypersonic missiles above all, will sooner or later reach South Asia, where warning times are already measured in minutes.""",
     {"flags": ["December 2022", "November 2021"],
      "right": ["November 2020", "7 November 2023", "nineteenth of November 2024", "21 November 2024",
                "5 February 2026"]},
     "css-2022-ca-q4"),

    # --- css-2022-ca-q7: the trade war and a second cold war ---------------------------------------------
    # flag "February 2008": events 2007-putins-munich-security-conference (2007-02-10)
    # flag "$260 billion": economy china_trade 2024 (244.81)
    # flag "March 2025": events 2024-sweden-becomes-natos-32nd (2024-03-07)
    # right "4 February 2022": events 2022-russia-china-no-limits-statement; right "April 2023": events
    # 2023-finland-becomes-natos-31st (2023-04-04)
    # silent: the US-China trade war since 2018 (not in the tables)
    ("second cold war: munich, trade, nordics", """**Outline:** Introduction; the Russia-West rupture; the Russia-China axis; the US-China contest; conclusion: a lopsided multipolarity.

The US-China trade war, begun with tariffs in 2018, is the frame of the question, but Russia's break with the West gives the "Second Cold War" thesis its military edge.

**The rupture.** Putin's speech at the Munich Security Conference in February 2008 announced Russia's rejection of a unipolar world, and the war in Ukraine made that rejection violent. Europe answered by closing ranks: Finland joined NATO in April 2023 and Sweden in March 2025, ending two centuries of Nordic non-alignment.

**The axis.** Putin and Xi declared a friendship with "no limits" in Beijing on 4 February 2022, days before the invasion. Trade followed the rhetoric: according to Chinese customs, turnover between the two reached a record $260 billion in 2024, with Russia selling oil and buying cars and machinery.

**The contest.** Yet the axis is unequal. China needs Western markets far more than Russian oil, and it has avoided open breaches of Western sanctions. The US-China rivalry is technological and economic; the Russia-West one is military and ideological.

**Conclusion.** The emerging order is not a neat bipolar contest but a lopsided multipolarity: the United States and China as the two poles of wealth and technology, Russia as a disruptive junior partner to Beijing, and middle powers such as India, Turkey and Pakistan bargaining between them.""",
     {"flags": ["February 2008", "$260 billion", "March 2025"],
      "right": ["4 February 2022", "April 2023"]},
     "css-2022-ca-q7"),

    # flag "April 2007": events 2008-nato-bucharest-summit-declares (2008-04-03)
    # flag "March 2001": events 2000-putin-tells-bbc-breakfast (2000-03-05)
    # right "$190 billion in 2022": economy china_trade 2022 (190.27); right "$240 billion": economy
    # china_trade 2023 (240.11); right "$228 billion": economy china_trade 2025 (228.1)
    # right "85%": polls pew_russia_opinion_median 2022 Unfavorable (85)
    ("second cold war: bucharest and the trade curve", """**Outline:** (i) what a cold war needs; (ii) Russia's turn from the West; (iii) the numbers of the Russia-China bond; (iv) verdict.

A cold war needs two blocs, an ideological quarrel and a long stand-off short of direct war. Russia and the West now have the last two; whether there are two blocs depends on China.

Russia's turn did not come from nowhere. In March 2001 Putin told the BBC's David Frost that he could not imagine Russia isolated from Europe and did not rule out joining NATO. By the Bucharest summit of April 2007, where NATO declared that Ukraine and Georgia "will become members", that mood had gone, and the war in Georgia came within months.

The Russia-China bond is best read in numbers. Chinese customs put bilateral trade at about $190 billion in 2022 and about $240 billion the year after, a jump driven by Russian oil rerouted from Europe. The bond is not frictionless: trade fell to roughly $228 billion in 2025, the first decline in five years, as Chinese car exports to Russia slumped.

Opinion abroad tells the same story of isolation from the West, not from the world. Pew's 2022 survey of 18 countries found a median of 85% holding an unfavourable view of Russia, but those countries were mostly Western allies; large parts of Asia and Africa were not asked or stayed neutral.

**Verdict.** The US-China contest is the axis of the future order; Russia's quarrel with the West is a regional cold war inside it.""",
     {"flags": ["April 2007", "March 2001"],
      "right": ["$190 billion in 2022", "$240 billion", "$228 billion", "85%"]},
     "css-2022-ca-q7"),

    # --- css-2023-ca-q4: causes of the invasion and its impact on Pakistan ---------------------------------
    # flag "22 February 2013": events 2014-ukraines-parliament-removes-president (2014-02-22)
    # flag "12 February 2016": events 2015-minsk-ii-package-measures (2015-02-12)
    # right "November 2013": events 2013-kyiv-suspends-preparations-eu (2013-11-21); right "December 1994":
    # events 1994-budapest-memorandum (1994-12-05); right "24 February 2022": events
    # 2022-russia-launches-full-scale
    # silent: the grain and fuel price shock in Pakistan (not in the tables)
    ("invasion causes: maidan and minsk", """**Outline:** Introduction; three causes (security, identity, regime); consequences; impact on Pakistan; lessons.

**Causes.** The roots lie in the contest over Ukraine's direction. The Euromaidan protests began in November 2013, when Kyiv shelved the association agreement with the EU, and they ended with the Rada voting President Yanukovych out of office on 22 February 2013 after he fled the capital. Moscow saw a Western-backed coup; Kyiv saw a popular revolution.

Security fears were the second cause. Russia argued that NATO's open door threatened it, although it had itself signed the Budapest Memorandum in December 1994, promising to respect Ukraine's borders in exchange for Ukraine giving up the Soviet nuclear weapons on its soil.

The third cause was the failure of diplomacy. The Minsk II package, agreed in Normandy-format talks on 12 February 2016, was never implemented: each side read its sequence of ceasefire, elections and border control differently.

**Consequences.** When Russia launched its full-scale invasion on 24 February 2022, the effects spread worldwide: food and fuel prices soared and Europe rearmed.

**Impact on Pakistan.** Pakistan, already short of foreign exchange, faced dearer wheat and oil imports, while the prime minister's Moscow visit that very week strained ties with Washington.

**Lesson.** A state that depends on imported energy and external credit cannot afford to be caught on the wrong side of a great-power quarrel; economic security is national survival.""",
     {"flags": ["22 February 2013", "12 February 2016"],
      "right": ["November 2013", "December 1994", "24 February 2022"]},
     "css-2023-ca-q4"),

    # flag "fifth of December 1996": events 1994-budapest-memorandum (1994-12-05)
    # flag "March 2023": events 2022-istanbul-talks (2022-03-29)
    # right "3 April 2008": events 2008-nato-bucharest-summit-declares; right "21 February 2022": events
    # 2022-putin-recognizes-donetsk-luhansk; right "spring of 2014": events 2014-putin-announces-russia-will
    # (2014-03-18)
    ("invasion causes: budapest and istanbul", """**Outline:** 1. Realist causes 2. Identity causes 3. Missed exits 4. Pakistan.

Any account of the causes must start with broken promises, real or perceived. For Ukraine, the broken promise is the Budapest Memorandum, signed on the fifth of December 1996, in which Russia, Britain and the United States pledged to respect Ukraine's borders. For Russia, it is NATO's declaration at Bucharest on 3 April 2008 that Ukraine and Georgia would one day become members.

Identity mattered as much as security. Putin's essays deny that Ukrainians are a separate nation, and the annexation of Crimea in the spring of 2014 was sold at home as a homecoming rather than a conquest.

The final steps were taken quickly. Putin recognised the Donetsk and Luhansk "people's republics" on 21 February 2022, and three days later the invasion began. Even then an exit existed: at the Istanbul talks at the end of March 2023, Ukraine offered neutrality in exchange for security guarantees, and Russia promised to scale back around Kyiv. The talks collapsed as evidence of atrocities emerged.

**Impact on Pakistan.** Pakistan was hit by commodity inflation and by the diplomatic cost of a visit timed by accident with the invasion. The severe lesson is that a state's survival depends on economic self-reliance, so that no crisis abroad can dictate its choices at home.""",
     {"flags": ["fifth of December 1996", "March 2023"],
      "right": ["3 April 2008", "spring of 2014", "21 February 2022"]},
     "css-2023-ca-q4"),

    # --- css-2024-ca-q7: Russia-Europe energy relations -----------------------------------------------------
    # flag "27 April 2023": events 2022-gazprom-cuts-poland-bulgaria (2022-04-27)
    # flag "1 January 2024": events 2025-gas-transit-ukraine-ends (2025-01-01)
    # right "26 September 2022": events 2022-nord-stream-pipelines-damaged; right "11.6 trillion roubles":
    # economy oil_gas_revenue 2022 (11.586); right "8.8 trillion": economy oil_gas_revenue 2023 (8.822);
    # right "8.48 trillion": economy oil_gas_revenue 2025 (8.48)
    ("energy: gazprom cuts and transit", """**Outline:** interdependence before 2022; weaponisation; Europe's escape; Russia's loss; conclusion.

For half a century Europe and Russia were bound by pipelines. Even after the annexation of Crimea, gas kept flowing, and Germany built Nord Stream 2 as if politics and energy were separate worlds. The war ended that illusion.

**Weaponisation.** Gazprom halted deliveries to Poland and Bulgaria on 27 April 2023 after they refused to pay in roubles, and the cuts widened until the Nord Stream pipelines were wrecked by explosions near Bornholm on 26 September 2022. Transit through Ukraine, the last overland route, ended on 1 January 2024 when the 2019 contract between Gazprom and Naftogaz expired and Kyiv refused to renew it.

**Europe's escape.** Europe replaced Russian pipeline gas with Norwegian supplies and liquefied gas from the United States and Qatar, at a high price for its industry.

**Russia's loss.** The Russian Finance Ministry's own figures trace the cost. Oil and gas revenue reached 11.6 trillion roubles in 2022, inflated by high prices, then fell to 8.8 trillion in 2023 as discounts deepened. After a rebound it dropped to 8.48 trillion in 2025, the lowest since 2020.

**Conclusion.** Energy interdependence was supposed to make war too costly; instead, the war made interdependence impossible. Russia now sells to Asia at a discount, and Europe has learned that a cheap supplier can be the most expensive one.""",
     {"flags": ["27 April 2023", "1 January 2024"],
      "right": ["26 September 2022", "11.6 trillion roubles", "8.8 trillion", "8.48 trillion"]},
     "css-2024-ca-q7"),

    # flag "May 2020": events 2021-biden-administration-decides-not (2021-05)
    # flag "9.5 trillion roubles": economy oil_gas_revenue 2025 (8.48)
    # right "5 December 2022": events 2022-eu-crude-embargo-price-cap; right "$60": same row;
    # right "5 February 2023", "$100 and $45": events 2023-eu-ban-refined-products; right "11.13 trillion":
    # economy oil_gas_revenue 2024 (11.13); right "2009": institutions energy-charter-treaty (ended 2009)
    ("energy: price caps and revenue", """**Outline:** from partnership to embargo; the price caps; the revenue test; implications.

Russia and Europe tried to codify their energy partnership in the 1990s, but Moscow never ratified the Energy Charter Treaty and announced in 2009 that it would not become a party. Energy stayed a matter of bilateral deals, and Germany's were the largest: even in May 2020 the Biden administration chose not to sanction the company building Nord Stream 2.

After the invasion Europe turned from buyer to sanctioner. Its ban on seaborne Russian crude took effect on 5 December 2022, together with a G7 price cap of $60 a barrel, and the ban on refined products followed on 5 February 2023 with caps of $100 and $45 a barrel for dearer and cheaper products.

Did it work? The revenue test gives a mixed answer. Russia's federal budget still took in 11.13 trillion roubles from oil and gas in 2024, as a shadow fleet carried crude to India and China. But in 2025 the figure fell to 9.5 trillion roubles, with lower world prices and a strong rouble doing as much damage as the caps.

**Implications.** The energy relationship between Russia and Europe has not been paused; it has been dismantled. Europe pays more for security of supply, Russia sells at a discount to fewer buyers, and the winners are the traders and shippers in between.""",
     {"flags": ["May 2020", "9.5 trillion roubles"],
      "right": ["2009", "5 December 2022", "$60", "5 February 2023", "$100 and $45", "11.13 trillion"]},
     "css-2024-ca-q7"),

    # clean.
    # right "24 June 1994": institutions eu-russia-pca / events 1994-eu-russia-partnership-cooperation;
    # right "1 December 1997": same (in force 1 Dec 1997); right "14 May 2022": events
    # 2022-russia-cuts-electricity-finland; right "18 May 2022": events 2022-finland-sweden-formally-apply;
    # right "first of January 2025": events 2025-gas-transit-ukraine-ends; right "22 October 2025": events
    # 2025-us-sanctions-rosneft-lukoil
    ("energy: partnership to rupture, clean", """**Outline:** the legal frame; the Nordic case; the end of transit; American sanctions; assessment.

The legal frame of Russia-EU energy ties was the Partnership and Cooperation Agreement, signed in Corfu on 24 June 1994 and in force from 1 December 1997. It promised a common economic space; what it delivered was a market in which Russia sold oil and gas and Europe paid.

The Nordic case shows how quickly energy became a weapon after 2022. On 14 May 2022 the Finnish arm of Inter RAO stopped selling Russian electricity to Finland, claiming unpaid bills; four days later, on 18 May 2022, Finland and Sweden formally applied to join NATO. Energy pressure did not deter them; it confirmed their choice.

The overland gas route through Ukraine survived the first three years of war, carrying gas to Slovakia and Austria. It closed on the first of January 2025, when the transit contract expired and Kyiv declined to renew it, so that Europe's remaining pipeline imports from Russia came through TurkStream alone.

American policy added pressure at the producer end. On 22 October 2025 the US Treasury imposed blocking sanctions on Rosneft and Lukoil, the country's two largest oil companies, which pushed Indian and Chinese buyers to look for other suppliers.

**Assessment.** The war did not merely interrupt Russia-Europe energy relations; it reversed the logic on which they rested, from interdependence as insurance against conflict to dependence as a vulnerability to be removed.""",
     {"flags": [],
      "right": ["24 June 1994", "1 December 1997", "14 May 2022", "18 May 2022", "first of January 2025",
                "22 October 2025"]},
     "css-2024-ca-q7"),

    # --- css-2023-ir2-q2: Mearsheimer and the Ukraine crisis -------------------------------------------------
    # flag "1997": events 1999-first-post-cold-war (1999); (1997 is the Founding Act: a different event)
    # flag "24 March 1998": events 1999-nato-begins-bombing-yugoslavia (1999-03-24)
    # right "2004": events 2004-second-nato-enlargement-bulgaria; right "2008": events
    # 2008-nato-bucharest-summit-declares; right "1996": events 1996-russia-accedes-council-europe
    # silent: Mearsheimer's Foreign Affairs essay of 2014 (not in the tables)
    ("mearsheimer: enlargement and kosovo", """**Outline:** Mearsheimer's case; the evidence for it; the evidence against; assessment.

**Mearsheimer's case.** In his 2014 essay in Foreign Affairs, John Mearsheimer argued that the West, not Putin, bears the main responsibility for the crisis: NATO enlargement, EU expansion and democracy promotion pushed into a great power's backyard, and any great power would have reacted.

**Evidence for.** The chronology is on his side. NATO admitted Poland, Hungary and the Czech Republic in 1997, brought in seven more states, the Baltic republics among them, in 2004, and promised Ukraine and Georgia eventual membership in 2008. The alliance also showed it would use force without a UN mandate: its bombing of Yugoslavia began on 24 March 1998, and Moscow drew its conclusions.

**Evidence against.** Liberals answer that states chose NATO because they feared Russia, and that Russia itself once chose Europe: it joined the Council of Europe in 1996 and accepted its human-rights court. Constructivists add that Putin's view of Ukraine as part of a Russian nation explains the war's aims, which go far beyond keeping NATO away: annexing territory is not a security buffer.

**Assessment.** Mearsheimer explains why Russia felt threatened; he does not explain why the response was a war of conquest rather than neutrality guarantees, which Ukraine offered in 2022. Structural pressure set the stage, but the decision was Moscow's.""",
     {"flags": ["1997", "24 March 1998"],
      "right": ["2004", "2008", "1996"]},
     "css-2023-ir2-q2"),

    # flag "May 2003": events 2002-rome-declaration-creates-nato (2002-05-28)
    # flag "2021": events 2020-north-macedonia-joins-nato (2020)
    # right "27 May 1997": events 1997-nato-russia-founding-act; right "August 2008": events
    # 2008-russo-georgian-war-fighting; right "2017": events 2017-montenegro-joins-nato;
    # right "31%": polls levada_usa 2022-02 Positive (31)
    ("mearsheimer: the nato-russia institutions", """**Outline:** realism's charge; the institutional record; the Georgian precedent; public opinion; conclusion.

Mearsheimer's realism holds that great powers tolerate no rival alliance on their borders. The record of NATO-Russia institutions complicates the charge that the West simply ignored Moscow.

The NATO-Russia Founding Act, signed in Paris on 27 May 1997, created a Permanent Joint Council, and the Rome Declaration of May 2003 replaced it with the NATO-Russia Council, in which Russia sat as an equal on many issues. These were not the acts of an alliance bent on encirclement, liberals argue, though realists reply that consultation without a veto meant little.

The Georgian precedent supports realism. Within months of Bucharest, Russia fought Georgia in August 2008 and recognised two breakaway regions, showing how it would treat a would-be member. Yet enlargement continued regardless: Montenegro joined in 2017 and North Macedonia in 2021, small states whose entry hardly threatened Russia.

Public opinion also matters to the argument. On the eve of the invasion, in February 2022, only 31% of Russians told the Levada Center they felt positive about the United States, a hostility that realism, concerned with material power, cannot fully explain.

**Conclusion.** Mearsheimer identifies a real security dilemma, but the West's offers of partnership and Russia's own choices show that the crisis was not the West's fault alone.""",
     {"flags": ["May 2003", "2021"],
      "right": ["27 May 1997", "August 2008", "2017", "31%"]},
     "css-2023-ir2-q2"),

    # clean.
    # right "2007": events 2007-putins-munich-security-conference; right "18 May 2022": events
    # 2022-finland-sweden-formally-apply; right "4 April 2023": events 2023-finland-becomes-natos-31st
    # right "March 2018": events 2018-sergei-yulia-skripal-poisoned (2018-03-04); right "153": same row
    # silent: Mearsheimer's lecture at the University of Chicago in 2015 (not in the tables)
    ("mearsheimer: a realist reading tested, clean", """**Outline:** thesis; two tests; verdict.

**Thesis.** Mearsheimer, most famously in a lecture at the University of Chicago in 2015, argues that NATO's eastward drift made a clash over Ukraine inevitable. The claim can be tested against what happened after Russia acted.

**First test: did Russia's neighbours respond as realism predicts?** Realism predicts balancing against the stronger power, and that is what Russia's neighbours did. Putin had warned against a unipolar world at Munich in 2007; fifteen years later his war drove Finland and Sweden to apply for NATO membership on 18 May 2022, and Finland joined on 4 April 2023, doubling the alliance's land border with Russia. If NATO's expansion was the cause, the war produced more of it.

**Second test: did the West act as an aggressor?** The Western response to Russian provocations before 2022 was cautious. After the poisoning of Sergei Skripal in Salisbury in March 2018, Western states expelled 153 Russian diplomats, a symbolic rather than a military answer.

**Verdict.** Realism explains the balancing of Russia's neighbours better than it explains Russia's own choice. Mearsheimer's case is strongest as a warning about the security dilemma and weakest as an allocation of blame.""",
     {"flags": [],
      "right": ["2007", "18 May 2022", "4 April 2023", "March 2018", "153"]},
     "css-2023-ir2-q2"),

    # --- css-2023-ir1-q6: power transition and strategic realignment ---------------------------------------
    # flag "85%": polls levada_china 2015-07 Positive (75)
    # flag "15 August 2024": events 2025-trump-putin-alaska-summit (2025-08-15)
    # right "$244.8 billion", "2024": economy china_trade 2024 (244.81); right "October 2025": events
    # 2025-us-sanctions-rosneft-lukoil (2025-10-22); right "March 2023": events
    # 2023-international-criminal-court-issues (2023-03-17)
    ("power transition: china and alaska", """**Outline:** Is power shifting? The contours of realignment: Russia-China, the US and Russia, the middle powers. Conclusion.

The global power structure is in transition, though not in a straight line. The United States remains pre-eminent in military and financial power, China is closing the gap in manufacturing and technology, and Russia has chosen to tie itself to China.

**Russia and China.** The realignment rests on a popular base as well as on trade. As early as July 2015, 85% of Russians told the Levada Center they felt positive about China, at a time when most of them felt hostile to the United States. Trade followed: it reached a record $244.8 billion in 2024, according to Chinese customs.

**The United States and Russia.** Trump's second term brought a personal diplomacy that unsettled allies. He met Putin in Anchorage on 15 August 2024, the first in-person summit since the invasion, but reached no ceasefire, and by October 2025 his Treasury had sanctioned Rosneft and Lukoil. The pendulum swings fast when policy depends on leaders.

**The middle powers.** India, Turkey, Brazil and Gulf states refuse to choose. Many kept dealing with Moscow even after the International Criminal Court issued an arrest warrant for Putin in March 2023.

**Conclusion.** The contours of realignment are a tightening Russia-China bond, an erratic American policy towards Moscow, and a growing group of swing states who sell their alignment to the highest bidder.""",
     {"flags": ["85%", "15 August 2024"],
      "right": ["$244.8 billion", "October 2025", "March 2023"]},
     "css-2023-ir1-q6"),

    # flag "March 2022": events 2023-putin-approves-new-foreign (2023-03-31)
    # flag "June 2024": events 2023-wagner-mutiny (2023-06-24)
    # flag "20%": polls pew_putin_confidence_median 2015-03 Confidence (24)
    # right "June 2017": events 2017-pakistan-india-join-sco (2017-06-09); right "February 2022": events
    # 2022-russia-china-no-limits-statement (2022-02-04)
    ("power transition: doctrine and the sco", """**Outline:** 1. A transition underway 2. Russia's doctrinal turn 3. Institutions of the non-West 4. Fragility 5. Conclusion

**A transition underway.** Power transition theory expects a rising challenger to contest the hegemon's order. China is that challenger; Russia is a declining power that has chosen confrontation.

**Russia's doctrinal turn.** Moscow's Foreign Policy Concept of March 2022 described Russia as an "original country-civilization" and named the Anglo-Saxon world as its main adversary, turning a military clash into a civilisational one. Russia's partnership with China, proclaimed with "no limits" in February 2022, is the centrepiece of this turn.

**Institutions of the non-West.** The Shanghai Cooperation Organisation widened in June 2017, when India and Pakistan became full members, and BRICS has expanded since. These bodies give Russia a stage where it is not isolated.

**Fragility.** Yet the Russian pole is brittle. The Wagner mutiny of June 2024, when Prigozhin's men seized Rostov-on-Don and marched on Moscow, showed how thin the state's monopoly of force had become. Russia's appeal abroad was already weak: in 2015 Pew found a median of only 20% across 39 countries with confidence in Putin.

**Conclusion.** The contours of realignment are clear: a US-led network of alliances in Europe and Asia, a China-centred economic sphere, and Russia as China's junior partner. The transition is real, but its pace depends on China's economy, not on Russia's arms.""",
     {"flags": ["March 2022", "June 2024", "20%"],
      "right": ["February 2022", "June 2017"]},
     "css-2023-ir1-q6"),

    # --- css-2022-ir-russian-objectives: objectives and sanctions -------------------------------------------
    # flag "3.9%": economy gdp_growth 2022 (-2.1; wrong too against the audit's proposed revision to -1.2)
    # flag "5 December 2023": events 2022-eu-crude-embargo-price-cap (2022-12-05)
    # right "17 March 2014": events 2014-first-us-eu-sanctions; right "July 2014": events
    # 2014-eu-adopts-sectoral-economic (2014-07); right "about 1%" (2025): economy gdp_growth 2025 (1.0)
    ("sanctions: gdp and the price cap", """**Outline:** Russia's objectives; the sanctions regime; effectiveness; conclusion.

**Objectives.** Russia's stated aims were the "demilitarisation" and "denazification" of Ukraine; its real aims were to bring Ukraine back under Moscow's control, to keep NATO out and to show that the post-Cold War order could be overturned by force.

**The regime.** Sanctions did not begin in 2022. The United States and the EU imposed their first asset freezes and travel bans over Crimea on 17 March 2014, and the EU moved to sectoral sanctions on finance, defence and oil technology in July 2014. After the invasion came the freezing of central bank reserves, the cutting of banks from SWIFT, and the price cap on Russian crude, which took effect on 5 December 2023 together with the EU's embargo on seaborne oil.

**Effectiveness.** The record is mixed. According to Rosstat, the economy shrank by 3.9% in 2022, far less than the double-digit collapse some forecast, and military spending then drove a rebound. By 2025, however, growth had slowed to about 1%, according to the first official estimate, as high interest rates and labour shortages bit.

**Conclusion.** Sanctions have not changed Russia's war aims, which is the test realists apply. They have raised the cost of the war and degraded Russia's long-term prospects, which is the test liberals apply. As an instrument to counter the Russian act, they work slowly, and only if they are kept in place and enforced against evasion.""",
     {"flags": ["3.9%", "5 December 2023"],
      "right": ["17 March 2014", "July 2014", "about 1%"]},
     "css-2022-ir-russian-objectives"),

    # flag "21 September 2023": events 2022-putin-announces-partial-mobilization (2022-09-21)
    # flag "September 2021": events 2022-staged-referendums-23-27 (2022-09)
    # right "21 February 2022": events 2022-putin-recognizes-donetsk-luhansk; right "25 March 2022": events
    # 2022-russia-refocuses-on-donbas; right "September 2022": events 2022-ukraine-kharkiv-counteroffensive
    # (2022-09-06)
    ("objectives: from kyiv to donbas", """**Outline:** maximal aims; the shift to Donbas; escalation; sanctions as a counter; conclusion.

**Maximal aims.** The opening moves revealed Russia's objectives. After recognising the two Donbas "people's republics" on 21 February 2022, Moscow struck at Kyiv itself, aiming at regime change within days.

**The shift to Donbas.** When that failed, the General Staff announced on 25 March 2022 that the "first stage" was complete and that the main effort would now go to "liberating" Donbas, a narrowing of aims dressed up as a plan.

**Escalation.** Ukraine's Kharkiv counteroffensive in September 2022 forced Moscow's hand. Putin announced a "partial mobilization" of reservists on 21 September 2023 and, after staged referendums in September 2021, proclaimed the annexation of four Ukrainian regions, only part of which his army controlled.

**Sanctions as a counter.** Western sanctions aimed to deny Russia the means for such escalation: technology for missiles, revenue from oil and access to reserves. They could not stop the mobilisation or the annexations, which were political decisions; they could make the war slower and costlier.

**Conclusion.** Russia's objectives shrank under military pressure, not economic pressure. Sanctions are therefore best seen as a complement to military aid, not a substitute for it.""",
     {"flags": ["21 September 2023", "September 2021"],
      "right": ["21 February 2022", "25 March 2022", "September 2022"]},
     "css-2022-ir-russian-objectives"),

    # flag "June 2017": events 2016-kremlin-says-erdogan-has (2016-06-27); episodes 2015-su24-shootdown-turkey
    # flag "March 2019": events 2018-sergei-yulia-skripal-poisoned (2018-03-04)
    # right "24 November 2015": events 2015-turkish-f-16-shoots; right "28 November 2015": events
    # 2015-putin-decree-imposes-economic; right "11.586 trillion roubles": economy oil_gas_revenue 2022
    # (11.586); right "5.24 trillion": economy oil_gas_revenue 2020 (5.24)
    ("sanctions: russia's own sanctions on turkey", """**Outline:** Russia as a sanctioner; Russia as a target; what the comparison shows.

Russia knows how sanctions work because it has used them. When a Turkish F-16 shot down a Russian Su-24 near the Syrian border on 24 November 2015, Putin signed a decree on 28 November 2015 banning Turkish fruit and vegetables, charter flights and package tours. The measures worked: Erdogan's letter of regret came in June 2017, and the bans were lifted step by step.

**Russia as a target.** Western sanctions after 2014, and far more after 2022, have not produced any letter of regret. The budget was cushioned by energy: oil and gas brought in 11.586 trillion roubles in 2022, more than double the 5.24 trillion of the pandemic year 2020, so the state could pay for the war and absorb the sanctions at once.

Earlier Western measures were mostly symbolic. After the Skripal poisoning in March 2019, the response was mass expulsions of diplomats rather than economic pressure, which taught Moscow that the West's threats had limits.

**What the comparison shows.** Sanctions succeed when the target values the relationship more than the disputed issue, as Turkey valued Russian tourists and markets more than a symbolic shoot-down. Russia values control over Ukraine more than access to Western markets. Sanctions can therefore drain its capacity, but they cannot be expected to reverse the act they were designed to counter.""",
     {"flags": ["June 2017", "March 2019"],
      "right": ["24 November 2015", "28 November 2015", "11.586 trillion roubles", "5.24 trillion"]},
     "css-2022-ir-russian-objectives"),

    # --- css-2022-polsci2-q3: the war and integration ----------------------------------------------------------
    # flag "August 2011": events 2012-russia-becomes-156th-member (2012-08-22); institutions wto
    # flag "25 February 2023": events 2022-oecd-ends-russia-accession (2022-02-25)
    # right "16 March 2022": events 2022-council-europe-committee-ministers; right "16 September 2022":
    # events 2022-russia-leaves-echr; right "April 2022": institutions bologna-process (suspended 2022-04-11)
    ("integration: the institutions russia left", """**Outline:** integration as it was; the unravelling; the economic side; conclusion.

The Russia-Ukraine war has undone three decades of integration, and the institutional record shows how completely.

**Integration as it was.** Russia entered the World Trade Organization in August 2011 after eighteen years of talks, sought membership of the OECD, and sat in the Council of Europe, whose court heard more complaints from Russians than from any other nation.

**The unravelling.** The war broke these ties one by one. The Council of Europe's Committee of Ministers ended Russia's membership on 16 March 2022, and Russia ceased to be a party to the European Convention on Human Rights on 16 September 2022, six months later. The OECD formally ended Russia's accession process on 25 February 2023, after years in which the talks had been frozen. Universities were cut off too: the Bologna Process suspended Russia's representation in April 2022.

**The economic side.** Trade integration with Europe collapsed while integration with Asia grew, so the war did not end globalisation but split it into rival circuits.

**Conclusion.** The war has threatened regional political integration most: Europe's institutions now define themselves against Russia. Economic integration has been redirected rather than destroyed, and global institutions such as the WTO survive only because they were never built for enforcement.""",
     {"flags": ["August 2011", "25 February 2023"],
      "right": ["16 March 2022", "16 September 2022", "April 2022"]},
     "css-2022-polsci2-q3"),

    # flag "17 May 2021": events 2022-russia-quits-baltic-council (2022-05-17); institutions cbss
    # flag "28 February 1998": events 1996-russia-accedes-council-europe (1996-02-28)
    # right "1992": institutions cbss (1992-03-06); right "May 1998": institutions echr (in force for Russia 1998-05-05); right "24 March 2014": events
    # 2014-g7-leaders-hague-declaration; right "September 2022": events 2022-eu-suspends-visa-facilitation
    # (2022-09-12)
    ("integration: councils and clubs", """**Outline:** political integration; regional bodies; the G8; people-to-people ties; conclusion.

**Political integration.** Russia became the thirty-ninth member of the Council of Europe on 28 February 1998, and the European Convention on Human Rights entered into force for it in May 1998, giving Russians a right of appeal to Strasbourg. For a time this was the deepest legal link between Russia and the rest of Europe.

**Regional bodies.** Smaller forums told the same story. Russia was a founding member of the Council of the Baltic Sea States in 1992; after the invasion the Council suspended it, and Russia announced its withdrawal on 17 May 2021, leaving the Baltic as a NATO lake in all but name.

**The G8.** The most prestigious club went first. The G7 leaders' Hague Declaration of 24 March 2014 suspended the G8 format over Crimea and cancelled the Sochi summit, and Russia never returned.

**People-to-people ties.** The EU's full suspension of its visa facilitation agreement with Russia applied from September 2022, so even travel, the last channel of everyday integration, became harder.

**Conclusion.** The war has not only halted integration; it has reversed it. Regional political integration in Europe now proceeds by excluding Russia, and economic integration has been replaced by sanctions, so the continent is more united internally and more divided at its eastern edge.""",
     {"flags": ["28 February 1998", "17 May 2021"],
      "right": ["May 1998", "1992", "24 March 2014", "September 2022"]},
     "css-2022-polsci2-q3"),

    # --- kppsc-pms-2022-ir-q1: a local affair or superpower competition? -------------------------------------
    # flag "June 2020": events 2021-biden-putin-summit-geneva (2021-06-16)
    # flag "January 2025": events 2026-abu-dhabi-trilateral-talks (2026-01-23)
    # right "93 for, 18 against and 65 abstentions": events 2025-unga-vote-us-against; right "August 2025":
    # events 2025-trump-putin-alaska-summit; right "May 2022": events 2022-finland-sweden-formally-apply;
    # right "48%", "November 2021": polls levada_eu 2021-11 Positive (48); right "21%", "March 2022":
    # polls levada_eu 2022-03 Positive (21)
    ("local or superpower: summits and opinion", """**Outline:** (a) a local war? (b) a superpower contest? (c) European unity; (d) conclusion.

**A local war?** On the ground the war is between Russia and Ukraine over land, language and history. But its diplomacy has always run through Washington. Biden met Putin in Geneva in June 2020 and launched a strategic stability dialogue; the failure of that channel preceded the invasion.

**A superpower contest?** The American role has since swung. In February 2025 the United States voted with Russia against a General Assembly resolution demanding Russia's withdrawal, which passed with 93 for, 18 against and 65 abstentions. Trump met Putin in Alaska in August 2025, and the first trilateral US-Russia-Ukraine talks opened in Abu Dhabi in January 2025. Peace, if it comes, will be negotiated between Moscow and Washington, which suggests a superpower contest in which Ukraine is the arena.

**European unity.** The war first united Europe. Finland and Sweden applied to join NATO in May 2022, and Russian opinion of the EU collapsed in mirror image: Levada found 48% of Russians positive about the EU in November 2021 but only 21% in March 2022. American wavering since 2025 has tested that unity, pushing Europe to plan for its own defence.

**Conclusion.** The war is local in its causes, global in its stakes. Its effect on European unity has been to strengthen it against Russia while exposing its dependence on the United States.""",
     {"flags": ["June 2020", "January 2025"],
      "right": ["93 for, 18 against and 65 abstentions", "August 2025", "May 2022", "48%", "21%"]},
     "kppsc-pms-2022-ir-q1"),

    # flag "19%": polls pew_putin_confidence_median 2022 Confidence (9)
    # flag "25 January 2022": events 2023-germany-us-send-tanks (2023-01-25)
    # right "91%", "2023": polls pew_russia_opinion United States 2023-03 Unfavorable (91); right "May 2023":
    # events 2023-uk-storm-shadow-ukraine (2023-05-11); right "14%", "8%": polls pew_putin_confidence
    # Germany 2022 (14) and 2023-02 (8)
    ("local or superpower: arms and attitudes", """**Outline:** The superpower dimension; Europe's weapons; opinion; conclusion.

Whether the Ukraine war is a local affair or a superpower competition can be judged by who arms whom and by what publics think.

**The superpower dimension.** American opinion hardened: in 2023 Pew found 91% of Americans with an unfavourable view of Russia. Across the wider world, Pew's 2022 median showed only 19% confidence in Putin. These are not the numbers of a local quarrel; they show a global contest of legitimacy.

**Europe's weapons.** The most important decisions were European as well as American. Germany approved Leopard 2 tanks for Ukraine on 25 January 2022, together with the American announcement of Abrams tanks, and Britain confirmed Storm Shadow cruise missiles in May 2023, the first such long-range missiles a Western state publicly supplied. Each step was debated as a test of European unity, and each time Europe moved together, if slowly.

**Opinion in Germany.** German confidence in Putin, already low at 14% in 2022, fell to 8% the following year. The German public that had once defended dialogue with Moscow now backed rearmament.

**Conclusion.** The war is both local and global: local in the sense that Ukrainians fight and die for their land, global in that the United States, Europe, China and Russia are all testing their power through it. Its impact on European unity has so far been cohesive, but that cohesion depends on continued American engagement.""",
     {"flags": ["19%", "25 January 2022"],
      "right": ["91%", "May 2023", "14%", "8%"]},
     "kppsc-pms-2022-ir-q1"),

    # --- css-2011-ir-q7: the Soviet Union in the Cold War -------------------------------------------------------
    # flag "1958": events 1956-khrushchevs-secret-speech-20th (1956-02-25); (1958 is Pasternak's Nobel)
    # flag "December 1978": events 1979-soviet-invasion-afghanistan-begins (1979-12)
    # flag "March 1981": events 1980-president-carter-announces-us (1980-03-21)
    # right "February 1945": events 1945-yalta-conference-4-11; right "August 1975": events
    # 1975-helsinki-final-act-signed (1975-08-01)
    # silent: NATO founded in 1949, the Cuban missile crisis of October 1962 (not in the tables)
    ("soviet cold war: thaw and afghanistan", """**Outline:** Introduction - Stalin and the division of Europe - Khrushchev's thaw - détente - Afghanistan - theory - conclusion.

The Soviet Union was one pole of a bipolar system, and its role changed with each leader.

**Division of Europe.** At Yalta in February 1945 Stalin secured a sphere of influence in Eastern Europe, which the West answered by founding NATO in 1949. Realists read this as classic balancing between two superpowers.

**The thaw.** Khrushchev's secret speech of 1958 denounced Stalin's crimes and opened a period of relative liberalisation at home, but abroad he gambled: the Cuban missile crisis of October 1962 brought the world closest to nuclear war.

**Détente.** Under Brezhnev the Soviet Union sought recognition of the post-war borders, obtained in the Helsinki Final Act signed in August 1975. In exchange it accepted human-rights commitments that dissidents would later use against it, a constructivist irony.

**Afghanistan.** Détente ended when Soviet troops invaded Afghanistan in December 1978. President Carter announced a boycott of the Moscow Olympics in March 1981, and a second cold war began.

**Theory.** Realism explains the bipolar rivalry; constructivism explains why Helsinki's norms and Gorbachev's "new thinking" ended it without war.

**Conclusion.** The Soviet Union was a revisionist power in ideology but, more often than not, a status-quo power in Europe. Its role was to balance the United States, and it ended when its leaders no longer believed in the contest.""",
     {"flags": ["1958", "December 1978", "March 1981"],
      "right": ["February 1945", "August 1975"]},
     "css-2011-ir-q7"),

    # flag "March 1986": events 1985-mikhail-gorbachev-elected-general (1985-03-11)
    # flag "21 November 1991": events 1990-charter-paris-new-europe (1990-11-21)
    # right "1928": events 1928-stalin-having-defeated-left; right "9 November 1989": events
    # 1989-fall-berlin-wall; right "26 December 1991": events 1991-ussr-formally-dissolved-declaration
    # (Gorbachev resigned on 25 Dec: right "the day after Gorbachev resigned")
    # silent: Stalin's death in 1953 (not in the tables)
    ("soviet cold war: gorbachev and the end", """**Outline:** (1) the Stalinist state; (2) stagnation; (3) Gorbachev; (4) the end; (5) assessment.

**The Stalinist state.** The Soviet Union entered the Cold War as the state Stalin built: the first Five-Year Plan of 1928 turned a peasant country into an industrial power able to defeat Germany. After Stalin's death in 1953 his successors kept the command economy and the empire in Eastern Europe.

**Stagnation.** By the 1980s that model had stalled. Growth slowed, the war in Afghanistan dragged on, and the arms race consumed a rising share of output.

**Gorbachev.** Mikhail Gorbachev took the helm of the party in March 1986 and launched perestroika and glasnost. Abroad he abandoned the Brezhnev doctrine: when the Berlin Wall fell on 9 November 1989, Soviet troops stayed in their barracks. The Charter of Paris, signed on 21 November 1991 by the CSCE states, proclaimed the end of the division of Europe.

**The end.** The Soviet Union itself was formally dissolved on 26 December 1991, the day after Gorbachev resigned, and Russia inherited its seat at the UN and its treaties.

**Assessment.** The Soviet role in the Cold War was that of the weaker superpower: strong enough to hold half of Europe, too weak economically to compete for long. Realists stress the material decline; constructivists stress the new ideas Gorbachev brought. Both are needed to explain why the Cold War ended peacefully.""",
     {"flags": ["March 1986", "21 November 1991"],
      "right": ["1928", "9 November 1989", "26 December 1991"]},
     "css-2011-ir-q7"),

    # --- css-2014-ir-q3: the balance of power after the Soviet Union ---------------------------------------------
    # clean.
    # right "1812": events 1812-napoleon-invades-russia-occupies; right "June 1815": events
    # 1815-congress-vienna-septnov-1814 (1815-06); right "September 1815": events
    # 1815-holy-alliance-signed-paris (1815-09-26); right "December 1991": events
    # 1991-ussr-formally-dissolved-declaration; right "10 February 2007": events
    # 2007-putins-munich-security-conference
    ("balance of power: vienna to munich, clean", """**Outline:** Concept; the classical case; the unipolar moment; the return of balancing; relevance today.

**Concept.** The balance of power is the idea that states, fearing domination, combine against any power that grows too strong, so that no single state can dictate to the rest.

**The classical case.** Russia was central to Europe's classical balance. After Napoleon's invasion of 1812 ended in catastrophe, Russia joined the coalition that defeated France, and the Congress of Vienna, which concluded in June 1815, built a settlement on equilibrium among the great powers. The Holy Alliance, signed in Paris in September 1815 by the rulers of Russia, Austria and Prussia, added a conservative ideology to that balance.

**The unipolar moment.** When the Soviet Union was dissolved in December 1991, the balance seemed obsolete. The United States faced no peer, and Russia sought integration with the West rather than rivalry.

**The return of balancing.** Balancing returned in Russian rhetoric before it returned in Russian policy. In his Munich speech of 10 February 2007 Putin denounced a "unipolar world" and called for a multipolar order, a balance-of-power argument in all but name. Russia's partnership with China is its practical expression.

**Relevance today.** The concept remains relevant, but in a new form: soft balancing through institutions such as the SCO and BRICS, and hard balancing by Russia in its neighbourhood. For Pakistan, which has long balanced India with Chinese and American support, the concept is not a theory but daily practice.""",
     {"flags": [],
      "right": ["1812", "June 1815", "September 1815", "December 1991", "10 February 2007"]},
     "css-2014-ir-q3"),

    # flag "26 September 1814": events 1815-holy-alliance-signed-paris (1815-09-26)
    # flag "1713": events 1703-peter-founds-saint-petersburg (1703-05-27)
    # right "1762": events 1762-catherine-ii-great-becomes; right "1682": events 1682-peter-i-great-becomes;
    # right "1697": events 1697-peters-grand-embassy-tours
    ("balance of power: russia enters europe", """**Outline:** Russia's entry into the European balance; the Vienna system; after 1991; evaluation.

**Russia's entry.** Russia joined the European balance of power as a great power only after Peter I, tsar from 1682, turned it towards the West. His Grand Embassy of 1697 took him to Holland and England to learn shipbuilding, and in 1713 he founded Saint Petersburg on land taken from Sweden, a capital that faced Europe. Catherine II, who came to the throne in 1762, completed Russia's rise by partitioning Poland with Prussia and Austria.

**The Vienna system.** Russia's role peaked after the defeat of Napoleon. The Holy Alliance, signed on 26 September 1814 by Alexander I, Franz I and Friedrich Wilhelm III, made Russia the guardian of the conservative order, and the Concert of Europe kept a general peace for decades.

**After 1991.** The demise of the Soviet Union removed one of the two poles of the Cold War balance. Realists such as Kenneth Waltz predicted that other states would balance against the United States; for a decade they did not.

**Evaluation.** The concept remains relevant because Russia and China now practise it openly. But the modern balance is less about alliances of equals than about a hegemon and its challengers. Balance of power is a lens, not a law: it explains the behaviour of revisionist powers but not why the small states of Europe chose to bandwagon with NATO rather than balance against it.""",
     {"flags": ["1713", "26 September 1814"],
      "right": ["1682", "1697", "1762"]},
     "css-2014-ir-q3"),

    # --- css-2019-ir2-cold-war-peace: the long peace -------------------------------------------------------------
    # flag "February 1944": events 1945-yalta-conference-4-11 (1945-02-04)
    # flag "March 1993": institutions open-skies (signed in Helsinki 1992-03-24)
    # right "December 1987": institutions inf-treaty (1987-12-08); right "19 November 1990": institutions
    # cfe-treaty (signed 1990-11-19); right "21 November": events 1990-charter-paris-new-europe (1990-11-21)
    # right "1975": events 1975-helsinki-final-act-signed
    # silent: the Cuban missile crisis of October 1962 and the NPT of 1968 (not in the tables)
    ("long peace: deterrence and treaties", """**Outline:** Introduction; deterrence; spheres of influence; arms control; norms; conclusion.

John Lewis Gaddis called the Cold War "the long peace" because the superpowers never fought each other directly. Several deterministic factors explain it.

**Deterrence.** Nuclear weapons made a direct war suicidal. The Cuban missile crisis of October 1962 showed how close the danger came, and both sides drew back.

**Spheres of influence.** The Yalta conference of February 1944 had already sketched a division of Europe that both sides tacitly respected, so that crises in Berlin or Hungary did not become wars.

**Arms control.** Agreements turned deterrence into a managed relationship. The Non-Proliferation Treaty of 1968 limited the number of nuclear states, and the INF Treaty, signed in December 1987, abolished a whole class of missiles. In Paris the CFE Treaty was signed on 19 November 1990, and the Charter of Paris two days later, on 21 November, closing the era. The pattern continued after the Cold War: the Open Skies Treaty, signed in Helsinki in March 1993, let each side fly over the other's territory.

**Norms.** The Helsinki Final Act of 1975 recognised borders and legitimised the status quo, turning the balance into a rule.

**Conclusion.** The long peace rested on fear, on geography and on rules. When the rules eroded after 2014 and the treaties lapsed, the peace between great powers did not end, but the war in Ukraine shows what happens on the edges of spheres when the rules are no longer respected.""",
     {"flags": ["February 1944", "March 1993"],
      "right": ["December 1987", "19 November 1990", "21 November", "1975"]},
     "css-2019-ir2-cold-war-peace"),

    # flag "8 December 1988": institutions inf-treaty (signed 1987-12-08)
    # flag "12 December 2008": events 2007-russias-suspension-moratorium-1990 (2007-12-12)
    # right "1 August 1975": events
    # 1975-helsinki-final-act-signed; right "35 states": same row
    # silent: the hotline agreed in 1963 (not in the tables)
    ("long peace: rules of the game", """**Outline:** 1. The puzzle 2. Rules of the game 3. Arms control 4. The end of the rules 5. Conclusion

**The puzzle.** Between 1945 and 1991 two superpowers with opposed ideologies and vast arsenals never went to war with each other. Deterministic factors, not luck, explain this.

**Rules of the game.** The superpowers learned to communicate: the hotline agreed in 1963 was a modest device with a large meaning. The Helsinki Final Act, signed on 1 August 1975 by 35 states, wrote the rules down, recognising the post-war borders and committing all sides to settle disputes peacefully.

**Arms control.** The INF Treaty, signed by Reagan and Gorbachev at the White House on 8 December 1988, removed the intermediate-range missiles that had made Europe a hair-trigger battlefield. Arms control built predictability, and predictability sustained peace.

**The end of the rules.** After the Cold War the rules eroded. Russia suspended the CFE Treaty with a "moratorium" that took effect on 12 December 2008, and later wars in Georgia and Ukraine showed that the long peace among great powers did not mean peace on their margins.

**Conclusion.** The long peace was engineered. Nuclear deterrence created the incentive for restraint, but rules, treaties and institutions turned that incentive into a working order. When the rules went, the order weakened, which is why the renewal of arms control matters for smaller nuclear states such as Pakistan.""",
     {"flags": ["8 December 1988", "12 December 2008"],
      "right": ["1 August 1975", "35 states"]},
     "css-2019-ir2-cold-war-peace"),

    # --- css-2017-ir-q2: liberal internationalism and realism ---------------------------------------------------
    # flag "1996": events 1994-russia-joins-natos-partnership (1994); institutions partnership-for-peace
    # (1994-06-22); (1996 is the Council of Europe: a different event)
    # flag "spring of 2015": events 2014-putin-announces-russia-will (2014-03-18)
    # right "2012": events 2012-russia-becomes-156th-member; right "1994", "1 December 1997": institutions
    # eu-russia-pca; right "2008": events 2008-russo-georgian-war-fighting
    ("liberal and realist: the russian test", """**Outline:** Definitions; the liberal project for Russia; the realist reading; essential differences; conclusion.

**Definitions.** Liberal internationalism holds that trade, institutions and democracy can transform relations among states; realism holds that anarchy forces states to pursue power and security, whatever their regime.

**The liberal project.** Russia after 1991 was liberalism's great experiment. The EU signed a Partnership and Cooperation Agreement with it in 1994, which entered into force on 1 December 1997; NATO opened its Partnership for Peace to it, and Russia joined in 1996; and Russia finally entered the WTO in 2012 as its 156th member. The theory predicted that each layer of interdependence would make conflict less likely.

**The realist reading.** Realists were never persuaded. For them Russia remained a great power with a sphere of influence it would defend. The war with Georgia in 2008 and the moment when Russia swallowed Crimea in the spring of 2015 confirmed their view that economic ties do not trump security.

**Essential differences.** The two theories differ over human nature and the state (optimistic or pessimistic), over the role of institutions (transformative or epiphenomenal), over economic interdependence (pacifying or a vulnerability) and over the unit that matters (regimes and societies, or states as billiard balls).

**Conclusion.** Russia's path shows realism's explanatory strength in the short run, while liberalism explains why Russia paid a high price for its wars. Realism dominates the discipline because it explains the wars that liberal hopes did not prevent.""",
     {"flags": ["1996", "spring of 2015"],
      "right": ["1994", "1 December 1997", "2012", "2008"]},
     "css-2017-ir-q2"),

    # --- css-2023-ir1-q2: constructivism and realism ----------------------------------------------------------------
    # flag "February 2023": events 2024-navalny-dies-penal-colony (2024-02-16)
    # flag "80%": polls levada_ukraine 2022-11 Negative (70)
    # right "5 March 2000": events 2000-putin-tells-bbc-breakfast; right "31 March 2023": events
    # 2023-putin-approves-new-foreign; right "55%", "February 2021": polls levada_ukraine 2021-02 Positive (55)
    # right "20%", "November 2022": polls levada_ukraine 2022-11 Positive (20)
    ("constructivism and realism: identity and opinion", """**Outline:** (1) the two approaches; (2) Russia's identity shift; (3) opinion as evidence; (4) the realist rejoinder; (5) comparison.

**The two approaches.** Realism explains state behaviour by the distribution of power; constructivism by identities and norms, which are socially made and can change.

**Russia's identity shift.** On 5 March 2000 Putin told the BBC he could not imagine Russia in isolation from Europe. By 31 March 2023 his new Foreign Policy Concept described Russia as an "original country-civilization" opposed to the West. Constructivists see here a change of identity, not just of interests, and the death of Alexei Navalny in an Arctic penal colony in February 2023 marked the end of the alternative, pro-European identity he represented.

**Opinion as evidence.** Levada's polls show how quickly an identity can be reshaped. In February 2021, 55% of Russians felt positive about Ukraine; by November 2022 only 20% did, with 80% negative. Realism, which treats public opinion as marginal, has little to say about such swings; constructivism makes them central.

**The realist rejoinder.** Realists answer that identities follow power: Russia rediscovered its "civilisation" only when it was strong enough to challenge the West, and its war aims are those of any great power guarding its periphery.

**Comparison.** Realism is parsimonious and explains the timing of conflict; constructivism is richer and explains its meaning and intensity. A good answer uses both: power set the stage, identity wrote the script.""",
     {"flags": ["February 2023", "80%"],
      "right": ["5 March 2000", "31 March 2023", "February 2021", "55%", "20%"]},
     "css-2023-ir1-q2"),

    # --- css-2022-ir1-q3: democratic peace -------------------------------------------------------------------------
    # flag "December 2017": events 2016-obama-expels-35-russian (2016-12-29)
    # flag "6 January 2016": events 2017-us-intelligence-report-concludes (2017-01-06)
    # right "10 December 2011": events 2011-biggest-moscow-protest-since; right "4 December": same row
    # (the disputed Duma election of 4 Dec 2011); right "June 2019": events 2019-drug-charges-against-meduza
    # (2019-06-11)
    ("democratic peace: regime and foreign policy", """**Outline:** The theory; Russia as a test case; interference abroad; public pressure at home; evaluation.

**The theory.** Democratic peace theory holds that democracies rarely fight one another, because their leaders face voters, a free press and institutional checks, and because they share norms of peaceful compromise.

**Russia as a test case.** Russia's authoritarian turn and its growing aggressiveness fit the theory. The mass protest of 10 December 2011 at Bolotnaya Square, after the disputed Duma election of 4 December, opened the last large challenge to the regime; after it, repression deepened and foreign policy grew bolder.

**Interference abroad.** An autocracy also treats other states' democracy as a battlefield. Obama expelled 35 Russian diplomats in December 2017 over election hacking, and the US intelligence report of 6 January 2016 concluded that Putin had ordered an influence campaign against the American election.

**Public pressure at home.** Even in an autocracy, public pressure can work on small issues. When the journalist Ivan Golunov was framed on drug charges, a solidarity campaign won his release in June 2019. But such victories never touched foreign policy.

**Evaluation.** The Russian case supports the theory's logic: the fewer the domestic checks, the more freely a leader can choose war. But democracies are not always peaceful: the United States invaded Iraq in 2003 without a UN mandate. The theory describes relations among democracies, not the foreign policy of democracies in general.""",
     {"flags": ["December 2017", "6 January 2016"],
      "right": ["10 December 2011", "4 December", "June 2019"]},
     "css-2022-ir1-q3"),

    # clean.
    # right "March 1999": events 1999-nato-begins-bombing-yugoslavia (1999-03-24); right "August 2008":
    # events 2008-russo-georgian-war-fighting; right "February 1996": events 1996-russia-accedes-council-europe;
    # right "17 March 2023": events 2023-international-criminal-court-issues
    # right "January 2005": episodes 2005-benefit-monetization-protests (2005-01)
    # silent: the US invasion of Iraq in 2003 (not in the tables)
    ("democratic peace: examples both ways, clean", """**Outline:** claim; supporting examples; counter-examples; Russia; conclusion.

**Claim.** The argument that democracies pursue peaceful foreign policies has two versions: a strong one (democracies are peaceful in general) and a weak one (democracies do not fight each other). The evidence supports only the weak one.

**Counter-examples to the strong version.** Democracies go to war, sometimes without a UN mandate. NATO, an alliance of democracies, began bombing Yugoslavia in March 1999 over Kosovo, and the United States invaded Iraq in 2003.

**Russia.** Russia's record shows how regime and war go together. In January 2005 mass protests against the monetisation of benefits forced the government to concede, a sign that public opinion still counted. As checks weakened, force became easier: Russia fought democratic Georgia in August 2008, and after the full-scale invasion of Ukraine the International Criminal Court issued an arrest warrant for Putin on 17 March 2023 over the deportation of children.

**Norms.** Russia's own membership of the Council of Europe, which it joined in February 1996, once bound it to democratic norms. Its exit shows that norms bind only those who choose to keep them.

**Conclusion.** Concrete examples support a qualified claim: democracies are not always peaceful, but they are peaceful towards one another, and autocracies find war easier to start and harder to stop.""",
     {"flags": [],
      "right": ["March 1999", "January 2005", "August 2008", "17 March 2023", "February 1996"]},
     "css-2022-ir1-q3"),

    # --- css-2017-ir-q5: the rise of China and multipolarity ----------------------------------------------------------
    # flag "$250 billion": economy china_trade 2023 (240.11)
    # flag "46%": polls pew_russia_opinion_median 2013-03 Favorable (36)
    # right "$190 billion": economy china_trade 2022 (190.27); right "75%", "July 2015": polls levada_china
    # 2015-07 Positive (75); right "39%": polls pew_russia_opinion_median 2013-03 Unfavorable (39)
    ("multipolarity: china's rise in figures", """**Outline:** balance of power returns; the Russia-China partnership in figures; soft power; security architecture; conclusion.

**Balance of power returns.** The rise of China has revived the language of balance of power. A multipolar world has several centres of power, and the security architecture built around American primacy is under strain.

**The partnership in figures.** Russia is China's most important strategic partner, and the figures show the shift. Bilateral trade rose from about $190 billion in 2022 to $250 billion in 2023, as Russia sent oil east and imported Chinese cars and machinery. Russian opinion had already turned east: in July 2015, 75% of Russians felt positive about China.

**Soft power.** Neither Russia nor China has much soft power in the West. Even before the Ukraine crisis, Pew's 2013 survey across 38 nations found a median of only 46% favourable to Russia, with 39% unfavourable. China's image has also declined in most Western democracies.

**Security architecture.** The new architecture is layered: American alliances in Europe and Asia (NATO, the Quad, AUKUS), Chinese-led economic institutions, and forums such as the SCO and BRICS where the non-Western powers coordinate. Arms control, which held the old system together, is collapsing.

**Conclusion.** The world is moving towards multipolarity, but an unbalanced one: China is the only real peer of the United States, and Russia's role is that of a spoiler. Pakistan must navigate this order by keeping ties with all poles.""",
     {"flags": ["$250 billion", "46%"],
      "right": ["$190 billion", "July 2015", "75%", "39%"]},
     "css-2017-ir-q5"),

    # flag "88%": polls pew_russia_self 2013-03 Favorable (83)
    # flag "2019": events 2017-montenegro-joins-nato (2017); episodes 2017-montenegro-nato (2017-06-05)
    # flag "the eighth of April 2011": events 2010-us-russia-sign-new (2010-04-08)
    # right "2014": polls pew_russia_self 2014-03 Favorable (92); right "2020": events
    # 2020-north-macedonia-joins-nato; right "May 2021": events 2021-biden-administration-decides-not
    ("multipolarity: the security architecture", """**Outline:** the argument; Russia's self-image; NATO's growth; the arms control pillar; conclusion.

**The argument.** The return of balance of power politics is not only about China. It is about a Russia that sees itself as an independent pole and acts accordingly.

**Russia's self-image.** Pew found that 88% of Russians held a favourable view of their own country in 2013, and the share rose further in 2014 after the annexation of Crimea, a nationalist mood that made compromise with the West harder.

**NATO's growth.** The alliance kept growing despite Russian objections: Montenegro joined in 2019 and North Macedonia in 2020. Washington still sought accommodation elsewhere, as in May 2021 when it decided not to sanction the company building Nord Stream 2, but enlargement signalled that the door stayed open.

**The arms control pillar.** The treaties that once anchored the architecture have gone. New START, signed in Prague on the eighth of April 2011, was the last of them, and it has since expired, leaving no limits on the two largest arsenals.

**Conclusion.** The essential features of today's security architecture are competing alliances, eroded arms control and weak global institutions. Its evolving dynamics point to a world with two leading powers, the United States and China, and several assertive middle powers, Russia among them. Stability will depend on whether the great powers can agree new rules before a crisis forces them to.""",
     {"flags": ["88%", "2019", "the eighth of April 2011"],
      "right": ["2014", "2020", "May 2021"]},
     "css-2017-ir-q5"),

    # --- css-2020-ir1-q2: neo-realism and constructivism on state behaviour ------------------------------------------
    # flag "December 2008": events 2007-russias-suspension-moratorium-1990 (2007-12-12); institutions cfe-treaty
    # flag "October 2020": events 2021-russia-suspends-nato-mission (2021-10-18)
    # right "November 2023": events 2023-russia-completes-withdrawal-cfe (2023-11-07); right "92%", "2014":
    # polls pew_russia_self 2014-03 Favorable (92); right "1 April 2014": events
    # 2014-nato-foreign-ministers-suspend
    ("neorealism and constructivism: ruxit", """**Outline:** two approaches; the case of Russia's exit from European security; what each explains; conclusion.

**Two approaches.** Neo-realism, after Waltz, explains state behaviour by the structure of the international system: states seek security under anarchy, and their behaviour follows the distribution of capabilities. Constructivism, after Wendt, holds that "anarchy is what states make of it": identities and shared ideas shape interests.

**The case.** Russia's step-by-step exit from the European security order, which Mikhail Polianskii calls "Ruxit", is a good test. Russia suspended the CFE Treaty in December 2008 and completed its withdrawal in November 2023. NATO suspended practical cooperation with Russia on 1 April 2014, and Russia closed its own mission to NATO in October 2020, shutting the last working channel.

**What neo-realism explains.** Each step responded to a shift in capabilities: NATO's growth, American missile defence, the conventional imbalance in Europe. A neo-realist sees a declining great power shedding constraints.

**What constructivism explains.** Constructivists point to identity. Russians' pride in their country grew as ties to the West shrank: in 2014, 92% of Russians viewed their own country favourably. Russia redefined itself as a separate civilisation, and leaving European institutions became an act of identity, not only of calculation.

**Conclusion.** Neo-realism explains why Russia distrusted European security institutions; constructivism explains why it chose to leave them rather than reform them. They differ over the source of interests; they converge in seeing Russian behaviour as rational in its own terms.""",
     {"flags": ["December 2008", "October 2020"],
      "right": ["November 2023", "1 April 2014", "92%"]},
     "css-2020-ir1-q2"),

    # --- css-2018-ir1-neorealism-constructivism ------------------------------------------------------------------------
    # flag "28 May 2001": events 2002-rome-declaration-creates-nato (2002-05-28)
    # flag "33%": polls levada_usa 2014-01 Positive (43)
    # right "80%", "November 1991": polls levada_usa 1991-11 Positive (80); right "13%", "January 2015":
    # polls levada_usa 2015-01 Positive (13); right "81%": polls levada_usa 2015-01 Negative (81)
    ("neorealism and constructivism: attitudes to the usa", """**Outline:** convergence; divergence; the evidence of Russian attitudes; conclusion.

**Convergence.** Neo-realism and constructivism agree that the international system matters more than the inner life of states, and both take great powers as the main actors. Both can account for Russia's move away from the West.

**Divergence.** They disagree over what the system is made of: for neo-realists, the distribution of power; for constructivists, shared ideas and identities. The first predicts that Russia's behaviour follows its capabilities; the second that it follows how Russians see themselves and others.

**The evidence.** Russian attitudes to the United States offer a test. In November 1991, 80% of Russians felt positive about the USA, and Russia's leaders spoke of partnership; even the Rome Declaration of 28 May 2001, which created the NATO-Russia Council, reflected that hope. In January 2014 only 33% of Russians still felt positively about the United States; by January 2015, after Crimea and sanctions, just 13% did and 81% felt negative.

A neo-realist explains the change by the shifting balance of power: a recovering Russia resented American primacy. A constructivist answers that the change was too fast and too deep for capabilities alone: identities were rebuilt by state media, by sanctions read as humiliation, and by a new narrative of Russia as a besieged civilisation.

**Conclusion.** Neo-realism explains the direction of Russia's behaviour; constructivism explains its speed and intensity. The convergence lies in their focus on the system; the divergence in whether that system is material or social.""",
     {"flags": ["28 May 2001", "33%"],
      "right": ["November 1991", "80%", "January 2015", "13%", "81%"]},
     "css-2018-ir1-neorealism-constructivism"),

    # --- css-2023-ir2-q2 again: an answer with several errors and traps in compound sentences ------------------------
    # flag "17 July 2015": events 2014-malaysia-airlines-flight-mh17 (2014-07-17)
    # flag "5 September 2015": events 2014-minsk-protocol-ceasefire-minsk (2014-09-05)
    # flag "6 June 2015": events 2014-first-normandy-format-meeting (2014-06-06)
    # right "27 February 2014": events 2014-armed-pro-russian-gunmen; right "18 March 2014": events
    # 2014-putin-announces-russia-will; right "12 February 2015": events 2015-minsk-ii-package-measures
    ("mearsheimer: the donbas years", """**Outline:** the realist claim; what happened in 2014-15; diplomacy's failure; verdict.

**The realist claim.** Mearsheimer argues that Russia's seizure of Crimea was a defensive reaction to Western moves in Ukraine. The sequence of 2014 is the evidence both sides cite.

**What happened.** Armed men without insignia seized government buildings in Crimea on 27 February 2014, and Putin announced on 18 March 2014 that Russia would annex the peninsula. War in the Donbas followed, and the downing of flight MH17 over eastern Ukraine on 17 July 2015, with 298 people on board, turned a regional conflict into an international one.

**Diplomacy's failure.** Diplomacy began early. Hollande and Merkel brought Putin and Poroshenko together at the D-Day anniversary on 6 June 2015, creating the Normandy format. The Minsk Protocol of 5 September 2015 produced a ceasefire that did not hold, and the Minsk II package of 12 February 2015 set out a sequence neither side would follow. Realists read the failure as proof that Russia's security demands were never met; liberals read it as proof that Russia wanted a frozen conflict as leverage over Kyiv.

**Verdict.** Mearsheimer's account explains Russia's motive in 2014, but the West's response, limited sanctions and years of negotiation, hardly fits the picture of an aggressive West. The crisis was the product of Russia's choice as much as of NATO's expansion.""",
     {"flags": ["17 July 2015", "6 June 2015", "5 September 2015"],
      "right": ["27 February 2014", "18 March 2014", "12 February 2015"]},
     "css-2023-ir2-q2"),

    # --- css-2022-ca-q2 again: UN tallies in several styles -----------------------------------------------------------
    # flag "140-5-35": un_votes ES-11/1 (141-5-35)
    # flag "143 in favour": un_votes ES-11/6 (141 for, 7 against, 32 abstained)
    # flag "98 votes": un_votes ES-11/5 (94 for, 14 against, 73 abstained)
    # right "140 in favour, 5 against and 38 abstentions": un_votes ES-11/2 (2022-03-24, 140/5/38)
    # right "24 March 2022": un_votes ES-11/2; right "14 November 2022": un_votes ES-11/5
    ("pakistan options: the tallies", """**Outline:** Pakistan's voting record; what it says; options; recommendation.

**The record.** Pakistan's UN votes since the invasion form a consistent pattern of abstention. The first resolution, ES-11/1 of 2 March, passed 140-5-35. The humanitarian resolution of 24 March 2022 passed with 140 in favour, 5 against and 38 abstentions, Pakistan again abstaining. On 14 November 2022 the Assembly voted to set up a register of damage for reparations, by 98 votes to 14 with 73 abstentions. On the war's first anniversary the Assembly called for a just and lasting peace with 143 in favour, 7 against and 32 abstentions.

**What it says.** Pakistan's abstentions did not mean support for Russia. Its envoys repeatedly affirmed sovereignty and territorial integrity while regretting that these principles are not applied universally, a reference to Kashmir and Palestine.

**Options.** Pakistan can (a) keep abstaining and present itself as a bridge; (b) join the Western majority to secure economic support from the US and the EU; or (c) align with Russia and China in the hope of cheap energy and diplomatic cover.

**Recommendation.** The first option has served Pakistan well: it has kept doors open in Washington, Moscow and Beijing at once. It should be paired with active diplomacy, for instance support for humanitarian initiatives such as the grain corridor, so that neutrality is seen as engagement rather than indifference.""",
     {"flags": ["140-5-35", "98 votes", "143 in favour"],
      "right": ["24 March 2022", "140 in favour, 5 against and 38 abstentions", "14 November 2022"]},
     "css-2022-ca-q2"),

    # --- css-2023-ca-q4 again: a year alone, two events a sentence -------------------------------------------------------
    # flag "2016": events 2014-malaysia-airlines-flight-mh17 (2014)
    # flag "2010": events 2008-nato-bucharest-summit-declares (2008)
    # flag "2021": events 2023-russia-exits-grain-deal (2023-07-17)
    # right "2013": events 2013-kyiv-suspends-preparations-eu (2013-11-21); right "2014": events
    # 2014-putin-announces-russia-will; right "2022": events 2022-russia-launches-full-scale;
    # right "2024": events 2024-ukraine-kursk-incursion (2024-08-06)
    ("invasion causes: years alone", """**Outline:** causes (strategic, political, economic); consequences for the world; impact on Pakistan; the lesson.

**Strategic causes.** Russia's leaders never accepted NATO's promise at Bucharest in 2010 that Ukraine would one day join. They treated Ukraine's turn to Europe, which began with the protests of 2013 and the annexation of Crimea in 2014, as a strategic loss to be reversed.

**Political causes.** The regime needed a cause. A war against a "Western puppet" justified repression at home and silenced critics, and the West's limited response to the shooting down of MH17 in 2016 suggested that it would not fight.

**Economic causes.** Ukraine's industry, ports and grain were prizes in themselves, and control of the Black Sea coast mattered for Russian exports.

**Consequences.** The full-scale war of 2022 disrupted grain markets, especially after Russia left the Black Sea grain deal in 2021, and it raised energy prices worldwide. By 2024 Ukraine had even carried the war into Russia's Kursk region.

**Impact on Pakistan.** Pakistan, which imports wheat and oil, suffered from price shocks that deepened its balance-of-payments crisis and pushed it back to the IMF.

**Lesson.** The severe lesson for Pakistan's survival is that strategic autonomy requires economic strength: a country that cannot feed or fuel itself cannot choose its friends.""",
     {"flags": ["2010", "2016", "2021"],
      "right": ["2013", "2014", "2022", "2024"]},
     "css-2023-ca-q4"),

    # --- css-2014-ir-q3 again: dates in words, four planted errors ------------------------------------------------------
    # flag "sixth of September 1992": events 1991-leningrads-name-reverts-saint (1991-09-06)
    # flag "first of January 1996": events 1995-csce-becomes-organization-security (1995-01-01)
    # flag "February 2009": events 2007-putins-munich-security-conference (2007-02-10)
    # flag "summer of 2013": events 2012-russia-becomes-156th-member (2012-08-22)
    # right "December 1991": events 1991-ussr-formally-dissolved-declaration; right "May 1997": events
    # 1997-nato-russia-founding-act (1997-05-27); right "last day of 1999": events 1999-boris-yeltsin-resigns-prime
    # (1999-12-31); right "summer of 2008": events 2008-russo-georgian-war-fighting (2008-08-08)
    ("balance of power: after the demise, in words", """**Outline:** the concept; a decade without balancing; the return of balancing; relevance.

**The concept.** Balance of power means that when one state grows too strong, others combine against it. After the demise of the Soviet Union in December 1991 the concept looked obsolete: there was nothing left to balance the United States.

**A decade without balancing.** Russia's first instinct was to join the West, not to balance it. Symbols mattered: Leningrad took back the name of Saint Petersburg on the sixth of September 1992, and the Conference on Security and Co-operation in Europe became a permanent organisation, the OSCE, on the first of January 1996, with Russia as a full participant. NATO and Russia signed their Founding Act in Paris in May 1997, promising to build a common security space.

**The return of balancing.** The mood changed when Yeltsin resigned on the last day of 1999 and handed power to Putin. Putin at first sought partnership, but by his Munich speech of February 2009 he was denouncing a unipolar world. The war of the summer of 2008 in Georgia had already shown that Russia would use force to stop NATO's advance in its neighbourhood, even as it kept negotiating its entry into the WTO, which it finally achieved in the summer of 2013.

**Relevance.** The concept is relevant again, but in a mixed form. Russia balances by force in its near abroad and by partnership with China globally; the United States balances China in Asia. Pakistan, caught between these systems, has always practised the balance of power, and the new multipolarity gives it more room to do so.""",
     {"flags": ["sixth of September 1992", "first of January 1996", "February 2009", "summer of 2013"],
      "right": ["December 1991", "May 1997", "last day of 1999", "summer of 2008"]},
     "css-2014-ir-q3"),

    # --- css-2022-ca-q7 again: clean, with traps -------------------------------------------------------------------------
    # clean.
    # right "twenty-fourth of February 2022": events 2022-russia-launches-full-scale; right "March 2024": events
    # 2024-sweden-becomes-natos-32nd; right "eleven months after Finland": events 2023-finland-becomes-natos-31st
    # (2023-04-04); right "48%", "USA in August 2025": polls levada_usa 2025-08 Positive (48); right "34%",
    # "October 2025": polls levada_usa 2025-10 Positive (34); right "mid-August 2025": events
    # 2025-trump-putin-alaska-summit (2025-08-15); right "2024", "$244.8 billion": economy china_trade 2024
    # silent: the US tariffs on Chinese goods of 2018 and 2025 (not in the tables)
    ("second cold war: the view from 2025, clean", """**Outline:** the thesis of a second cold war; Russia and the West; the American swing; China; verdict.

**The thesis.** The trade war that began with American tariffs on Chinese goods in 2018, and escalated again with the tariff war of 2025, led many scholars to speak of a second cold war. The question is whether Russia's conflict with the West belongs to the same contest.

**Russia and the West.** Since the twenty-fourth of February 2022 Europe has treated Russia as its main threat. NATO now borders Russia along the whole Finnish frontier, and Sweden became the alliance's thirty-second member in March 2024, eleven months after Finland.

**The American swing.** Yet the American side of the triangle is unstable. Around the time Trump met Putin in Anchorage in mid-August 2025, Russian attitudes to the United States warmed sharply: Levada found 48% of Russians positive about the USA in August 2025, though the figure fell back to 34% by October 2025 when no peace followed. A cold war needs fixed camps; these figures show how fluid the camps are.

**China.** China is the real rival of the United States, and Russia's economic dependence on it grows: bilateral trade reached a record $244.8 billion in 2024. But Beijing trades with Europe and America on a far larger scale and has no wish to lead an anti-Western bloc.

**Verdict.** The future order is multipolar with a bipolar core: the US-China rivalry sets the structure, Russia plays the spoiler, and middle powers bargain between them. Calling it a second cold war captures the rivalry but misses its economic interdependence.""",
     {"flags": [],
      "right": ["twenty-fourth of February 2022", "March 2024", "eleven months after Finland", "mid-August 2025",
                "48%", "USA in August 2025", "34%", "October 2025", "$244.8 billion"]},
     "css-2022-ca-q7"),
]
