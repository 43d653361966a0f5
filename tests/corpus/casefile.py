"""One case file: which papers it holds in which order, its transcripts with planted defects, its PDF.

Kind mapping of the papers is in ``papers``' docstring; transcripts are ``inspection_record`` and
``inquiry_record``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from tests.corpus import papers, transcripts
from tests.corpus.layout import add_footers, render_pymupdf, render_reportlab
from tests.corpus.papers import CaseContext, Doc, Look
from tests.corpus.realm import JOBS, ROOMS, Bureau, Staff, Violation, person_name
from tests.corpus.scan import scan
from tests.corpus.transcripts import INQUIRY_TITLES, INSPECTION_TITLES, LAYOUTS, Plan
from tests.corpus.transcripts import Look as RecordLook

DEFECTS = ("single_officer", "missing_badge", "no_end_time", "time_not_to_minute", "recorder_is_officer")
HEADERS = (None, None, None, "附件", "环境行政处罚文书", "案卷材料")


@dataclass
class Built:
    data: bytes
    truth: dict[str, object]


@dataclass
class CaseSpec:
    bureau: Bureau
    cover_unit: str
    case_type: str
    case_number: str
    year: int
    staff: Staff
    lead: str | None
    """an individual candidate who must appear among the officers"""
    scanned: bool
    small: bool


def _number(rng: random.Random, prefix: str, year: int) -> str:
    n = rng.randint(1, 160)
    return rng.choice(
        (
            f"{prefix}〔{year}〕{n}号",
            f"{prefix}〔{year}〕{n}号",
            f"{prefix}字〔{year}〕第{n}号",
            f"{prefix}[{year}]{n}号",
        )
    )


def new_spec(
    rng: random.Random,
    bureau: Bureau,
    cover_unit: str,
    case_type: str,
    year: int,
    staff: Staff,
    lead: str | None,
    scanned: bool,
) -> CaseSpec:
    return CaseSpec(
        bureau,
        cover_unit,
        case_type,
        _number(rng, bureau.penalty_prefix, year),
        year,
        staff,
        lead,
        scanned,
        scanned,
    )


def _plans(
    rng: random.Random, spec: CaseSpec, ctx: CaseContext, violation: Violation, taken: set[str]
) -> list[Plan]:
    """The case's transcripts with officers, times and defects; non-defective ones never overlap."""
    inspections = 1 if spec.small or rng.random() < 0.7 else 2
    inquiries = 1 if spec.small else rng.choice((1, 2, 2, 3))
    kinds = ["inspection_record"] * inspections + ["inquiry_record"] * inquiries
    layout = rng.choice(LAYOUTS)
    officers = list(spec.staff.officers)
    rng.shuffle(officers)
    pair = officers[:2]
    if spec.lead and spec.lead not in [o.name for o in pair]:
        pair[rng.randrange(2)] = next(o for o in spec.staff.officers if o.name == spec.lead)
    # whoever records is never one of the two officers, unless recorder_is_officer is planted
    recorders = [o.name for o in officers if o not in pair][:2] + spec.staff.clerks
    day = ctx.filed - timedelta(days=rng.randint(1, 3))
    plans = []
    for i, kind in enumerate(kinds):
        if i and rng.random() < 0.3:
            layout = rng.choice(LAYOUTS)
        start = day.replace(
            hour=rng.choice((8, 9, 10, 14, 15)), minute=rng.choice((0, 10, 15, 25, 30, 40, 50))
        )
        minutes = rng.randint(35, 110)
        title = rng.choice(INSPECTION_TITLES if kind == "inspection_record" else INQUIRY_TITLES)
        person = ctx.person if kind == "inspection_record" or i == inspections else person_name(rng, taken)
        plan = Plan(
            kind=kind,
            title=title,
            layout=layout,
            bureau=spec.cover_unit,
            officers=[(o.name, o.badge) for o in pair],
            recorder=rng.choice(recorders),
            subject=ctx.company,
            place=ctx.address
            if kind == "inspection_record"
            else rng.choice((ctx.company, spec.cover_unit)) + rng.choice(ROOMS),
            person=person,
            job=ctx.job if person == ctx.person else rng.choice(JOBS),
            start=start,
            end=start + timedelta(minutes=minutes),
            to_minute=True,
            violation=violation,
            qa_count=(
                rng.randint(0, 4) if kind == "inspection_record" else rng.randint(4, 8 if spec.small else 30)
            ),
        )
        plans.append(plan)
        day = day + timedelta(days=rng.randint(1, 4))
    for plan in plans:
        if rng.random() < 0.24:
            choices = [d for d in DEFECTS if d != "recorder_is_officer" or plan.kind == "inquiry_record"]
            _plant(rng, plan, rng.choice(choices))
    if len(plans) >= 2 and rng.random() < 0.14:
        a, b = sorted(rng.sample(plans, 2), key=plans.index)
        if not a.defects and not b.defects:
            # b takes a's officers and starts while a is still going; neither carries another defect
            # (a copied or dropped badge, a moved recorder would be an unrecorded one)
            b.officers = list(a.officers)
            if b.recorder in [n for n, _ in b.officers]:
                b.recorder = a.recorder
            b.start = a.start + timedelta(
                minutes=rng.randint(10, max(11, int((a.end - a.start).seconds / 60) - 5))
            )
            b.end = b.start + timedelta(minutes=rng.randint(30, 80))
            a.defects.append("overlapping_records")
            b.defects.append("overlapping_records")
    return plans


def _plant(rng: random.Random, plan: Plan, defect: str) -> None:
    if defect == "single_officer":
        plan.officers = plan.officers[:1]
    elif defect == "missing_badge":
        i = rng.randrange(len(plan.officers))
        plan.officers[i] = (plan.officers[i][0], None)
    elif defect == "no_end_time":
        plan.end = None
    elif defect == "time_not_to_minute":
        plan.to_minute = False
        plan.start = plan.start.replace(minute=0)
        assert plan.end is not None
        plan.end = plan.end.replace(minute=0) + timedelta(hours=1 if plan.end.minute else 0)
    elif defect == "recorder_is_officer":
        plan.recorder = plan.officers[rng.randrange(len(plan.officers))][0]
    plan.defects.append(defect)


def _looks(rng: random.Random) -> tuple[Look, RecordLook]:
    title = rng.choice((16.0, 18.0, 20.0, 22.0))
    body = rng.choice((11.0, 12.0, 12.0, 13.0))
    bold = rng.random() < 0.5
    paper = Look(title, body, bold, rng.choice((0.0, 0.15, 0.35)), rng.choice(HEADERS))
    record = RecordLook(title, body, bold, rng.random() < 0.15, rng.random() < 0.5, rng.random() < 0.6)
    return paper, record


def build_case(rng: random.Random, spec: CaseSpec, taken: set[str]) -> Built:
    violation = rng.choice(papers_violations())
    town = rng.choice(spec.bureau.places)
    from tests.corpus.realm import company_name

    company = company_name(rng, spec.bureau)
    filed = datetime(spec.year, rng.randint(3, 8), rng.randint(1, 28), 9, 0)
    decided = filed + timedelta(days=rng.randint(30, 60))
    ctx = CaseContext(
        bureau=spec.cover_unit,
        case_number=spec.case_number,
        company=company,
        person=person_name(rng, taken),
        job=rng.choice(JOBS),
        violation=violation,
        case_type=spec.case_type,
        filed=filed,
        decided=decided,
        closed=decided + timedelta(days=rng.randint(20, 50)),
        fine=rng.choice((20000, 50000, 100000, 150000, 200000, 350000)),
        handlers=[],
        address=f"{town}{rng.randint(1, 300)}号",
    )
    plans = _plans(rng, spec, ctx, violation, taken)
    ctx.handlers = [n for n, _ in plans[0].officers] or ["—"]
    look, record_look = _looks(rng)
    docs: list[Doc] = [papers.cover(ctx, look, rng)]
    body: list[Doc] = [papers.filing_approval(ctx, look, rng)]
    small = spec.small
    if not small and rng.random() < 0.25:
        body.append(
            papers.letter(
                ctx,
                look,
                rng,
                "立案告知书",
                [f"你单位涉嫌{violation.finding}，我局已于{filed.year}年立案调查。"],
            )
        )
    for i, plan in enumerate(plans):
        if plan.kind == "inquiry_record" and not small and rng.random() < 0.35:
            body.append(papers.mandate(ctx, look, rng))
        if plan.kind == "inquiry_record" and not small and rng.random() < 0.3:
            body.append(papers.id_copy(ctx, look, rng))
        pages = transcripts.build(plan, record_look, rng)
        body.append(Doc(plan.kind, plan.title, pages, plan.truth()))
        if plan.kind == "inspection_record" and not small and rng.random() < 0.5:
            body.append(papers.photos(ctx, look, rng, plan.start, [n for n, _ in plan.officers]))
        if i == 0 and not small and rng.random() < 0.4:
            body.append(papers.licence_copy(ctx, look, rng))
    if "排放" in violation.cause and (not small or rng.random() < 0.5):
        body.append(papers.evidence_report(ctx, look, rng))
    if "危险废物" in violation.cause and not small:
        body.append(
            papers.listing(
                ctx,
                look,
                rng,
                "危险废物称重记录",
                [("序号", 0.1), ("名称", 0.3), ("重量（kg）", 0.2), ("称重时间", 0.4)],
                rng.randint(5, 30),
            )
        )
    body += _type_papers(rng, spec, ctx, look)[: 1 if small else 2]
    if not small:
        body.append(papers.investigation_report(ctx, look, rng))
    if not small or rng.random() < 0.5:
        body.append(papers.hearing_notice(ctx, look, rng))
    if not small and rng.random() < 0.3:
        body.append(papers.statement_record(ctx, look, rng))
    if not small and rng.random() < 0.15:
        body.append(
            papers.letter(
                ctx, look, rng, "听证通知书", [f"根据你单位的申请，我局定于{decided.year}年举行听证会。"]
            )
        )
    body.append(papers.decision(ctx, look, rng, "行政处罚决定书", spec.case_number))
    body.append(papers.service_receipt(ctx, look, rng, f"行政处罚决定书（{spec.case_number}）"))
    if not small and rng.random() < 0.3:
        body.append(papers.service_receipt(ctx, look, rng, "行政处罚事先（听证）告知书"))
    if spec.bureau.penalty_prefix in ("盐环罚", "大环罚") or (not small and rng.random() < 0.2):
        body.append(papers.payment(ctx, look, rng))
    body.append(papers.closing_approval(ctx, look, rng))
    if rng.random() < 0.4:
        body.append(
            papers.listing(
                ctx,
                look,
                rng,
                "卷内备考表",
                [("序号", 0.1), ("说明", 0.5), ("立卷人", 0.2), ("日期", 0.2)],
                3,
            )
        )
    footer = rng.choice(("gong-di", "di-slash-gong", "di-gong", "fraction", "dash", "none"))
    for doc in body:
        style = footer if rng.random() < 0.85 else rng.choice(("gong-di", "none", "fraction"))
        if style != "dash":
            add_footers(doc.pages, style)
    if rng.random() < (0.15 if small else 0.55):
        docs.append(_toc(rng, look, docs, body))
    docs += body
    pages = [page for doc in docs for page in doc.pages]
    if footer == "dash":
        from tests.corpus.layout import FOOTERS, HEIGHT, WIDTH, text_width

        for i, page in enumerate(pages[1:], 1):
            s = FOOTERS["dash"](i, len(pages) - 1)
            page.append(("text", (WIDTH - text_width(s, 10.5)) / 2, HEIGHT - 46, s, 10.5, False, (0, 0, 0)))
    stamp = ctx.closed.strftime("D:%Y%m%d%H%M%S+08'00'")
    if rng.random() < 0.35:
        data = render_reportlab(pages)
    else:
        data = render_pymupdf(pages, rng.choice(("china-s", "china-ss")), stamp)
    dpi = None
    rotations = [0] * len(pages)
    if spec.scanned:
        dpi = rng.choice((150, 200, 200, 300))
        if rng.random() < 0.6:
            for index in rng.sample(range(1, len(pages)), k=min(len(pages) - 1, rng.randint(1, 2))):
                rotations[index] = rng.choice((90, 180, 270))
        data = scan(data, rng, dpi, rng.uniform(0.5, 3.0), rotations, stamp)
    documents, records = [], []
    first = 1
    for doc in docs:
        last = first + len(doc.pages) - 1
        documents.append({"kind": doc.kind, "title": doc.title, "first_page": first, "last_page": last})
        if doc.transcript is not None:
            records.append(
                {"kind": doc.kind, "first_page": first, "last_page": last}
                | {k: v for k, v in doc.transcript.items() if k != "kind"}
            )
        first = last + 1
    truth = {
        "case_type": spec.case_type,
        "case_number": spec.case_number,
        "scanned": spec.scanned,
        "dpi": dpi,
        "pages": len(pages),
        "page_rotations": rotations,
        "documents": documents,
        "transcripts": records,
    }
    return Built(data, truth)


def papers_violations() -> tuple[Violation, ...]:
    from tests.corpus.realm import VIOLATIONS

    return VIOLATIONS


def _toc(rng: random.Random, look: Look, before: list[Doc], body: list[Doc]) -> Doc:
    off_by = 1 if rng.random() < 0.2 else 0
    toc_pages = 1
    while True:
        page = len(before) + toc_pages + 1
        entries = []
        for doc in body:
            entries.append((doc.title.replace(" ", "") or "居民身份证复印件", page))
            page += len(doc.pages)
        built = papers.toc(entries, look, rng, off_by)
        if len(built.pages) == toc_pages:
            return built
        toc_pages = len(built.pages)


def _type_papers(rng: random.Random, spec: CaseSpec, ctx: CaseContext, look: Look) -> list[Doc]:
    kind = spec.case_type
    number = ctx.case_number
    out: list[Doc] = []
    if kind == "daily_penalty":
        out.append(
            papers.letter(
                ctx,
                look,
                rng,
                "责令改正违法行为决定书",
                [f"你单位{ctx.violation.finding}，责令你单位立即改正。"],
                number.replace("罚", "责改"),
            )
        )
        out.append(papers.decision(ctx, look, rng, "按日连续处罚决定书", number.replace("罚", "按日罚")))
    elif kind == "seizure":
        out.append(papers.decision(ctx, look, rng, "查封（扣押）决定书", number.replace("罚", "封")))
        out.append(
            papers.listing(
                ctx,
                look,
                rng,
                "查封（扣押）清单",
                [("序号", 0.1), ("名称", 0.4), ("数量", 0.2), ("日期", 0.3)],
                rng.randint(3, 8),
            )
        )
    elif kind == "production_limit":
        out.append(papers.decision(ctx, look, rng, "责令限制生产决定书", number.replace("罚", "限")))
    elif kind == "detention_referral":
        out.append(
            papers.letter(
                ctx,
                look,
                rng,
                "案件移送书",
                [f"{ctx.company}涉嫌{ctx.violation.finding}，依法移送公安机关处理。"],
            )
        )
        out.append(papers.letter(ctx, look, rng, "移送案件受案回执", ["你局移送的案件我局已受理。"]))
    elif kind == "crime_referral":
        out.append(
            papers.letter(
                ctx, look, rng, "涉嫌环境犯罪案件移送书", [f"{ctx.company}涉嫌污染环境罪，依法移送。"]
            )
        )
        out.append(
            papers.letter(ctx, look, rng, "移送案件受案回执", ["你局移送的涉嫌环境犯罪案件我局已受理。"])
        )
    elif kind == "court_enforcement":
        out.append(
            papers.letter(ctx, look, rng, "催告书", [f"你单位未履行{number}行政处罚决定，请于十日内履行。"])
        )
        out.append(
            papers.letter(ctx, look, rng, "强制执行申请书", [f"申请人民法院强制执行{number}行政处罚决定。"])
        )
    return out
