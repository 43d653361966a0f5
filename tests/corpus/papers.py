"""Every paper of a case file other than the two transcripts, as a bureau prints or copies it.

Kinds (truth): 案卷封面 cover; 卷内目录 toc; 立案审批表 filing_approval; 案件调查报告
investigation_report; 行政处罚事先（听证）告知书 hearing_notice; the case's deciding paper
(行政处罚决定书, 按日连续处罚决定书, 查封（扣押）决定书, 责令限制生产决定书) decision; 送达回证
service_receipt; 结案审批表 closing_approval; 监测报告 and 现场照片 evidence; everything else
(授权委托书, 营业执照复印件, 居民身份证复印件, 缴款书, 卷内备考表, 危险废物称重记录, 移送案件受案回执,
立案告知书, 责令改正违法行为决定书, 陈述申辩笔录, 听证通知书, 案件移送书, 强制执行申请书, 催告书) other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

from tests.corpus.layout import HEIGHT, RED, WIDTH, Flow
from tests.corpus.realm import Violation


@dataclass
class Doc:
    kind: str
    title: str
    pages: list[list[tuple]]
    transcript: dict[str, object] | None = None


@dataclass
class Look:
    title_size: float
    body_size: float
    bold: bool
    spaced: float
    """chance that a short title is printed with spaces between its characters"""
    header: str | None
    """a line some bureaus print above every title"""


@dataclass
class CaseContext:
    bureau: str
    case_number: str
    company: str
    person: str
    job: str
    violation: Violation
    case_type: str
    filed: datetime
    decided: datetime
    closed: datetime
    fine: int
    handlers: list[str]
    address: str
    extra: dict[str, object] = field(default_factory=dict)


def _date(t: datetime) -> str:
    return f"{t.year}年{t.month}月{t.day}日"


def _head(flow: Flow, look: Look, rng: random.Random, lines: list[str], above: str | None = None) -> str:
    """Prints the title (maybe spaced, maybe over two lines); returns it as printed, lines joined."""
    if look.header:
        flow.line(look.header, look.body_size - 1.5, align="left")
    if above:
        flow.line(above, look.body_size, align="right")
    if len(lines) == 1 and len(lines[0]) <= 6 and rng.random() < look.spaced:
        lines = [" ".join(lines[0])]
    for line in lines:
        flow.line(line, look.title_size, align="center", bold=look.bold, leading=1.6)
    flow.gap(8)
    return "".join(lines)


def _stamp(flow: Flow, rng: random.Random, text: str) -> None:
    """A red seal with the unit's name, over whatever text is there."""
    cx = WIDTH - 170 + rng.uniform(-20, 20)
    cy = min(flow.y + rng.uniform(-40, 10), HEIGHT - 140)
    flow.page.append(("circle", cx, cy, 42, 2.2, RED))
    flow.page.append(("circle", cx, cy, 38, 0.6, RED))
    star = [
        (cx - 9, cy - 3),
        (cx + 9, cy - 3),
        (cx - 6, cy + 8),
        (cx, cy - 11),
        (cx + 6, cy + 8),
        (cx - 9, cy - 3),
    ]
    flow.page.append(("curve", star, 1.5, RED))
    flow.page.append(("text", cx - len(text) * 4.5, cy + 24, text, 9, False, RED))


def cover(ctx: CaseContext, look: Look, rng: random.Random) -> Doc:
    flow = Flow(top=110)
    flow.line(ctx.bureau, look.title_size - 2, align="center")
    flow.gap(60)
    title = rng.choice(("行政处罚案卷", "环境行政处罚案卷", "行 政 处 罚 案 卷"))
    flow.line(title, look.title_size + 10, align="center", bold=True)
    flow.gap(70)
    rows = [
        ("案　　由", f"{ctx.company}{ctx.violation.cause}案"),
        ("案　　号", ctx.case_number),
        ("当 事 人", ctx.company),
        ("立案日期", _date(ctx.filed)),
        ("结案日期", _date(ctx.closed)),
        ("处理结果", f"罚款人民币{ctx.fine}元"),
        ("保管期限", rng.choice(("长期", "永久", "三十年"))),
    ]
    if ctx.case_type != "general_penalty" and rng.random() < 0.5:
        rows.insert(1, ("案件类别", CASE_TYPE_WORDS[ctx.case_type]))
    for label, value in rows:
        flow.line(f"{label}：{value}", look.body_size + 2, indent=50)
    flow.gap(60)
    flow.line(
        f"本卷共　　件　　页　　归档号：{ctx.filed.year}-{rng.randint(1, 99):02d}",
        look.body_size,
        align="center",
    )
    return Doc("cover", title, flow.pages)


CASE_TYPE_WORDS = {
    "general_penalty": "一般行政处罚",
    "daily_penalty": "按日连续处罚",
    "seizure": "查封、扣押",
    "production_limit": "限制生产、停产整治",
    "detention_referral": "移送行政拘留",
    "crime_referral": "涉嫌环境污染犯罪移送",
    "court_enforcement": "申请人民法院强制执行",
}


def toc(entries: list[tuple[str, int]], look: Look, rng: random.Random, off_by: int) -> Doc:
    flow = Flow()
    title = _head(flow, look, rng, ["卷 内 目 录" if rng.random() < 0.5 else "卷内目录"])
    rows = [[("序号", 0.1), ("文件名称", 0.62), ("页号", 0.14), ("备注", 0.14)]]
    for i, (name, page) in enumerate(entries, 1):
        rows.append([(str(i), 0.1), (name, 0.62), (str(page + off_by), 0.14), ("", 0.14)])
    flow.grid(rows, look.body_size - 1, height=22)
    return Doc("toc", title, flow.pages)


def form(
    ctx: CaseContext, look: Look, rng: random.Random, kind: str, title: str, rows: list[tuple[str, str]]
) -> Doc:
    """An approval form: a grid of labels and values, a seal at the foot."""
    flow = Flow()
    printed = _head(flow, look, rng, [title])
    flow.line(f"编号：{ctx.case_number.replace('罚', '立')}", look.body_size - 1, align="right")
    flow.grid([[(label, 0.22), (value, 0.78)] for label, value in rows], look.body_size - 0.5, height=34)
    _stamp(flow, rng, ctx.bureau)
    return Doc(kind, printed, flow.pages)


def filing_approval(ctx: CaseContext, look: Look, rng: random.Random) -> Doc:
    return form(
        ctx,
        look,
        rng,
        "filing_approval",
        rng.choice(("立案审批表", "行政处罚立案审批表")),
        [
            ("案件来源", rng.choice(("日常检查", "群众举报", "专项执法检查", "在线监控"))),
            ("当事人", ctx.company),
            ("地址", ctx.address),
            ("案由", f"涉嫌{ctx.violation.finding}"),
            ("简要案情", f"{_date(ctx.filed)}，执法人员检查发现{ctx.company}{ctx.violation.finding}。"),
            ("承办人意见", f"建议立案调查。承办人：{'、'.join(ctx.handlers)}"),
            ("负责人审批意见", f"同意立案。　{_date(ctx.filed)}"),
        ],
    )


def closing_approval(ctx: CaseContext, look: Look, rng: random.Random) -> Doc:
    return form(
        ctx,
        look,
        rng,
        "closing_approval",
        rng.choice(("结案审批表", "行政处罚结案审批表")),
        [
            ("案由", f"{ctx.company}{ctx.violation.cause}案"),
            ("处罚决定书文号", ctx.case_number),
            ("处罚内容", f"罚款人民币{ctx.fine}元"),
            ("执行情况", f"当事人已于{_date(ctx.closed)}缴纳罚款。"),
            ("承办人意见", "建议结案。"),
            ("审批意见", f"同意结案。　{_date(ctx.closed)}"),
        ],
    )


def prose(
    ctx: CaseContext,
    look: Look,
    rng: random.Random,
    kind: str,
    lines: list[str],
    paragraphs: list[str],
    above: str | None = None,
    below: str | None = None,
    seal: bool = True,
    to: str | None = None,
) -> Doc:
    """A letter-like paper: title (maybe over two lines, maybe with a 文号 above or below), text, seal."""
    flow = Flow()
    printed = _head(flow, look, rng, lines, above)
    if below:
        flow.line(below, look.body_size, align="center")
        flow.gap(4)
    if to:
        flow.line(to, look.body_size)
    for text in paragraphs:
        flow.para(text, look.body_size)
    flow.gap(24)
    flow.line(ctx.bureau, look.body_size, align="right")
    flow.line(_date(ctx.decided), look.body_size, align="right")
    if seal:
        _stamp(flow, rng, ctx.bureau)
    return Doc(kind, printed, flow.pages)


def _facts(ctx: CaseContext) -> list[str]:
    return [
        f"{_date(ctx.filed)}，我局执法人员对你单位进行现场检查，发现你单位{ctx.violation.finding}。"
        f"{ctx.violation.inspect[0]}；{ctx.violation.inspect[1]}。",
        f"以上事实，有现场检查（勘察）笔录、调查询问笔录、现场照片、{'监测报告、' if '排放' in ctx.violation.cause else ''}"
        "营业执照复印件等证据为凭。",
        f"你单位的上述行为违反了{ctx.violation.law}的规定。",
    ]


def investigation_report(ctx: CaseContext, look: Look, rng: random.Random) -> Doc:
    lines = rng.choice(
        (["案件调查报告"], ["关于" + ctx.company, f"{ctx.violation.cause}案的调查报告"], ["调查终结报告"])
    )
    body = [
        "一、当事人基本情况",
        f"{ctx.company}，地址：{ctx.address}，法定代表人：{ctx.person}。",
        "二、调查经过",
        f"{_date(ctx.filed)}立案后，承办人{'、'.join(ctx.handlers)}进行了现场检查和调查询问，收集了相关证据。",
        "三、违法事实和证据",
        *_facts(ctx),
        "四、处理意见",
        f"依据{ctx.violation.penalty_basis}的规定，建议对当事人处以罚款人民币{ctx.fine}元。",
    ]
    body *= rng.choice((1, 1, 2))
    return prose(ctx, look, rng, "investigation_report", lines, body, seal=False)


def hearing_notice(ctx: CaseContext, look: Look, rng: random.Random) -> Doc:
    number = ctx.case_number.replace("罚", "罚告")
    lines = rng.choice(
        (
            ["行政处罚事先（听证）告知书"],
            ["行政处罚事先（听证）", "告知书"],
            ["行政处罚事先告知书"],
            ["行政处罚听证告知书"],
        )
    )
    body = [
        *_facts(ctx),
        f"依据{ctx.violation.penalty_basis}的规定，我局拟对你单位作出罚款人民币{ctx.fine}元的行政处罚。",
        "根据《中华人民共和国行政处罚法》的规定，你单位有权进行陈述和申辩，并可在收到本告知书之日起五日内"
        "向我局提出听证申请，逾期视为放弃上述权利。",
        f"联系人：{ctx.handlers[0]}　　联系电话：0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}",
    ]
    above, below = (number, None) if rng.random() < 0.4 else (None, number)
    return prose(
        ctx, look, rng, "hearing_notice", lines, body, above=above, below=below, to=f"{ctx.company}："
    )


DECISION_TITLES = {
    "general_penalty": "行政处罚决定书",
    "daily_penalty": "按日连续处罚决定书",
    "seizure": "查封（扣押）决定书",
    "production_limit": "责令限制生产决定书",
}


def decision(ctx: CaseContext, look: Look, rng: random.Random, title: str, number: str) -> Doc:
    lines = [ctx.bureau, title] if rng.random() < 0.5 else [title]
    flow_title = lines
    body = [
        f"当事人：{ctx.company}",
        f"统一社会信用代码：91{rng.randrange(10**15):015d}X",
        f"法定代表人：{ctx.person}　　地址：{ctx.address}",
        *_facts(ctx),
        f"依据{ctx.violation.penalty_basis}的规定，我局决定对你单位处以罚款人民币{ctx.fine}元。",
        "限你单位自收到本决定书之日起十五日内缴至指定银行。到期不缴纳罚款的，我局可以每日按罚款数额的百分之三"
        "加处罚款。",
        "你单位如不服本决定，可在收到本决定书之日起六十日内申请行政复议，也可以在六个月内依法提起行政诉讼。",
    ]
    body *= rng.choice((1, 1, 2))
    flow = Flow()
    if look.header:
        flow.line(look.header, look.body_size - 1.5)
    for i, line in enumerate(flow_title):
        bold = look.bold or i == len(flow_title) - 1
        size = look.title_size + (2 if i == len(flow_title) - 1 else -2)
        flow.line(line, size, align="center", bold=bold)
    flow.line(number, look.body_size, align="right" if rng.random() < 0.5 else "center")
    for text in body:
        flow.para(text, look.body_size)
    flow.gap(24)
    flow.line(ctx.bureau, look.body_size, align="right")
    flow.line(_date(ctx.decided), look.body_size, align="right")
    _stamp(flow, rng, ctx.bureau)
    return Doc("decision", title, flow.pages)


def service_receipt(ctx: CaseContext, look: Look, rng: random.Random, served: str) -> Doc:
    flow = Flow()
    title = _head(flow, look, rng, ["送达回证"])
    rows = [
        ("送达文书名称及文号", served),
        ("受送达人", ctx.company),
        ("送达地点", ctx.address),
        ("送达方式", rng.choice(("直接送达", "邮寄送达", "留置送达"))),
        ("受送达人签收", f"{ctx.person}　　{_date(ctx.decided)}"),
        ("送达人", "、".join(ctx.handlers)),
        ("备注", ""),
    ]
    flow.grid([[(a, 0.3), (b, 0.7)] for a, b in rows], look.body_size - 0.5, height=40)
    return Doc("service_receipt", title, flow.pages)


def evidence_report(ctx: CaseContext, look: Look, rng: random.Random) -> Doc:
    flow = Flow()
    station = (
        ctx.bureau.replace("环境保护局", "环境监测站")
        .replace("生态环境局", "生态环境监测站")
        .replace("环保局", "环境监测站")
    )
    flow.line(station, look.body_size + 2, align="center")
    title = _head(flow, Look(look.title_size + 4, look.body_size, True, 1.0, None), rng, ["监测报告"])
    flow.line(f"报告编号：JC-{ctx.filed.year}-{rng.randint(100, 999)}", look.body_size, align="right")
    rows = [[("点位", 0.2), ("项目", 0.25), ("监测值", 0.2), ("标准限值", 0.2), ("评价", 0.15)]]
    for i in range(rng.randint(8, 26)):
        item = rng.choice(("二氧化硫", "氮氧化物", "颗粒物", "化学需氧量", "氨氮", "pH值"))
        value = rng.randint(20, 900)
        rows.append(
            [
                (f"{i + 1}#", 0.2),
                (item, 0.25),
                (str(value), 0.2),
                ("400", 0.2),
                ("超标" if value > 400 else "达标", 0.15),
            ]
        )
    flow.grid(rows, look.body_size - 1, height=22)
    flow.para("本报告仅对本次采样负责。报告无本单位检验检测专用章无效。", look.body_size)
    _stamp(flow, rng, station)
    return Doc("evidence", title, flow.pages)


def photos(ctx: CaseContext, look: Look, rng: random.Random, when: datetime, who: list[str]) -> Doc:
    flow = Flow()
    title = _head(flow, look, rng, [rng.choice(("现场照片", "现场检查照片", "照片证据"))])
    for i in range(rng.randint(2, 5)):
        flow.room(270)
        top = flow.y + 8
        flow.page.append(("rect", flow.left + 40, top, WIDTH - flow.right - 40, top + 200, (0.55, 0.58, 0.5)))
        flow.page.append(("rect", flow.left + 90, top + 60, flow.left + 220, top + 170, (0.3, 0.32, 0.35)))
        flow.y = top + 210
        flow.line(
            f"拍摄时间：{_date(when)}　拍摄人：{'、'.join(who)}　说明：{ctx.violation.inspect[i % 3][:16]}",
            look.body_size - 1.5,
        )
    return Doc("evidence", title, flow.pages)


def mandate(ctx: CaseContext, look: Look, rng: random.Random) -> Doc:
    flow = Flow()
    title = _head(
        flow, Look(look.title_size, look.body_size, look.bold, 1.0, look.header), rng, ["授权委托书"]
    )
    flow.para(f"委托单位：{ctx.company}", look.body_size, 0)
    flow.para(
        f"受委托人：{ctx.person}，职务：{ctx.job}，身份证号：6{rng.randrange(10**16):016d}X",
        look.body_size,
        0,
    )
    flow.para(
        f"现委托{ctx.person}代表我单位接受{ctx.bureau}的调查询问，签署相关文书，委托期限至本案结束。",
        look.body_size,
    )
    flow.gap(20)
    flow.line(f"委托单位（盖章）：{ctx.company}", look.body_size, align="right")
    _stamp(flow, rng, ctx.company)
    return Doc("other", title, flow.pages)


def licence_copy(ctx: CaseContext, look: Look, rng: random.Random) -> Doc:
    flow = Flow(top=90)
    flow.page.append(("line", 80, 100, WIDTH - 80, 100, 3, (0.6, 0.4, 0.2)))
    flow.page.append(("line", 80, 620, WIDTH - 80, 620, 3, (0.6, 0.4, 0.2)))
    flow.gap(20)
    title = "营业执照（副本）"
    flow.line("营 业 执 照", look.title_size + 8, align="center", bold=True)
    flow.line("（副　本）", look.body_size + 2, align="center")
    for label, value in (
        ("统一社会信用代码", f"91{rng.randrange(10**15):015d}X"),
        ("名　　称", ctx.company),
        ("类　　型", "有限责任公司"),
        ("法定代表人", ctx.person),
        ("注册资本", f"{rng.randint(50, 5000)}万元整"),
        ("住　　所", ctx.address),
    ):
        flow.line(f"{label}　{value}", look.body_size, indent=30)
    flow.gap(40)
    flow.line("与原件核对一致", look.body_size + 2, align="right", color=RED)
    return (
        Doc("other", "营 业 执 照", flow.pages)
        if rng.random() < 0.5
        else Doc("other", title, _retitle(flow.pages))
    )


def _retitle(pages: list[list[tuple]]) -> list[list[tuple]]:
    """Replace the spaced licence title with the plain 营业执照（副本） line."""
    out = []
    for page in pages:
        ops = []
        for op in page:
            if op[0] == "text" and op[3] in ("营 业 执 照", "（副　本）"):
                if op[3] == "营 业 执 照":
                    ops.append(("text", op[1] - 20, op[2], "营业执照（副本）", op[4], op[5], op[6]))
                continue
            ops.append(op)
        out.append(ops)
    return out


def id_copy(ctx: CaseContext, look: Look, rng: random.Random) -> Doc:
    flow = Flow()
    for top in (120, 400):
        flow.page.append(("line", 150, top, 445, top, 1, (0.3, 0.3, 0.3)))
        flow.page.append(("line", 150, top + 185, 445, top + 185, 1, (0.3, 0.3, 0.3)))
        flow.page.append(("line", 150, top, 150, top + 185, 1, (0.3, 0.3, 0.3)))
        flow.page.append(("line", 445, top, 445, top + 185, 1, (0.3, 0.3, 0.3)))
    size = look.body_size - 2
    for i, s in enumerate(
        (f"姓名　{ctx.person}", "性别　男　民族　汉", "出生　1978年3月12日", f"住址　{ctx.address}")
    ):
        flow.page.append(("text", 165, 150 + i * 24, s, size, False, (0, 0, 0)))
    flow.page.append(
        ("text", 165, 290, f"公民身份号码　6{rng.randrange(10**16):016d}X", size, False, (0, 0, 0))
    )
    flow.page.append(("text", 200, 440, "中华人民共和国", size + 6, True, (0, 0, 0)))
    flow.page.append(("text", 215, 480, "居民身份证", size + 8, True, (0, 0, 0)))
    flow.page.append(
        ("text", 165, 550, "签发机关　公安局　有效期限　2012.03.01-2032.03.01", size - 1, False, (0, 0, 0))
    )
    if rng.random() < 0.5:
        flow.page.append(("text", 160, 640, f"此复印件仅供{ctx.bureau}调查使用", size, False, (0, 0, 0)))
    return Doc("other", "", flow.pages)


def listing(
    ctx: CaseContext, look: Look, rng: random.Random, title: str, columns: list[tuple[str, float]], rows: int
) -> Doc:
    """A paper that is mainly a table: 缴款书, 称重记录, 卷内备考表."""
    flow = Flow()
    printed = _head(flow, look, rng, [title])
    grid = [columns]
    for i in range(rows):
        cells = []
        for j, (name, share) in enumerate(columns):
            if j == 0:
                cells.append((str(i + 1), share))
            elif "日期" in name or "时间" in name:
                cells.append((_date(ctx.filed), share))
            elif "重量" in name or "金额" in name:
                cells.append((f"{rng.randint(1, 999)}.{rng.randint(0, 9)}", share))
            else:
                cells.append((rng.choice(("废机油", "废活性炭", "罚没收入", ctx.company[:6], "—")), share))
        grid.append(cells)
    flow.grid(grid, look.body_size - 1, height=24)
    return Doc("other", printed, flow.pages)


def payment(ctx: CaseContext, look: Look, rng: random.Random) -> Doc:
    flow = Flow()
    printed = _head(flow, look, rng, ["江苏省非税收入一般缴款书"])
    flow.line(f"票据号码：{rng.randrange(10**9):09d}　　填制日期：{_date(ctx.closed)}", look.body_size - 1)
    flow.grid(
        [
            [("缴款人", 0.2), (ctx.company, 0.8)],
            [("执收单位", 0.2), (ctx.bureau, 0.8)],
            [("项目名称", 0.2), ("环保罚没收入", 0.4), ("金额", 0.15), (f"{ctx.fine}.00", 0.25)],
            [("金额（大写）", 0.2), ("人民币" + _upper(ctx.fine), 0.8)],
        ],
        look.body_size - 0.5,
        height=34,
    )
    return Doc("other", printed, flow.pages)


def _upper(n: int) -> str:
    digits = "零壹贰叁肆伍陆柒捌玖"
    return "".join(digits[int(d)] for d in str(n)) + "元整"


def letter(
    ctx: CaseContext, look: Look, rng: random.Random, title: str, body: list[str], number: str | None = None
) -> Doc:
    """Other letters: 立案告知书, 责令改正违法行为决定书, 听证通知书, 移送书, 强制执行申请书 …"""
    return prose(
        ctx,
        look,
        rng,
        "other",
        [title],
        body,
        below=number,
        to=f"{ctx.company}：" if "移送" not in title else None,
    )


def statement_record(ctx: CaseContext, look: Look, rng: random.Random) -> Doc:
    flow = Flow()
    title = _head(flow, look, rng, ["陈述申辩笔录"])
    flow.line(f"时间：{_date(ctx.decided)}　地点：{ctx.bureau}", look.body_size)
    flow.line(f"陈述申辩人：{ctx.person}　　单位：{ctx.company}", look.body_size)
    flow.line(f"承办人：{'、'.join(ctx.handlers)}", look.body_size)
    flow.para("陈述申辩内容：我单位已认识到错误，已经整改，请求从轻处罚。", look.body_size)
    flow.para("承办人意见：当事人陈述申辩理由不成立，维持原处罚意见。", look.body_size)
    flow.line("陈述申辩人签字：", look.body_size)
    return Doc("other", title, flow.pages)
