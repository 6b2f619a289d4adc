"""`course similarity` on 500 essays against the naive comparison of every pair, in the same run.

The essays are synthetic but written in the course's terms: sentences composed at random from phrases
about the Russia-West break (openers, subjects, claims, objects, qualifiers), so that honest essays share
the question's vocabulary, as real ones do, without sharing sentences. Planted among them: verbatim copies
of another essay, copies lightly paraphrased and re-ordered, an essay made of the model answer and one
made of a lesson's text. The report must find every planted pair and no honest one, or the speed means
nothing.

The baseline is the same sentence comparison (`compare.find(all_pairs=True)`) run on every pair of essays,
without the MinHash LSH step; it is measured on a random sample of pairs and scaled to all of them, since
running all 125,000 pairs would take this benchmark far past its point. Both run in this one process, one
core. On a shared machine the wall time moves with whatever else runs: the CPU seconds and the load average
are recorded beside it, so a ratio can be judged.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

ASSIGNMENT = "a1_westernization"
ESSAYS = 500
BASELINE_SAMPLE = 3000  # pairs the naive comparison is timed on
BUDGET_S = 30  # CPU seconds: "well under a minute on 2 cores" (and the wall time under a minute, whatever the load)

OPENERS = ["", "", "In my view,", "It is often argued that", "Seen from Islamabad,", "On this evidence,",
           "Realists would add that", "A constructivist would reply that", "Put simply,", "Taken together,",
           "By contrast,", "What matters most is that", "Looking back,", "Critics answer that",
           "The record suggests that", "One could object that", "For this reason", "Even so,", "At first sight",
           "Most observers now accept that", "Western capitals tend to forget that", "Moscow insists that"]
SUBJECTS = ["the break between Russia and the West", "Moscow's turn away from Europe", "the sanctions regime",
            "the enlargement of NATO", "the suspension of New START", "Russian public opinion",
            "the Foreign Policy Concept of 2023", "the war in Ukraine", "the Kremlin", "Western governments",
            "the collapse of arms control", "the partnership between Moscow and Beijing",
            "Pakistan's careful neutrality", "the energy relationship with Europe", "the idea of a new Cold War",
            "the security order built after 1991", "the Levada polls", "the exclusion from the Council of Europe",
            "the talk of red lines", "the search for new markets in Asia", "the Russian elite",
            "the end of the INF Treaty", "the rivalry between Washington and Beijing", "the Global South"]
CLAIMS = ["has deepened because of", "reflects", "cannot be understood without", "was sped up by", "rests on",
          "has been hardened by", "illustrates", "depends less than we think on", "has outlived",
          "is shaped above all by", "undermines", "strengthens the case for", "grew out of", "is a reaction to",
          "leaves little room for", "was never only about", "points towards", "sits uneasily with",
          "is the clearest sign of", "owes more to", "is best read as a symptom of", "made room for"]
OBJECTS = ["a long history of mistrust", "the crisis of 2014", "the full-scale invasion of February 2022",
           "the domestic politics of the Putin years", "a clash of norms rather than of interests",
           "the logic of the balance of power", "the fear of a colour revolution", "the loss of shared rules",
           "a looser and more multipolar order", "the hunt for trading partners outside Europe",
           "the way identity is built in interaction", "an arms race without transparency",
           "the memory of the 1990s", "the promise made at Bucharest in 2008",
           "a public that no longer looks to Europe", "the asymmetry between Russia and China",
           "the costs that sanctions impose slowly", "the ideas that each side holds about the other",
           "the limits of deterrence by threat", "the choices open to middle powers such as Pakistan",
           "a security dilemma that neither side manages", "the failure of every reset since 2009"]
QUALIFIERS = ["", "", "", "and this is unlikely to change soon", "although the evidence is mixed",
              "as the opinion data suggest", "which sanctions alone did not reverse", "at least for a decade",
              "even if a new leader came to power", "if the lessons' timeline is any guide",
              "and examiners will expect a date for it", "though the article overstates it",
              "which is where the analogy with 1947 breaks down", "for reasons both sides share",
              "as Pakistan has learned in its own region", "and the treaties record it plainly"]
ADVERBS = ["", "", "", "", "clearly", "largely", "perhaps", "still", "arguably", "mostly", "partly", "plainly",
           "in the end", "for now", "above all", "once again", "no longer simply", "in practice"]
HEADINGS = ["Introduction", "Background", "The evidence", "Society and the state", "Theory", "China's place",
            "Counter-argument", "Pakistan angle", "Conclusion"]
SYNONYMS = {"break": "rupture", "deepened": "grown", "long": "lengthy", "clearest": "plainest",
            "careful": "cautious", "shaped": "formed", "understood": "grasped", "history": "record",
            "limits": "bounds", "costs": "burdens", "choices": "options", "looser": "less rigid",
            "memory": "recollection", "public": "population", "failure": "collapse", "fear": "dread",
            "reflects": "mirrors", "illustrates": "shows", "undermines": "weakens", "search": "quest"}


def _sentence(rng: random.Random) -> str:
    opener, qualifier = rng.choice(OPENERS), rng.choice(QUALIFIERS)
    subject = rng.choice(SUBJECTS)
    text = f"{opener} {subject}" if opener else subject[0].upper() + subject[1:]
    adverb = rng.choice(ADVERBS)
    text += f" {adverb + ' ' if adverb else ''}{rng.choice(CLAIMS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.4:
        text += f" and {rng.choice(OBJECTS)}"
    return text + (f", {qualifier}" if qualifier else "") + "."


def honest_essay(rng: random.Random, words: tuple[int, int] = (700, 1500)) -> str:
    """An essay in headed paragraphs of composed sentences, between the two word counts."""
    target, paragraphs, count = rng.randint(*words), [], 0
    headings = iter(HEADINGS)
    while count < target:
        sentences = [_sentence(rng) for _ in range(rng.randint(3, 7))]
        heading = next(headings, None)
        paragraphs.append((f"**{heading}.** " if heading else "") + " ".join(sentences))
        count += sum(len(s.split()) for s in sentences)
    return "\n\n".join(paragraphs)


def paraphrase(essay: str, rng: random.Random) -> str:
    """Light paraphrase: synonyms swapped in, one sentence in six dropped, paragraphs and sentences shuffled."""
    paragraphs = []
    for paragraph in essay.split("\n\n"):
        head, _, body = paragraph.rpartition(".** ")
        sentences = [s.rstrip(".") + "." for s in body.split(". ") if rng.random() > 1 / 6]
        rng.shuffle(sentences)
        words = ((head + ".** ") if head else "").split() + " ".join(sentences).split(" ")
        paragraphs.append(" ".join(SYNONYMS.get(w, w) if rng.random() < 0.7 else w for w in words))
    rng.shuffle(paragraphs)
    return "\n\n".join(p for p in paragraphs if p.strip())


def _stub() -> str:
    return "Write your outline first, then your answer, in this cell (double-click to edit).\n\n"


def make_class(root: Path, n: int = ESSAYS, seed: int = 2026) -> tuple[Path, set[frozenset[str]]]:
    """A class folder with n essay submissions of ASSIGNMENT; returns it and the planted pairs (by label)."""
    import nbformat

    from course import paths
    from course.similarity import texts

    rng = random.Random(seed)
    course = root / "class"
    shutil.copytree(paths.ASSIGNMENTS / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    source_nb = course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    model = texts.read_source(source_nb.parent).essays["essay_answer"]
    lesson = "\n\n".join(c.source for c in nbformat.read(paths.NOTEBOOKS / "01_westernization_and_rupture.ipynb",
                                                          as_version=4).cells if c.cell_type == "markdown")
    lesson_paragraphs = [p for p in lesson.split("\n\n") if len(p.split()) > 40][:12]
    essays, planted = {}, set()
    for i in range(n):
        essays[f"s{i:03d}"] = honest_essay(rng)
    names = list(essays)
    for k in range(10):  # verbatim copies
        essays[names[20 + k]] = essays[names[100 + k]]
        planted.add(frozenset((names[20 + k], names[100 + k])))
    for k in range(10):  # paraphrased and re-ordered
        essays[names[40 + k]] = paraphrase(essays[names[150 + k]], rng)
        planted.add(frozenset((names[40 + k], names[150 + k])))
    copiers = {"model answer (essay_answer)": names[60:63], "lesson 01_westernization_and_rupture": names[70:73]}
    for name in copiers["model answer (essay_answer)"]:  # the model answer, and a little more
        essays[name] = model + "\n\n" + honest_essay(rng, (120, 200))
    for name in copiers["lesson 01_westernization_and_rupture"]:  # a lesson's text, lightly paraphrased
        essays[name] = paraphrase("\n\n".join(lesson_paragraphs), rng)
    for origin, group in copiers.items():  # each copier pairs with the source and with the other copiers
        planted |= {frozenset((name, other)) for name in group for other in group + [origin] if name != other}
    template = nbformat.read(source_nb, as_version=4)
    for student, essay in essays.items():
        nb = nbformat.from_dict(json.loads(nbformat.writes(template)))
        for cell in nb.cells:
            if texts.is_essay(cell):
                cell.source = _stub() + essay
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{ASSIGNMENT}.ipynb")
    return course, planted


def _found(result) -> set[frozenset[str]]:
    return {frozenset((result.texts[m.first].label, result.texts[m.second].label)) for m in result.matches}


def run(results: Path) -> dict:
    from course import similarity
    from course.similarity import compare

    with tempfile.TemporaryDirectory(prefix="bench-similarity-") as tmp:
        course, planted = make_class(Path(tmp))
        load_before = os.getloadavg()[0]
        started, cpu_started = time.perf_counter(), time.process_time()
        result = similarity.run(course, ASSIGNMENT, out=results / "similarity.html")
        ours_s, ours_cpu = time.perf_counter() - started, time.process_time() - cpu_started
        found = _found(result)
        # the baseline: the same comparison on every pair, timed on a sample and scaled to all pairs
        essays = [t for t in result.texts if t.kind == "student"]
        all_pairs = len(essays) * (len(essays) - 1) // 2
        rng = random.Random(1)
        sample = rng.sample([(i, j) for i in range(len(essays)) for j in range(i + 1, len(essays))],
                            BASELINE_SAMPLE)
        started = time.perf_counter()
        for i, j in sample:
            compare.compare(essays[i], essays[j])
        sample_s = time.perf_counter() - started
    naive_s = sample_s * all_pairs / BASELINE_SAMPLE
    words = [t.words for t in essays]
    summary = {
        "essays": len(essays),
        "words_min_mean_max": [min(words), round(sum(words) / len(words)), max(words)],
        "planted_pairs": len(planted),
        "planted_found": len(planted & found),
        "honest_pairs_flagged": len(found - planted),
        "course_similarity_s": round(ours_s, 2),
        "course_similarity_cpu_s": round(ours_cpu, 2),
        "naive_all_pairs_s": round(naive_s, 1),
        "naive_measured_pairs": BASELINE_SAMPLE,
        "all_pairs": all_pairs,
        "ratio": round(naive_s / ours_s, 1),
        "budget_s": BUDGET_S,
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "within_budget": ours_cpu < BUDGET_S and ours_s < 60 and planted <= found and not (found - planted),
    }
    (results / "similarity.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(f"course similarity: {ours_s:.1f} s for {len(essays)} essays; naive all-pairs: {naive_s:.0f} s "
          f"(from {BASELINE_SAMPLE} of {all_pairs} pairs); ratio {summary['ratio']}x; planted found "
          f"{summary['planted_found']}/{len(planted)}, honest pairs flagged {summary['honest_pairs_flagged']}")
    return summary
