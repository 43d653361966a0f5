"""The table of commands: name, the module that implements it, and its one-line help.

Static on purpose: ``reviewdesk --help`` lists every command without importing any command module
(the importer alone takes over a second to import). ``tests/cli/test_lazy_commands.py`` checks that
this table says exactly what the modules register, so a command added to a module but not here fails.
"""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    name: str
    module: str
    help: str


COMMANDS: tuple[Command, ...] = (
    Command(
        "import", "intake_commands", "导入光盘、映像、压缩包或文件 / import discs, images, zips or files"
    ),
    Command("cases", "intake_commands", "列出案卷 / list the case files"),
    Command("case", "intake_commands", "查看或更正一份案卷 / show or correct one case file"),
    Command("make-demo-disc", "intake_commands", "生成演示光盘目录 / write the demo disc to a folder"),
    Command(
        "analyze",
        "analysis_commands",
        "分析案卷：文字识别、拆分文书、笔录要点 / analyse case files: OCR, documents, transcript facts",
    ),
    Command("segment", "analysis_commands", "更正案卷的文书拆分 / correct a case file's documents"),
    Command(
        "search", "analysis_commands", "全文检索（含识别的文字）/ search the text of every page, OCR included"
    ),
    Command("rubric", "rubric_commands", "评分标准 / rubrics: list, show, validate, compute"),
    Command("score", "score_commands", "录入或查看评分 / enter or show scores"),
    Command("keys", "package_commands", "专家身份与签名密钥 / the expert's identity and signing key"),
    Command("export", "package_commands", "导出签名评分包 / export a signed score package"),
    Command("verify", "package_commands", "核验评分包 / verify score packages"),
    Command("aggregate", "package_commands", "汇总专家评分 / aggregate the panel's packages"),
    Command("check", "station_commands", "报送材料完整性检查 / check each candidate's submission"),
    Command(
        "publication", "station_commands", "记录处罚信息是否公开 / record whether a penalty was published"
    ),
    Command(
        "level",
        "station_commands",
        "记录候选的级别（市级/县级）/ record a candidate's level (city or county)",
    ),
    Command("assign", "station_commands", "分配案卷给专家 / assign case files to experts"),
    Command("packet", "station_commands", "为专家生成签名评审包 / write an expert's signed review packet"),
    Command("receive-packet", "station_commands", "导入监理站的评审包 / import the station's review packet"),
    Command("received", "station_commands", "已接收的评分包：列出、撤回 / received score packages"),
    Command(
        "adjudicate", "station_commands", "组长裁定：认定分数或要求复评 / the panel lead's decision on a case"
    ),
    Command(
        "findings",
        "station_commands",
        "评查意见：各单位案卷的问题清单（PDF、xlsx）/ findings back to each bureau",
    ),
    Command(
        "results",
        "station_commands",
        "签名的评审结果（含裁定、汇总表、评查意见）/ the station's signed results",
    ),
    Command(
        "crosscheck",
        "crosscheck_commands",
        "跨案卷核查：笔录雷同、他案名称、执法人员时间冲突 / copied records and impossible schedules",
    ),
    Command("demo", "desk_commands", "在内置演示光盘上打开评审台 / open the desk on the built-in demo disc"),
)

MODULES: tuple[str, ...] = tuple(dict.fromkeys(c.module for c in COMMANDS))
"""every command module, in the order their commands are listed"""

BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}
