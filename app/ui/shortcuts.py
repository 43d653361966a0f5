"""The F1 list: every key the desk answers to, and what it does."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

SHORTCUTS = [
    ("F8 / Shift+F8", QT_TRANSLATE_NOOP("Shortcuts", "下一份 / 上一份未完成的案卷")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "完成本案卷并打开下一份")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("Shortcuts", "在评分项之间移动；数字键直接给分")),
    ("Enter / Alt+1…9", QT_TRANSLATE_NOOP("Shortcuts", "下一个评分框 / 跳到评分表的第1…9部分")),
    ("Ctrl+Z / Ctrl+Shift+Z", QT_TRANSLATE_NOOP("Shortcuts", "撤销 / 重做")),
    ("PgDn / PgUp", QT_TRANSLATE_NOOP("Shortcuts", "下一页 / 上一页")),
    ("Ctrl+F / F3 / Shift+F3", QT_TRANSLATE_NOOP("Shortcuts", "在本案卷中查找 / 下一处 / 上一处")),
    (
        "Ctrl+= / Ctrl+- / Ctrl+0 / Ctrl+9",
        QT_TRANSLATE_NOOP("Shortcuts", "放大 / 缩小 / 适合宽度 / 适合页面"),
    ),
    ("Ctrl+R / Ctrl+T", QT_TRANSLATE_NOOP("Shortcuts", "旋转页面 / 缩略图")),
    ("Ctrl+Shift+C / Esc", QT_TRANSLATE_NOOP("Shortcuts", "框选的段落记为所在评分项的依据 / 取消框选")),
    ("Ctrl+O", QT_TRANSLATE_NOOP("Shortcuts", "导入光盘文件夹")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("Shortcuts", "导出签名评分包")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("Shortcuts", "筛选案卷队列")),
    ("F1", QT_TRANSLATE_NOOP("Shortcuts", "本快捷键表")),
]


def shortcut_table() -> str:
    """The F1 list as rich text; no cell wraps (a line broke before its last character, "分")."""
    cell = "<td style='white-space:nowrap'>{}</td>"
    rows = "".join(
        "<tr>"
        + cell.format(f"<b>{keys}</b>")
        + cell.format("&nbsp;&nbsp;" + QCoreApplication.translate("Shortcuts", text))
        + "</tr>"
        for keys, text in SHORTCUTS
    )
    return f"<table>{rows}</table>"
