"""Which texts share passages, and which passages.

Two steps, so that 500 essays take seconds rather than the minutes an all-pairs comparison takes:

1. Candidates. Each paragraph of every text is fingerprinted with a MinHash of its word 3-grams and put in
   a MinHash LSH index (`datasketch`: a small, well-kept, widely used implementation of exactly this, with
   the banding arithmetic done right; writing our own would be longer and less trusted). Two texts become
   a candidate pair when some paragraph of one resembles some paragraph of the other, so a copied
   paragraph is found even inside an otherwise honest essay, and re-ordering paragraphs changes nothing.
2. Passages. For each candidate pair every sentence of one is scored against every sentence of the other
   with `rapidfuzz` (C++ edit-distance similarity, far faster than `difflib`), so a sentence with a few
   words changed still matches. Matched sentences that follow one another in both texts are joined into
   one passage, shown side by side in the report.

A pair's strength is the share of the words of the more-copied text (for a model answer or a lesson: of
the essay) that lie in matched sentences, counting only sentences long enough to compare.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz, process

from course.similarity.texts import MIN_WORDS, Text

NUM_PERM = 128
SHINGLE = 3  # words per shingle: short enough to survive light paraphrase, long enough to be specific
CANDIDATE_JACCARD = 0.2  # paragraphs this alike (3-gram Jaccard) make their texts a candidate pair
# A 3-gram found in more than COMMON_SHARE of the class's essays, and in more than COMMON_MIN, is the topic's
# vocabulary ("the council of europe", "24 february 2022"), not evidence: essays are not paired on it (it
# would make almost every pair a candidate in a large class). The floor keeps a copy ring of up to 25 essays
# visible whatever the class's size; the sentence comparison afterwards ignores this rule.
COMMON_SHARE = 0.2
COMMON_MIN = 25
CHUNK_WORDS = 40  # paragraphs shorter than this are joined to the next one before fingerprinting
CHUNK_MAX = 120  # and longer ones are cut
SENTENCE_SCORE = 78  # rapidfuzz ratio (0-100) from which two sentences count as the same sentence


@dataclass
class Passage:
    left: list[int]  # sentence indices in the first text
    right: list[int]  # in the second
    score: float  # mean sentence similarity, 0-100


@dataclass
class Match:
    first: int  # indices into the list of texts given to `find`
    second: int
    strength: float  # 0-1
    shared_words: int
    passages: list[Passage]


def _chunks(text: Text) -> list[list[str]]:
    """Word lists of about a paragraph each: short paragraphs joined, long ones (or an essay written as one
    block) cut at a sentence after CHUNK_MAX words, so that a copied paragraph is never drowned in its
    surroundings."""
    chunks, current = [], []
    for paragraph in text.paragraphs:
        for i in paragraph:
            current.extend(text.sentences[i].key.split())
            if len(current) >= CHUNK_MAX:
                chunks.append(current)
                current = []
        if len(current) >= CHUNK_WORDS:
            chunks.append(current)
            current = []
    if current:
        if chunks and len(current) < CHUNK_WORDS // 2:
            chunks[-1].extend(current)
        else:
            chunks.append(current)
    return chunks


def _shingles(words: list[str]) -> list[int]:
    """The chunk's word 3-grams as 32-bit CRCs: hashed once here (C speed), so MinHash takes them as they are."""
    return list({zlib.crc32(" ".join(words[i:i + SHINGLE]).encode())
                 for i in range(max(1, len(words) - SHINGLE + 1))})


def _common(texts: list[Text], owners: list[int], shingle_sets: list[list[int]]) -> set[int]:
    """3-grams found in so many students' essays that they say nothing about who copied whom."""
    documents: dict[int, set[int]] = {}
    for owner, shingles in zip(owners, shingle_sets):
        if texts[owner].kind == "student":
            for shingle in shingles:
                documents.setdefault(shingle, set()).add(owner)
    students = sum(t.kind == "student" for t in texts)
    limit = max(COMMON_MIN, COMMON_SHARE * students)
    return {shingle for shingle, owners_of in documents.items() if len(owners_of) > limit}


def _alike(queries: list[tuple[int, list[int]]], indexed: list[tuple[int, list[int]]] | None) -> set[tuple[int, int]]:
    """Owner pairs (i, j), i < j, of a query chunk and an indexed chunk that look alike (MinHash LSH).

    With `indexed` None the queries are compared among themselves (each is indexed after it is queried).
    """
    among_themselves = indexed is None
    queries = [(owner, shingles) for owner, shingles in queries if shingles]
    indexed = [] if among_themselves else [(owner, shingles) for owner, shingles in indexed if shingles]
    hashes = MinHash.bulk([shingles for _, shingles in indexed + queries], num_perm=NUM_PERM, hashfunc=int)
    owners = [owner for owner, _ in indexed + queries]
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    for key in range(len(indexed)):
        lsh.insert(key, hashes[key])
    pairs = set()
    for key in range(len(indexed), len(owners)):
        for other in lsh.query(hashes[key]):
            i, j = sorted((owners[key], owners[other]))
            # the LSH bands let some less alike paragraphs through: the MinHash estimate sends them back
            if i != j and (i, j) not in pairs and hashes[key].jaccard(hashes[other]) >= CANDIDATE_JACCARD:
                pairs.add((i, j))
        if among_themselves:
            lsh.insert(key, hashes[key])
    return pairs


def candidates(texts: list[Text], pairable) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, of texts with at least one pair of alike paragraphs, among those `pairable`.

    Essays are paired on their uncommon phrases only (see `_common`); an essay and a model answer or a
    lesson on all their phrases, so that a model answer copied by half the class is still found.
    """
    owners, shingle_sets = [], []
    for index, text in enumerate(texts):
        for chunk in _chunks(text):
            owners.append(index)
            shingle_sets.append(_shingles(chunk))
    common = _common(texts, owners, shingle_sets)
    students = [(o, [s for s in shingles if s not in common]) for o, shingles in zip(owners, shingle_sets)
                if texts[o].kind == "student"]
    essays = [(o, shingles) for o, shingles in zip(owners, shingle_sets) if texts[o].kind == "student"]
    references = [(o, shingles) for o, shingles in zip(owners, shingle_sets) if texts[o].kind != "student"]
    pairs = _alike(students, None) | (_alike(essays, references) if references and essays else set())
    return {(i, j) for i, j in pairs if pairable(texts[i], texts[j])}


def _runs(matched: list[tuple[int, int, float]]) -> list[Passage]:
    """Join sentence matches that follow each other in both texts into passages."""
    passages: list[Passage] = []
    for i, j, score in sorted(matched):
        last = passages[-1] if passages else None
        if last and i == last.left[-1] + 1 and j == last.right[-1] + 1:
            n = len(last.left)
            last.left.append(i)
            last.right.append(j)
            last.score = (last.score * n + score) / (n + 1)
        else:
            passages.append(Passage([i], [j], score))
    return passages


def compare(a: Text, b: Text, only_first: bool = False) -> tuple[float, int, list[Passage]]:
    """(strength, shared words, passages) of two texts; `only_first` measures strength on `a` alone."""
    left = [i for i, s in enumerate(a.sentences) if s.words >= MIN_WORDS]
    right = [j for j, s in enumerate(b.sentences) if s.words >= MIN_WORDS]
    if not left or not right:
        return 0.0, 0, []
    scores = process.cdist([a.sentences[i].key for i in left], [b.sentences[j].key for j in right],
                           scorer=fuzz.ratio, score_cutoff=SENTENCE_SCORE, dtype=np.uint8)
    best_right = scores.argmax(axis=1)
    matched = [(left[r], right[c], float(scores[r, c])) for r, c in enumerate(best_right) if scores[r, c]]
    if not matched:
        return 0.0, 0, []
    words_a = sum(a.sentences[i].words for i, _, _ in matched)
    # shares are of the words in sentences long enough to compare (headings like "Conclusion." are not)
    strength = words_a / max(1, sum(a.sentences[i].words for i in left))
    if not only_first:
        rows_for = {c for c in np.nonzero(scores.max(axis=0))[0]}
        words_b = sum(b.sentences[right[c]].words for c in rows_for)
        strength = max(strength, words_b / max(1, sum(b.sentences[j].words for j in right)))
    return min(1.0, strength), words_a, _runs(matched)


def find(texts: list[Text], threshold: float, all_pairs: bool = False) -> list[Match]:
    """Every pair above `threshold`, strongest first. Student-student and student-reference pairs only.

    `all_pairs` skips the LSH step and compares every pair (the benchmark's baseline; same answers).
    """
    def pairable(x: Text, y: Text) -> bool:
        return "student" in (x.kind, y.kind) and not (x.kind == y.kind == "student" and x.label == y.label)

    if all_pairs:
        pairs = {(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts)) if pairable(texts[i], texts[j])}
    else:
        pairs = candidates(texts, pairable)
    matches = []
    for i, j in sorted(pairs):
        if texts[i].kind != "student":  # the essay first, the reference second
            i, j = j, i
        reference = texts[j].kind != "student"
        strength, shared, passages = compare(texts[i], texts[j], only_first=reference)
        if strength >= threshold and passages:
            matches.append(Match(i, j, strength, shared, passages))
    return sorted(matches, key=lambda m: (-m.strength, -m.shared_words, m.first, m.second))
