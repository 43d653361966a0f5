"""A disc as a prefecture's office receives it: candidate folders named every way bureaus name them.

Folder forms: ``一、集体（海西州环境保护局）``, ``集体-德令哈市环保局``, ``二、个人（德令哈市环境保护局 马海军）``,
``个人-马海军``, ``马海军（德令哈市环境保护局）``, ``个人：马海军``; selection folders 推选案卷 / 随机抽选案卷
(sometimes holding the files directly, without a case-type folder); loose case files at the disc root.
Covers inside one folder use different names of the same unit.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from tests.corpus.casefile import CaseSpec, build_case, new_spec
from tests.corpus.realm import REGIONS, Bureau, Staff, make_staff

TUNING_SEEDS: tuple[int, ...] = (1, 2, 3, 4, 5)
HELDOUT_SEEDS: tuple[int, ...] = (90001, 90002, 90003)

TYPE_FOLDERS = {
    "general_penalty": ("一般行政处罚案卷", "1.一般行政处罚", "一般案卷"),
    "daily_penalty": ("按日连续处罚案卷", "四个配套办法-按日计罚", "按日计罚"),
    "seizure": ("查封扣押案卷", "四个配套办法-查封扣押", "查封、扣押"),
    "production_limit": ("限产停产案卷", "限制生产停产整治", "四个配套办法-限产停产"),
    "detention_referral": ("移送行政拘留案卷", "移送拘留", "四个配套办法-移送行政拘留"),
    "crime_referral": ("涉嫌犯罪移送案卷", "移送公安机关案卷", "涉嫌环境污染犯罪移送"),
    "court_enforcement": ("申请法院强制执行案卷", "申请强制执行", "法院强制执行"),
}
SPECIAL_TYPES = tuple(t for t in TYPE_FOLDERS if t != "general_penalty")
NOMINATED = ("推选案卷", "推荐案卷", "一、推选案卷")
SAMPLED = ("随机抽选案卷", "抽选案卷", "二、随机抽选案卷")
ORDINALS = "一二三四五六七八"


def split_of(seed: int) -> str:
    return "heldout" if seed in HELDOUT_SEEDS else "tuning"


@dataclass
class Disc:
    root: Path
    seed: int
    candidates: list[dict[str, object]] = field(default_factory=list)
    cases: list[dict[str, object]] = field(default_factory=list)

    def truth(self) -> dict[str, object]:
        return {
            "generator": "bureau-discs",
            "seed": self.seed,
            "split": split_of(self.seed),
            "candidates": self.candidates,
            "cases": self.cases,
        }

    def truth_json(self) -> str:
        return json.dumps(self.truth(), ensure_ascii=False, indent=1)


@dataclass
class _Writer:
    """Collects the case files first, then picks which are scanned, then builds them in order."""

    disc: Disc
    rng: random.Random
    taken: set[str]
    jobs: list[tuple[str, CaseSpec, dict[str, object] | None, str | None]] = field(default_factory=list)

    def case(
        self, rel: str, spec: CaseSpec, candidate: dict[str, object] | None, selection: str | None
    ) -> None:
        while any(job[0] == rel for job in self.jobs):
            rel = rel[:-4] + "-1.pdf"
        self.jobs.append((rel, spec, candidate, selection))

    def write(self, scans: int) -> None:
        for index in self.rng.sample(range(len(self.jobs)), k=min(scans, len(self.jobs))):
            self.jobs[index][1].scanned = self.jobs[index][1].small = True
        for rel, spec, candidate, selection in self.jobs:
            self._build(rel, spec, candidate, selection)

    def _build(
        self,
        rel: str,
        spec: CaseSpec,
        candidate: dict[str, object] | None,
        selection: str | None,
    ) -> None:
        built = build_case(self.rng, spec, self.taken)
        target = self.disc.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(built.data)
        unit = candidate["unit"] if candidate and candidate["names_unit"] else spec.cover_unit
        self.disc.cases.append(
            {
                "path": rel,
                "candidate_folder": candidate["folder"] if candidate else None,
                "unit": unit,
                "candidate_kind": candidate["kind"] if candidate else None,
                "candidate_name": candidate["name"] if candidate else None,
                "selection": selection,
            }
            | built.truth
        )
        if candidate is not None:
            aliases = candidate["unit_aliases"]
            if spec.cover_unit not in aliases:
                aliases.append(spec.cover_unit)


def _file_name(rng: random.Random, index: int, spec: CaseSpec) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"{spec.case_number}.pdf"
    if style == 1:
        return f"案卷{index}.pdf"
    if style == 2:
        return f"{index:02d}.pdf"
    return f"{spec.cover_unit}{spec.case_number[-5:].strip('〕]')}案卷.pdf"


def _cover_unit(rng: random.Random, bureau: Bureau, used: list[str]) -> str:
    """Mostly the folder's form; otherwise another name of the same unit, so a folder mixes them."""
    if used and rng.random() < 0.5:
        others = [a for a in bureau.aliases if a not in used]
        if others:
            return rng.choice(others)
    return rng.choice(bureau.aliases)


def generate(root: Path, seed: int) -> Disc:
    """Writes the disc for ``seed`` into the folder ``root`` (its disc root) and returns its truth."""
    rng = random.Random(seed * 7919 + 17)
    root.mkdir(parents=True, exist_ok=True)
    disc = Disc(root, seed)
    region = REGIONS[(seed + rng.randrange(len(REGIONS))) % len(REGIONS)]
    year = region.year + rng.choice((0, 0, 1))
    taken: set[str] = set()
    staff = {b.folder_name: make_staff(rng, b, taken) for b in region.bureaus}
    writer = _Writer(disc, rng, taken)
    outer = rng.choice(("", "", f"{region.name}{year}年环境执法大练兵报送材料/"))
    bureaus = list(region.bureaus)
    rng.shuffle(bureaus)
    collectives = bureaus[: rng.choice((1, 2))]
    for i, bureau in enumerate(collectives):
        folder = outer + _collective_folder(rng, bureau, i)
        _collective(writer, folder, bureau, staff[bureau.folder_name], year)
    persons = rng.choice((1, 2))
    for j in range(persons):
        bureau = rng.choice(bureaus)
        person = rng.choice(staff[bureau.folder_name].officers[:3]).name
        folder, names_unit = _individual_folder(rng, bureau, person, len(collectives) + j)
        _individual(writer, outer + folder, names_unit, bureau, person, staff[bureau.folder_name], year)
    for k in range(rng.choice((0, 1, 1, 2))):
        bureau = rng.choice(bureaus)
        unit = rng.choice(bureau.aliases)
        spec = new_spec(rng, bureau, unit, "general_penalty", year, staff[bureau.folder_name], None, False)
        name = f"{unit}行政处罚案卷{k + 1}.pdf" if rng.random() < 0.5 else f"{spec.case_number}.pdf"
        writer.case(name, spec, None, None)
    writer.write(scans=rng.choice((2, 3, 3)))
    for candidate in disc.candidates:
        candidate.pop("names_unit", None)
    return disc


def _collective_folder(rng: random.Random, bureau: Bureau, index: int) -> str:
    unit = bureau.folder_name
    style = rng.randrange(4)
    if style == 0:
        return f"{ORDINALS[index]}、集体（{unit}）"
    if style == 1:
        return f"集体-{unit}"
    if style == 2:
        return f"{unit}（集体）"
    return f"{index + 1}.{unit}集体"


def _individual_folder(rng: random.Random, bureau: Bureau, person: str, index: int) -> tuple[str, bool]:
    unit = bureau.folder_name
    style = rng.randrange(5)
    if style == 0:
        return f"{ORDINALS[index]}、个人（{unit} {person}）", True
    if style == 1:
        return f"个人-{person}", False
    if style == 2:
        return f"{person}（{unit}）", True
    if style == 3:
        return f"个人：{person}", False
    return f"{ORDINALS[index]}、个人（{person}）", False


def _register(
    disc: Disc, folder: str, kind: str, bureau: Bureau, name: str | None, names_unit: bool, first_cover: str
) -> dict[str, object]:
    unit = bureau.folder_name if names_unit else first_cover
    candidate = {
        "folder": folder,
        "kind": kind,
        "unit": unit,
        "unit_aliases": [unit],
        "name": name,
        "level": bureau.level,
        "names_unit": names_unit,
    }
    disc.candidates.append(candidate)
    return candidate


def _collective(writer: _Writer, folder: str, bureau: Bureau, staff: Staff, year: int) -> None:
    rng = writer.rng
    used: list[str] = [bureau.folder_name]
    first_cover = _cover_unit(rng, bureau, used)
    candidate = _register(writer.disc, folder, "collective", bureau, None, True, first_cover)
    index = 1
    nominated_types = ["general_penalty", *rng.sample(SPECIAL_TYPES, k=rng.choice((1, 2)))]
    nominated = rng.choice(NOMINATED)
    by_type_folder = rng.random() < 0.7
    for case_type in nominated_types:
        unit = first_cover if index == 1 else _cover_unit(rng, bureau, used)
        used.append(unit)
        spec = new_spec(rng, bureau, unit, case_type, year, staff, None, False)
        sub = f"{nominated}/{rng.choice(TYPE_FOLDERS[case_type])}/" if by_type_folder else f"{nominated}/"
        writer.case(f"{folder}/{sub}{_file_name(rng, index, spec)}", spec, candidate, "nominated")
        index += 1
    sampled = rng.choice(SAMPLED)
    flat = rng.random() < 0.5
    for case_type in rng.sample(("general_penalty", *SPECIAL_TYPES), k=rng.choice((1, 2))):
        unit = _cover_unit(rng, bureau, used)
        used.append(unit)
        spec = new_spec(rng, bureau, unit, case_type, year, staff, None, False)
        sub = f"{sampled}/" if flat else f"{sampled}/{rng.choice(TYPE_FOLDERS[case_type])}/"
        writer.case(f"{folder}/{sub}{_file_name(rng, index, spec)}", spec, candidate, "sampled")
        index += 1


def _individual(
    writer: _Writer, folder: str, names_unit: bool, bureau: Bureau, person: str, staff: Staff, year: int
) -> None:
    rng = writer.rng
    used: list[str] = [bureau.folder_name]
    first_cover = _cover_unit(rng, bureau, used)
    candidate = _register(writer.disc, folder, "individual", bureau, person, names_unit, first_cover)
    layout = rng.randrange(3)
    nominated, sampled = rng.choice(NOMINATED), rng.choice(SAMPLED)
    for index, case_type in enumerate(
        ("general_penalty", rng.choice(("general_penalty", *SPECIAL_TYPES))), 1
    ):
        unit = first_cover if index == 1 else _cover_unit(rng, bureau, used)
        used.append(unit)
        spec = new_spec(rng, bureau, unit, case_type, year, staff, person, False)
        if layout == 0:
            sub, selection = "", None
        elif layout == 1:
            sub, selection = f"{nominated}/", "nominated"
        else:
            sel = "nominated" if index == 1 else "sampled"
            sub, selection = f"{nominated if sel == 'nominated' else sampled}/", sel
        writer.case(f"{folder}/{sub}{_file_name(rng, index, spec)}", spec, candidate, selection)
