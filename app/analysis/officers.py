"""Officers' names and 执法证号 from a field's text, paired in the order they are printed.

Layouts print them in every arrangement: ``甲（执法证号：123）、乙（执法证号：456）``; ``甲、乙`` and
then ``123、456``; one ``检查人：甲　执法证号：123`` line per officer; a table's cells; or only in
the notice (``执法人员甲、乙……执法证件（123、456）``). The text is cut into names, badge numbers
and badge labels; a badge (or its label) printed between two names belongs to the name before it,
otherwise names and badges are listed apart and pair up in order.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from app.analysis.stream import STRONG, WEAK, Stream

MIN_BADGE = 5
_CJK = re.compile(r"[\u3400-\u9fff]")
_NAME_DOT = "·•‧・"
_BADGE_CHAR = re.compile(r"[0-9A-Za-z]")
# the last characters of a unit, a place or a paper, never of a person's name
_ORG_END = tuple("局队站所厅处委院办部组县市省区镇乡村室科司厂会证号码")
_ORG_WORDS = ("环境", "生态", "监察", "执法", "监测", "保护", "公司", "单位", "政府", "中心", "人员")
# words of the sentence around a list of names, never inside one
_SENTENCE_WORDS = ("记录", "进行", "调查", "询问", "检查", "现场", "负责", "陪同", "参加", "出示")
_NOT_NAMES = {
    "姓名", "同志", "无", "等", "男", "女", "签字", "签名", "盖章", "见附页", "以下空白", "空白",
    "分别", "分别为", "编号", "号码", "执法证", "证件", "年月日", "时分", "本人", "我们", "你们",
    "他们", "以上", "现场", "工作单位", "职务", "检查", "询问", "记录", "出示", "请过目",
}  # fmt: skip
_BADGE_WORD = re.compile(r"执[法去]?[证證怔正征]件?(?:编[号號亏导弓码]|[号號亏导弓]码?|编码)?|证件?号码?")
_DIGIT_SLIPS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})


@dataclass(frozen=True)
class Token:
    kind: str
    """name, badge, or badge_label (where a badge number belongs, printed or not)"""
    text: str
    position: int
    bracketed: bool = False
    """a badge printed in brackets right after a name: ``乙（123）``"""


def clean_badge(raw: str) -> str | None:
    """A badge number with OCR's letter-for-digit slips undone; None when it is too short."""
    compact = re.sub(r"[^0-9A-Za-z|]", "", raw)
    digits = sum(ch.isdigit() for ch in compact)
    if digits * 2 >= len(compact):
        compact = compact.translate(_DIGIT_SLIPS)
    compact = compact.replace("|", "")
    return compact if len(compact) >= MIN_BADGE and any(ch.isdigit() for ch in compact) else None


def split_glued(badge: str, count: int) -> list[str]:
    """Badge numbers OCR read as one (``65233177546523820594``: the 、 between them lost).

    Split only into equal parts of a badge's usual length (8 to 12 digits); else left whole.
    """
    size, rest = divmod(len(badge), count)
    if rest or not 8 <= size <= 12 or not badge.isdigit():
        return [badge]
    return [badge[i : i + size] for i in range(0, len(badge), size)]


def is_name(text: str) -> bool:
    bare = text.strip(_NAME_DOT)
    plain = bare.replace("·", "").replace("•", "").replace("‧", "").replace("・", "")
    if not 2 <= len(plain) <= (10 if plain != bare else 4):
        return False
    if not all(_CJK.match(ch) for ch in plain):
        return False
    if bare in _NOT_NAMES or bare.endswith(_ORG_END) or any(w in bare for w in _ORG_WORDS + _SENTENCE_WORDS):
        return False
    return not _BADGE_WORD.search(bare)


_VERB_AFTER_NAME = "到在对于赴前来进记负至从向"


def name_before_verb(run: str) -> str | None:
    """The name at the start of a sentence's run: ``苏兰到某某公司进行检查`` → 苏兰."""
    for index in range(2, min(5, len(run))):
        if run[index] in _VERB_AFTER_NAME and is_name(run[:index]):
            return run[:index]
    return None


def _merge_fragments(fragments: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """One character cannot be a name: OCR or padding split it from its neighbour.

    Two single characters side by side are one name (``王　强``); a single character left over
    joins its shorter neighbour (``曹 海春``, ``曹海 春``).
    """
    paired: list[tuple[str, int]] = []
    for text, position in fragments:
        if paired and len(text) == 1 and len(paired[-1][0]) == 1:
            paired[-1] = (paired[-1][0] + text, paired[-1][1])
        else:
            paired.append((text, position))
    merged: list[tuple[str, int]] = []
    index = 0
    while index < len(paired):
        text, position = paired[index]
        following = paired[index + 1] if index + 1 < len(paired) else None
        if len(text) == 1:
            before = len(merged[-1][0]) if merged else 99
            after = len(following[0]) if following else 99
            if after <= before and after + 1 <= 4 and following:
                merged.append((text + following[0], position))
                index += 2
                continue
            if merged and before + 1 <= 4:
                merged[-1] = (merged[-1][0] + text, merged[-1][1])
                index += 1
                continue
        merged.append((text, position))
        index += 1
    return merged


def _chunk(stream: Stream, position: int, end: int) -> int:
    """How many Chinese characters follow without a gap."""
    count = 0
    while position + count < end and _CJK.match(stream.text[position + count]):
        count += 1
        if stream.gap(position + count):
            break
    return count


def _bracketed(found: list[Token], text: str, position: int, start: int) -> bool:
    """Whether a number opens a bracket right after a name (a badge label may stand between)."""
    before = text[max(start, position - 12) : position]
    if found and found[-1].kind == "badge_label":
        before = text[max(start, found[-1].position - 2) : found[-1].position]
    return bool(found) and found[-1].kind in ("name", "badge_label") and before.rstrip(":").endswith("(")


def tokens(stream: Stream, start: int, end: int) -> list[Token]:
    """Names, badge numbers and badge labels between two positions of the stream, in order."""
    text = stream.text
    found: list[Token] = []
    position = start
    while position < end:
        char = text[position]
        if _CJK.match(char):
            label = _BADGE_WORD.match(text, position, end)
            if label:
                found.append(Token("badge_label", label.group(0), position))
                position = label.end()
                continue
            fragments: list[tuple[str, int]] = []
            piece = run_start = position
            while position < end and (_CJK.match(text[position]) or text[position] in _NAME_DOT):
                if position > piece:
                    gap = stream.gap(position)
                    if gap >= STRONG and (position - piece == 1 or _chunk(stream, position, end) == 1):
                        gap = WEAK  # 王　强: a name padded to the width of three characters
                    if gap >= STRONG or _BADGE_WORD.match(text, position, end):
                        break
                    if gap == WEAK:
                        fragments.append((text[piece:position], piece))
                        piece = position
                position += 1
            fragments.append((text[piece:position], piece))
            if run_start > start and text[run_start - 1].isdigit() and not stream.gap(run_start):
                continue  # 9时30分至: the words of a date or an amount, not a name
            for fragment, at in _merge_fragments(fragments):
                if is_name(fragment):
                    found.append(Token("name", fragment.strip(_NAME_DOT), at))
                    continue
                name = name_before_verb(fragment)
                if name:  # 甲、乙到某某公司……: the list of names ends with the sentence's verb
                    found.append(Token("name", name, at))
                    return found
            continue
        if _BADGE_CHAR.match(char):
            run_start = position
            pieces = [position]
            while position < end and (_BADGE_CHAR.match(text[position]) or text[position] == "|"):
                if position > run_start and stream.gap(position):
                    pieces.append(position)
                position += 1
            # a space inside a number is OCR's; two numbers side by side are each long enough
            bounds = [*pieces, position]
            parts = [text[a:b] for a, b in itertools.pairwise(bounds)]
            if all(len(p) >= MIN_BADGE for p in parts):
                for a, number in zip(bounds, parts, strict=False):
                    badge = clean_badge(number)
                    if badge:
                        found.append(Token("badge", badge, a, _bracketed(found, text, a, start)))
            else:
                badge = clean_badge("".join(parts))
                if badge:
                    found.append(Token("badge", badge, run_start, _bracketed(found, text, run_start, start)))
            continue
        position += 1
    return found


def pair(found: list[Token]) -> list[dict[str, str | None]]:
    """Names with their badges, in printed order."""
    names = [t for t in found if t.kind == "name"]
    if not names:
        return []
    inline = any(t.kind != "name" and names[0].position < t.position < names[-1].position for t in found)
    inline = inline or any(t.bracketed for t in found if t.kind == "badge")
    officers: list[dict[str, str | None]] = []
    seen: set[str] = set()
    if inline:
        current: dict[str, str | None] | None = None
        spare: list[str] = []
        for token in found:
            if token.kind == "name":
                if token.text in seen:
                    current = None
                    continue
                seen.add(token.text)
                current = {"name": token.text, "badge": None}
                officers.append(current)
            elif token.kind == "badge":
                if current is not None and current["badge"] is None:
                    current["badge"] = token.text
                else:
                    spare.append(token.text)
        # badges listed after the names without labels of their own: they pair up in order
        waiting = [o for o in officers if o["badge"] is None]
        if spare and all(o["badge"] is None for o in officers):
            for officer, badge in zip(waiting, spare, strict=False):
                officer["badge"] = badge
        return officers
    badges = [t.text for t in found if t.kind == "badge"]
    for index, name in enumerate(names):
        if name.text in seen:
            continue
        seen.add(name.text)
        officers.append({"name": name.text, "badge": badges[index] if index < len(badges) else None})
    return officers


_NOTICE_NAMES = re.compile(r"执法人员(?!表明|出示|与|签|身份)(?:是|为|有)?:?")
_NOTICE_BADGES = re.compile(r"执[法去]?[证證怔正征]件?(?:编?[号號亏导弓]码?|编码)?")
_SENTENCE_END = re.compile(r"这是|向你|依法|今天|对你|在此|出示|请")


def clause_end(text: str, start: int, limit: int) -> int:
    """Where the clause beginning at ``start`` ends: a comma or stop outside brackets."""
    depth = 0
    for index in range(start, min(limit, len(text))):
        char = text[index]
        if char in "(（[【":
            depth += 1
        elif char in ")）]】":
            depth = max(0, depth - 1)
        elif depth == 0 and (char in ",，。;；" or _SENTENCE_END.match(text, index)):
            return index
    return min(limit, len(text))


def from_notice(stream: Stream, start: int, end: int) -> tuple[list[dict[str, str | None]], list[str]]:
    """Officers the notice names, and the badge numbers it lists.

    ``我们是……执法人员甲、乙`` (badges may stand beside the names) and
    ``这是我们的执法证件（123、456）``.
    """
    text = stream.text
    officers: list[dict[str, str | None]] = []
    for match in _NOTICE_NAMES.finditer(text, start, end):
        stop = clause_end(text, match.end(), min(end, match.end() + 120))
        officers = pair(tokens(stream, match.end(), stop))
        if officers:
            break
    badges: list[str] = []
    for match in _NOTICE_BADGES.finditer(text, start, end):
        closing = re.compile(r"请|。|今天|依法|你应当|听清").search(
            text, match.end(), min(end, match.end() + 120)
        )
        cut = closing.start() if closing else min(end, match.end() + 80)
        for token in tokens(stream, match.end(), cut):
            if token.kind == "badge" and token.text not in badges:
                badges.append(token.text)
        if badges:
            break
    return officers, badges
