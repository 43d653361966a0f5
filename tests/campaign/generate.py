"""A campaign written straight into a store: case files, their transcripts' text and facts, and the truth.

The cross-case checks read stored text and facts; this writes them as analysis would, so a campaign
of 3,000 case files is made in seconds. What is planted (the truth):
- copies: a record refilled for another case file, names, dates and numbers changed and 0–30 % of
  its answers rewritten (``copies``: pairs of record keys);
- leftovers: in some copies one answer keeps the source's company name (``leftovers``);
- double bookings: an officer in two records of different case files at overlapping times;
- records ending before they start, dated after their decision, inquiries dated before 立案.
Clean records share the form's fixed wording (the 告知 paragraph, stock answers) and a bureau's
own question phrasing, nothing else planted. Officers of a bureau are scheduled one record at a
time, so no overlap happens by chance.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from tests.campaign import words as w

Key = tuple[str, int]
NOTICE = (
    "我们是{unit}的执法人员，这是我们的执法证件，请过目。现依法向你进行调查询问，你有如实回答询问、"
    "协助调查的义务，也有陈述、申辩和申请回避的权利，如果认为调查人员与本案有利害关系，可以申请回避。"
)
QUESTIONS = {
    "notice": ("你听清楚了吗？是否申请回避？", "以上内容你是否听清楚？是否申请执法人员回避？"),
    "identity": ("请介绍一下你的基本情况。", "请说一下你的姓名、职务和联系方式。", "你在单位担任什么职务？"),
    "company": ("请介绍一下你单位的基本情况。", "你单位主要生产什么产品？规模如何？"),
    "procedure": ("你单位的环评手续办理情况如何？", "你单位是否办理了环评和验收手续？"),
    "facility": ("你单位有哪些污染防治设施？运行情况如何？", "请说明你单位污染防治设施的建设和运行情况。"),
    "violation": ("执法人员检查时发现的问题你是否认可？", "对今天现场检查发现的问题你有什么说明？"),
    "duration": ("这种情况持续了多长时间？", "上述行为从什么时候开始的？"),
    "reason": ("为什么会出现这种情况？", "造成上述问题的原因是什么？"),
    "rectify": ("你单位目前采取了哪些整改措施？", "对发现的问题你单位打算怎么整改？"),
    "other": ("你还有什么需要补充的吗？", "你还有其他要说明的情况吗？"),
    "read": ("以上笔录你看一下，记录是否属实？", "请核对以上笔录，与你所说的是否一致？"),
}
STOCK = {
    "notice": ("听清楚了，不申请回避。", "听清楚了，不申请。"),
    "read": ("属实。", "看过了，和我说的一样。"),
}


@dataclass
class Person:
    name: str
    badge: str | None = None


@dataclass
class Bureau:
    unit: str
    officers: list[Person]
    phrasing: dict[str, str]
    clock: datetime


@dataclass
class Record:
    key: Key
    kind: str
    facts: dict[str, object]
    lines: list[str]
    answers: list[str] = field(default_factory=list)


@dataclass
class Truth:
    copies: set[frozenset[Key]] = field(default_factory=set)
    leftovers: set[tuple[Key, str]] = field(default_factory=set)
    double_booked: set[frozenset[Key]] = field(default_factory=set)
    out_of_order: set[Key] = field(default_factory=set)
    after_decision: set[Key] = field(default_factory=set)
    before_filing: set[Key] = field(default_factory=set)
    records: int = 0
    files: int = 0
    timeline: dict[str, tuple[date, date]] = field(default_factory=dict)
    """per file: the 立案 date and the decision's date"""

    def copy_groups(self) -> set[frozenset[Key]]:
        """Every pair of records in one chain of copies: a copy of a copy is a copy of both."""
        parent: dict[Key, Key] = {}

        def root(key: Key) -> Key:
            while parent.get(key, key) != key:
                key = parent[key]
            return key

        for pair in self.copies:
            a, b = sorted(pair)
            parent.setdefault(a, a)
            parent.setdefault(b, b)
            parent[root(a)] = root(b)
        groups: dict[Key, list[Key]] = {}
        for key in parent:
            groups.setdefault(root(key), []).append(key)
        return {frozenset({x, y}) for members in groups.values() for x in members for y in members if x < y}


class Campaign:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used_companies: set[str] = set()
        self.used_people: set[str] = set()

    def person(self) -> str:
        while True:
            name = self.rng.choice(w.SURNAMES) + "".join(self.rng.sample(w.GIVEN, self.rng.choice((1, 2))))
            if name not in self.used_people:
                self.used_people.add(name)
                return name

    def company(self, city: str) -> str:
        while True:
            name = f"{city}{self.rng.choice(w.BRANDS)}{self.rng.choice(w.INDUSTRIES)}有限公司"
            if self.rng.random() < 0.4:
                name = f"{city}市{self.rng.choice(w.BRANDS)}{self.rng.choice(w.BRANDS)}{self.rng.choice(w.INDUSTRIES)}有限公司"
            if name not in self.used_companies:
                self.used_companies.add(name)
                return name

    def bureau(self, index: int) -> Bureau:
        city = w.CITIES[index % len(w.CITIES)] + (
            "" if index < len(w.CITIES) else str(index // len(w.CITIES))
        )
        officers = [
            Person(self.person(), f"{3700 + index:04d}{self.rng.randrange(10000, 99999)}") for _ in range(6)
        ]
        phrasing = {topic: self.rng.choice(options) for topic, options in QUESTIONS.items()}
        start = datetime(2024, 3, 1, 9, 0) + timedelta(days=self.rng.randrange(30))
        return Bureau(f"{city}市生态环境局", officers, phrasing, start)

    # --- answers: several random pieces each, so two clean records rarely share one ---
    def detail(self) -> str:
        """One specific clause: who did what to which when (10⁴ combinations)."""
        r = self.rng
        return f"{r.choice(w.WHEN)}{r.choice(w.WHO)}{r.choice(w.DID)}{r.choice(w.WHAT)}"

    def answer(self, topic: str, ctx: dict[str, str]) -> str:
        r = self.rng
        if topic in STOCK:
            return r.choice(STOCK[topic])
        if topic == "identity":
            return f"我叫{ctx['person']}，是{ctx['company']}的{r.choice(('法定代表人', '厂长', '总经理', '环保负责人', '生产副总'))}，电话{r.randrange(13000000000, 19999999999)}。"
        if topic == "company":
            return (
                f"我单位成立于{r.randrange(1998, 2022)}年，主要生产{ctx['product']}，年产量约{r.randrange(1, 900) * 100}"
                f"{r.choice(('吨', '万件', '立方米', '头'))}，有员工{r.randrange(8, 600)}人，{r.choice(w.EXTRAS)}。"
            )
        if topic == "procedure":
            year = r.randrange(2008, 2023)
            return r.choice(
                (
                    f"{year}年办理了环评，批复文号是{ctx['city']}环审〔{year}〕{r.randrange(1, 300)}号，{r.choice(('验收还没有做', '已经通过自主验收', '排污许可证已经取得'))}。",
                    f"环评手续{r.choice(('正在补办', '还没有办理', '已经办了'))}，{r.choice(w.EXTRAS)}，{r.choice(('验收材料在公司档案室', '验收报告还没有出来', '后来扩建部分没有做环评'))}。",
                )
            )
        if topic == "facility":
            kit = r.sample(w.EQUIPMENT, 2)
            return f"我们有{kit[0]}和{kit[1]}，{self.detail()}，{r.choice(('平时正常运行', '白天开晚上关', '最近坏了一台', '运行记录由专人填写'))}，{r.choice(w.EXTRAS)}。"
        if topic == "violation":
            return f"认可。{ctx['violation']}是事实，{self.detail()}，{r.choice(w.REASONS)}，{r.choice(('我们愿意接受处理', '希望从轻处理', '以后一定注意'))}。"
        if topic == "duration":
            return f"大概从{r.randrange(1, 12)}月份开始，{self.detail()}，{r.choice(('断断续续有', '持续了'))}{r.randrange(2, 60)}天左右，{r.choice(('每天排放量不大', '主要是夜间', '下雨天比较多', '具体数量说不清'))}。"
        if topic == "reason":
            return f"主要是{r.choice(w.REASONS)}，{self.detail()}，{r.choice(w.REASONS)}。"
        if topic == "rectify":
            return f"{r.choice(w.RECTIFY)}，{r.choice(w.RECTIFY)}，{self.detail()}，{r.choice(('整改完成后向你们报告', '请你们监督', '预计月底前完成'))}。"
        return r.choice(
            ("没有了。", "没有补充的。", f"希望{ctx['unit']}考虑我们的实际困难，{r.choice(w.REASONS)}。")
        )

    def inquiry_lines(self, bureau: Bureau, ctx: dict[str, str], answers: list[str]) -> list[str]:
        lines = [NOTICE.format(unit=bureau.unit)]
        for topic, answer in zip(QUESTIONS, answers, strict=True):
            lines += [f"问：{bureau.phrasing[topic]}", f"答：{answer}"]
        return lines

    def scene(self, ctx: dict[str, str]) -> list[str]:
        r = self.rng
        picks = r.sample(w.SCENE, r.randrange(6, 11))
        return [
            s.format(
                equipment=r.choice(w.EQUIPMENT),
                color=r.choice(w.COLORS),
                n=r.randrange(2, 40),
                m=r.randrange(1, 3),
                person=ctx["person"],
            )
            + "。"
            for s in picks
        ]


def _slot(bureau: Bureau, rng: random.Random, minutes: int) -> tuple[datetime, datetime]:
    start = bureau.clock + timedelta(minutes=rng.randrange(10, 90))
    end = start + timedelta(minutes=minutes)
    bureau.clock = end + timedelta(minutes=5)
    if bureau.clock.hour >= 17:
        bureau.clock = bureau.clock.replace(hour=9, minute=0) + timedelta(days=1)
    return start, end


def _clock(at: datetime) -> str:
    return f"{at.year}年{at.month}月{at.day}日{at.hour}时{at.minute:02d}分"


def _header(
    kind: str,
    start: datetime,
    end: datetime,
    place: str,
    company: str,
    person: str,
    officers: list[Person],
    recorder: Person,
) -> list[str]:
    title = "调查询问笔录" if kind == "inquiry_record" else "现场检查（勘察）笔录"
    who = "、".join(f"{o.name}（执法证号：{o.badge}）" for o in officers)
    role = "被询问人" if kind == "inquiry_record" else "被检查单位负责人"
    return [
        title,
        f"时间：{_clock(start)}至{end.hour}时{end.minute:02d}分",
        f"地点：{place}",
        f"被检查单位：{company}" if kind == "inspection_record" else f"工作单位：{company}",
        f"{role}：{person}",
        f"执法人员：{who}",
        f"记录人：{recorder.name}",
    ]


class Writer:
    """Rows as intake and analysis would leave them (one source, one file and case per case file)."""

    def __init__(self, db: Database, label: str) -> None:
        self.db = db
        self.now = "2024-10-01T00:00:00+00:00"
        db.execute(
            "INSERT INTO sources (identity, kind, path, label, status, imported_at, imported_by) VALUES "
            "(?, 'folder', ?, ?, 'complete', ?, 'generator')",
            [f"folder:/{label}|{label}", f"/{label}", label, self.now],
        )
        self.source_id = db.execute("SELECT max(id) FROM sources").fetchone()[0]

    def case_file(
        self,
        sha: str,
        path: str,
        unit: str,
        records: list[Record],
        pages: list[str],
        others: list[tuple[str, int, int]],
    ) -> None:
        db = self.db
        db.execute("INSERT INTO blobs (sha256, size, stored_at) VALUES (?, 1, ?)", [sha, self.now])
        db.execute(
            "INSERT INTO files (source_id, source_path, sha256, size, kind, class, pages, has_text, imported_at, imported_by) "
            "VALUES (?, ?, ?, 1, 'pdf', 'case_file', ?, 1, ?, 'generator')",
            [self.source_id, path, sha, len(pages), self.now],
        )
        file_id = db.execute("SELECT max(id) FROM files").fetchone()[0]
        db.execute("INSERT INTO cases (file_id) VALUES (?)", [file_id])
        case_id = db.execute("SELECT max(id) FROM cases").fetchone()[0]
        db.execute(
            "INSERT INTO case_facts (case_id, field, value, found_by) VALUES (?, 'unit', ?, 'folder')",
            [case_id, unit],
        )
        db.conn.executemany(
            "INSERT INTO page_texts (sha256, page, source, scope, rotation, confidence, text, lines_json) VALUES (?, ?, 'text', 'full', 0, 1.0, ?, '[]')",
            [(sha, n, text) for n, text in enumerate(pages, 1)],
        )
        segments = [(r.kind, r.key[1], int(r.facts["last_page"])) for r in records] + others
        segments.sort(key=lambda s: s[1])
        db.conn.executemany(
            "INSERT INTO segments (sha256, ordinal, kind, first_page, last_page) VALUES (?, ?, ?, ?, ?)",
            [(sha, i, kind, first, last) for i, (kind, first, last) in enumerate(segments)],
        )
        db.conn.executemany(
            "INSERT INTO transcript_facts (sha256, first_page, kind, facts_json) VALUES (?, ?, ?, ?)",
            [(sha, r.key[1], r.kind, json.dumps(r.facts, ensure_ascii=False)) for r in records],
        )
        db.execute(
            "INSERT INTO analyses (sha256, analyzer_version, pages, status, updated_at) VALUES (?, 'campaign', ?, 'complete', ?)",
            [sha, len(pages), self.now],
        )


def _pages(lines: list[str], per_page: int = 14) -> list[str]:
    return ["\n".join(lines[i : i + per_page]) for i in range(0, len(lines), per_page)] or [""]


def generate(
    db: Database,
    cases: int,
    seed: int = 7,
    *,
    copy_share: float = 0.08,
    plant_share: float = 0.02,
    first_number: int = 0,
) -> Truth:
    """Writes ``cases`` case files into ``db`` (a migrated store) and returns what was planted."""
    gen = Campaign(seed)
    rng = gen.rng
    bureaus = [gen.bureau(i) for i in range(max(4, cases // 12))]
    writer = Writer(db, f"campaign-{first_number}")
    truth = Truth()
    made: list[tuple[Bureau, Record, dict[str, str]]] = []
    with db.conn:
        for number in range(first_number, first_number + cases):
            bureau = rng.choice(bureaus)
            city = bureau.unit[: -len("市生态环境局")]
            sha = f"{number:08d}".rjust(64, "c")
            company = gen.company(city)
            violation = rng.choice(w.VIOLATIONS)
            ctx = {
                "company": company,
                "person": gen.person(),
                "city": city,
                "unit": bureau.unit,
                "product": rng.choice(w.PRODUCTS),
                "violation": violation[0],
            }
            place = f"{city}市{rng.choice(w.BRANDS)}路{rng.randrange(1, 400)}号{company}厂区"
            lines_all: list[str] = ["行政处罚案卷", f"{bureau.unit}", f"当事人：{company}"]
            pages: list[str] = _pages(lines_all)
            records: list[Record] = []
            inspect_start, inspect_end = _slot(bureau, rng, rng.randrange(40, 120))
            filed = inspect_start + timedelta(days=rng.randrange(1, 4))
            others = [("cover", 1, 1)]
            pages.append(
                f"立案审批表\n案由：{company}涉嫌{violation[0]}\n承办人意见：建议立案\n负责人意见：同意立案 {filed.year}年{filed.month}月{filed.day}日"
            )
            others.append(("filing_approval", len(pages), len(pages)))
            plan = [("inspection_record", inspect_start, inspect_end)]
            for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
                bureau.clock = max(bureau.clock, filed + timedelta(hours=1))
                start, end = _slot(bureau, rng, rng.randrange(30, 90))
                plan.append(("inquiry_record", start, end))
            for kind, start, end in plan:
                officers = rng.sample(bureau.officers, 2)
                person = ctx["person"] if kind == "inspection_record" or rng.random() < 0.5 else gen.person()
                answers: list[str] = []
                if kind == "inquiry_record":
                    answers = [gen.answer(topic, {**ctx, "person": person}) for topic in QUESTIONS]
                    body = gen.inquiry_lines(bureau, ctx, answers)
                else:
                    body = ["现场情况：", *gen.scene(ctx)]
                lines = _header(kind, start, end, place, company, person, officers, officers[1]) + body
                first = len(pages) + 1
                record_pages = _pages(lines)
                pages += record_pages
                facts = {
                    "kind": kind,
                    "first_page": first,
                    "last_page": first + len(record_pages) - 1,
                    "start": start.isoformat(timespec="minutes"),
                    "end": end.isoformat(timespec="minutes"),
                    "place": place,
                    "subject": person,
                    "party": company,
                    "recorder": officers[1].name,
                    "officers": [{"name": o.name, "badge": o.badge} for o in officers],
                }
                record = Record((sha, first), kind, facts, lines, answers)
                records.append(record)
                made.append((bureau, record, ctx))
            decided = bureau.clock + timedelta(days=rng.randrange(20, 60))
            pages.append(
                f"行政处罚决定书\n{company}：\n经查，你单位{violation[0]}，违反了《{violation[1]}》。\n{bureau.unit}\n{decided.year}年{decided.month}月{decided.day}日"
            )
            others.append(("decision", len(pages), len(pages)))
            truth.timeline[sha] = (filed.date(), decided.date())
            _plant_copy(gen, rng, truth, made, records, pages, sha, bureau, ctx, copy_share)
            writer.case_file(sha, f"{bureau.unit}/案卷{number + 1}.pdf", bureau.unit, records, pages, others)
        _plant_schedules(db, rng, truth, made, plant_share)
    truth.double_booked = _true_overlaps(db)
    truth.records = len(made)
    truth.files = cases
    return truth


def _plant_copy(
    gen: Campaign,
    rng: random.Random,
    truth: Truth,
    made: list,
    records: list[Record],
    pages: list[str],
    sha: str,
    bureau: Bureau,
    ctx: dict[str, str],
    share: float,
) -> None:
    """Refills one of this case file's inquiries from an earlier case's, as a hurried officer would."""
    sources = [(b, r, c) for b, r, c in made if r.kind == "inquiry_record" and r.key[0] != sha and r.answers]
    targets = [r for r in records if r.kind == "inquiry_record"]
    if not sources or not targets or rng.random() >= share:
        return
    _, source, source_ctx = rng.choice(sources)
    target = rng.choice(targets)
    rewritable = [topic for topic in QUESTIONS if topic not in STOCK]
    rewritten_topics = set(rng.sample(rewritable, round(rng.uniform(0.0, 0.3) * len(rewritable))))
    answers = []
    for topic, answer in zip(QUESTIONS, source.answers, strict=True):
        rewritten = answer.replace(source_ctx["company"], ctx["company"]).replace(
            str(source.facts["subject"]), str(target.facts["subject"])
        )
        rewritten = rewritten.replace(source_ctx["city"], ctx["city"])
        if topic in rewritten_topics:
            rewritten = gen.answer(topic, {**ctx, "person": str(target.facts["subject"])})
        answers.append(rewritten)
    leftover = rng.random() < 0.35
    if leftover:
        candidates = [
            i
            for i, (t, a) in enumerate(zip(QUESTIONS, answers, strict=True))
            if t in ("violation", "rectify", "reason", "facility")
        ]
        index = rng.choice(candidates)
        answers[index] = answers[index].rstrip("。") + f"，{source_ctx['company']}的情况就是这样。"
        truth.leftovers.add((target.key, source_ctx["company"]))
    header = target.lines[
        : target.lines.index(next(line for line in target.lines if line.startswith("我们是")))
    ]
    lines = header + gen.inquiry_lines(bureau, ctx, answers)
    first = target.key[1]
    span = int(target.facts["last_page"]) - first + 1
    new_pages = _pages(lines)
    if len(new_pages) != span:  # keep page numbers of later documents: pad or fold into the span
        new_pages = (
            (new_pages + [""] * span)[:span]
            if len(new_pages) < span
            else [*new_pages[: span - 1], "\n".join(new_pages[span - 1 :])]
        )
    pages[first - 1 : first - 1 + span] = new_pages
    target.lines, target.answers = lines, answers
    truth.copies.add(frozenset({target.key, source.key}))


def _plant_schedules(db: Database, rng: random.Random, truth: Truth, made: list, share: float) -> None:
    """Double bookings, records ending before they start, records after the decision or before 立案."""
    inquiries = [(b, r) for b, r, _ in made if r.kind == "inquiry_record"]
    count = max(2, int(len(made) * share))
    used: set[Key] = set()

    def pick() -> tuple[Bureau, Record]:
        while True:
            bureau, record = rng.choice(inquiries)
            if record.key not in used:
                used.add(record.key)
                return bureau, record

    def rewrite(record: Record) -> None:
        facts = record.facts
        start, end = datetime.fromisoformat(str(facts["start"])), datetime.fromisoformat(str(facts["end"]))
        record.lines[1] = f"时间：{_clock(start)}至{_clock(end)}"
        db.execute(
            "UPDATE transcript_facts SET facts_json = ? WHERE sha256 = ? AND first_page = ?",
            [json.dumps(facts, ensure_ascii=False), *record.key],
        )

    for _ in range(count):
        bureau, a = pick()
        when = datetime.fromisoformat(str(a.facts["start"])).date()
        partners = [
            r
            for b, r in inquiries
            if b is bureau
            and r.key[0] != a.key[0]
            and r.key not in used
            and truth.timeline[r.key[0]][0] <= when <= truth.timeline[r.key[0]][1]
        ]
        if not partners:
            continue
        b = rng.choice(partners)
        used.add(b.key)
        start = datetime.fromisoformat(str(a.facts["start"])) + timedelta(minutes=rng.randrange(5, 25))
        b.facts["start"] = start.isoformat(timespec="minutes")
        b.facts["end"] = (start + timedelta(minutes=rng.randrange(30, 80))).isoformat(timespec="minutes")
        shared = a.facts["officers"][0]  # type: ignore[index]
        b.facts["officers"] = [shared, b.facts["officers"][1]]  # type: ignore[index]
        rewrite(b)
        truth.double_booked.add(frozenset({a.key, b.key}))
    for _ in range(count):
        _, record = pick()
        start = datetime.fromisoformat(str(record.facts["start"]))
        record.facts["end"] = (start - timedelta(hours=rng.randrange(1, 5))).isoformat(timespec="minutes")
        rewrite(record)
        truth.out_of_order.add(record.key)
    for _ in range(count):
        _, record = pick()
        # at 21:00, when no bureau schedules a record, so no overlap is made by chance
        start = datetime.fromisoformat(str(record.facts["start"])).replace(hour=21) + timedelta(days=150)
        record.facts["start"] = start.isoformat(timespec="minutes")
        record.facts["end"] = (start + timedelta(minutes=40)).isoformat(timespec="minutes")
        rewrite(record)
        truth.after_decision.add(record.key)
    for _ in range(count):
        _, record = pick()
        start = datetime.fromisoformat(str(record.facts["start"])).replace(hour=21) - timedelta(days=12)
        record.facts["start"] = start.isoformat(timespec="minutes")
        record.facts["end"] = (start + timedelta(minutes=40)).isoformat(timespec="minutes")
        rewrite(record)
        truth.before_filing.add(record.key)


def _true_overlaps(db: Database) -> set[frozenset[Key]]:
    """Every pair of records in different files sharing an officer at overlapping times.

    Planting one double booking can make another (a moved record lands on a third); the truth is
    what the facts now say, read pair by pair within each badge, the slow and obvious way.
    """
    by_badge: dict[str, list[tuple[Key, datetime, datetime]]] = {}
    for sha, first, facts_json in db.execute(
        "SELECT sha256, first_page, facts_json FROM transcript_facts"
    ).fetchall():
        facts = json.loads(facts_json)
        start, end = datetime.fromisoformat(facts["start"]), datetime.fromisoformat(facts["end"])
        for officer in facts["officers"]:
            by_badge.setdefault(officer["badge"], []).append(((sha, first), start, end))
    found: set[frozenset[Key]] = set()
    for entries in by_badge.values():
        for i, (key_a, start_a, end_a) in enumerate(entries):
            for key_b, start_b, end_b in entries[i + 1 :]:
                if (
                    key_a[0] != key_b[0]
                    and end_a > start_a
                    and end_b > start_b
                    and start_a < end_b
                    and start_b < end_a
                ):
                    found.add(frozenset({key_a, key_b}))
    return found
