"""Facts of a record written as sentences instead of fields.

``2017年7月7日上午10时30分至下午12时9分，某局执法人员甲、乙到某某公司进行现场检查，丙记录。``
``……执法人员甲、乙在某局会议室对丁（某某公司生产厂长）进行调查询问，丙记录。``
The officers come from the 执法人员 clause as in any layout; this module reads the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.analysis.officers import is_name

_RECORDER = re.compile(r"(?:^|[,，。;；])由?([\u4e00-\u9fff·]{2,6}?)(?:负责)?(?:记录|作记录)(?:[,，。;；]|$)")
_INSPECTED = re.compile(
    r"(?:到|赴|前往|来到|对)([^,，。;；]{2,40}?)(?:进行|开展|实施)?(?:了)?(?:现场)?(?:检查|勘察)"
)
_PLACE = re.compile(
    r"在([^,，。;；]{2,40}?)(?:对[\u4e00-\u9fff·]{2,6}[(（]|对[\u4e00-\u9fff·]{2,6}进行|进行)"
)
_INTERVIEWED = re.compile(r"对([\u4e00-\u9fff·]{2,6}?)[(（]([^()（）]{2,60})[)）]")
_ORGANISATION = re.compile(
    r"^(.+?(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|厂|站|场|中心|店|矿|社|院|所|合作社|企业|部|队))"
)


@dataclass
class Sentences:
    recorder: str | None = None
    subject: str | None = None
    party: str | None = None
    place: str | None = None


def organisation(text: str) -> str | None:
    """The organisation at the start of ``某某公司生产厂长``."""
    match = _ORGANISATION.match(text)
    return match.group(1) if match else None


def read(text: str) -> Sentences:
    """What the opening sentences say: who recorded, who or what was examined, and where."""
    found = Sentences()
    recorder = _RECORDER.search(text)
    if recorder and is_name(recorder.group(1)):
        found.recorder = recorder.group(1)
    interviewed = _INTERVIEWED.search(text)
    if interviewed and is_name(interviewed.group(1)):
        found.subject = interviewed.group(1)
        found.party = organisation(interviewed.group(2)) or interviewed.group(2)
    else:
        inspected = _INSPECTED.search(text)
        if inspected:
            found.subject = found.party = inspected.group(1)
    place = _PLACE.search(text)
    if place:
        found.place = place.group(1)
    return found
