"""Every problem intake can find on a file: a stable code, a Chinese and an English message.

Codes are part of the JSON contract; messages may be reworded. ``error`` problems make a file
``rejected``; ``warning`` problems keep its class and are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    code: str
    zh: str
    en: str
    severity: Severity = "error"

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.zh, "message_en": self.en, "severity": self.severity}


_CATALOG: dict[str, tuple[str, str, Severity]] = {
    "empty_file": ("文件为空（0 字节）。", "the file is empty (0 bytes)", "error"),
    "corrupt_pdf": (
        "PDF 文件已损坏，无法打开。请向报送单位索取完好的文件。",
        "the PDF is damaged and cannot be opened; ask the sender for a good copy",
        "error",
    ),
    "truncated_pdf": (
        "PDF 文件不完整（可能在刻录或复制时被截断），部分页面可能缺失。",
        "the PDF is incomplete (probably truncated while burning or copying); pages may be missing",
        "error",
    ),
    "encrypted_pdf": (
        "PDF 文件已加密，需要密码才能打开。请报送单位提供未加密的文件。",
        "the PDF is password-protected; ask the sender for an unencrypted copy",
        "error",
    ),
    "wrong_type": (
        "文件名为 {name}，但内容是 {actual}，不是声称的格式。",
        "named {name} but the content is {actual_en}",
        "error",
    ),
    "legacy_doc": (
        "旧版 Word 文件（.doc）无法读取，请报送单位另存为 .docx 后提交。",
        "legacy Word (.doc) files cannot be read; ask for a .docx",
        "error",
    ),
    "damaged_docx": (
        "Word 文件（.docx）已损坏，无法读取文字。",
        "the Word (.docx) file is damaged; its text cannot be read",
        "error",
    ),
    "unsafe_path": (
        "压缩包内的文件路径不安全（{path}），为防止写到数据目录以外，已跳过。",
        "unsafe path inside the archive ({path}); skipped so nothing is written outside the store",
        "error",
    ),
    "zip_bomb": (
        "压缩包内的文件解压后过大（{size}，压缩比 {ratio}），疑似“压缩炸弹”，已跳过。",
        "the archive member would expand to {size} (ratio {ratio}); a suspected zip bomb, skipped",
        "error",
    ),
    "encrypted_zip_member": (
        "压缩包内的文件有密码保护，无法读取。",
        "the archive member is password-protected",
        "error",
    ),
    "corrupt_zip_member": (
        "压缩包内的文件已损坏（{reason}）。",
        "the archive member is damaged ({reason})",
        "error",
    ),
    "corrupt_archive": (
        "压缩包或光盘映像已损坏，无法打开（{reason}）。",
        "the archive or disc image is damaged and cannot be opened ({reason})",
        "error",
    ),
    "unsupported_image": (
        "不支持的光盘映像格式（{reason}）。请用刻录软件另存为标准 .iso 映像。",
        "unsupported disc image ({reason}); save it as a standard .iso image",
        "error",
    ),
    "nested_too_deep": (
        "压缩包嵌套层数过多，内层内容未展开。",
        "archives nested too deeply; the inner content was not opened",
        "error",
    ),
    "unreadable_file": (
        "无法读取文件（{reason}），光盘可能有划痕或损坏。",
        "the file cannot be read ({reason}); the disc may be scratched or damaged",
        "error",
    ),
    "permission_denied": (
        "没有读取权限（{reason}），请检查文件的权限后重新导入。",
        "permission denied ({reason}); check the file's permissions and import again",
        "error",
    ),
    "unreadable_folder": (
        "无法打开这个文件夹（{reason}），其中的文件没有导入。",
        "this folder cannot be opened ({reason}); the files in it were not imported",
        "error",
    ),
    "archive_too_large": (
        "压缩包解压后总量过大（已达 {size}，上限 {budget}），疑似“压缩炸弹”，其余文件已跳过。",
        "the archive as a whole would expand to {size} (limit {budget}); a suspected zip bomb, "
        "the remaining members were skipped",
        "error",
    ),
    "symlink": (
        "这是一个符号链接，未跟随读取。",
        "a symbolic link; not followed",
        "warning",
    ),
    "duplicate_submission": (
        "同一案卷重复报送：与 {other} 内容完全相同。",
        "the same case file was submitted twice: identical to {other}",
        "warning",
    ),
    "imported_twice": (
        "同一文件已从另一来源导入（{source}），同一路径、内容完全相同：可能同一张光盘导入了两次。",
        "the same file at the same path was already imported from another source ({source}): "
        "perhaps one disc imported twice",
        "warning",
    ),
}


def problem(code: str, **values: object) -> Problem:
    """A problem from the catalog, its messages filled with ``values``."""
    zh, en, severity = _CATALOG[code]
    return Problem(code, zh.format(**values), en.format(**values), severity)


def all_codes() -> list[str]:
    return sorted(_CATALOG)


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")
