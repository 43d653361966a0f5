"""Leftover names: a record that names the party or the person of another case file.

A record filled from another case's record keeps, now and then, the old company's name in one
answer. What a case file is about is read from its own records' facts (the party, the person
interviewed); a record naming another file's party or person, and not its own, is reported.
Officers are left out: the same officers work many cases. Names are looked up where they can
stand (before an organisation's suffix, after 我叫/姓名/被询问人 …), not at every character.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from app.crosscheck.masking import normalise
from app.models.transcripts import StoredTranscript

_ORG_END = re.compile(
    r"有限责任公司|股份有限公司|有限公司|集团|公司|合作社|加工厂|养殖场|厂|矿|经营部|商行|酒店|宾馆|医院"
)
_PERSON_CUE = re.compile(
    r"我叫|我是|姓名[：:]?|被询问人[：:]?|被检查人[：:]?|法定代表人[：:]?|负责人[：:]?|委托"
)
MIN_ORG = 4
MAX_ORG = 30


@dataclass(frozen=True)
class Leftover:
    record: StoredTranscript
    name: str
    kind: str
    """``party`` (an organisation) or ``person``"""
    owners: tuple[StoredTranscript, ...]
    """the records of other case files whose party or person this is"""
    excerpt: str


def _organisations(record: StoredTranscript) -> set[str]:
    return {normalise(str(record.facts.get("party") or ""))} - {""}


def _people(record: StoredTranscript) -> set[str]:
    subject = normalise(str(record.facts.get("subject") or ""))
    return {subject} if 2 <= len(subject) <= 4 else set()


def _officers(records: list[StoredTranscript]) -> set[str]:
    found: set[str] = set()
    for record in records:
        for officer in record.facts.get("officers") or []:
            if isinstance(officer, dict) and officer.get("name"):
                found.add(normalise(str(officer["name"])))
    return found


def _related(name: str, own: set[str]) -> bool:
    return any(name in mine or mine in name for mine in own)


def find_leftovers(records: list[StoredTranscript]) -> list[Leftover]:
    by_file: dict[str, list[StoredTranscript]] = defaultdict(list)
    for record in records:
        by_file[record.sha256].append(record)
    organisations: dict[str, list[StoredTranscript]] = defaultdict(list)
    people: dict[str, list[StoredTranscript]] = defaultdict(list)
    for record in records:
        for name in _organisations(record):
            if len(name) >= MIN_ORG:
                organisations[name].append(record)
        for name in _people(record):
            people[name].append(record)
    officers = _officers(records)
    found: list[Leftover] = []
    for sha, own_records in by_file.items():
        own = set().union(*(_organisations(r) | _people(r) for r in own_records))
        for record in own_records:
            text = normalise(record.text)
            reported: set[str] = set()
            for name, kind, position in _candidates(text, organisations, people):
                owners = tuple(
                    r for r in (organisations if kind == "party" else people)[name] if r.sha256 != sha
                )
                if not owners or name in reported or name in officers or _related(name, own):
                    continue
                reported.add(name)
                excerpt = text[max(0, position - 20) : position + len(name) + 20]
                found.append(Leftover(record, name, kind, owners, excerpt))
    return found


def _candidates(
    text: str, organisations: dict[str, list[StoredTranscript]], people: dict[str, list[StoredTranscript]]
) -> list[tuple[str, str, int]]:
    hits: list[tuple[str, str, int]] = []
    for match in _ORG_END.finditer(text):
        end = match.end()
        for length in range(MIN_ORG, min(MAX_ORG, end) + 1):
            name = text[end - length : end]
            if name in organisations:
                hits.append((name, "party", end - length))
    for match in _PERSON_CUE.finditer(text):
        start = match.end()
        for length in (2, 3, 4):
            name = text[start : start + length]
            if name in people:
                hits.append((name, "person", start))
    return hits
