"""Write the Windows version resource (file properties → Details) for PyInstaller from app.__version__."""

from __future__ import annotations

import sys
from pathlib import Path

TEMPLATE = """\
# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'ReviewDesk developers'),
      StringStruct('FileDescription', '案卷评审台 ReviewDesk'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'ReviewDesk'),
      StringStruct('LegalCopyright', 'AGPL-3.0-or-later'),
      StringStruct('OriginalFilename', '{exe}'),
      StringStruct('ProductName', '案卷评审台 ReviewDesk'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""


def version_info(version: str, exe: str) -> str:
    numbers = [int(part) if part.isdigit() else 0 for part in version.split(".")[:4]]
    numbers += [0] * (4 - len(numbers))
    return TEMPLATE.format(nums=tuple(numbers), version=version, exe=exe)


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    from app import __version__

    out = Path(sys.argv[1])
    out.write_text(version_info(__version__, sys.argv[2] if len(sys.argv) > 2 else "ReviewDesk.exe"), "utf-8")
