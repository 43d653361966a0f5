"""A stored transcript made ready for comparison: its content units and their shingles."""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field

from app.crosscheck.masking import Unit, normalise, units
from app.models.transcripts import StoredTranscript

SHINGLE = 3
"""characters per shingle: short enough that an OCR slip spoils few of them"""
MIN_UNIT_CHARS = 8
"""an answer shorter than this ("是的。", "不申请回避。") proves nothing when it is the same"""
_MARKS = {"〈名〉": "Ⓝ", "〈单位〉": "Ⓤ", "〈地点〉": "Ⓟ", "〈日期〉": "Ⓓ", "〈时间〉": "Ⓣ", "〈数〉": "#"}


def _compact(masked: str) -> str:
    for mark, char in _MARKS.items():
        masked = masked.replace(mark, char)
    return masked


LONG_SHINGLE = 8
"""characters per shingle of a record's sketch: long enough that two answers built from the same
stock phrases share few of them, short enough that one OCR slip spoils only a few"""


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    """CRC-32s of ``text``'s runs of ``size`` characters, the same in every run of the program.

    The same store must give the same findings: Python's own string hash changes between processes.
    """
    data = text.encode("utf-16-le")  # two bytes a character: a run of characters is a run of bytes
    width = 2 * size
    if len(data) <= width:
        return frozenset({zlib.crc32(data)})
    return frozenset(zlib.crc32(data[i : i + width]) for i in range(0, len(data) - width + 2, 2))


@dataclass
class Prepared:
    record: StoredTranscript
    units: list[Unit]
    unit_texts: list[str]
    """each unit's masked text, marks as single characters: equal texts are the same answer"""
    comparable: list[int] = field(default_factory=list)
    """indexes of the answers and sentences long enough to prove something when the same"""
    content: list[int] = field(default_factory=list)
    """indexes into ``units`` of what is neither a question nor the form's fixed wording"""

    _grams: dict[int, frozenset[int]] = field(default_factory=dict, repr=False)

    @property
    def key(self) -> tuple[str, int]:
        return self.record.key

    def grams(self, index: int) -> frozenset[int]:
        """A unit's 3-character shingles, made when first compared (most units never are)."""
        found = self._grams.get(index)
        if found is None:
            found = self._grams[index] = shingles(self.unit_texts[index])
        return found

    @property
    def is_dialogue(self) -> bool:
        return any(u.kind == "answer" for u in self.units)


def names_in(record: StoredTranscript) -> list[str]:
    """The people and the party a record is about: masked, so a copy with other names reads the same."""
    facts = record.facts
    found = [str(facts.get(key) or "") for key in ("subject", "party", "recorder", "place")]
    for officer in facts.get("officers") or []:
        if isinstance(officer, dict):
            found.append(str(officer.get("name") or ""))
    return [normalise(n) for n in found if n]


def text_hash(record: StoredTranscript) -> str:
    """What the cached units were made from: the text and the names masked in it."""
    return hashlib.sha1("\x00".join([record.text, *names_in(record)]).encode()).hexdigest()


def prepare(record: StoredTranscript, cached: list[list[str]] | None = None) -> Prepared:
    """``cached``: the record's units as ``[kind, masked, original]`` from an earlier run."""
    if cached is not None:
        found = [Unit(kind, masked, original, n) for n, (kind, masked, original) in enumerate(cached)]
    else:
        found = units(record.kind, record.text, names_in(record))
    texts = [_compact(u.masked) for u in found]
    prepared = Prepared(record, found, texts)
    prepared.comparable = [i for i, u in enumerate(found) if comparable(u)]
    return prepared


FORM_RE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,14}：|签字|签名|盖章|捺印|第〈数〉页|共〈数〉页|如实|回避|陈述|申辩|执法证件|出示|听清楚"
)
"""what every form prints whatever happened: header fields (时间：, 地点：), the signature line, page
numbers, the 告知 (如实回答, 回避, 陈述申辩, 出示执法证件): never evidence of a copy, even when a small
store has too few records of one bureau to tell its form from its contents by counting"""


def comparable(unit: Unit) -> bool:
    """Answers and narrative sentences carry what was said and seen; questions and the form do not."""
    if unit.kind == "question" or FORM_RE.search(unit.masked):
        return False
    body = _compact(unit.masked)
    return sum(1 for ch in body if "\u4e00" <= ch <= "\u9fff") >= MIN_UNIT_CHARS
