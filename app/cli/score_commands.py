"""``reviewdesk score set|show|sheet``: enter and read scores exactly as the desk does.

Same validation, same history. ``--rubric`` may name a family (``case-review-2024``): the case's own
sheet is used — the one its case type picks, or the one the expert chose (``score sheet``). Scoring
a case with ``score set --rubric`` on another sheet of the family makes that sheet the case's choice.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from app import paths
from app.cli.intake_commands import open_store
from app.errors import UsageError
from app.models.cases import CaseRepository
from app.models.scores import STATUS_LABELS, ScoreRepository, ScoreSheet, SheetChoices
from app.rubric import catalog
from app.rubric.item_types import CliValueError, describe_value, item_type
from app.rubric.model import Rubric
from app.rubric.rounding import format_points
from app.signing.identity import scorer_name


def register(sub: Any) -> None:
    score = sub.add_parser("score", help="录入或查看评分 / enter or show scores")
    ssub = score.add_subparsers(dest="score_command", metavar="ACTION", required=True)
    set_cmd = ssub.add_parser(
        "set",
        help="录入评分（与评审台相同的校验和历史）/ enter scores as the desk would",
        description="ITEM=VALUE: a number for an item, ITEM.CRITERION=VALUE for a criterion, or a level id.",
    )
    set_cmd.add_argument("case_id", type=int, metavar="CASE_ID")
    set_cmd.add_argument("values", nargs="*", metavar="ITEM=VALUE")
    set_cmd.add_argument("--rubric", required=True, metavar="ID")
    set_cmd.add_argument(
        "--na",
        action="append",
        default=[],
        metavar="ITEM[.CRITERION]",
        help="无需评审（项目或细则）/ not applicable (an item or one criterion)",
    )
    set_cmd.add_argument(
        "--missing", action="append", default=[], metavar="ITEM", help="文书缺失 / document missing"
    )
    set_cmd.add_argument("--note", action="append", default=[], metavar="ITEM=TEXT")
    set_cmd.add_argument(
        "--deduct",
        action="append",
        default=[],
        metavar="GROUP/DOCUMENT/ELEMENT",
        help="基本要素扣分 / element missing",
    )
    set_cmd.add_argument(
        "--gate", action="append", default=[], metavar="GATE=REASON", help="重大问题 / major problem"
    )
    set_cmd.add_argument(
        "--fact",
        action="append",
        default=[],
        metavar="FACT=yes|no|unknown",
        help="专家确认的案件事实，如 case_closed=no / a case fact, e.g. case_closed=no",
    )
    set_cmd.add_argument("--complete", action="store_true", help="评审完成并锁定 / complete and lock")
    set_cmd.add_argument("--reopen", metavar="REASON", help="重新打开已完成的案卷 / reopen a completed case")
    set_cmd.add_argument("--json", action="store_true")
    set_cmd.set_defaults(handler=run_set)
    show = ssub.add_parser("show", help="显示评分、得分说明和修改历史 / scores, explanation and history")
    show.add_argument("case_id", type=int, metavar="CASE_ID")
    show.add_argument("--rubric", required=True, metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    sheet = ssub.add_parser(
        "sheet",
        help="查看或改选案卷使用的评查表 / show or choose the sheet a case is scored on",
        description="Without RUBRIC_ID: the case's sheet and why. With it: the expert's choice. --auto: back to the case type's.",
    )
    sheet.add_argument("case_id", type=int, metavar="CASE_ID")
    sheet.add_argument("rubric_id", nargs="?", metavar="RUBRIC_ID")
    sheet.add_argument("--family", default="case-review-2024", metavar="FAMILY")
    sheet.add_argument("--auto", action="store_true", help="按案卷类型选表 / back to the case type's sheet")
    sheet.add_argument("--json", action="store_true")
    sheet.set_defaults(handler=run_sheet)


REASONS = {
    "case_type": ("按案卷类型", "picked by the case type"),
    "default": ("案卷类型无专用表，用默认表", "no sheet for this case type: the family's default"),
    "override": ("专家改选", "chosen by the expert"),
}


def _pair(text: str, what: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise UsageError(
            "bad_value", f"{what} 应写成 名称=值：{text}", f"{what} must be NAME=VALUE, not {text}"
        )
    return key.strip(), value.strip()


def _value_path(rubric: Rubric, key: str, value: str) -> tuple[str, Any]:
    """``ITEM=VALUE`` or ``ITEM.PART=VALUE`` as its score path and value, read by the item's type."""
    item_id, _, part = key.partition(".")
    try:
        item = rubric.item(item_id)
    except KeyError as exc:
        raise UsageError(
            "bad_item", f"评分标准中没有项目 {item_id}", f"no item {item_id} in {rubric.id}"
        ) from exc
    try:
        return item_type(item).cli_value(item, part, value)
    except CliValueError as exc:
        raise UsageError(
            "bad_value",
            f"{key} 的取值“{value}”不符合该项目（{exc}）",
            f"{value!r} is not a value of {key} ({exc})",
        ) from exc


@contextmanager
def _case_sheet(
    args: argparse.Namespace, choose: bool = False
) -> Iterator[tuple[ScoreRepository, ScoreSheet]]:
    """The case's score sheet under the chosen rubric, with the repository that changes it.

    A family id resolves to the case's sheet; with ``choose``, a sheet of a family that is not the
    case's becomes its choice (the expert scoring it there is choosing it).
    """
    data_dir = paths.data_dir(args.data_dir)
    rubrics, _errors = catalog.load_all(data_dir)
    store = open_store(args)
    try:
        case = CaseRepository(store.db).get(args.case_id)
        expert = scorer_name(store.root)
        choices = SheetChoices(store.db, expert)
        if args.rubric in catalog.families(rubrics):
            rubric = choices.choice(rubrics, args.rubric, case.id, case.value("case_type")).rubric
        else:
            rubric = catalog.get_case_rubric(args.rubric, data_dir)
            if choose and rubric.family:
                current = choices.choice(rubrics, rubric.family, case.id, case.value("case_type"))
                if current.rubric.id != rubric.id:
                    choices.choose(case.id, rubric.family, rubric.id, current.rubric.id)
                    print(f"（案卷 {case.id} 改用评查表 {rubric.id} / case {case.id} now on {rubric.id}）")
        repo = ScoreRepository(store.db, expert)
        yield repo, repo.sheet(args.case_id, rubric)
    finally:
        store.close()


def run_set(args: argparse.Namespace) -> int:
    with _case_sheet(args, choose=True) as (repo, sheet):
        try:
            # All or nothing: one bad value, or a --complete that cannot complete, stores nothing.
            with repo.db.atomic():
                sheet = _apply(args, repo, sheet)
        except UsageError as error:
            raise UsageError(
                error.code,
                f"{error.zh}（本次录入的内容均未保存）",
                f"{error.en} (nothing from this command was stored)",
            ) from error
        _print(sheet, args.json)
    return 0


def _apply(args: argparse.Namespace, repo: ScoreRepository, sheet: ScoreSheet) -> ScoreSheet:
    """The command's changes in order; the caller holds them in one transaction."""
    if args.reopen is not None:
        sheet = repo.reopen(sheet, args.reopen)
    changes: list[tuple[str, Any]] = [_value_path(sheet.rubric, *_pair(v, "ITEM=VALUE")) for v in args.values]
    changes += [(_not_applicable_path(sheet.rubric, item), True) for item in args.na]
    changes += [(f"missing/{item}", True) for item in args.missing]
    changes += [(f"notes/{k}", v) for k, v in (_pair(n, "--note") for n in args.note)]
    changes += [(f"deductions/{d}", True) for d in args.deduct]
    changes += [(f"gates/{k}", v) for k, v in (_pair(g, "--gate") for g in args.gate)]
    changes += [(f"facts/{k}", _yes_no(v)) for k, v in (_pair(f, "--fact") for f in args.fact)]
    for path, value in changes:
        sheet = repo.change(sheet, path, value)
    if args.complete:
        sheet = repo.complete(sheet)
    return sheet


def _not_applicable_path(rubric: Rubric, text: str) -> str:
    """``--na ITEM`` (the item) or ``--na ITEM.CRITERION`` (one criterion: 对应项目无需评审)."""
    item_id, _, criterion = text.partition(".")
    if not criterion:
        return f"not_applicable/{item_id}"
    _value_path(rubric, text, "0")  # the item and its criterion exist
    return f"scores/{item_id}/not_applicable/{criterion}"


def _yes_no(text: str) -> bool | None:
    answers = {"yes": True, "是": True, "true": True, "no": False, "否": False, "false": False}
    if text.lower() in ("unknown", "未确认", ""):
        return None
    if text.lower() not in answers:
        raise UsageError(
            "bad_value",
            f"事实的取值应为 yes、no 或 unknown：{text}",
            f"a fact is yes, no or unknown, not {text}",
        )
    return answers[text.lower()]


def run_sheet(args: argparse.Namespace) -> int:
    data_dir = paths.data_dir(args.data_dir)
    rubrics, _errors = catalog.load_all(data_dir)
    if args.family not in catalog.families(rubrics):
        raise UsageError(
            "no_such_family",
            f"没有评分标准系列 {args.family}。可用：{'、'.join(catalog.families(rubrics)) or '—'}",
            f"no rubric family {args.family}; available: {', '.join(catalog.families(rubrics))}",
        )
    sheets = {s.id: s for s in catalog.family_sheets(rubrics, args.family)}
    if args.rubric_id is not None and args.rubric_id not in sheets:
        raise UsageError(
            "not_in_family",
            f"{args.rubric_id} 不是 {args.family} 的评查表。可用：{'、'.join(sheets)}",
            f"{args.rubric_id} is not a sheet of {args.family}; one of {', '.join(sheets)}",
        )
    store = open_store(args)
    try:
        case = CaseRepository(store.db).get(args.case_id)
        choices = SheetChoices(store.db, scorer_name(store.root))
        current = choices.choice(rubrics, args.family, case.id, case.value("case_type"))
        if args.auto or args.rubric_id is not None:
            wanted = None if args.auto else args.rubric_id
            if wanted != choices.override(case.id, args.family):
                choices.choose(case.id, args.family, wanted, current.rubric.id)
            current = choices.choice(rubrics, args.family, case.id, case.value("case_type"))
        scored = [
            rid
            for rid in sheets
            if ScoreRepository(store.db, "").sheet(case.id, sheets[rid]).status != "not_started"
        ]
    finally:
        store.close()
    zh, en = REASONS[current.reason]
    if args.json:
        body = {
            "case": case.id,
            "family": args.family,
            "case_type": current.case_type,
            "rubric": current.rubric.id,
            "reason": current.reason,
            "scored_on": scored,
        }
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return 0
    print(f"案卷 {case.id} · 案卷类型 {current.case_type or '—'} · 评查表 {current.rubric.id}（{zh} / {en}）")
    print(f"  {current.rubric.title}")
    others = [rid for rid in scored if rid != current.rubric.id]
    if others:
        print(f"  ! 本案卷在其他评查表下也有评分 / also scored on: {', '.join(others)}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    with _case_sheet(args) as (repo, sheet):
        _print(sheet, args.json, repo.history(args.case_id, sheet.rubric.id))
    return 0


def _print(sheet: ScoreSheet, as_json: bool, history: list[dict[str, Any]] | None = None) -> None:
    result = sheet.result()
    if as_json:
        body = {
            "case": sheet.case_id,
            "status": sheet.status,
            "rubric": sheet.rubric.id,
            "rubric_hash": sheet.stored_hash or sheet.rubric.content_hash,
            "outdated": sheet.outdated,
            "inputs": sheet.inputs,
            "result": result.as_json(),
        }
        if history is not None:
            body["history"] = history
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return
    print(f"案卷 {sheet.case_id} · {sheet.rubric.id} · {STATUS_LABELS[sheet.status]}")
    if sheet.outdated:
        print("  ! 评分时使用的评分标准版本与当前不同 / scored under another version of this rubric")
    for step in result.steps:
        print(f"  {step.text}")
    state = "" if result.complete else "（未评完 / not complete）"
    print(f"得分 / score: {format_points(result.score)}{state}")
    items = {item.id: item for item in sheet.rubric.items}
    for entry in history or []:
        reason = f"  理由：{entry['reason']}" if entry["reason"] else ""
        old = describe_value(entry["path"], entry["old"], items)
        new = describe_value(entry["path"], entry["new"], items)
        print(f"  {entry['at']} {entry['expert']} {entry['path']}: {old} → {new}{reason}")
