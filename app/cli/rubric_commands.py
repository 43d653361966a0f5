"""``reviewdesk rubric list|show|validate|compute``: rubrics as data, for people and for scripts."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from app import paths
from app.errors import UsageError
from app.rubric import catalog
from app.rubric.engine import ScoreInputError, compute_case
from app.rubric.loader import RubricError
from app.rubric.model import Rubric
from app.rubric.rounding import as_json_number
from app.rubric.scheme import READINGS, Scheme
from app.rubric.scheme_engine import SchemeResult, compute_scheme
from app.vocabulary import CASE_TYPE_LABELS


def register(sub: Any) -> None:
    rubric = sub.add_parser("rubric", help="评分标准 / rubrics: list, show, validate, compute")
    rsub = rubric.add_subparsers(dest="rubric_command", metavar="ACTION", required=True)
    listing = rsub.add_parser("list", help="列出评分标准 / list the rubrics")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    show = rsub.add_parser("show", help="显示评分标准的全部项目 / every item of a rubric")
    show.add_argument("rubric_id", metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    check = rsub.add_parser(
        "validate", help="检查评分标准文件 / check rubric files (exit 1 when a problem is found)"
    )
    target = check.add_mutually_exclusive_group(required=True)
    target.add_argument("file", nargs="?", type=Path, metavar="FILE")
    target.add_argument("--all", action="store_true", help="built-in and the data directory's rubrics")
    check.set_defaults(handler=run_validate)
    compute = rsub.add_parser(
        "compute",
        help="按评分标准计算案卷得分并逐项说明 / score a case from INPUT.json and explain each number",
    )
    compute.add_argument("rubric_id", metavar="RUBRIC_ID")
    compute.add_argument("input", type=Path, metavar="INPUT.json")
    compute.add_argument("--partial", action="store_true", help="允许未评完的项目 / allow unscored items")
    compute.add_argument("--json", action="store_true")
    compute.set_defaults(handler=run_compute)


def _data_dir(args: argparse.Namespace) -> Path:
    return paths.data_dir(args.data_dir)


def run_list(args: argparse.Namespace) -> int:
    rubrics, errors = catalog.load_all(_data_dir(args))
    rows = [
        {
            "id": r.id,
            "kind": "scheme" if isinstance(r, Scheme) else "case",
            "title": r.title,
            "version": r.version,
            "source": r.source,
            "total": as_json_number(r.total if isinstance(r, Scheme) else r.scoring.total),
            "hash": r.content_hash,
            "path": r.path,
            **({} if isinstance(r, Scheme) else _sheet_facts(r)),
        }
        for r in sorted(rubrics.values(), key=lambda r: r.id)
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            kind = "方案" if row["kind"] == "scheme" else "案卷"
            extra = ""
            if row.get("bonus"):
                extra += f" +{row['bonus']} 加分"
            if row.get("case_types"):
                extra += f"（{'、'.join(CASE_TYPE_LABELS.get(t, t) for t in row['case_types'])}）"
            elif row.get("family_default"):
                extra += "（其他案卷类型 / other case types）"
            print(f"{row['id']:<38} {kind} {row['total']:>4} 分{extra}  {row['title']}")
        for error in errors:
            print(f"! {error}")
    return 1 if errors else 0


def _sheet_facts(rubric: Rubric) -> dict[str, Any]:
    """What tells one sheet of a family from another: the case types it serves, its 加分, its item points."""
    return {
        "family": rubric.family or None,
        "case_types": list(rubric.case_types),
        "family_default": rubric.family_default,
        "bonus": as_json_number(rubric.bonus_total),
        "items_total": as_json_number(sum((i.points for i in rubric.standard_items), Decimal(0))),
    }


def rubric_as_json(rubric: Rubric) -> dict[str, Any]:
    scoring = rubric.scoring
    return {
        "id": rubric.id,
        "title": rubric.title,
        "version": rubric.version,
        "source": rubric.source,
        "hash": rubric.content_hash,
        "notes": list(rubric.notes),
        "scoring": {
            "method": scoring.method,
            "total": as_json_number(scoring.total),
            "base": as_json_number(scoring.base),
            "weight": as_json_number(scoring.weight),
        },
        "gates": [{"id": g.id, "label": g.label, "description": g.description} for g in rubric.gates],
        "deductions": [
            {
                "id": d.id,
                "label": d.label,
                "cap": as_json_number(d.cap),
                "apply": d.apply,
                "documents": list(d.documents),
                "elements": [
                    {"id": e.id, "label": e.label, "points": as_json_number(e.points)} for e in d.elements
                ],
            }
            for d in rubric.deductions
        ],
        "items": [
            {
                "id": i.id,
                "label": i.label,
                "kind": i.kind,
                "points": as_json_number(i.points),
                "step": as_json_number(i.step),
                "group": i.group or None,
                "document": i.document,
                "missing": i.missing,
                "not_applicable": i.not_applicable,
                "note": i.note,
                "criteria": [
                    {"id": c.id, "label": c.label, "points": as_json_number(c.points)} for c in i.criteria
                ],
                "levels": [
                    {"id": lv.id, "label": lv.label, "points": as_json_number(lv.points)} for lv in i.levels
                ],
            }
            for i in rubric.items
        ],
    }


def scheme_as_json(scheme: Scheme) -> dict[str, Any]:
    return {
        "id": scheme.id,
        "kind": "scheme",
        "title": scheme.title,
        "version": scheme.version,
        "source": scheme.source,
        "hash": scheme.content_hash,
        "candidate": scheme.candidate,
        "total": as_json_number(scheme.total),
        "bonus_cap": None if scheme.bonus_cap is None else as_json_number(scheme.bonus_cap),
        "places": scheme.places,
        "contest_by": scheme.contest_by,
        "readings": [
            {"name": r.name, "value": r.value, "basis": r.basis, "source": r.source}
            for r in (scheme.reading(name) for name in READINGS)
        ],
        "notes": list(scheme.notes),
        "vetoes": [
            {"id": v.id, "label": v.label, "flag": v.flag, "requires_document": v.requires_document}
            for v in scheme.vetoes
        ],
        "indicators": [
            {
                "id": i.id,
                "label": i.label,
                "points": as_json_number(i.points),
                "rule": i.rule,
                "parent": i.parent,
                "in_total": i.in_total,
                "county_free": as_json_number(i.county_free),
                "bonus": i.is_bonus,
                "zero_if": None if i.zero_if is None else {"flag": i.zero_if[0], "label": i.zero_if[1]},
                "reading": i.reading or None,
                "note": i.note,
                "params": i.params,
                "parts": [
                    {"selection": p.selection, "points": as_json_number(p.points), "requires": p.requires}
                    for p in i.parts
                ],
            }
            for i in scheme.indicators
        ],
    }


def _print_scheme(scheme: Scheme) -> None:
    print(f"{scheme.title}\n{scheme.id} · {scheme.version} · {scheme.content_hash}\n来源：{scheme.source}")
    for note in scheme.notes:
        print(f"  注：{note}")

    def walk(parent: str | None, depth: int) -> None:
        for ind in scheme.children(parent):
            extra = "（不计入总分）" if not ind.in_total else ""
            print(f"{'    ' * depth}[{ind.points:>4} 分] {ind.id}: {ind.label} — {ind.rule}{extra}")
            walk(ind.id, depth + 1)

    walk(None, 0)
    for veto in scheme.vetoes:
        print(f"[一票否决] {veto.id}: {veto.label}")
    for name in READINGS:
        reading = scheme.reading(name)
        print(f"[读法] {name} = {reading.value}（{reading.basis}）")
    if scheme.places:
        print("名额：" + "，".join(f"{k} {v}" for k, v in scheme.places.items()))


def run_show(args: argparse.Namespace) -> int:
    rubric = catalog.get(args.rubric_id, _data_dir(args))
    if isinstance(rubric, Scheme):
        if args.json:
            print(json.dumps(scheme_as_json(rubric), ensure_ascii=False, indent=2))
        else:
            _print_scheme(rubric)
        return 0
    if args.json:
        print(json.dumps(rubric_as_json(rubric), ensure_ascii=False, indent=2))
        return 0
    print(f"{rubric.title}\n{rubric.id} · {rubric.version} · {rubric.content_hash}\n来源：{rubric.source}")
    facts = _sheet_facts(rubric)
    if rubric.family:
        served = "、".join(CASE_TYPE_LABELS.get(t, t) for t in rubric.case_types) or "其他案卷类型"
        print(f"系列 / family：{rubric.family}；适用 / for：{served}")
    print(
        f"项目合计 / items total：{facts['items_total']} 分；案卷满分 / case total：{rubric.scoring.total} 分"
    )
    if rubric.bonus_total:
        print(f"加分 / bonus：至多 {facts['bonus']} 分（{rubric.scoring.bonus}）")
    for note in rubric.notes:
        print(f"  注：{note}")
    for reading in rubric.readings:
        print(f"[读法 / reading] {reading.id} = {reading.value}：{reading.text}")
    for fact in rubric.facts:
        print(f"[案件事实 / fact] {fact.id}: {fact.label} — {fact.question}")
    for gate in rubric.gates:
        print(f"[重大问题] {gate.id}: {gate.label} — {gate.description}")
    for group in rubric.deductions:
        print(f"[扣分] {group.id}: {group.label}（上限 {group.cap}，{group.apply}）")
        for element in group.elements:
            print(f"    {element.id:<20} −{element.points}  {element.label}")
    for item in rubric.items:
        extra = f"；无需评审：{item.not_applicable}" if item.not_applicable else ""
        bonus = "【加分】" if item.bonus else ""
        print(f"[{item.points:>4} 分] {bonus}{item.id}: {item.label}（缺失：{item.missing}{extra}）")
        for criterion in item.criteria:
            print(f"    {criterion.id:<20} {criterion.points:>4}  {criterion.label}")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    if args.all:
        files = [f.path for f in catalog.rubric_files(_data_dir(args))]
    else:
        if not args.file.is_file():
            raise UsageError("no_such_file", f"找不到文件：{args.file}", f"no such file: {args.file}")
        files = [args.file]
    failed = 0
    for path in files:
        try:
            rubric = catalog.load_any(path)
        except RubricError as error:
            failed += 1
            for found in error.problems:
                print(f"✗ {found}")
            continue
        size = len(rubric.indicators) if isinstance(rubric, Scheme) else len(rubric.items)
        print(f"✓ {path}: {rubric.id} ({size} items, {rubric.content_hash[:19]}…)")
    return 1 if failed else 0


def run_compute(args: argparse.Namespace) -> int:
    rubric = catalog.get(args.rubric_id, _data_dir(args))
    try:
        inputs = json.loads(args.input.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(
            "bad_input",
            f"无法读取评分输入文件 {args.input}：{exc}",
            f"cannot read the input {args.input}: {exc}",
        ) from exc
    if not isinstance(inputs, dict):
        raise UsageError(
            "bad_input",
            f"评分输入文件 {args.input} 应是一个 JSON 对象（{{…}}），而不是 {type(inputs).__name__}",
            f"the input {args.input} must be a JSON object ({{…}}), not a {type(inputs).__name__}",
        )
    try:
        if isinstance(rubric, Scheme):
            return _print_scheme_result(compute_scheme(rubric, inputs), args.json)
        result = compute_case(rubric, inputs, partial=args.partial)
    except ScoreInputError as exc:
        raise UsageError(
            "bad_scores", f"评分输入不符合评分标准：{exc}", f"the scores do not fit the rubric: {exc}"
        ) from exc
    except (TypeError, ValueError, KeyError, AttributeError, ArithmeticError) as exc:
        # A hand-written input file of the wrong shape (a list where a table belongs, text for a number).
        raise UsageError(
            "bad_input",
            f"评分输入文件 {args.input} 的格式不对：{exc!r}",
            f"the input {args.input} is not shaped as the rubric expects: {exc!r}",
        ) from exc
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    for step in result.steps:
        print(f"  {step.text}")
    print(f"得分 / score: {as_json_number(result.score)}（{rubric.id}, {rubric.content_hash[:19]}…）")
    return 0


def _print_scheme_result(result: SchemeResult, as_json: bool) -> int:
    if as_json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    if result.readings:
        print("读法 / readings（方案未写明或自相矛盾处取的参数）:")
        for reading in result.readings:
            print(f"  {reading.name} = {reading.value}（{reading.basis}）")
    for candidate in result.candidates:
        print(f"● {candidate.name or candidate.id}（{candidate.level or '—'}）")
        for step in candidate.steps:
            print(f"    {step.text}")
        for finding in candidate.findings:
            print(f"    ! 问题 / finding: {finding}")
    print("\n排名 / ranking:")
    ranked = sorted(
        (c for c in result.candidates if c.total is not None),
        key=lambda c: (c.contest or "", c.level, c.rank or 0),
    )
    for candidate in ranked:
        mark = "★" if candidate.selected else " "
        passed = "" if candidate.passed is None else (" 达标" if candidate.passed else " 未达标")
        print(
            f"  {mark} {candidate.contest or candidate.level or '-':<8} 第{candidate.rank}名 {as_json_number(candidate.total or Decimal(0)):>7} {candidate.name}{passed}"
        )
    for candidate in result.candidates:
        if candidate.vetoed:
            print(f"  ✗ {candidate.name}：{candidate.vetoed}")
    return 0
