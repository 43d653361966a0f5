"""Reading a case file's unit, candidate, selection, case type and 文号, each with how it was found.

Who submitted a case file is read from its candidate's folder (the folder naming 集体/个人, the
unit or the person: see ``folders``), which wins over the file name and the cover; the cover gives
the unit only when no folder names one. The 文号 comes from the cover, else the file name; the case
type from every clue a person would use (``casetype``). A person's correction (``case set``)
overrides them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pymupdf

from app.intake import casenumber, casetype, folders
from app.intake import phrases as vocab
from app.vocabulary import CASE_FACT_FIELDS

FIELDS = CASE_FACT_FIELDS


@dataclass(frozen=True)
class Fact:
    value: str | None
    found_by: str
    """folder, file_name, cover, case_number (the 文号's letter), decision (a document inside), manual"""
    detail: str = ""


FOLDER_FIELDS = {
    "unit": "unit",
    "kind": "candidate_kind",
    "person": "candidate_name",
    "selection": "selection",
}
"""A folder reading's attributes and the case facts they give."""


def submitting_folder(source_label: str, source_path: str) -> str | None:
    """The path of the folder that is the candidate's (``""`` for the disc itself), or None."""
    parts = source_path.split("/")[:-1]
    index = folders.submitting_index(folders.read_path([source_label, *parts]))
    if index is None:
        return None
    return "/".join(parts[:index])


def _from_folders(source_label: str, parts: list[str]) -> dict[str, Fact]:
    """Facts from the folders: the candidate's folder (and those above it) first, then any folder."""
    readings = folders.read_path([source_label, *parts])
    index = folders.submitting_index(readings)
    own = readings[: index + 1] if index is not None else []
    facts: dict[str, Fact] = {}

    def deepest(field: str, among: list[folders.FolderReading]) -> None:
        for reading in reversed(among):
            value = getattr(reading, field)
            if value:
                facts.setdefault(FOLDER_FIELDS[field], Fact(value, "folder", reading.raw))
                return

    for field in ("unit", "kind", "person"):
        deepest(field, own)
        deepest(field, readings)
    deepest("selection", readings)
    return facts


def _type_clues(source_label: str, parts: list[str], file_name: str) -> list[casetype.TypeClue]:
    """The types the folders (deepest first) and the file name state."""
    clues = []
    for raw in reversed([source_label, *parts]):
        clue = casetype.from_words(vocab.strip_ordinal(raw), "folder", raw)
        if clue:
            clues.append(clue)
            break
    named = casetype.from_words(file_name.rsplit(".", 1)[0], "file_name", file_name)
    if named:
        clues.append(named)
    return clues


def _from_file_name(name: str) -> dict[str, Fact]:
    reading = folders.read_folder(name.rsplit(".", 1)[0], person_beside_unit=False)
    facts: dict[str, Fact] = {}
    for field in ("kind", "person", "selection", "unit"):
        value = getattr(reading, field)
        if value:
            facts[FOLDER_FIELDS[field]] = Fact(value, "file_name", name)
    number = casenumber.find(name)
    if number:
        facts["case_number"] = Fact(number[0], "file_name", name)
    return facts


def _from_cover(text: str) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    number = casenumber.find(text)
    if number:
        facts["case_number"] = Fact(number[0], "cover", number[1])
    unit = vocab.UNIT_RE.search(text)
    if unit:
        facts["unit"] = Fact(unit.group(0), "cover", unit.group(0))
    officer = vocab.COVER_LABELS["officer"].search(text)
    if officer:
        facts["officer"] = Fact(officer.group(1), "cover", officer.group(0))
    return facts


class _PageTexts:
    """The text of a case PDF's pages, read only when a clue needs it, and once."""

    def __init__(self, cover: str | None, pdf: Path | None, known: list[str] | None = None) -> None:
        self.cover, self.pdf = cover, pdf
        self._texts: list[str] | None = known

    def __call__(self) -> list[str]:
        if self._texts is None:
            self._texts = [self.cover] if self.cover else []
            if self.pdf is not None:
                self._texts += _read_pages(self.pdf)
        return self._texts


def _read_pages(pdf: Path) -> list[str]:
    try:
        with pymupdf.open(pdf, filetype="pdf") as doc:
            return [doc[i].get_text("text") for i in range(min(doc.page_count, casetype.MAX_PAGES_READ))]
    except Exception:  # a damaged file already carries its problem from inspection
        return []


def extract(
    source_label: str,
    source_path: str,
    cover_text: str | None,
    pdf: Path | None = None,
    page_texts: list[str] | None = None,
) -> dict[str, Fact]:
    """Every field we can read for one case file, with where it was read.

    The candidate's folder wins over the file name and the cover for who submitted the file;
    the 文号 comes from the cover before the file name; the case type from the clues in
    ``casetype`` (``pdf`` lets it read the decision inside when nothing else says; ``page_texts``,
    the pages as analysis read them, OCR included, stands in for it on a scan).
    """
    parts = source_path.split("/")
    folders_facts = _from_folders(source_label, parts[:-1])
    named = _from_file_name(parts[-1])
    cover = _from_cover(cover_text) if cover_text else {}
    officer = cover.pop("officer", None)
    if "unit" in cover or "unit" in folders_facts:
        named.pop("unit", None)  # a file name's unit only when no folder or cover names one
    facts = {**cover, **named, **folders_facts}  # the folders win, then the file name
    if "case_number" in cover:
        facts["case_number"] = cover["case_number"]
    if "candidate_name" in facts and "candidate_kind" not in facts:
        facts["candidate_kind"] = Fact(
            "individual", facts["candidate_name"].found_by, facts["candidate_name"].detail
        )
    if officer and "candidate_name" not in facts and _value(facts, "candidate_kind") == "individual":
        facts["candidate_name"] = officer
    stated = _type_clues(source_label, parts[:-1], parts[-1])
    stated_cover, generic_cover = casetype.from_cover(cover_text) if cover_text else (None, None)
    if stated_cover:
        stated.append(stated_cover)
    clue = casetype.decide(
        stated, generic_cover, _value(facts, "case_number"), _PageTexts(cover_text, pdf, page_texts)
    )
    if clue:
        facts["case_type"] = Fact(clue.case_type, clue.found_by, clue.detail)
    return facts


def _value(facts: dict[str, Fact], name: str) -> str | None:
    found = facts.get(name)
    return found.value if found else None
