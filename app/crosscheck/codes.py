"""The cross-case findings' codes and their words: light, so readers of stored findings need no sketching."""

from __future__ import annotations

CODES = {
    "copied_record": ("笔录雷同", "copied record"),
    "leftover_name": ("笔录中出现其他案卷的当事人", "names another case file's party"),
    "double_booked": ("同一执法人员同时出现在两份笔录中", "one officer in two records at once"),
    "times_out_of_order": ("笔录结束时间早于开始时间", "the record ends before it starts"),
    "after_decision": ("笔录晚于所支持的处罚决定", "the record is dated after its decision"),
    "before_filing": ("询问笔录早于立案", "the inquiry is dated before the case was filed"),
}
