# Install ReviewDesk on a Windows laptop with no network, from the wheelhouse folder this script is in.
# Needs only that folder and Python 3.11 (64-bit) installed from python.org's installer.
#   Right-click → "Run with PowerShell", or:  powershell -ExecutionPolicy Bypass -File install-offline.ps1
# Installs into %LOCALAPPDATA%\ReviewDesk\venv and puts a "ReviewDesk" shortcut on the desktop.
# Saved as UTF-8 with a BOM: Windows PowerShell 5.1 reads a file without one in the ANSI code page.
$ErrorActionPreference = "Stop"
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$wheels = Join-Path $here "wheels"
$target = Join-Path $env:LOCALAPPDATA "ReviewDesk\venv"

# The py launcher comes with python.org's installer; fall back to python on PATH.
$exe = $null; $pre = @()
if (Get-Command py -ErrorAction SilentlyContinue) { $exe = "py"; $pre = @("-3.11") }
elseif (Get-Command python -ErrorAction SilentlyContinue) { $exe = "python" }
if (-not $exe) { throw "找不到 Python 3.11，请先安装 python-3.11.x-amd64.exe / Python 3.11 (64-bit) is not installed" }
$version = & $exe @pre -c "import sys, struct; print('%d.%d-%d' % (sys.version_info[0], sys.version_info[1], struct.calcsize('P') * 8))"
if ($version -ne "3.11-64") { throw "需要 64 位 Python 3.11，找到的是 $version / 64-bit Python 3.11 is needed, found $version" }

Write-Host "创建虚拟环境 / making the virtual environment: $target"
& $exe @pre -m venv $target
if ($LASTEXITCODE -ne 0) { throw "venv failed" }
$venvPython = Join-Path $target "Scripts\python.exe"

Write-Host "从本文件夹安装（不联网）/ installing from this folder only (no network)"
& $venvPython -m pip install --no-index --find-links $wheels --require-hashes --only-binary=:all: `
    --disable-pip-version-check -r (Join-Path $here "requirements.txt")
if ($LASTEXITCODE -ne 0) { throw "pip install of the dependencies failed" }
$own = Get-ChildItem $wheels -Filter "reviewdesk-*.whl" | Select-Object -First 1
& $venvPython -m pip install --no-index --no-deps --disable-pip-version-check $own.FullName
if ($LASTEXITCODE -ne 0) { throw "pip install of ReviewDesk failed" }

& (Join-Path $target "Scripts\reviewdesk.exe") --version
if ($LASTEXITCODE -ne 0) { throw "reviewdesk --version failed" }

$shell = New-Object -ComObject WScript.Shell
$link = $shell.CreateShortcut((Join-Path ([Environment]::GetFolderPath("Desktop")) "ReviewDesk.lnk"))
$link.TargetPath = Join-Path $target "Scripts\reviewdesk-desk.exe"
$link.Description = "案卷评审台 ReviewDesk"
$link.Save()
Write-Host "完成：桌面上的 ReviewDesk 图标打开评审台；命令行为 $target\Scripts\reviewdesk.exe"
Write-Host "Done: the ReviewDesk icon on the desktop opens the desk; the command line is $target\Scripts\reviewdesk.exe"
