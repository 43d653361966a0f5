"""Copied records (笔录雷同): the same answers in two case files, after masking names and dates.

Three steps, each because of what real campaigns hold:
1. *The form's wording is nobody's copy.* An answer whose masked text recurs in more than
   ``template_records`` records is the form's (stock answers, a bureau's boilerplate) and is left
   out, so records that share only their form never match; so is, in the sketch, an 8-character run
   found in one record of a hundred (the frame "我单位成立于…，主要生产…").
2. *Candidates by sketch.* Each record's remaining 8-character runs make a MinHash;
   locality-sensitive hashing (datasketch) proposes the pairs worth a look, so thousands of records
   are not compared pair by pair. One OCR slip spoils only the runs across it.
3. *Evidence a reviewer reads.* A proposed pair is compared answer by answer: an answer whose
   3-character shingles mostly recur in one answer of the other is "the same answer". The similarity
   is the share of the shorter record's answers that recur, reported as "问答 14/16 相同".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from app.crosscheck.records import LONG_SHINGLE, Prepared, shingles

NUM_PERM = 128
LSH_THRESHOLD = 0.15
"""low on purpose: LSH only proposes; the unit-by-unit comparison decides"""
SAME_UNIT = 0.7
"""two units are the same when this share of their shingles agree (an OCR slip or a changed word)"""
DEFAULT_THRESHOLD = 0.5
"""the share of answers that recur above which a pair is reported; the station may set it"""
MIN_SHARED = 3
MIN_RUN_SHARE = 0.2
"""a proposed pair is compared only when this share of the smaller sketch set is common to both: LSH
proposes by estimate, and an exact intersection of two sets is cheaper than comparing answers"""
"""fewer shared answers than this is coincidence, whatever the share"""


def template_records(total: int) -> int:
    """How many records may share a shingle before it is the form's: six, fewer in a tiny store."""
    return max(3, min(6, total // 2 + 1))


@dataclass(frozen=True)
class SharedPassage:
    a: int
    b: int
    text_a: str
    text_b: str


@dataclass(frozen=True)
class CopyMatch:
    a: Prepared
    b: Prepared
    shared: list[SharedPassage]
    compared: int
    """the number of comparable units of the shorter record"""
    dialogue: bool

    @property
    def similarity(self) -> float:
        return len(self.shared) / self.compared if self.compared else 0.0


def mark_content(prepared: list[Prepared]) -> dict[int, set[int]]:
    """Sets each record's ``content`` (comparable units not of the form) and returns its sketch set."""
    limit = template_records(len(prepared))
    texts: Counter[str] = Counter()
    for record in prepared:
        texts.update({record.unit_texts[i] for i in record.comparable})
    runs: dict[int, set[int]] = {}
    frequency: Counter[int] = Counter()
    for number, record in enumerate(prepared):
        record.content = [i for i in record.comparable if texts[record.unit_texts[i]] < limit]
        found: set[int] = set()
        for index in record.content:
            found |= shingles(record.unit_texts[index], LONG_SHINGLE)
        runs[number] = found
        frequency.update(found)
    common = max(limit, len(prepared) // 100)
    return {number: {g for g in found if frequency[g] < common} for number, found in runs.items()}


def _low32(value: int) -> int:
    return value & 0xFFFFFFFF


def _sketch(tokens: set[int], permutations: tuple[np.ndarray, np.ndarray]) -> MinHash:
    sketch = MinHash(num_perm=NUM_PERM, hashfunc=_low32, permutations=permutations, scheme="affine32")
    sketch.update_batch(tokens)
    return sketch


def _same_file(a: Prepared, b: Prepared) -> bool:
    return a.record.sha256 == b.record.sha256


def _same_matter(a: Prepared, b: Prepared) -> bool:
    """Two case files about one party (a penalty and a seizure of one company) may share a record."""
    party_a, party_b = a.record.facts.get("party"), b.record.facts.get("party")
    return bool(party_a) and party_a == party_b


def compare(a: Prepared, b: Prepared) -> CopyMatch:
    """The answers of ``a`` that recur in ``b``, each matched once."""
    if len(a.content) > len(b.content):
        a, b = b, a
    taken: set[int] = set()
    shared: list[SharedPassage] = []
    for i in a.content:
        grams_a = a.grams(i)
        best, best_score = None, SAME_UNIT
        for j in b.content:
            if j in taken:
                continue
            grams_b = b.grams(j)
            overlap = len(grams_a & grams_b) / max(len(grams_a), len(grams_b))
            if overlap >= best_score:
                best, best_score = j, overlap
        if best is not None:
            taken.add(best)
            shared.append(SharedPassage(i, best, a.units[i].original, b.units[best].original))
    return CopyMatch(a, b, shared, len(a.content), a.is_dialogue and b.is_dialogue)


def find_copies(prepared: list[Prepared], threshold: float = DEFAULT_THRESHOLD) -> list[CopyMatch]:
    """Pairs of records in different case files whose answers recur, most similar first."""
    signatures = mark_content(prepared)
    permutations = MinHash(num_perm=NUM_PERM, seed=1).permutations
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    sketches: dict[int, MinHash] = {}
    for number, tokens in signatures.items():
        if len(tokens) >= 2 * LONG_SHINGLE:
            sketches[number] = _sketch(tokens, permutations)
            lsh.insert(number, sketches[number])
    matches: list[CopyMatch] = []
    for number, sketch in sketches.items():
        for other in lsh.query(sketch):
            if other <= number:
                continue
            a, b = prepared[number], prepared[other]
            if _same_file(a, b) or _same_matter(a, b):
                continue
            common = len(signatures[number] & signatures[other])
            if common < MIN_RUN_SHARE * min(len(signatures[number]), len(signatures[other])):
                continue
            match = compare(a, b)
            if len(match.shared) >= MIN_SHARED and match.similarity >= threshold:
                matches.append(match)
    matches.sort(key=lambda m: (-m.similarity, m.a.key, m.b.key))
    return matches
