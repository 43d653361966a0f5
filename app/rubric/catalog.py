"""Where rubrics come from: the built-in ones and a user's own.

Built-in rubrics ship in ``resources/rubrics``; a user's own live in ``<data dir>/rubrics``, and one
with the same id as a built-in rubric replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.errors import UsageError
from app.resourcefiles import resource_dir
from app.rubric.loader import RubricError, RubricProblem, load_rubric
from app.rubric.model import Rubric
from app.rubric.scheme import Scheme, is_scheme_text, load_scheme


@dataclass(frozen=True)
class RubricFile:
    path: Path
    builtin: bool


def builtin_dir() -> Path:
    return resource_dir("rubrics", required="*.toml")


def rubric_files(data_dir: Path | None) -> list[RubricFile]:
    found = [RubricFile(p, True) for p in sorted(builtin_dir().glob("*.toml"))]
    if data_dir is not None and (data_dir / "rubrics").is_dir():
        found += [RubricFile(p, False) for p in sorted((data_dir / "rubrics").glob("*.toml"))]
    return found


def load_any(path: Path) -> Rubric | Scheme:
    """A case rubric or a candidate scheme (``kind = "scheme"``), validated."""
    if is_scheme_text(path.read_text(encoding="utf-8")):
        return load_scheme(path)
    return load_rubric(path)


_Signature = tuple[tuple[str, int, int, int, int], ...]
_LOADED: dict[Path | None, tuple[_Signature, dict[str, Rubric | Scheme], list[RubricError]]] = {}
"""Parsed once per process and data directory; parsed again when a rubric file is added, removed or changed."""


def _signature(files: list[RubricFile]) -> _Signature:
    signature = []
    for file in files:
        try:
            info = file.path.stat()
        except OSError:
            continue
        signature.append((str(file.path), info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size))
    return tuple(signature)


def load_all(data_dir: Path | None) -> tuple[dict[str, Rubric | Scheme], list[RubricError]]:
    """Every usable rubric and scheme by id, and the errors of those that are not.

    Parsing every file costs far more than looking at their sizes and times, and lookups come in
    loops (a package per expert, a case per row): the result is kept until a file changes.
    """
    files = rubric_files(data_dir)
    signature = _signature(files)
    cached = _LOADED.get(data_dir)
    if cached is None or cached[0] != signature:
        rubrics, errors = _parse_all(files)
        cached = _LOADED[data_dir] = (signature, rubrics, errors)
    return dict(cached[1]), list(cached[2])


def _parse_all(files: list[RubricFile]) -> tuple[dict[str, Rubric | Scheme], list[RubricError]]:
    rubrics: dict[str, Rubric | Scheme] = {}
    errors: list[RubricError] = []
    for file in files:
        try:
            rubric = load_any(file.path)
        except RubricError as error:
            errors.append(error)
            continue
        rubrics[rubric.id] = rubric
    errors += family_errors(rubrics)
    return rubrics, errors


# -- sheets chosen per case -------------------------------------------------------------------------

FAMILY_LABELS = {"case-review-2024": "生态环境行政执法案卷评查细则（2024年版）· 按案卷类型选表"}


@dataclass(frozen=True)
class SheetChoice:
    """The sheet a case is scored on within a family, and why (``case_type``, ``default``, ``override``)."""

    rubric: Rubric
    reason: str
    case_type: str | None


def family_sheets(rubrics: dict[str, Rubric | Scheme], family: str) -> list[Rubric]:
    return sorted(
        (r for r in rubrics.values() if isinstance(r, Rubric) and r.family == family), key=lambda r: r.id
    )


def families(rubrics: dict[str, Rubric | Scheme]) -> list[str]:
    return sorted({r.family for r in rubrics.values() if isinstance(r, Rubric) and r.family})


def family_errors(rubrics: dict[str, Rubric | Scheme]) -> list[RubricError]:
    """A family needs exactly one default sheet, and no case type may pick two sheets."""
    errors = []
    for family in families(rubrics):
        sheets = family_sheets(rubrics, family)
        defaults = [s for s in sheets if s.family_default]
        problems = []
        if len(defaults) != 1:
            problems.append(
                RubricProblem(
                    sheets[0].path, 0, family, f"family '{family}' has {len(defaults)} default sheets, not 1"
                )
            )
        seen: dict[str, str] = {}
        for sheet in sheets:
            for case_type in sheet.case_types:
                if case_type in seen:
                    problems.append(
                        RubricProblem(
                            sheet.path, 0, sheet.id, f"case type '{case_type}' is also {seen[case_type]}'s"
                        )
                    )
                seen[case_type] = sheet.id
        if problems:
            errors.append(RubricError(problems))
    return errors


def sheet_for_case(
    rubrics: dict[str, Rubric | Scheme], family: str, case_type: str | None, override: str | None = None
) -> SheetChoice:
    """The expert's choice if any; else the sheet listing the case type; else the family's default."""
    sheets = family_sheets(rubrics, family)
    if not sheets:
        raise UsageError("no_such_rubric", f"没有评分标准系列 {family}。", f"no rubric family {family}")
    by_id = {s.id: s for s in sheets}
    if override in by_id:
        return SheetChoice(by_id[override], "override", case_type)
    for sheet in sheets:
        if case_type is not None and case_type in sheet.case_types:
            return SheetChoice(sheet, "case_type", case_type)
    default = next((s for s in sheets if s.family_default), sheets[0])
    return SheetChoice(default, "default", case_type)


def get(rubric_id: str, data_dir: Path | None) -> Rubric | Scheme:
    rubrics, _errors = load_all(data_dir)
    if rubric_id not in rubrics:
        known = "、".join(sorted(rubrics) + families(rubrics)) or "—"
        raise UsageError(
            "no_such_rubric",
            f"没有编号为 {rubric_id} 的评分标准。可用：{known}",
            f"no rubric with id {rubric_id}; available: {', '.join(sorted(rubrics))}",
        )
    return rubrics[rubric_id]


def get_case_rubric(rubric_id: str, data_dir: Path | None) -> Rubric:
    """A rubric cases are scored under; a scheme's id is a clear error, not a crash further on."""
    found = get(rubric_id, data_dir)
    if not isinstance(found, Rubric):
        raise UsageError(
            "not_a_case_rubric",
            f"{rubric_id} 是候选方案，不是案卷评分标准。",
            f"{rubric_id} is a scheme, not a case rubric",
        )
    return found


def get_scheme(scheme_id: str, data_dir: Path | None) -> Scheme:
    """A candidate scheme; a case rubric's id is a clear error."""
    found = get(scheme_id, data_dir)
    if not isinstance(found, Scheme):
        raise UsageError("not_a_scheme", f"{scheme_id} 不是候选评选方案。", f"{scheme_id} is not a scheme")
    return found
