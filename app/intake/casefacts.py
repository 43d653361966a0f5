"""Reading a case file's unit, candidate, selection, case type and 文号, each with how it was found.

Sources, weakest first: the folder names (and the disc label), the file name, the cover page text.
A stronger source overrides a weaker one; a person's correction (``case set``) overrides them all.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from app.intake import vocabulary as vocab

FIELDS = ("unit", "candidate_kind", "candidate_name", "selection", "case_type", "case_number")


@dataclass(frozen=True)
class Fact:
    value: str | None
    found_by: str
    """folder, file_name, cover, manual"""
    detail: str = ""


def _from_components(components: list[str], found_by: str) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    for raw in components:
        component = vocab.strip_ordinal(raw)
        unit = vocab.UNIT_RE.search(component)
        if unit:
            facts["unit"] = Fact(unit.group(0), found_by, raw)
        for field, table in (
            ("candidate_kind", vocab.CANDIDATE_WORDS),
            ("selection", vocab.SELECTION_WORDS),
            ("case_type", vocab.CASE_TYPES),
        ):
            found = vocab.first_match(component, table)
            if found:
                facts[field] = Fact(found[0], found_by, raw)
        for pattern in vocab.INDIVIDUAL_NAME_RES:
            named = pattern.search(component)
            if named and named.group(1) not in ("集体", "个人"):
                facts["candidate_name"] = Fact(named.group(1), found_by, raw)
                facts.setdefault("candidate_kind", Fact("individual", found_by, raw))
                break
    # "个人/张三/推选案卷/…": a bare name right under a 个人 folder.
    for upper, lower in itertools.pairwise(components):
        if vocab.strip_ordinal(upper) == "个人" and vocab.NAME_RE.match(vocab.strip_ordinal(lower)):
            name = vocab.strip_ordinal(lower)
            if vocab.first_match(name, vocab.CASE_TYPES + vocab.SELECTION_WORDS) is None:
                facts["candidate_name"] = Fact(name, found_by, f"{upper}/{lower}")
    return facts


def _from_file_name(name: str) -> dict[str, Fact]:
    facts = _from_components([name.rsplit(".", 1)[0]], "file_name")
    facts.pop("unit", None)  # a file name's unit is usually the issuing authority's abbreviation
    number = vocab.CASE_NUMBER_RE.search(name)
    if number:
        facts["case_number"] = Fact(_normalise_number(number.group(0)), "file_name", name)
    return facts


def _from_cover(text: str) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    number = vocab.CASE_NUMBER_RE.search(text)
    if number:
        facts["case_number"] = Fact(_normalise_number(number.group(0)), "cover", number.group(0))
    unit = vocab.UNIT_RE.search(text)
    if unit:
        facts["unit"] = Fact(unit.group(0), "cover", unit.group(0))
    labelled = vocab.COVER_LABELS["case_type"].search(text)
    if labelled:
        found = vocab.first_match(labelled.group(1), vocab.CASE_TYPES)
        if found:
            facts["case_type"] = Fact(found[0], "cover", labelled.group(0))
    officer = vocab.COVER_LABELS["officer"].search(text)
    if officer:
        facts["officer"] = Fact(officer.group(1), "cover", officer.group(0))
    return facts


def _normalise_number(number: str) -> str:
    """One spelling of a 文号: no spaces, the hexagonal brackets 〔〕 the standard prescribes."""
    cleaned = "".join(number.split())
    for opening in "［[（(":
        cleaned = cleaned.replace(opening, "〔")
    for closing in "］]）)":
        cleaned = cleaned.replace(closing, "〕")
    return cleaned


def extract(source_label: str, source_path: str, cover_text: str | None) -> dict[str, Fact]:
    """Every field we can read for one case file, strongest source winning."""
    parts = source_path.split("/")
    facts = _from_components([source_label, *parts[:-1]], "folder")
    facts.update(_from_file_name(parts[-1]))
    if cover_text:
        cover = _from_cover(cover_text)
        officer = cover.pop("officer", None)
        facts.update(cover)
        if (
            officer
            and "candidate_name" not in facts
            and facts.get("candidate_kind", Fact(None, "")).value == "individual"
        ):
            facts["candidate_name"] = officer
    return facts
