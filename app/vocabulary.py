"""The project's words: the identifiers of the domain and the labels a person reads for them.

The ground floor: every package may import this and it imports nothing of the app. Labels are
Chinese (the campaign's language); the desk translates them through Qt Linguist, which finds them
by the ``QT_TRANSLATE_NOOP`` marks below (a no-op here, so the core stays free of Qt).
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation in ``context``; returns it unchanged."""
    return text


CONTEXT = "vocabulary"
"""the Qt Linguist context of every label here"""

CASE_TYPE_LABELS = {
    "general_penalty": QT_TRANSLATE_NOOP("vocabulary", "一般行政处罚"),
    "four_measures": QT_TRANSLATE_NOOP("vocabulary", "四个配套办法"),
    "daily_penalty": QT_TRANSLATE_NOOP("vocabulary", "按日连续处罚"),
    "seizure": QT_TRANSLATE_NOOP("vocabulary", "查封扣押"),
    "production_limit": QT_TRANSLATE_NOOP("vocabulary", "限产停产"),
    "detention_referral": QT_TRANSLATE_NOOP("vocabulary", "移送行政拘留"),
    "crime_referral": QT_TRANSLATE_NOOP("vocabulary", "涉嫌犯罪移送"),
    "court_enforcement": QT_TRANSLATE_NOOP("vocabulary", "申请法院强制执行"),
    "audit_case": QT_TRANSLATE_NOOP("vocabulary", "稽查案卷"),
    "no_penalty": QT_TRANSLATE_NOOP("vocabulary", "不予行政处罚"),
}

FOUR_MEASURES = frozenset({"daily_penalty", "seizure", "production_limit", "detention_referral"})
"""the 四个配套办法: a case of any of these counts where a scheme asks for four_measures"""


def satisfies(case_type: str | None, required: str) -> bool:
    return case_type == required or (required == "four_measures" and case_type in FOUR_MEASURES)


SELECTION_LABELS = {
    "nominated": QT_TRANSLATE_NOOP("vocabulary", "推选"),
    "sampled": QT_TRANSLATE_NOOP("vocabulary", "抽选"),
}

CANDIDATE_LABELS = {
    "collective": QT_TRANSLATE_NOOP("vocabulary", "集体"),
    "individual": QT_TRANSLATE_NOOP("vocabulary", "个人"),
}

DOCUMENT_LABELS = {
    "cover": QT_TRANSLATE_NOOP("vocabulary", "案卷封面"),
    "toc": QT_TRANSLATE_NOOP("vocabulary", "卷内目录"),
    "filing_approval": QT_TRANSLATE_NOOP("vocabulary", "立案审批表"),
    "inspection_record": QT_TRANSLATE_NOOP("vocabulary", "现场检查（勘察）笔录"),
    "inquiry_record": QT_TRANSLATE_NOOP("vocabulary", "调查询问笔录"),
    "evidence": QT_TRANSLATE_NOOP("vocabulary", "证据"),
    "investigation_report": QT_TRANSLATE_NOOP("vocabulary", "案件调查报告"),
    "hearing_notice": QT_TRANSLATE_NOOP("vocabulary", "事先（听证）告知书"),
    "decision": QT_TRANSLATE_NOOP("vocabulary", "决定书"),
    "service_receipt": QT_TRANSLATE_NOOP("vocabulary", "送达回证"),
    "closing_approval": QT_TRANSLATE_NOOP("vocabulary", "结案审批表"),
    "other": QT_TRANSLATE_NOOP("vocabulary", "其他"),
}
SEGMENT_KINDS = tuple(DOCUMENT_LABELS)
"""The kinds segmentation finds (a rubric may name finer ones: ``RUBRIC_DOCUMENT_KINDS``)."""
TRANSCRIPT_KINDS = ("inspection_record", "inquiry_record")
TITLED_KINDS = ("evidence", "other")
"""Kinds that cover many papers: their printed title (授权委托书, 卷内备考表 …) says which."""

# A rubric may name documents finer than segmentation tells apart (a 监测报告 is segmented as
# evidence, a 责令改正决定书 as a decision …): segmentation's kinds and those.
RUBRIC_DOCUMENT_KINDS = frozenset(SEGMENT_KINDS) | {
    "monitoring_report",
    "rectification_order",
    "hearing_invitation",
    "hearing_record",
    "payment_reminder",
    "enforcement_application",
    "repeat_rectification_order",
    "daily_penalty_decision",
    "seizure_approval",
    "seizure_decision",
    "seizure_record",
    "seizure_extension",
    "seizure_release",
    "referral_approval",
    "referral_letter",
}

FILE_KIND_LABELS = {
    "jpeg": ("JPEG 图片", "a JPEG image"),
    "png": ("PNG 图片", "a PNG image"),
    "gif": ("GIF 图片", "a GIF image"),
    "tiff": ("TIFF 图片", "a TIFF image"),
    "bmp": ("BMP 图片", "a BMP image"),
    "pdf": ("PDF 文档", "a PDF document"),
    "zip": ("ZIP 压缩包", "a ZIP archive"),
    "docx": ("Word 文档（.docx）", "a Word document (.docx)"),
    "xlsx": ("Excel 表格（.xlsx）", "an Excel workbook (.xlsx)"),
    "ole": ("旧版 Office 文件", "a legacy Office file"),
    "text": ("纯文本", "plain text"),
    "empty": ("空文件", "an empty file"),
    "unknown": ("无法识别的数据", "unrecognised data"),
}

CASE_FACT_LABELS = {
    "unit": QT_TRANSLATE_NOOP("vocabulary", "报送单位"),
    "candidate_kind": QT_TRANSLATE_NOOP("vocabulary", "候选类别"),
    "candidate_name": QT_TRANSLATE_NOOP("vocabulary", "个人候选人"),
    "selection": QT_TRANSLATE_NOOP("vocabulary", "推选/抽选"),
    "case_type": QT_TRANSLATE_NOOP("vocabulary", "案卷类型"),
    "case_number": QT_TRANSLATE_NOOP("vocabulary", "文号"),
}
CASE_FACT_FIELDS = tuple(CASE_FACT_LABELS)
"""what intake reads of a case file (from folder, file name, cover), each with how it was found"""
